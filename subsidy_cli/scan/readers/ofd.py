"""Invoice fields from an OFD file (GB/T 33190: a zip of XML), without any OFD library.

An OFD invoice usually carries its values three times: structured, in an attachment (the tax
bureau's ``original_invoice.xml`` or an XBRL instance) and in the custom tags that point at page
objects; and drawn, as TextObjects on the page. Structured values are exact, so they win; the
drawn text is run through the PDF text rules as a fallback and as a cross-check, since a page
that disagrees with its own data is worth a finding. The zip comes from applicants, so reads
are capped and DTDs refused: a crafted file must fail with a ValueError, not exhaust memory.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from contextlib import closing
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..cn_numerals import parse_cn_upper
from ..extract.invoice import extract_invoice_fields, missing_field_problems
from ..normalise import clean
from ..problems import invoice_problem, unique
from .content import content, fail

MAX_TOTAL_BYTES = 50 * 2**20
MAX_MEMBER_BYTES = 10 * 2**20
MAX_MEMBERS = 5000
MAX_PAGES = 2
LINE_TOLERANCE_MM = 1.5

# Element local names (any namespace, any case) and OFD.xml CustomData names -> field: the tax
# bureau's original_invoice.xml, the MOF XBRL taxonomy, the 数电 XML and Suwell custom tags.
_ALIASES = {
    "invoice_number": "InvoiceNo NumberOfInvoice InvoiceNumber EIid 发票号码",
    "invoice_code": "InvoiceCode CodeOfInvoice 发票代码",
    "issue_date": "IssueDate DateOfIssue IssueTime 开票日期",
    "total": "TaxInclusiveTotalAmount TaxIncludedAmountInFigures TotalTax-includedAmount 价税合计",
    "total_upper": "TaxIncludedAmountInWords TotalTax-includedAmountInChinese",
    "buyer_name": "BuyerName NameOfPurchaser 购买方名称",
    "buyer_credit_code": "BuyerTaxID BuyerIdNum BuyerTaxNo "
    "TaxpayerIdentificationNumberUnifiedSocialCreditCodeOfPurchaser 购买方纳税人识别号",
    "seller_name": "SellerName NameOfSeller 销售方名称",
    "seller_credit_code": "SellerTaxID SellerIdNum SellerTaxNo "
    "TaxpayerIdentificationNumberUnifiedSocialCreditCodeOfSeller 销售方纳税人识别号",
}
_FIELD_OF = {alias.lower(): field for field, aliases in _ALIASES.items() for alias in aliases.split()}
_CHECKED = ("invoice_number", "issue_date", "total")
_NOT_FIGURE = re.compile(r"[¥,\s]")
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError)


@dataclass
class _Text:
    """One TextObject: its ID (custom tags refer to it), page position (mm) and text."""

    id: str
    x: float
    y: float
    text: str
    tag: str = ""


def _local(tag: str) -> str:
    """Local name of an element, whether namespaced ('{uri}Page') or prefix-only ('ofd:Page')."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _all(root: ET.Element, name: str) -> list[ET.Element]:
    """Elements with this local name anywhere under root (namespace-agnostic findall)."""
    return [el for el in root.iter() if _local(el.tag) == name]


def _first_text(root: ET.Element, name: str) -> str | None:
    """Stripped text of the first non-empty element with this local name."""
    found = next((el.text for el in _all(root, name) if el.text and el.text.strip()), None)
    return found.strip() if found else None


class _Package:
    """Bounded, read-only view of the OFD zip."""

    def __init__(self, path: Path) -> None:
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
            raise ValueError(f"{path}: not an OFD file (not a readable zip archive)") from exc
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ValueError(f"{path}: OFD has {len(infos)} parts, more than the {MAX_MEMBERS} allowed")
        self.names = {i.filename.lstrip("/"): i for i in infos if not i.is_dir()}
        self.path, self.budget = path, MAX_TOTAL_BYTES

    def close(self) -> None:
        self.zip.close()

    def read(self, name: str) -> bytes | None:
        """Bytes of one part, or None when absent; ValueError when over a cap or corrupt."""
        info = self.names.get(name)
        if info is None:
            return None
        limit = min(MAX_MEMBER_BYTES, self.budget)
        too_big = f"{self.path}: part {name} would exceed the size limit ({limit} bytes left)"
        if info.file_size > limit:
            raise ValueError(too_big)
        try:
            with self.zip.open(info) as fh:
                data = fh.read(limit + 1)  # the size in the header may lie
        except _READ_ERRORS as exc:
            raise ValueError(f"{self.path}: part {name} is corrupt or encrypted ({exc})") from exc
        if len(data) > limit:
            raise ValueError(too_big)
        self.budget -= len(data)
        return data

    def xml(self, name: str | None) -> ET.Element | None:
        """Parsed part, or None when absent or not well-formed (one bad part must not hide the
        others: a real invoice in the corpus has a malformed CustomTag.xml)."""
        data = self.read(name) if name else None
        if data is None:
            return None
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise ValueError(f"{self.path}: part {name} declares a DTD, which an OFD never needs")
        try:
            return ET.fromstring(data)
        except ET.ParseError:
            return None


def _resolve(base_dir: str, loc: str | None) -> str | None:
    """Zip member name for a location that is absolute ('/Doc_0/x') or relative to base_dir."""
    if not loc:
        return None
    loc = loc.strip()
    joined = loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc)
    return posixpath.normpath(joined).lstrip("/")


def _clean(field: str, value: str) -> str | None:
    """A raw structured value in the shape extract_invoice_fields returns, or None if unusable."""
    value = clean(value).strip()
    if field in ("invoice_number", "invoice_code"):
        digits = re.sub(r"\s", "", value)
        lengths = (8, 20) if field == "invoice_number" else (10, 12)
        return digits if digits.isdigit() and len(digits) in lengths else None
    if field == "issue_date":
        m = re.match(r"(\d{4})\D?(\d{1,2})\D?(\d{1,2})", value)
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat() if m else None
        except ValueError:
            return None
    if field == "total":
        try:
            return f"{Decimal(_NOT_FIGURE.sub('', value)):.2f}"
        except InvalidOperation:
            return None
    if field == "total_upper":
        upper = parse_cn_upper(value)
        return None if upper is None else f"{upper:.2f}"
    if field.endswith("credit_code"):
        return value.upper() if re.fullmatch(r"[0-9A-Za-z]{15,20}", value) else None
    return value or None


def _put(fields: dict, field: str | None, raw: str | None) -> None:
    """Record a value unless the field is already known (sources are read best first)."""
    if field and raw and field not in fields and (value := _clean(field, raw)):
        fields[field] = value


def _from_elements(root: ET.Element, fields: dict) -> None:
    """Structured values from an attachment (original_invoice.xml, XBRL, 数电 XML)."""
    for el in root.iter():
        _put(fields, _FIELD_OF.get(_local(el.tag).lower()), el.text)


def _from_custom_tags(root: ET.Element, texts: dict[str, str], fields: dict) -> None:
    """Values named by custom tags, which point (ObjectRef) at TextObjects on the page."""
    for el in root.iter():
        refs = [r.text.strip() for r in el if _local(r.tag) == "ObjectRef" and r.text]
        if refs:
            _put(fields, _FIELD_OF.get(_local(el.tag).lower()), "".join(texts.get(r, "") for r in refs))


def _from_custom_data(ofd: ET.Element, fields: dict) -> None:
    """OFD.xml's DocInfo/CustomData ('发票号码', '合计金额' + '合计税额' = 价税合计)."""
    data = {el.get("Name", ""): (el.text or "").strip() for el in _all(ofd, "CustomData")}
    for name, value in data.items():
        _put(fields, _FIELD_OF.get(name.lower()), value)
    try:
        total = Decimal(data["合计金额"]) + Decimal(data["合计税额"])
    except (KeyError, InvalidOperation):
        return
    _put(fields, "total", str(total))


def _num(text: str | None, index: int = 0) -> float:
    """One number of a space-separated attribute; 0 when absent or garbled (position only
    orders the text, so a bad one must not make the file unreadable)."""
    try:
        return float((text or "").split()[index])
    except (IndexError, ValueError):
        return 0.0


def _text_objects(page: ET.Element) -> list[_Text]:
    """TextObjects of a page with absolute positions (Boundary origin + TextCode X/Y)."""
    out = []
    for obj in _all(page, "TextObject"):
        box = obj.get("Boundary")
        for code in _all(obj, "TextCode"):
            if code.text and code.text.strip():
                x, y = _num(box, 0) + _num(code.get("X")), _num(box, 1) + _num(code.get("Y"))
                out.append(_Text(obj.get("ID", ""), x, y, code.text, obj.get("Tag", "")))
    return out


def _lines(texts: list[_Text]) -> str:
    """Page text in reading order: objects grouped into lines by y, each line sorted by x."""
    rows: list[list[_Text]] = []
    for t in sorted(texts, key=lambda t: (t.y, t.x)):
        if rows and abs(rows[-1][0].y - t.y) <= LINE_TOLERANCE_MM:
            rows[-1].append(t)
        else:
            rows.append([t])
    return "\n".join(" ".join(t.text.strip() for t in sorted(r, key=lambda t: t.x)) for r in rows)


def _page_texts(pkg: _Package, doc: ET.Element, doc_dir: str) -> list[_Text]:
    """Text of the first pages and of the templates they draw on (which hold the labels)."""
    templates = {t.get("ID"): _resolve(doc_dir, t.get("BaseLoc")) for t in _all(doc, "TemplatePage")}
    out: list[_Text] = []
    for page_ref in _all(doc, "Page")[:MAX_PAGES]:
        page = pkg.xml(_resolve(doc_dir, page_ref.get("BaseLoc")))
        if page is None:
            continue
        for ref in _all(page, "Template"):
            template = pkg.xml(templates.get(ref.get("TemplateID")))
            out += _text_objects(template) if template is not None else []
        out += _text_objects(page)
    return out


def _listed(pkg: _Package, doc: ET.Element, doc_dir: str, index: str) -> list[str]:
    """Parts listed by an index file the document names (Attachments, CustomTags); their
    FileLoc entries are relative to the index file's folder."""
    index_name = _resolve(doc_dir, _first_text(doc, index))
    root = pkg.xml(index_name)
    if root is None or not index_name:
        return []
    names = (_resolve(posixpath.dirname(index_name), el.text) for el in _all(root, "FileLoc"))
    return [n for n in names if n]


def _attachment_names(pkg: _Package, doc: ET.Element, doc_dir: str) -> list[str]:
    """XML attachments declared in the document, else any XML found in an Attachs folder."""
    names = _listed(pkg, doc, doc_dir, "Attachments")
    if not names:
        names = [n for n in pkg.names if re.search(r"(?i)attach[^/]*/(?!attachments\.xml$)[^/]+\.xml$", n)]
    return [n for n in names if n.lower().endswith((".xml", ".xbrl"))]


def _cross_check(fields: dict, from_text: dict) -> list[dict]:
    """Findings where the drawn page disagrees with the file's own structured data."""
    return [
        invoice_problem("invoice.inconsistent", field=name, page=from_text[name], data=fields[name])
        for name in _CHECKED
        if from_text.get(name) and fields.get(name) and from_text[name] != fields[name]
    ]


def _align_parties(fields: dict, from_text: dict) -> None:
    """The text rules guess buyer-first; when the structured data already names the text's
    buyer as the seller (or the reverse), swap the text's roles before filling gaps from it."""
    pairs = [(f"buyer_{a}", f"seller_{a}") for a in ("name", "credit_code")]
    crossed = any(
        (fields.get(s) and from_text.get(b) == fields[s]) or (fields.get(b) and from_text.get(s) == fields[b])
        for b, s in pairs
    )
    for b, s in pairs if crossed else []:
        from_text[b], from_text[s] = from_text.get(s), from_text.get(b)


def read_ofd(path: str | Path) -> dict:
    """Invoice fields of an OFD file, in the shape of ``extract_invoice_fields``.

    Raises ValueError for a file that is not a zip, lacks OFD.xml, or breaks a size cap.
    """
    path = Path(path)
    with closing(_Package(path)) as pkg:
        return _read(pkg, path)


def _structured(pkg: _Package, ofd: ET.Element, doc: ET.Element, doc_dir: str, texts: list[_Text]) -> dict:
    """Fields from the file's own data, best source first: attachments, custom tags (and
    tagged TextObjects), then OFD.xml's CustomData."""
    fields: dict = {}
    for name in _attachment_names(pkg, doc, doc_dir):
        if (root := pkg.xml(name)) is not None:
            _from_elements(root, fields)
    by_id = {t.id: t.text for t in texts}
    for name in _listed(pkg, doc, doc_dir, "CustomTags"):
        if (root := pkg.xml(name)) is not None:
            _from_custom_tags(root, by_id, fields)
    for t in texts:
        if t.tag:
            _put(fields, _FIELD_OF.get(re.sub(r"\d+$", "", t.tag).lower()), t.text)
    _from_custom_data(ofd, fields)
    return fields


def _read(pkg: _Package, path: Path) -> dict:
    """read_ofd on an open package: structured values, gaps filled from the page text."""
    return _read_document(pkg, path)[0]


def _read_document(pkg: _Package, path: Path) -> tuple[dict, str, bool]:
    """(invoice fields, page text in rows, whether the file carries structured invoice data)."""
    ofd = pkg.xml("OFD.xml")
    if ofd is None:
        raise ValueError(f"{path}: not an OFD file (no readable OFD.xml)")
    doc_name = _resolve("", _first_text(ofd, "DocRoot"))
    doc = pkg.xml(doc_name)
    if doc is None or not doc_name:
        raise ValueError(f"{path}: OFD document root {doc_name} is missing or not XML")
    texts = _page_texts(pkg, doc, posixpath.dirname(doc_name))
    fields = _structured(pkg, ofd, doc, posixpath.dirname(doc_name), texts)
    structured = bool(fields.get("invoice_number"))
    page_text = _lines(texts)
    from_text = extract_invoice_fields(page_text, report_missing=False)
    problems = _cross_check(fields, from_text) + from_text.pop("problems")
    _align_parties(fields, from_text)
    for key, value in from_text.items():
        if value is not None:
            fields.setdefault(key, value)
    words, figures = fields.get("total_upper"), fields.get("total")
    if words and figures and words != figures:
        problems.append(invoice_problem("invoice.upper_mismatch", upper=words, total=figures))
    if len(fields.get("invoice_number", "")) == 20:
        fields.pop("invoice_code", None)  # 数电票 have no 发票代码
    fields["problems"] = unique(problems + missing_field_problems(fields))
    return fields, page_text, structured


def read_ofd_content(path: str) -> dict:
    """The scanner's content of an OFD: its page text, and its invoice data when it is an
    invoice (structured invoice data, or 发票 on the page). A bank's 电子回单 is an OFD too:
    its account number must not become an invoice number. Any failure is a problem."""
    try:
        with closing(_Package(Path(path))) as pkg:
            fields, text, structured = _read_document(pkg, Path(path))
    except ValueError as exc:
        with open(path, "rb") as fh:
            zip_like = fh.read(2) == b"PK"
        code = "file.wrong_type" if "not a readable zip" in str(exc) and not zip_like else "file.corrupt"
        return fail(code, str(exc).replace(f"{path}: ", ""))
    invoice = fields if structured or "发票" in text else None
    return content(text, has_image=None, text_layer=bool(text.strip()) or structured, invoice=invoice)
