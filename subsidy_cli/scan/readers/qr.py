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


# ---- a QR code drawn as vector squares, read from the page's own drawing, without rendering

VECTOR_MIN_MODULES = 21 * 7         # filled squares below which there is no QR code to build
_PIXELS_PER_MODULE = 4


def _dark(operands: list[float]) -> bool | None:
    """Whether a fill colour (g, rg or k operands) is dark; None when unknown."""
    if len(operands) == 1:
        return operands[0] < 0.5
    if len(operands) == 3:
        return 0.299 * operands[0] + 0.587 * operands[1] + 0.114 * operands[2] < 0.5
    if len(operands) == 4:
        return (1 - min(1.0, operands[0] + operands[3])) < 0.5 and operands[3] + operands[0] > 0.5
    return None


def filled_squares(data: bytes, toks: list | None = None) -> list[tuple[float, float, float, float]] | None:
    """The dark filled rectangles (x0, y0, x1, y1 in user space) a content stream draws with
    ``re`` and a fill; None when the stream holds what this does not follow (a rotated or skewed
    matrix, a colour space, anything the tokeniser of pdfops.py does not read). ``toks``: the
    stream's ``pdfops.tokens``, when already made."""
    from .pdfops import tokens

    toks = tokens(data) if toks is None else toks
    return None if toks is None else _filled_squares(toks)


# The operators that draw, fill, colour or move a square; every other one is skipped unread.
_SQUARE_OPS = frozenset(b"q Q cm g rg k cs sc scn CS re f F f* B B* b b* S s n BI ID EI".split())


def _filled_squares(ops) -> list[tuple[float, float, float, float]] | None:
    from .pdfops import SQUARES, square_blocks

    out: list[tuple[float, float, float, float]] = []
    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    dark: bool | None = False
    stack: list = []
    pending: list[tuple[float, float, float, float]] = []
    for op, args in ops:
        if op == SQUARES:                       # a run of q <colour> ... n x y w h re f Q blocks
            A, _, _, D, E, F = ctm
            for r, g, b, grey, *rect, _fill in square_blocks(args):
                try:
                    colour = (r, g, b) if r else (grey,) if grey else ()
                    block_dark = _dark(tuple(map(float, colour))) if colour else dark   # Q restores dark
                    x, y, w, h = map(float, rect)
                except ValueError:
                    return None
                if block_dark:
                    x0, x1 = sorted((A * x + E, A * (x + w) + E))
                    y0, y1 = sorted((D * y + F, D * (y + h) + F))
                    out.append((x0, y0, x1, y1))
                pending = []                    # n cleared it, the fill emptied it
            continue
        if op not in _SQUARE_OPS:
            continue                            # line width, dash, text ...: no square, no colour
        numbers: list[float] | tuple = ()
        if args and op in (b"cm", b"re", b"g", b"rg", b"k"):
            try:                                # tokens are numbers, names, strings, arrays: only
                numbers = tuple(map(float, args.split()))   # numbers convert (as _PLAIN numbers)
            except ValueError:
                return None
        if op == b"q":
            stack.append((ctm, dark))
        elif op == b"Q":
            if stack:
                ctm, dark = stack.pop()
        elif op == b"cm":
            if len(numbers) != 6:
                return None
            a, b, c, d, e, f = numbers
            A, B, C, D, E, F = ctm
            if b or c or B or C:
                return None                         # rotated or skewed: leave it to rendering
            ctm = (a * A, 0.0, 0.0, d * D, e * A + E, f * D + F)
        elif op in (b"g", b"rg", b"k"):
            dark = _dark(numbers)
        elif op in (b"cs", b"sc", b"scn", b"CS"):
            dark = None
        elif op == b"re":
            if len(numbers) != 4:
                return None
            x, y, w, h = numbers
            A, _, _, D, E, F = ctm
            x0, x1 = sorted((A * x + E, A * (x + w) + E))
            y0, y1 = sorted((D * y + F, D * (y + h) + F))
            pending.append((x0, y0, x1, y1))
        elif op in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
            if dark:
                out.extend(pending)
            pending = []
        elif op in (b"S", b"s", b"n"):
            pending = []
        elif op in (b"BI", b"ID", b"EI"):
            return None
    return out


def qr_texts_vector(data: bytes, box: tuple[float, float, float, float], corner: bool = False,
                    toks: list | None = None) -> list[str]:
    """QR texts of a code drawn as filled squares (reportlab and other generators draw an
    invoice's QR so), rasterised straight from the squares at 4 pixels a module: no page
    rendering (pdfium's page load alone is ~10 ms). ``corner``: only squares in the region
    qr_texts_pdf renders for a born-digital invoice (left half, top 45%), so the same code is
    found or none; ``box`` is the page's (left, bottom, right, top). [] when there is none: the
    caller then renders the page as before."""
    if not available():
        return []
    squares = filled_squares(data, toks)
    if not squares:
        return []
    if corner:
        left, bottom, right, top = box
        squares = [s for s in squares if s[2] <= left + (right - left) * 0.5 and s[1] >= bottom + (top - bottom) * 0.55]
    sizes = [min(s[2] - s[0], s[3] - s[1]) for s in squares]
    module = min((z for z in sizes if z > 0.2), default=0.0)
    squares = [s for s, z in zip(squares, sizes) if z > 0.2 and max(s[2] - s[0], s[3] - s[1]) <= module * 12]
    if len(squares) < VECTOR_MIN_MODULES:
        return []
    scale = _PIXELS_PER_MODULE / module
    margin = 4 * module
    bx0 = min(s[0] for s in squares) - margin
    by1 = max(s[3] for s in squares) + margin
    w = int((max(s[2] for s in squares) + margin - bx0) * scale) + 1
    h = int((by1 - min(s[1] for s in squares) + margin) * scale) + 1
    if w * h > 4_000_000:
        return []
    buf = bytearray(b"\xff") * (w * h)
    for x0, y0, x1, y1 in squares:
        c0, c1 = round((x0 - bx0) * scale), round((x1 - bx0) * scale)
        r0, r1 = round((by1 - y1) * scale), round((by1 - y0) * scale)   # rows run down the page
        run = b"\x00" * (c1 - c0)
        for r in range(r0, r1):
            buf[r * w + c0: r * w + c1] = run
    try:
        return _decode(memoryview(buf).cast("B", (h, w)), try_rotate=False, try_invert=False, try_downscale=False)
    except Exception:  # noqa: BLE001 - a bonus: any failure means no QR read here
        return []
