"""An invoice file, PDF or OFD, read into its fields (``extract.invoice`` does the text).

pypdf is imported lazily: the CLI must start fast.
"""

from __future__ import annotations

from pathlib import Path

from .extract.invoice import credit_code_ok, extract_invoice_fields, missing_field_problems
from .normalise import clean as normalise
from .problems import invoice_problem

__all__ = ["credit_code_ok", "extract_invoice_fields", "missing_field_problems", "read_invoice", "read_invoice_pdf"]


def read_invoice_pdf(path: str | Path, max_pages: int = 2) -> dict:
    """Fields of a PDF invoice; only the first pages are read (an invoice is one page, and a
    dossier may hold a 300-page PDF by mistake). Raises ValueError for an unreadable PDF."""
    from pypdf import PdfReader  # lazy: keeps `import subsidy_cli.scan.invoice` cheap

    from .readers.pdf import page_text

    try:
        reader = PdfReader(str(path))
        locked = reader.is_encrypted and not reader.decrypt("")
        text = "" if locked else "\n".join(page_text(page) for page in reader.pages[:max_pages])
    except OSError:
        raise
    except Exception as exc:  # pypdf raises many types for a damaged file
        raise ValueError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if locked:
        raise ValueError(f"{path}: the PDF is encrypted with a password")
    fields = extract_invoice_fields(normalise(text))
    if not text.strip():
        fields["problems"].insert(0, invoice_problem(
            "file.no_text_layer", message="the PDF has no text layer (a scan?); it cannot be read without OCR"))
    return fields


def read_invoice(path: str | Path) -> dict:
    """Fields of an invoice file, PDF or OFD, chosen by extension and else by its first bytes."""
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in (".pdf", ".ofd"):
        with path.open("rb") as fh:
            head = fh.read(4)
        kind = ".pdf" if head == b"%PDF" else ".ofd" if head[:2] == b"PK" else kind
    if kind == ".pdf":
        return read_invoice_pdf(path)
    if kind == ".ofd":
        from .readers.ofd import read_ofd

        return read_ofd(path)
    raise ValueError(f"{path}: not a PDF or OFD invoice")
