"""PDF: the page count from the page tree, the text and images of the first pages."""

from __future__ import annotations

from .content import content, fail

PDF_PAGES = 3                       # pages read for classification and fields


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


def read_pdf(path: str) -> dict:
    """Text of the first pages, the page count from the page tree, images on the pages read."""
    import logging
    import warnings

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damage is reported as a Problem, not on stderr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_pdf(path, PdfReader)


def _read_pdf(path: str, PdfReader) -> dict:  # noqa: N803 - the class, imported lazily

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
        texts, has_image = [], False
        for i in range(min(PDF_PAGES, pages)):
            page = reader.pages[i]
            texts.append(page.extract_text() or "")
            has_image = has_image or _image_on(page)
        if pages > PDF_PAGES and not has_image:  # the seal is often on the last page
            has_image = _image_on(reader.pages[pages - 1])
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for a damaged file
        return fail("file.corrupt", f"not a readable PDF ({type(exc).__name__}: {exc})")
    text_layer = any(t.strip() for t in texts)
    problems = [] if text_layer or not pages else [[
        "file.no_text_layer", "info",
        "the PDF has no text layer (a scan); classified by its name only, fields not read"]]
    return content("\n".join(texts), pages, has_image, text_layer, problems)
