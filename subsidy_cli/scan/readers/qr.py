"""The QR code every Chinese VAT e-invoice carries, read from the rendered page.

Its text is ``01,<type>,<code>,<number>,<amount>,<YYYYMMDD>,<check code>,<crc>``: type 10/04/01
(old-style 电子普通/普通/专用发票, with a 发票代码; the amount is 金额 before tax) or 31/32 (数电票, no
code; the amount is 价税合计). It is exact where the text layer is garbled, scattered or missing,
so the invoice fields are checked against it and filled from it (extract/invoice_qr.py).

The page is rendered by pypdfium2 (grey, 150 dpi: every corpus invoice decodes at that size in
12-41 ms) and decoded by zxing-cpp; both are self-contained wheels imported only here, only for
pages that may be invoices. Without them, no QR is read and nothing else changes.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

DPI = 150
CORNER_DPI = 100
TOTAL_TYPES = ("31", "32")            # 数电票: the QR amount is 价税合计


def parse_invoice_qr(text: str) -> dict | None:
    """Fields of an invoice QR text, or None when it is not one."""
    parts = [p.strip() for p in (text or "").split(",")]
    if len(parts) < 6 or parts[0] != "01" or not re.fullmatch(r"\d{2}", parts[1]):
        return None
    kind, code, number, amount, day = parts[1:6]
    if not re.fullmatch(r"\d{8}|\d{20}", number):
        return None
    try:
        issued = dt.date(int(day[:4]), int(day[4:6]), int(day[6:8])).isoformat() if re.fullmatch(r"\d{8}", day) else None
        value = f"{Decimal(amount):.2f}" if amount else None
    except (ValueError, InvalidOperation):
        return None
    out = {"type": kind, "invoice_number": number, "issue_date": issued, "amount": value,
           "amount_is_total": kind in TOTAL_TYPES or len(number) == 20}
    if re.fullmatch(r"\d{10}|\d{12}", code):
        out["invoice_code"] = code
    if len(parts) > 6 and re.fullmatch(r"\d{20}", parts[6]):
        out["check_code"] = parts[6]
    return out


def available() -> bool:
    """Whether the QR libraries are installed (checked without importing them)."""
    from importlib.util import find_spec

    return find_spec("zxingcpp") is not None and find_spec("pypdfium2") is not None


def _decode(image, **options) -> list[str]:
    import zxingcpp

    return [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, **options) if b.text]


def qr_texts_pdf(path: str, page_index: int = 0, corner: bool = False) -> list[str]:
    """QR texts on one page of a PDF, rendered grey at DPI; [] when the libraries are missing
    or the page cannot be rendered. ``corner``: a born-digital invoice, whose QR code is drawn
    sharp in its top-left corner: only that corner (left half, top 45%) at CORNER_DPI, without
    zxing's rotated, inverted and downscaled retries (7 ms instead of 17 a page, the same 8/8
    codes found on the corpus and generated invoices)."""
    if not available():
        return []
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except Exception:  # noqa: BLE001 - pypdf read it; a page pdfium cannot open has no QR for us
        return []
    try:
        if page_index >= len(pdf):
            return []
        page = pdf[page_index]
        width, height = page.get_size()
        crop = (0, height * 0.55, width * 0.5, 0) if corner else (0, 0, 0, 0)
        bitmap = page.render(scale=(CORNER_DPI if corner else DPI) / 72, grayscale=True, crop=crop)
        view = memoryview(bitmap.buffer).cast("B", (bitmap.height, bitmap.stride))
        fast = {"try_rotate": False, "try_invert": False, "try_downscale": False} if corner else {}
        return _decode(view, **fast)
    except Exception:  # noqa: BLE001 - rendering is a bonus: any failure means no QR read
        return []
    finally:
        pdf.close()


def invoice_qr(texts: list[str]) -> dict | None:
    """The first QR text that is an invoice's, parsed."""
    for t in texts:
        if parsed := parse_invoice_qr(t):
            return parsed
    return None


def qr_texts_image(path: str) -> list[str]:
    """QR texts of an image file (a photo or scan of an invoice); [] when it cannot be read."""
    from importlib.util import find_spec

    if find_spec("PIL") is None:
        return []
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as im:
            return _decode(ImageOps.exif_transpose(im).convert("L"))
    except Exception:  # noqa: BLE001 - an undecodable image has no QR for us
        return []
