"""PDF: the page count from the page tree, the text and images of the first pages.

The text is rebuilt in rows from where pypdf's text visitor says each run is drawn
(readers/layout.py), not taken in drawing order: e-invoice generators draw labels first and
values later. Measured (bench/bench_pdf_text.py, 91 invoices with truth: 7 real PDFs of the
corpus, 4 generated out-of-order invoices, 80 of the sample dossiers; 430 PDFs timed):
pypdf plain text 87/91 right 4.9 ms/file; pypdf visitor + rows 91/91 5.1 ms; pypdfium2 chars +
rows 91/91 10.7 ms; pdfplumber chars + rows 91/91 18.9 ms. Same accuracy, fastest, no new
dependency: pypdf's visitor.
"""

from __future__ import annotations

import math
import re
import unicodedata
from itertools import repeat

from .content import content, fail
from .layout import Run, layout_text
from .pdfops import MAX_BYTES, a85, operations, slim, tokens
from .qr import qr_texts_pdf, qr_texts_vector

_YEN = re.compile("[¥￥]")
_INVOICE_NUMBER = re.compile(r"(?<!\d)(?:\d{8}|\d{20})(?!\d)")
PDF_PAGES = 3                       # pages read for classification and fields
# A material whose title and every field are on its first page is read no further (the rest of a
# 9-page settlement sheet is its annex): the type its title names and the fields it must show
# there. dossier.py reads the file again in full when the dossier's classification disagrees.
FIRST_PAGE_FIELDS = {"settlement_sheet": ("contract_number", "period_start", "period_end", "amount"),
                     "payment_proof": ("date", "amount", "payer", "payee")}
# A scan is read by OCR from its first page (4 s a page); a scanned contract whose parties, amount
# or term are not there is read on, page by page, up to PDF_PAGES, until they are.
OCR_ON_FIELDS = {"contract": ("party_a", "party_b", "amount", "start", "end")}


def _image_on(obj, depth: int = 0) -> bool:
    """Whether a page (or form XObject) draws an image: /Resources /XObject /Subtype /Image."""
    try:
        resources = obj.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if resources is not None else None
        if xobjects is None:
            return False
        for ref in xobjects.get_object().values():
            x = ref.get_object()
            if x.get("/Subtype") == "/Image":
                return True
            if x.get("/Subtype") == "/Form" and depth < 3 and _image_on(x, depth + 1):
                return True
    except Exception:  # noqa: BLE001 - a damaged resource dictionary just has no image we can see
        return False
    return False


def _advance(text: str, size: float) -> float:
    """Width of a run when the font's widths are not at hand: CJK full, the rest half. Good
    enough to tell touching runs from a cell gap; rows come from the exact baselines."""
    half = size * 0.5           # the same additions in the same order, looped in C
    return sum(map({"W": size, "F": size}.get, map(unicodedata.east_asian_width, text), repeat(half)))


def _contents(page):
    """The page's content stream (its decoded bytes and their tokens), kept on the page for the
    QR code drawn as squares (qr.qr_texts_vector); None without one. A single stream in
    reportlab's ASCII85 + Flate is decoded by pdfops.a85 and pypdf's own Flate decoder; anything
    else by pypdf's ContentStream."""
    from pypdf.generic import ContentStream, EncodedStreamObject

    contents = page.get("/Contents")
    if contents is None:
        return None
    data = None
    obj = contents.get_object()
    if (isinstance(obj, EncodedStreamObject) and obj.get("/Filter") == ["/ASCII85Decode", "/FlateDecode"]
            and "/DecodeParms" not in obj and len(obj._data) <= MAX_BYTES):
        if (flate := a85(obj._data)) is not None:
            from pypdf.filters import FlateDecode
            data = FlateDecode.decode(flate)
    if data is None:
        data = ContentStream(contents, page.pdf, "bytes").get_data()
    page.subsidy_contents = data
    page.subsidy_tokens = toks = tokens(data)       # tokenised once for the text and the QR code
    return data, toks


def _slim_for_pypdf(page, data: bytes, toks) -> None:
    """Give the page (in this reader's memory only) its content stream without the operators
    text extraction ignores (readers/pdfops.py): the same text from pypdf, a fraction of the parsing."""
    from pypdf.generic import ContentStream, NameObject

    stream = ContentStream(None, page.pdf, "bytes")
    stream.set_data(data)
    parsed = operations(data, toks=toks) if toks is not None else None   # = operations(slim(data)), in one pass
    if parsed is not None:
        stream.operations = parsed
    elif (thin := slim(data)) is not data:
        stream.set_data(thin)
    page[NameObject("/Contents")] = stream


def page_runs(page, fast: bool = True) -> tuple[list[Run], str]:
    """The runs of a page with their positions (pypdf's text visitor: each text operation with
    its matrices), and pypdf's own text of it. ``fast``: the same extraction over the tokenised
    stream (readers/pdftext.py), else pypdf's over the operators that place text only (False:
    pypdf alone, for the comparison in tests)."""
    box = page.mediabox
    height, bottom0 = float(box.height), float(box.bottom)
    runs: list[Run] = []

    def visit(text, cm, tm, font, size):
        if not text or not text.strip():
            return
        a, b, _, _, e, f = tm                      # text space -> user space: tm, then cm
        x = e * cm[0] + f * cm[2] + cm[4]
        y = e * cm[1] + f * cm[3] + cm[5]
        h = max((size or 0) * (math.hypot(a * cm[0] + b * cm[2], a * cm[1] + b * cm[3]) or 1.0), 1.0)
        for k, line in enumerate(text.split("\n")):
            if line.strip():
                top = height - (y - bottom0) - h * 0.85 + k * h
                runs.append(Run(line, x, top, x + _advance(line, h), top + h))

    if fast:
        try:
            found = _contents(page)
        except Exception:  # noqa: BLE001 - a stream pypdf cannot decode fails below, as before
            found = None
        if found is not None:
            data, toks = found
            if toks is not None and _fast_text():
                from .pdftext import page_text_runs
                try:
                    plain = page_text_runs(page, toks, data, visit)
                except Exception:  # noqa: BLE001 - pypdf extracts it below and fails as it fails
                    plain = None
                if plain is not None:
                    return runs, plain
                runs.clear()
            try:
                _slim_for_pypdf(page, data, toks)
            except Exception:  # noqa: BLE001
                pass
    plain = page.extract_text(visitor_text=visit) or ""
    return runs, plain


_FAST: list[bool] = []


def _fast_text() -> bool:
    """Whether readers/pdftext.py follows the installed pypdf (checked once)."""
    if not _FAST:
        from .pdftext import usable
        _FAST.append(usable())
    return _FAST[0]


def page_text(page, fast: bool = True) -> str:
    """A page's text in rows rebuilt from positions (readers/layout.py); pypdf's reading-order
    text when the positions gave nothing."""
    runs, plain = page_runs(page, fast)
    text = layout_text(runs)
    return text if text.strip() or not plain.strip() else plain


_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


def page_at(reader, index: int):
    """Page ``index`` without building the whole page list: pypdf's ``reader.pages`` loads and
    copies every page dictionary of the file (3,000 for 300 files) to hand out three. When the
    page tree is one flat node (``/Count`` = the number of ``/Kids``, the common case) the page is
    taken from it directly, with what it inherits from that node; otherwise, or when anything
    looks odd, through ``reader.pages`` as before."""
    from pypdf import PageObject
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    try:
        node = reader.trailer["/Root"]["/Pages"].get_object()
        kids = node["/Kids"].get_object()
        if (node.get("/Type") == "/Pages" and isinstance(kids, ArrayObject) and int(node["/Count"]) == len(kids)
                and 0 <= index < len(kids) and isinstance(kids[index], IndirectObject)):
            leaf = kids[index].get_object()
            if isinstance(leaf, DictionaryObject) and leaf.get("/Type") == "/Page" and "/Kids" not in leaf:
                page = PageObject(reader, kids[index])
                page.update(leaf)
                for key in _INHERITED:
                    if key in node and key not in page:
                        page[NameObject(key)] = node[key]
                return page
    except Exception:  # noqa: BLE001 - any doubt: pypdf's own walk of the tree decides
        pass
    return reader.pages[index]


def _invoice_qr(path: str, page) -> list[str]:
    """The QR texts of a born-digital invoice's first page: from the squares its stream draws
    when it draws the code so (no rendering), else from the rendered top-left corner."""
    data = getattr(page, "subsidy_contents", None)
    if data:
        try:
            box = page.mediabox
            edges = (float(box.left), float(box.bottom), float(box.right), float(box.top))
            if found := qr_texts_vector(data, edges, corner=True, toks=getattr(page, "subsidy_tokens", None)):
                return found
        except Exception:  # noqa: BLE001 - rendering below decides
            pass
    return qr_texts_pdf(path, corner=True)


def _named_fields(text: str, table: dict[str, tuple[str, ...]], titled: bool = False) -> tuple[str | None, bool, bool]:
    """(the type ``text`` names when ``table`` lists it, else None; whether that type's fields
    in ``table`` are all there; whether its extractor found a problem). ``titled``: only a type
    its title names. Decided on the text alone, never the file's name: the cache keeps one read
    per content."""
    from ..classify import by_text
    from ..extract import extract_fields

    hit = by_text(text) if text.strip() else None
    if not hit or hit[0] not in table or (titled and not hit[1].startswith("title ")):
        return None, False, False
    fields, problems = extract_fields(hit[0], text)
    return hit[0], all(fields.get(k) for k in table[hit[0]]), bool(problems)


def _first_page_enough(text: str) -> str | None:
    """The type of a file whose first page is all that is needed (FIRST_PAGE_FIELDS): its title
    names the type (on the first page, so the whole text's title is the same) and that type's
    fields are all there without a problem (a dossier that names or types the file otherwise
    reads it in full, dossier.py)."""
    mtype, complete, problems = _named_fields(text, FIRST_PAGE_FIELDS, titled=True)
    return mtype if complete and not problems else None


def _ocr_on(text: str) -> bool:
    """Whether a scan read so far by OCR lacks fields the type its text names must show (OCR_ON_FIELDS)."""
    mtype, complete, _ = _named_fields(text, OCR_ON_FIELDS)
    return mtype is not None and not complete


def _starts(texts: list[str]) -> list[int]:
    """Where each page's text begins in the pages' texts joined by newlines."""
    return [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]


def read_pdf(path: str, all_pages: bool = False) -> dict:
    """Text of the first pages (of the first only when it holds everything, unless
    ``all_pages``), the page count from the page tree, images on the first pages and the last."""
    import logging
    import warnings

    from pypdf import PdfReader

    # Damage is reported as a Problem, never as pypdf's own log lines on stderr (they carry text from
    # the PDF itself, escape codes included): pypdf's logger goes nowhere.
    pypdf_log = logging.getLogger("pypdf")
    if not pypdf_log.handlers:
        pypdf_log.addHandler(logging.NullHandler())
    pypdf_log.propagate = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_pdf(path, PdfReader, all_pages)


def _read_pdf(path: str, PdfReader, all_pages: bool) -> dict:  # noqa: N803 - the class, imported lazily

    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF" not in head:
        return fail("file.wrong_type", "named .pdf but is not a PDF")
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # noqa: BLE001 - unsupported encryption is still encryption
                opened = False
            if not opened:
                return fail("file.encrypted", "the PDF is encrypted with a password; it cannot be read")
        try:
            pages = int(reader.trailer["/Root"]["/Pages"]["/Count"])  # the page tree's own count
        except Exception:  # noqa: BLE001
            pages = -1
        if pages < 0:
            pages = len(reader.pages)
        texts, has_image, first, enough = [], False, None, None
        for i in range(min(PDF_PAGES, pages)):
            page = page_at(reader, i)
            first = first or page
            if not enough:
                texts.append(page_text(page))
                if i == 0 and pages > 1 and not all_pages:
                    enough = _first_page_enough(texts[0])
            has_image = has_image or _image_on(page)      # on every page of the first ones, read or not
        if pages > PDF_PAGES and not has_image:  # the seal is often on the last page
            has_image = _image_on(page_at(reader, pages - 1))
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for a damaged file
        return fail("file.corrupt", f"not a readable PDF ({type(exc).__name__}: {exc})")
    text_layer = any(t.strip() for t in texts)
    text = "\n".join(texts)
    page_starts = _starts(texts)
    from ..classify import by_text

    hit = by_text(text) if text_layer else None     # memoised in the content: classify reuses it
    garbled = hit is None and _YEN.search(text) and _INVOICE_NUMBER.search(text)   # labels garbled
    if not pages:
        qr = []
    elif not text_layer:
        qr = qr_texts_pdf(path)                     # a scan: anywhere on the page
    else:
        qr = _invoice_qr(path, first) if (hit and hit[0] == "invoice") or garbled else []
    ocr_state = None
    if pages and not text_layer:
        from .. import ocr
        ocr_state = "done" if ocr.available() else "missing"
        if ocr_state == "done":
            texts = [ocr.ocr_pdf_page(path, 0)]  # the first page: the title, parties, amounts
            while len(texts) < min(PDF_PAGES, pages) and _ocr_on("\n".join(texts)):
                texts.append(ocr.ocr_pdf_page(path, len(texts)))
            text = "\n".join(texts)
            page_starts = _starts(texts)
    how = (("its first page read by OCR" if len(page_starts) == 1 else f"its first {len(page_starts)} pages read by OCR")
           if ocr_state == "done" else "fields read from its QR code only" if qr
           else "classified by its name only, fields not read")
    problems = [] if text_layer or not pages else [["file.no_text_layer", "info", f"the PDF has no text layer (a scan); {how}"]]
    out = content(text, pages, has_image, text_layer, problems, qr=qr, ocr=ocr_state, page_starts=page_starts)
    if text_layer:
        out["text_hit"] = list(hit) if hit else None
    if enough:
        out["first_page_only"] = enough
    return out
