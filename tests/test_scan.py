"""The dossier scanner on real files generated here: classification, fields, hostile inputs,
the cache, the process pool, and the `subsidy scan` command."""

import csv
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from subsidy_cli.errors import InputError
from subsidy_cli.scan import Problem, ScannedFile, cache, readers, scan_dossier
from subsidy_cli.scan import dossier as dossier_module
from subsidy_cli.scan import walk as walk_module
from subsidy_cli.scan.readers import pdf as pdf_reader

CORPUS = ROOT.parent / "shared" / "corpus" / "invoices"
BUYER, BUYER_CODE = "北京智算示例科技有限公司", "91520000MA6DKWDM90"
SELLER, SELLER_CODE = "北京算力供给有限公司", "91110108690017781B"


@pytest.fixture(autouse=True)
def _cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


# ------------------------------------------------------------------ file makers

def pdf(path: Path, pages: list[list[str]], image: Path | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        if image:
            c.drawImage(str(image), 100, 400, 200, 200)
        c.setFont("STSong-Light", 11)
        for i, line in enumerate(lines):
            c.drawString(60, 780 - 18 * i, line)
        c.showPage()
    c.save()
    return path


def png(path: Path) -> Path:
    from PIL import Image
    Image.new("RGB", (40, 40), (200, 20, 20)).save(path)
    return path


def docx_file(path: Path, paragraphs: list[str], table: list[list[str]] = (), picture: Path | None = None) -> Path:
    import docx
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    if picture:
        d.add_picture(str(picture))
    d.save(path)
    return path


def xlsx(path: Path, rows: list[list]) -> Path:
    import openpyxl
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


CONTRACT = ["算力服务合同", "合同编号：ＨＴ－２０２４－００１", f"甲方（采购方）：{BUYER}", f"乙方（服务方）：{SELLER}",
            "合同总金额：人民币壹佰贰拾万元整（¥1,200,000.00）", "服务期限：2024年6月1日至2025年5月31日",
            "签订日期：2024年5月20日"]
INVOICE = ["电子发票（普通发票）", "发票号码：24112000000019562163", "开票日期：2024年07月20日",
           f"购买方信息 名称：{BUYER}", f"统一社会信用代码/纳税人识别号：{BUYER_CODE}",
           f"销售方信息 名称：{SELLER}", f"统一社会信用代码/纳税人识别号：{SELLER_CODE}",
           "*信息技术服务*算力租赁服务 ¥94339.62 6% ¥5660.38",
           "价税合计（大写） 壹拾万圆整 （小写）¥100000.00"]
PAYMENT = ["中国工商银行 电子回单", "交易日期：2024-07-15", f"付款人 户名：{BUYER} 账号：0200001234567890",
           f"收款人 户名：{SELLER} 账号：0200009876543210", "金额（小写）：¥100,000.00", "金额（大写）：人民币壹拾万元整"]


@pytest.fixture
def good(tmp_path) -> Path:
    root = tmp_path / "dossier"
    (root / "invoices").mkdir(parents=True)
    (root / "misc").mkdir()
    (root / ".git").mkdir()
    (root / ".git" / "x.pdf").write_bytes(b"%PDF-1.4 hidden")
    (root / ".DS_Store").write_bytes(b"junk")
    (root / "subsidy.toml").write_text("schema = 1\n", encoding="utf-8")
    pdf(root / "合同_HT-2024-001.pdf", [CONTRACT, ["第二页"], ["第三页"], ["第四页"], ["第五页"]])
    pdf(root / "invoices" / "24112000000019562163.pdf", [INVOICE])
    pdf(root / "付款回单_20240715.pdf", [PAYMENT])
    pdf(root / "scan0001.pdf", [CONTRACT])                       # a contract known by its text only
    pic = png(tmp_path / "seal.png")
    pdf(root / "承诺书（盖章）.pdf", [[]], image=pic)               # a scan: image, no text
    docx_file(root / "结算单_HT-2024-001_2024-07.docx", ["算力服务结算单"],
              [["合同编号", "HT-2024-001"], ["结算周期", "2024年7月"], ["本期结算金额", "¥100,000.00"]])
    docx_file(root / "申报书.docx", ["石景山区算力应用支持资金申报书"], picture=pic)
    xlsx(root / "财务报表2024.xlsx", [["资产负债表"], ["货币资金", 1000]])
    png(root / "营业执照.png")
    (root / "misc" / "other.pdf").write_bytes((root / "scan0001.pdf").read_bytes())
    return root


def by_path(files: list[ScannedFile]) -> dict[str, ScannedFile]:
    return {f.path: f for f in files}


def codes(f: ScannedFile) -> list[str]:
    return [p.code for p in f.problems]


def snapshot(root: Path) -> dict:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            data = open(p, "rb").read() if os.path.isfile(p) and not os.path.islink(p) else os.readlink(p) if os.path.islink(p) else None
            out[p] = (st.st_mtime_ns, data)
    return out


# ------------------------------------------------------------------ classification and fields

def test_a_good_dossier_is_classified_with_fields(good):
    files = scan_dossier(good, overrides={"misc/other.pdf": "authorization"}, jobs=1)
    got = by_path(files)
    assert list(got) == sorted(got)
    assert set(got) == {"invoices/24112000000019562163.pdf", "misc/other.pdf", "scan0001.pdf", "申报书.docx",
                        "付款回单_20240715.pdf", "合同_HT-2024-001.pdf", "承诺书（盖章）.pdf",
                        "结算单_HT-2024-001_2024-07.docx", "营业执照.png", "财务报表2024.xlsx"}
    types = {p: f.type for p, f in got.items()}
    assert types == {"invoices/24112000000019562163.pdf": "invoice", "misc/other.pdf": "authorization",
                     "scan0001.pdf": "contract", "申报书.docx": "application_form",
                     "付款回单_20240715.pdf": "payment_proof", "合同_HT-2024-001.pdf": "contract",
                     "承诺书（盖章）.pdf": "undertaking", "结算单_HT-2024-001_2024-07.docx": "settlement_sheet",
                     "营业执照.png": "business_license", "财务报表2024.xlsx": "financial_statements"}
    contract = got["合同_HT-2024-001.pdf"]
    assert contract.fields == {"contract_number": "HT-2024-001", "party_a": BUYER, "party_b": SELLER,
                               "amount": "1200000.00", "signed_on": "2024-05-20", "start": "2024-06-01",
                               "end": "2025-05-31", "title": "算力服务合同"}     # the title: subsidy draft's kind
    assert (contract.pages, contract.has_image, contract.text_layer, contract.problems) == (5, False, True, [])
    assert contract.confidence == 0.95 and contract.reason == "name contains 合同; title contains 合同"
    invoice = got["invoices/24112000000019562163.pdf"]
    assert invoice.fields == {"invoice_number": "24112000000019562163", "issue_date": "2024-07-20",
                              "total": "100000.00", "total_upper": "100000.00", "buyer_name": BUYER,
                              "buyer_credit_code": BUYER_CODE, "seller_name": SELLER,
                              "seller_credit_code": SELLER_CODE}
    assert invoice.problems == []
    assert got["付款回单_20240715.pdf"].fields == {"date": "2024-07-15", "amount": "100000.00",
                                                  "payer": BUYER, "payee": SELLER}
    assert got["结算单_HT-2024-001_2024-07.docx"].fields == {
        "contract_number": "HT-2024-001", "period_start": "2024-07-01", "period_end": "2024-07-31",
        "amount": "100000.00"}
    scan = got["承诺书（盖章）.pdf"]
    assert (scan.has_image, scan.text_layer, scan.reason) == (True, False, "name contains 承诺书")
    assert scan.problems == [Problem("file.no_text_layer", "info", scan.problems[0].message)]
    assert got["scan0001.pdf"].reason == "title contains 合同" and got["scan0001.pdf"].confidence == 0.75
    assert got["申报书.docx"].has_image is True
    assert got["营业执照.png"].has_image is True
    assert got["misc/other.pdf"].confidence == 1.0 and got["misc/other.pdf"].reason == "[materials] in subsidy.toml"
    assert all(not f.problems for p, f in got.items() if p != "承诺书（盖章）.pdf")


def test_to_json_shape(good):
    f = by_path(scan_dossier(good, jobs=1))["合同_HT-2024-001.pdf"]
    data = f.to_json()
    assert list(data) == ["path", "type", "confidence", "reason", "fields", "problems", "pages", "has_image"]
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data   # no seal: a born-digital contract
    png_json = by_path(scan_dossier(good, jobs=1))["营业执照.png"].to_json()
    assert "pages" not in png_json and png_json["has_image"] is True


def test_unknown_override_type_is_a_problem(good):
    f = by_path(scan_dossier(good, overrides={"营业执照.png": "licence"}, jobs=1))["营业执照.png"]
    assert f.type == "business_license" and codes(f) == ["materials.unknown_type"]
    from subsidy_cli.messages import render
    [p] = f.problems
    assert render(p.code, p.text_params(), "zh") == \
        "[materials] 中的材料类型“licence”无法识别（可用类型见 docs/scan.md）"
    assert render(p.code, p.text_params(), "en") == \
        "[materials] gives unknown type 'licence' (the types are listed in docs/scan.md)"
    near = by_path(scan_dossier(good, overrides={"营业执照.png": "contrac"}, jobs=1))["营业执照.png"]
    assert render(near.problems[0].code, near.problems[0].text_params(), "zh") == \
        "[materials] 中的材料类型“contrac”无法识别，是否为 contract？（可用类型见 docs/scan.md）"


def test_the_scan_writes_nothing_into_the_dossier(good):
    before = snapshot(good)
    scan_dossier(good)
    scan_dossier(good)
    assert snapshot(good) == before


# ------------------------------------------------------------------ hostile inputs

@pytest.fixture
def hostile(tmp_path) -> Path:
    root = tmp_path / "hostile"
    root.mkdir()
    (root / "empty.pdf").write_bytes(b"")
    (root / "合同.docx").write_text("this is just text, renamed", encoding="utf-8")
    with zipfile.ZipFile(root / "财务报表.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            block = b"\0" * 2**20
            for _ in range(200):
                fh.write(block)
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\ngarbage\x00\xff" * 3)
    from pypdf import PdfWriter
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt(user_password="secret", owner_password="owner")
    with open(root / "发票_locked.pdf", "wb") as fh:
        w.write(fh)
    bad_name = os.fsencode(str(root)) + b"/\xff\xfe\xb7\xa2\xc6\xb1.pdf"  # GBK '发票' bytes: not UTF-8
    pdf(Path(os.fsdecode(bad_name)), [INVOICE])
    (root / "loop").symlink_to("loop")
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    outside = tmp_path / "secret.pdf"
    pdf(outside, [CONTRACT])
    (root / "合同_outside.pdf").symlink_to(outside)
    (root / "sub" / "link_in.pdf").symlink_to(root / "broken.pdf")
    (root / "dangling.pdf").symlink_to(tmp_path / "nothing-here.pdf")
    (root / "fake.png").write_text("not an image", encoding="utf-8")
    return root


def test_hostile_inputs_become_problems_not_tracebacks(hostile):
    before = snapshot(hostile)
    got = by_path(scan_dossier(hostile, jobs=1))
    assert codes(got["empty.pdf"]) == ["file.empty"]
    assert codes(got["合同.docx"]) == ["file.wrong_type"] and got["合同.docx"].type == "contract"
    bomb = got["财务报表.xlsx"]
    assert codes(bomb) == ["file.too_large"] and "200 MB" in bomb.problems[0].message
    assert bomb.type == "financial_statements"
    assert codes(got["broken.pdf"]) == ["file.corrupt"]
    assert codes(got["sub/link_in.pdf"]) == ["file.corrupt"]
    assert codes(got["发票_locked.pdf"]) == ["file.encrypted"] and got["发票_locked.pdf"].type == "invoice"
    assert codes(got["loop"]) == ["file.link_loop"]
    assert codes(got["sub/up"]) == ["file.link_loop"]
    assert codes(got["合同_outside.pdf"]) == ["file.link_outside"] and got["合同_outside.pdf"].fields == {}
    assert codes(got["dangling.pdf"]) == ["file.link_broken"]
    assert codes(got["fake.png"]) == ["file.wrong_type"]
    [bad] = [f for p, f in got.items() if p.startswith("\\x")]
    assert bad.path == "\\xff\\xfe\\xb7\\xa2Ʊ.pdf"  # c6 b1 happens to be UTF-8
    assert codes(bad) == ["file.bad_name"] and bad.type == "invoice"
    assert bad.fields["invoice_number"] == "24112000000019562163"
    assert all(p.severity in ("error", "warning", "info") and "\n" not in p.message
               for f in got.values() for p in f.problems)
    json.dumps([f.to_json() for f in got.values()])
    assert snapshot(hostile) == before


def test_a_reader_exception_becomes_file_corrupt_with_a_stable_message(good, monkeypatch):
    def boom(path):
        raise KeyError("/Root at <object at 0x7f3a2c>")          # library text may hold addresses
    monkeypatch.setattr(readers, "read_pdf", boom)
    f = by_path(scan_dossier(good, cache=False, jobs=1))["合同_HT-2024-001.pdf"]
    assert f.problems == [Problem("file.corrupt", "error", "not readable as pdf (KeyError)")]
    assert f.type == "contract" and f.reason == "name contains 合同"


def test_pdf_pages_read_are_bounded(tmp_path, monkeypatch):
    root = tmp_path / "d"
    root.mkdir()
    pdf(root / "big.pdf", [[f"page {i}"] for i in range(40)])
    calls = _count_text_pages(monkeypatch)
    [f] = scan_dossier(root, cache=False, jobs=1)
    assert f.pages == 40 and len(calls) == pdf_reader.PDF_PAGES


SETTLEMENT = ["算力服务结算单", "合同编号：HT-2024-001", f"客户名称（甲方）：{BUYER}",
              "结算期间：2024年4月1日至2024年6月30日", "本期结算金额：人民币壹拾万元整（¥100,000.00）"]
ANNEX = [["附件1 服务级别、技术规格及计量明细（续）"], ["附件2 计量记录"], ["附件3 工单"], ["附件4"]]


def _count_text_pages(monkeypatch) -> list:
    """One entry per page whose text is read (readers/pdf.page_runs, fast or by pypdf)."""
    calls = []
    real = pdf_reader.page_runs
    monkeypatch.setattr(pdf_reader, "page_runs", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def test_a_settlement_sheet_complete_on_its_first_page_is_read_no_further(tmp_path, monkeypatch):
    root = tmp_path / "d"
    root.mkdir()
    pdf(root / "结算单_2024Q2.pdf", [SETTLEMENT, *ANNEX], image=png(tmp_path / "seal.png"))
    calls = _count_text_pages(monkeypatch)
    [f] = scan_dossier(root, cache=False, jobs=1)
    assert len(calls) == 1 and "附件" not in f.text
    assert f.type == "settlement_sheet" and f.pages == 5 and f.has_image
    assert f.fields == {"contract_number": "HT-2024-001", "period_start": "2024-04-01", "period_end": "2024-06-30",
                        "amount": "100000.00"}


def test_a_settlement_sheet_missing_a_field_on_page_one_is_read_on(tmp_path, monkeypatch):
    root = tmp_path / "d"
    root.mkdir()
    pdf(root / "结算单_2024Q2.pdf", [SETTLEMENT[:4], ["本期结算金额：¥100,000.00"], *ANNEX])
    calls = _count_text_pages(monkeypatch)
    [f] = scan_dossier(root, cache=False, jobs=1)
    assert len(calls) == pdf_reader.PDF_PAGES and f.fields["amount"] == "100000.00"


@pytest.mark.parametrize("name, materials", [("合同_HT-2024-001.pdf", None),          # the name says otherwise
                                              ("HT-2024-001.pdf", {"HT-2024-001.pdf": "contract"})])
def test_a_first_page_read_is_read_in_full_when_the_dossier_types_it_otherwise(tmp_path, monkeypatch, name, materials):
    root = tmp_path / "d"
    root.mkdir()
    pdf(root / name, [SETTLEMENT, *ANNEX])
    [f] = scan_dossier(root, overrides=materials, jobs=1)
    assert f.type == "contract" and "附件1" in f.text and "附件2" in f.text
    assert [g.to_json() for g in scan_dossier(root, overrides=materials, jobs=1)] == [f.to_json()]   # and cached so


def test_a_first_page_read_gives_the_same_fields_whatever_was_scanned_before(tmp_path):
    """The same bytes read in full for a dossier that types them otherwise must not change what a
    dossier typing them as a settlement sheet reads (found by review: the annex's 合计 won)."""
    sheet = ["算力服务结算单", "合同编号：HT-2024-001", "结算周期：2024-01-01 至 2024-01-31", "金额：¥100,000.00"]
    src = pdf(tmp_path / "src.pdf", [sheet, ["合计：¥90,000.00"]])
    d1, d2 = tmp_path / "d1", tmp_path / "d2"
    d1.mkdir(), d2.mkdir()
    (d1 / "sheet.pdf").write_bytes(src.read_bytes())
    (d2 / "合同附件.pdf").write_bytes(src.read_bytes())
    fresh = scan_dossier(d1, cache=False, jobs=1)[0].fields["amount"]
    assert fresh == "100000.00"
    assert scan_dossier(d2, jobs=1)[0].type == "contract"                    # read in full there
    assert scan_dossier(d1, jobs=1)[0].fields["amount"] == fresh
    other = {"sheet.pdf": "payment_proof"}
    assert scan_dossier(d1, overrides=other, jobs=1)[0].type == "payment_proof"
    assert scan_dossier(d1, jobs=1)[0].fields["amount"] == fresh             # the override removed again


# ------------------------------------------------------------------ cache and processes

def test_second_scan_is_served_from_the_cache(good, tmp_path, monkeypatch):
    first = [f.to_json() for f in scan_dossier(good, jobs=1)]
    cached = [p for p in (tmp_path / "cache" / "subsidy" / "scan-v1").rglob("*.json") if p.parent.name != "dossiers"]
    assert len(cached) == 9                      # misc/other.pdf has the bytes of scan0001.pdf
    for name in ("read_pdf", "read_docx", "read_xlsx", "read_image"):
        monkeypatch.setattr(readers, name, lambda path: (_ for _ in ()).throw(AssertionError("read again")))
    assert [f.to_json() for f in scan_dossier(good, jobs=1)] == first
    uncached = by_path(scan_dossier(good, jobs=1, cache=False))
    assert codes(uncached["合同_HT-2024-001.pdf"]) == ["file.unreadable"]


def test_a_changed_file_is_read_again(good):
    scan_dossier(good, jobs=1)
    pdf(good / "scan0001.pdf", [PAYMENT])
    assert by_path(scan_dossier(good, jobs=1))["scan0001.pdf"].type == "payment_proof"


def test_a_corrupt_cache_entry_is_ignored(good, tmp_path):
    first = [f.to_json() for f in scan_dossier(good, jobs=1)]
    for p in (tmp_path / "cache").rglob("*.json"):
        p.write_text("{not json", encoding="utf-8")
    assert [f.to_json() for f in scan_dossier(good, jobs=1)] == first


def test_process_pool_gives_the_same_result_and_reports_progress(good, monkeypatch):
    monkeypatch.setattr(dossier_module, "POOL_MIN_SECONDS", 0.0)    # a pool however small the work
    for i in range(8):
        pdf(good / f"合同_{i}.pdf", [CONTRACT])
    ticks = []
    serial = [f.to_json() for f in scan_dossier(good, jobs=1, cache=False)]
    parallel = [f.to_json() for f in scan_dossier(good, jobs=2, cache=False, progress=lambda d, t: ticks.append((d, t)))]
    assert parallel == serial
    assert ticks[-1] == (18, 18) and [d for d, _ in ticks] == list(range(1, 19))


# ------------------------------------------------------------------ corpus

@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared invoice corpus absent")
def test_corpus_invoices_classify_with_their_number():
    with open(CORPUS / "truth.tsv", encoding="utf-8") as fh:
        truth = {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}
    got = by_path(scan_dossier(CORPUS, jobs=1))
    for name, row in truth.items():
        f = got[name]
        assert (f.type, f.fields.get("invoice_number"), f.fields.get("total")) == (
            "invoice", row["invoice_number"], f"{float(row['total']):.2f}"), name


# ------------------------------------------------------------------ the command

def _app():
    import typer
    from subsidy_cli.commands import scan
    app = typer.Typer()
    app.command()(scan.scan)
    return app


def test_scan_command_json(good):
    from typer.testing import CliRunner
    (good / "subsidy.toml").write_text('schema = 1\n[materials]\n"misc/other.pdf" = "authorization"\n', encoding="utf-8")
    result = CliRunner().invoke(_app(), [str(good), "--format", "json", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "subsidy.scan/1"
    files = {f["path"]: f for f in data["files"]}
    assert files["misc/other.pdf"]["type"] == "authorization"
    assert files["invoices/24112000000019562163.pdf"]["fields"]["total"] == "100000.00"


def test_scan_command_table_and_no_cache(good, tmp_path):
    from typer.testing import CliRunner
    result = CliRunner().invoke(_app(), [str(good), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "申报书.docx" in result.stdout and "contract" in result.stdout
    assert result.stdout.endswith("10 个文件，0 个错误，0 个提示\n")
    assert not (tmp_path / "cache").exists()
    from subsidy_cli.commands.scan import key_fields
    contract = by_path(scan_dossier(good, jobs=1, cache=False))["合同_HT-2024-001.pdf"]
    assert key_fields(contract) == "HT-2024-001 ¥1200000.00 2024-06-01 2025-05-31"


def test_scan_table_says_what_is_wrong_in_chinese_by_default(tmp_path):
    """A consultant reads the scan table in Chinese: a renamed file's problem is described in Chinese
    under the default language, and by the reader's own English detail under --lang en."""
    from typer.testing import CliRunner
    (tmp_path / "合同.pdf").write_bytes(b"PK\x03\x04 this is a zip, not a PDF")
    zh = CliRunner().invoke(_app(), [str(tmp_path), "--no-cache"], env={"COLUMNS": "250"})
    assert "file.wrong_type: 文件内容与扩展名不符" in zh.stdout, zh.stdout
    en = CliRunner().invoke(_app(), [str(tmp_path), "--no-cache", "--lang", "en"], env={"COLUMNS": "250"})
    assert "file.wrong_type: named .pdf but" in en.stdout, en.stdout


def test_scan_command_needs_a_folder(tmp_path):
    from subsidy_cli.commands.scan import scan
    with pytest.raises(InputError) as exc:
        scan(tmp_path / "nope.toml")
    assert "not a folder" in exc.value.render("en") and "不是文件夹" in exc.value.render("zh")


def test_scan_through_main_exits_2_without_a_folder(tmp_path, capsys):
    from subsidy_cli import cli
    if "scan" not in [c.name for c in cli.app.registered_commands]:
        pytest.skip("scan is not registered in cli.py yet")
    with pytest.raises(SystemExit) as exc:
        cli.main(["scan", str(tmp_path / "nope")])
    assert exc.value.code == 2
    assert capsys.readouterr().err.startswith("subsidy: ")


def test_importing_the_scanner_loads_no_heavy_library():
    code = ("import sys\nimport subsidy_cli.scan, subsidy_cli.commands.scan\n"
            "sys.stderr.write(repr(sorted(m for m in ('pypdf', 'openpyxl', 'docx') if m in sys.modules)))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stderr.strip().endswith("[]"), proc.stderr


def test_damaged_copies_of_good_files_never_raise(good, tmp_path):
    import random
    rnd = random.Random(7)
    root = tmp_path / "damaged"
    root.mkdir()
    for name in ("合同_HT-2024-001.pdf", "结算单_HT-2024-001_2024-07.docx", "财务报表2024.xlsx"):
        data = (good / name).read_bytes()
        for k in range(6):
            b = bytearray(data[: rnd.randrange(1, len(data))] if k % 2 else data)
            for _ in range(0 if k % 2 else 4):
                b[rnd.randrange(len(b))] = rnd.randrange(256)
            (root / f"{k}_{name}").write_bytes(bytes(b))
    files = scan_dossier(root, jobs=1, cache=False)
    assert len(files) == 18
    truncated = [f for f in files if int(f.path[0]) % 2 and not f.path.endswith(".pdf")]
    assert all(codes(f) == ["file.corrupt"] for f in truncated), [(f.path, codes(f)) for f in truncated]
    assert all(p.code != "file.unreadable" for f in files for p in f.problems)


def test_progress_bar_only_on_a_terminal(monkeypatch):
    import io
    from subsidy_cli.commands.options import progress_bar as _progress
    with _progress() as tick:
        assert tick is None                       # pytest's stderr is not a terminal
    fake = io.StringIO()
    fake.isatty = lambda: True
    monkeypatch.setattr(sys, "stderr", fake)
    with _progress() as tick:
        tick(1, 2)
        tick(2, 2)


SAMPLE_DIRS = sorted(p.parent for p in (ROOT / "sample_dossiers").glob("*/subsidy.toml")
                     if any(p.parent.glob("*/*.pdf")))


@pytest.mark.skipif(not SAMPLE_DIRS, reason="no sample dossier with files")
@pytest.mark.parametrize("root", SAMPLE_DIRS, ids=lambda p: p.name)
def test_sample_dossiers_scan_cleanly(root):
    files = scan_dossier(root, jobs=1)
    for f in files:
        stem = Path(f.path).stem
        if f.path.startswith("03_") and f.path.endswith(".pdf"):
            assert f.type == "invoice" and f.fields.get("invoice_number") in stem, f.path
        if f.path.startswith("02_") and f.path.endswith(".pdf"):
            assert f.type == "contract" and f.fields.get("contract_number") in stem, f.path
        if f.type in ("settlement_sheet", "payment_proof"):
            assert f.fields.get("amount") and (f.fields.get("date") or f.fields.get("period_end")), f.path
        if not f.path.endswith(".md"):
            assert f.type != "other" and f.confidence >= 0.85, (f.path, f.reason)
        assert not [p for p in f.problems if p.severity == "error"], (f.path, f.problems)


def test_python_m_subsidy_scan(good):
    proc = subprocess.run([sys.executable, "-m", "subsidy_cli", "scan", str(good), "-f", "json", "--no-cache"],
                          capture_output=True, text=True, cwd=ROOT)
    if "No such command" in proc.stderr:
        pytest.skip("scan is not registered in cli.py")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert len(json.loads(proc.stdout)["files"]) == 10


def test_unwritable_cache_is_no_error(good, tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(scan_dossier(good, jobs=1)) == 10


def test_a_seal_on_the_last_page_counts_as_an_image(tmp_path):
    root = tmp_path / "d"
    root.mkdir()
    pic = png(tmp_path / "seal.png")
    pdf(root / "申报书.pdf", [["第一页"]] * 5)
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(tmp_path / "last.pdf"))
    c.drawImage(str(pic), 100, 100, 50, 50)
    c.showPage()
    c.save()
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter()
    for page in PdfReader(root / "申报书.pdf").pages:
        w.add_page(page)
    w.add_page(PdfReader(tmp_path / "last.pdf").pages[0])
    with open(root / "申报书.pdf", "wb") as fh:
        w.write(fh)
    [f] = scan_dossier(root, jobs=1)
    assert (f.pages, f.has_image, f.text_layer) == (6, True, True)


def test_a_reader_that_hangs_is_stopped(good, monkeypatch):
    import time
    monkeypatch.setattr(readers, "READ_TIMEOUT", 0.3)
    monkeypatch.setattr(readers, "read_pdf", lambda path: time.sleep(30))
    start = time.monotonic()
    f = by_path(scan_dossier(good, jobs=1, cache=False))["付款回单_20240715.pdf"]
    assert time.monotonic() - start < 10
    assert f.problems == [Problem("file.unreadable", "error", "reading took longer than 0.3 s; not read")]
    assert f.type == "payment_proof"


def test_unknown_override_type_suggests_the_nearest(good):
    f = by_path(scan_dossier(good, overrides={"营业执照.png": "bussiness_license"}, jobs=1))["营业执照.png"]
    assert f.problems[0].message == "[materials] gives unknown type 'bussiness_license'; did you mean 'business_license'?"


def test_file_manager_junk_and_deep_folders(tmp_path, monkeypatch):
    root = tmp_path / "d"
    (root / "__MACOSX").mkdir(parents=True)
    (root / "__MACOSX" / "x.pdf").write_bytes(b"junk")
    (root / "Thumbs.db").write_bytes(b"junk")
    deep = root.joinpath(*["a"] * 5)
    deep.mkdir(parents=True)
    (deep / "合同.pdf").write_bytes(b"")
    monkeypatch.setattr(walk_module, "MAX_DEPTH", 3)
    files = scan_dossier(root, jobs=1)
    assert [(f.path, codes(f)) for f in files] == [("a/a/a", ["file.unreadable"])]


def test_a_cache_folder_inside_the_dossier_is_not_used(good, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(good / "cache-here"))
    before = snapshot(good)
    scan_dossier(good, jobs=1)
    assert snapshot(good) == before and not (good / "cache-here").exists()


def test_scan_command_without_a_profile(good):
    from typer.testing import CliRunner
    (good / "subsidy.toml").unlink()
    result = CliRunner().invoke(_app(), [str(good), "-f", "json"])
    assert result.exit_code == 0, result.output
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert files["misc/other.pdf"]["type"] == "contract" and "subsidy.toml" not in files


def test_settlement_sheet_as_a_workbook(tmp_path):
    root = tmp_path / "d"
    root.mkdir()
    xlsx(root / "结算单_HT-2024-001_2024-07.xlsx", [["算力服务结算单"], ["合同编号", "HT-2024-001"],
                                                 ["结算周期", "2024年7月1日至2024年7月31日"], ["本期结算金额", 100000]])
    [f] = scan_dossier(root, jobs=1)
    assert f.type == "settlement_sheet"
    assert f.fields == {"contract_number": "HT-2024-001", "period_start": "2024-07-01", "period_end": "2024-07-31",
                        "amount": "100000.00"}


def test_scan_help_text():
    from typer.testing import CliRunner
    result = CliRunner().invoke(_app(), ["--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "The materials table of subsidy.toml, when present, overrides the guessed types." in text.replace("│ ", "").replace(" │", "")


def test_messages_with_undecodable_names_can_be_written(good, monkeypatch):
    bad = os.fsdecode(b"/x/\xff.pdf")

    def boom(path):
        raise OSError(5, "cannot open " + bad)
    monkeypatch.setattr(readers, "read_pdf", boom)
    files = scan_dossier(good, jobs=1, cache=False)
    message = by_path(files)["scan0001.pdf"].problems[0].message
    assert message == "OSError while reading: cannot open /x/\\udcff.pdf"
    json.dumps([f.to_json() for f in files], ensure_ascii=False).encode("utf-8")


def test_a_foreign_cache_entry_is_read_again(good, tmp_path):
    first = [f.to_json() for f in scan_dossier(good, jobs=1)]
    for p in (tmp_path / "cache").rglob("*.json"):
        p.write_text(json.dumps({"version": cache.SCANNER_VERSION, "content": {"text": 1}}), encoding="utf-8")
    assert [f.to_json() for f in scan_dossier(good, jobs=1)] == first


def test_a_worker_that_dies_leaves_a_problem(good, monkeypatch):
    monkeypatch.setattr(dossier_module, "POOL_MIN_SECONDS", 0.0)
    for i in range(8):
        pdf(good / f"合同_{i}.pdf", [CONTRACT])
    monkeypatch.setattr(readers, "read_pdf", lambda path: os._exit(1))
    files = scan_dossier(good, jobs=2, cache=False)
    assert len(files) == 18
    assert all(codes(f) == ["file.unreadable"] for f in files if f.path.endswith(".pdf"))
