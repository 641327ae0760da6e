"""Invoice field extraction: the real corpus (when present) and generated inputs.

The corpus lives outside the repo (../shared/corpus/) and is not shipped to users, so those
tests skip cleanly without it; everything else builds its own samples.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from subsidy_cli.scan.readers import ofd as ofd_module
from subsidy_cli.scan.invoice import credit_code_ok, extract_invoice_fields, read_invoice, read_invoice_pdf
from subsidy_cli.scan.readers.ofd import read_ofd

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus" / "invoices"
TRUTH = CORPUS / "truth.tsv"
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _truth_rows() -> list:
    if not TRUTH.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"corpus absent: {CORPUS}"))]
    with TRUTH.open(encoding="utf-8") as fh:
        return [pytest.param(row, id=row["file"]) for row in csv.DictReader(fh, delimiter="\t")]


def _same_name(a: str | None, b: str) -> bool:
    """Names compare after NFKC (（） vs ()) and without spaces."""
    norm = lambda s: unicodedata.normalize("NFKC", s or "").replace(" ", "")  # noqa: E731
    return norm(a) == norm(b)


def code(first17: str) -> str:
    """A credit code with a valid check character, for synthetic invoices."""
    return next(first17 + c for c in CHARSET if credit_code_ok(first17 + c))


BUYER, SELLER = code("91110108MA01ABCD1"), code("91110105MA02XYHW3")


# --- the real corpus -------------------------------------------------------------------------


@pytest.mark.parametrize("row", _truth_rows())
def test_corpus_file_read_right(row: dict) -> None:
    fields = read_invoice(CORPUS / row["file"])
    assert fields.get("invoice_number") == row["invoice_number"]
    assert fields.get("issue_date") == row["issue_date"]
    assert fields.get("total") == row["total"]
    assert _same_name(fields.get("seller_name"), row["seller"])
    assert fields["problems"] == []


def test_every_corpus_file_has_truth() -> None:
    if not TRUTH.is_file():
        pytest.skip(f"corpus absent: {CORPUS}")
    listed = {row["file"] for row in csv.DictReader(TRUTH.open(encoding="utf-8"), delimiter="\t")}
    present = {p.name for p in CORPUS.iterdir() if p.suffix.lower() in (".pdf", ".ofd")}
    assert present <= listed


# --- synthetic texts -------------------------------------------------------------------------

LABELS_FIRST = f"""合 计
价税合计(大写)
(小写)
销
名 称:
纳税人识别号:
发票代码:
发票号码:
开票日期:
年
月
日
章
制
监
票
发
北京增值税电子普通发票
011002300211
12345678
2023  02  28
59087  83591  04398  55111
北京甲乙人工智能科技有限公司
{BUYER}
北京市海淀区中关村大街1号2层201室 010-12345678
中国工商银行股份有限公司北京中关村支行 02000123456789012345
¥1061.95 ¥138.05
¥1200.00壹仟贰佰圆整
北京算力服务中心有限公司
{SELLER}
北京市朝阳区三元里路5号3层 010-87654321
*信息技术服务*算力租赁 1 1061.95 1061.9513% 138.05
司
公
限
有
心
中
务
服
"""


def test_labels_first_values_out_of_order() -> None:
    fields = extract_invoice_fields(LABELS_FIRST)
    assert fields == {
        "invoice_code": "011002300211",
        "invoice_number": "12345678",
        "issue_date": "2023-02-28",
        "total": "1200.00",
        "total_upper": "1200.00",
        "buyer_name": "北京甲乙人工智能科技有限公司",
        "buyer_credit_code": BUYER,
        "seller_name": "北京算力服务中心有限公司",
        "seller_credit_code": SELLER,
        "problems": [],
    }


def test_code_and_number_apart() -> None:
    text = LABELS_FIRST.replace("011002300211\n12345678\n", "12345678\n北京\n011002300211\n")
    fields = extract_invoice_fields(text)
    assert (fields["invoice_number"], fields["invoice_code"]) == ("12345678", "011002300211")


def test_full_width_characters_are_normalised() -> None:
    text = (
        "电子发票（增值税专用发票） 发票号码：２４１１２０００００００１９５６２１６３\n"
        "开票日期：２０２４年０４月０７日\n"
        f"购买方名称：北京甲乙人工智能科技有限公司 统一社会信用代码/纳税人识别号：{BUYER}\n"
        f"销售方名称：北京算力服务中心有限公司 统一社会信用代码/纳税人识别号：{SELLER}\n"
        "价税合计（大写）壹仟贰佰叁拾肆圆伍角 （小写）￥１，２３４．５０\n"
    )
    fields = extract_invoice_fields(text)
    assert fields["invoice_number"] == "24112000000019562163"
    assert "invoice_code" not in fields
    assert fields["issue_date"] == "2024-04-07"
    assert fields["total"] == "1234.50"
    assert fields["seller_name"] == "北京算力服务中心有限公司"
    assert fields["problems"] == []


def test_labels_beside_values_win_over_order() -> None:
    text = (
        f"销售方纳税人识别号:{SELLER}\n销售方名称:北京算力服务中心有限公司\n"
        f"购买方纳税人识别号:{BUYER}\n购买方名称:北京甲乙人工智能科技有限公司\n"
        "发票代码:011002300211 发票号码:12345678 开票日期:2023年02月28日\n"
        "¥100.00 壹佰圆整"
    )
    fields = extract_invoice_fields(text)
    assert fields["seller_credit_code"] == SELLER
    assert fields["buyer_credit_code"] == BUYER


def test_upper_case_amount_mismatch_is_a_problem() -> None:
    text = LABELS_FIRST.replace("壹仟贰佰圆整", "壹仟贰佰伍拾圆整")
    fields = extract_invoice_fields(text)
    assert fields["total"] == "1200.00"
    assert fields["total_upper"] == "1250.00"
    assert fields["problems"] == [{"code": "invoice.upper_mismatch", "upper": "1250.00", "total": "1200.00"}]


@pytest.mark.parametrize(
    "written", ["2023年02月28日", "2023  02  28", "2023 年 2 月 28 日", "开票日期: 2023-02-28"]
)
def test_date_forms(written: str) -> None:
    assert extract_invoice_fields(f"发票号码: 12345678\n{written}\n")["issue_date"] == "2023-02-28"


def test_stay_dates_in_remarks_do_not_beat_the_issue_date() -> None:
    text = "2023  12  28\n入离店日期:2023-12-26至2023-12-27"
    assert extract_invoice_fields(text)["issue_date"] == "2023-12-28"


def test_glued_amount_and_rate_are_not_a_total() -> None:
    fields = extract_invoice_fields("*电子计算机*服务器 1 219.47 219.4713% 28.53\n¥248.00 贰佰肆拾捌圆整")
    assert fields["total"] == "248.00"


def test_bank_account_is_not_the_invoice_number() -> None:
    text = "开户行及账号: 中国建设银行股份有限公司北京分行 52050161360000000115\n24112000000019562163\n2024年04月07日"
    assert extract_invoice_fields(text)["invoice_number"] == "24112000000019562163"


def test_garbled_labels_with_good_values() -> None:
    text = LABELS_FIRST.replace("发票代码:", "\x01\x02\x03\x0b").replace("名 称:", '! "# $\x0c')
    assert extract_invoice_fields(text)["invoice_number"] == "12345678"


def test_wrong_check_character_is_not_a_credit_code() -> None:
    bad = BUYER[:-1] + next(c for c in CHARSET if c != BUYER[-1])
    fields = extract_invoice_fields(f"北京甲乙人工智能科技有限公司\n{bad}\n北京算力服务中心有限公司\n{SELLER}")
    assert bad not in fields.values()
    # the one valid code sits by the second name, so it is the seller's (buyer is a person)
    assert fields["seller_credit_code"] == SELLER
    assert "buyer_credit_code" not in fields
    assert fields["buyer_name"] == "北京甲乙人工智能科技有限公司"


def test_nothing_found_says_so() -> None:
    fields = extract_invoice_fields("hello")
    assert set(fields) == {"problems"}
    assert [p["field"] for p in fields["problems"]] == ["invoice_number", "issue_date", "total", "seller_name"]


# --- PDF files -------------------------------------------------------------------------------


def _pdf(path: Path, pages: list[list[str]]) -> Path:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for lines in pages:
        c.setFont("STSong-Light", 10)
        for i, line in enumerate(lines):
            c.drawString(40, 800 - 16 * i, line)
        c.showPage()
    c.save()
    return path


def test_read_invoice_pdf_end_to_end(tmp_path: Path) -> None:
    page = [
        "开票日期：2024年04月07日",
        "北京甲乙人工智能科技有限公司", BUYER, "北京算力服务中心有限公司", SELLER,
        "价税合计（大写）伍佰捌拾伍圆整 （小写）¥585.00",
    ]
    path = _pdf(tmp_path / "inv.pdf", [page, ["清单"], ["发票号码：24112000000019562163"]])
    fields = read_invoice(path)
    assert fields["total"] == "585.00"
    assert fields["issue_date"] == "2024-04-07"
    assert fields["seller_name"] == "北京算力服务中心有限公司"
    assert "invoice_number" not in fields  # page 3 is beyond max_pages
    assert fields["problems"] == [{"code": "invoice.unreadable_field", "field": "invoice_number"}]
    assert read_invoice_pdf(path, max_pages=3)["invoice_number"] == "24112000000019562163"


def test_corrupt_pdf_raises_value_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.7\nthis is not a pdf")
    with pytest.raises(ValueError):
        read_invoice(path)


def test_importing_invoice_module_does_not_import_pypdf() -> None:
    code_ = "import sys, subsidy_cli.scan.invoice, subsidy_cli.scan.readers.ofd; print('pypdf' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code_], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- OFD files -------------------------------------------------------------------------------

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _text_object(oid: int, x: float, y: float, text: str) -> str:
    return (
        f'<ofd:TextObject ID="{oid}" Boundary="{x} {y} 80 5" Font="1" Size="3">'
        f'<ofd:TextCode X="0" Y="3">{text}</ofd:TextCode></ofd:TextObject>'
    )


def _ofd(
    path: Path,
    objects: list[tuple[float, float, str]],
    attachment: str | None = None,
    custom_tag: str | None = None,
    **extra: bytes,
) -> Path:
    """A minimal OFD: OFD.xml -> Doc_0/Document.xml -> one page (TextObject IDs from 10 up),
    with an optional declared XML attachment and custom tag file."""
    body = "".join(_text_object(i + 10, x, y, t) for i, (x, y, t) in enumerate(objects))
    attach_ref = "<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>" if attachment else ""
    attach_ref += "<ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags>" if custom_tag else ""
    members = {
        "OFD.xml": f"<ofd:OFD {NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'<ofd:Document {NS}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
        f"</ofd:Pages>{attach_ref}</ofd:Document>",
        "Doc_0/Pages/Page_0/Content.xml": f'<ofd:Page {NS}><ofd:Content><ofd:Layer ID="2">{body}'
        "</ofd:Layer></ofd:Content></ofd:Page>",
    }
    if attachment:
        members["Doc_0/Attachs/Attachments.xml"] = (
            f'<ofd:Attachments {NS}><ofd:Attachment ID="9" Name="data"><ofd:FileLoc>data.xml</ofd:FileLoc>'
            "</ofd:Attachment></ofd:Attachments>"
        )
        members["Doc_0/Attachs/data.xml"] = attachment
    if custom_tag:
        members["Doc_0/Tags/CustomTags.xml"] = (
            f"<ofd:CustomTags {NS}><ofd:CustomTag><ofd:FileLoc>CustomTag.xml</ofd:FileLoc>"
            "</ofd:CustomTag></ofd:CustomTags>"
        )
        members["Doc_0/Tags/CustomTag.xml"] = custom_tag
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in {**members, **extra}.items():
            z.writestr(name, data)
    return path


PAGE = [  # drawn out of order; positions give the reading order
    (150, 20, "¥585.00"), (20, 40, SELLER), (20, 30, "北京算力服务中心有限公司"), (20, 20, "价税合计（大写）伍佰捌拾伍圆整"),
    (20, 12, BUYER), (20, 5, "北京甲乙人工智能科技有限公司"), (150, 5, "发票号码：24112000000019562163"),
    (150, 10, "开票日期：2024年04月07日"),
]


def test_ofd_page_text_ordered_by_position(tmp_path: Path) -> None:
    fields = read_ofd(_ofd(tmp_path / "a.ofd", PAGE))
    assert fields["invoice_number"] == "24112000000019562163"
    assert fields["issue_date"] == "2024-04-07"
    assert fields["total"] == "585.00"
    assert fields["buyer_name"] == "北京甲乙人工智能科技有限公司"
    assert fields["seller_name"] == "北京算力服务中心有限公司"
    assert fields["problems"] == []


ATTACHMENT = f"""<?xml version="1.0" encoding="utf-8"?>
<eInvoice xmlns:fp="http://www.edrm.org.cn/schema/e-invoice/2019"><fp:InvoiceNo>24112000000019562163</fp:InvoiceNo>
<fp:IssueDate>2024年04月07日</fp:IssueDate><fp:Buyer><fp:BuyerName>北京甲乙人工智能科技有限公司</fp:BuyerName>
<fp:BuyerTaxID>{BUYER}</fp:BuyerTaxID></fp:Buyer><fp:Seller><fp:SellerName>北京算力服务中心（有限合伙）有限公司</fp:SellerName>
<fp:SellerTaxID>{SELLER}</fp:SellerTaxID></fp:Seller><fp:TaxInclusiveTotalAmount>585.00</fp:TaxInclusiveTotalAmount>
</eInvoice>"""


def test_ofd_attachment_values_win(tmp_path: Path) -> None:
    fields = read_ofd(_ofd(tmp_path / "b.ofd", [], attachment=ATTACHMENT))
    assert fields["invoice_number"] == "24112000000019562163"
    assert fields["issue_date"] == "2024-04-07"
    assert fields["total"] == "585.00"
    assert fields["seller_name"] == "北京算力服务中心(有限合伙)有限公司"
    assert fields["seller_credit_code"] == SELLER
    assert fields["problems"] == []


def test_ofd_page_disagreeing_with_attachment_is_a_problem(tmp_path: Path) -> None:
    page = [(x, y, t.replace("585.00", "985.00")) for x, y, t in PAGE]
    fields = read_ofd(_ofd(tmp_path / "c.ofd", page, attachment=ATTACHMENT))
    assert fields["total"] == "585.00"
    assert {"code": "invoice.inconsistent", "field": "total", "page": "985.00", "data": "585.00"} in fields["problems"]


def test_ofd_undeclared_attachment_is_still_found(tmp_path: Path) -> None:
    path = _ofd(tmp_path / "u.ofd", [], **{"Doc_0/Attachs/original_invoice.xml": ATTACHMENT.encode()})
    assert read_ofd(path)["seller_credit_code"] == SELLER


def test_ofd_custom_tags_point_at_page_objects(tmp_path: Path) -> None:
    # Two names with no credit codes: only the custom tags say which one is the seller.
    page = [(20, 5, "北京甲乙人工智能科技有限公司"), (20, 15, "北京算力服务中心有限公司"), (150, 5, "ABC")]
    tags = (
        f'<ofd:root {NS}><ofd:InvoiceNo><ofd:ObjectRef PageRef="1">12</ofd:ObjectRef></ofd:InvoiceNo>'
        '<ofd:Seller><ofd:SellerName><ofd:ObjectRef PageRef="1">10</ofd:ObjectRef></ofd:SellerName></ofd:Seller>'
        "</ofd:root>"
    )
    fields = read_ofd(_ofd(tmp_path / "t.ofd", page, custom_tag=tags))
    assert fields["seller_name"] == "北京甲乙人工智能科技有限公司"
    assert fields["buyer_name"] == "北京算力服务中心有限公司"
    assert "invoice_number" not in fields  # 'ABC' is not an invoice number


def test_read_invoice_sniffs_ofd_without_extension(tmp_path: Path) -> None:
    path = _ofd(tmp_path / "d.bin", [], attachment=ATTACHMENT)
    assert read_invoice(path)["invoice_number"] == "24112000000019562163"


def test_corrupt_ofd_raises_value_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.ofd"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(ValueError, match="not an OFD"):
        read_ofd(path)
    good = _ofd(tmp_path / "good.ofd", PAGE).read_bytes()
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ValueError):
        read_ofd(path)


def test_ofd_without_ofd_xml_raises(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    (tmp_path / "e.ofd").write_bytes(buf.getvalue())
    with pytest.raises(ValueError, match="OFD.xml"):
        read_ofd(tmp_path / "e.ofd")


def test_ofd_oversized_part_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _ofd(tmp_path / "f.ofd", PAGE, **{"Doc_0/Attachs/big.xml": b"<a>" + b"0" * 5000 + b"</a>"})
    monkeypatch.setattr(ofd_module, "MAX_MEMBER_BYTES", 4000)
    with pytest.raises(ValueError, match="size limit"):
        read_ofd(path)


def test_ofd_total_budget_is_enforced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _ofd(tmp_path / "g.ofd", PAGE, attachment=ATTACHMENT)
    monkeypatch.setattr(ofd_module, "MAX_TOTAL_BYTES", 600)
    with pytest.raises(ValueError, match="size limit"):
        read_ofd(path)


def test_ofd_with_dtd_is_refused(tmp_path: Path) -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;</a>'
    path = _ofd(tmp_path / "h.ofd", PAGE, attachment=bomb)
    with pytest.raises(ValueError, match="DTD"):
        read_ofd(path)
