"""Red company seals (圆形/椭圆形红章) found by colour on the pages that must be stamped.

"Has an image" is no evidence of a seal (a logo is an image; a scanned page is one image). A
seal is red ink in a ring, round (company seal, ~40 mm) or oval (invoice seal, 40 x 30 mm), with
marks inside (star, text). So a page is rendered at DPI (pypdfium2; an image file is scaled to
it with Pillow), red pixels kept (red well above green and blue: faint ink still passes),
grouped on a grid of CELL mm cells into connected blobs, and a blob is a seal when it is seal
sized, about as high as wide, its rim is red all round (sampled on the fitted ellipse) and its
inside has marks without being filled (a red logo or a pie chart is filled, a pen circle empty,
a red heading or signature not ring-shaped, a rectangular 已付款 stamp has no red on the
ellipse). A page with no colour at all (a greyscale scan) cannot show a red seal: that is
"cannot verify", never "no seal".

Measured on generated pages (bench/bench_seal.py): see docs/scan.md.
"""

from __future__ import annotations

import math

DPI = 50
CELL = 2                       # grid cell, pixels (1 mm at 50 dpi)
MIN_MM, MAX_MM = 22, 65        # seal diameters (company seals 38-42, oval 40 x 30, supplier seals up to 58)
MAX_PAGES = 3                  # the last page, the first, the one before the last

# Types of material that are stamped in some programme: their PDFs and images get a seal check;
# contracts too when scanned (用印版: a born-digital contract carries no seal ink).
STAMPED_TYPES = ("undertaking", "application_form", "bank_account", "acceptance_report", "usage_description",
                 "platform_evidence", "supplier_qualification", "model_description", "authorization")
SCANNED_STAMPED_TYPES = ("contract",)


def available() -> bool:
    from importlib.util import find_spec

    return find_spec("PIL") is not None and find_spec("pypdfium2") is not None


def _red_mask(img):
    """A 0/255 mask of red pixels and whether the image has colour at all."""
    from PIL import ImageChops

    img = img.convert("RGB")
    r, g, b = img.split()
    rg = ImageChops.subtract(r, g)
    rb = ImageChops.subtract(r, b)
    red = ImageChops.multiply(rg.point(lambda v: 255 if v > 15 else 0), rb.point(lambda v: 255 if v > 15 else 0))
    red = ImageChops.multiply(red, r.point(lambda v: 255 if v > 120 else 0))
    gb = ImageChops.difference(g, b)
    colour = ImageChops.lighter(rg, gb).point(lambda v: 255 if v > 30 else 0).getbbox() is not None
    return red, colour


def _blobs(mask) -> list[tuple[int, int, int, int, int]]:
    """Connected blobs of red cells: (x0, y0, x1, y1, cells) in pixels of ``mask``."""
    w, h = mask.size
    cw, ch = max(1, w // CELL), max(1, h // CELL)
    grid = mask.resize((cw, ch), resample=4)   # Image.BOX: any red pixel in a cell shows
    data = grid.tobytes()
    on = bytearray(1 if v > 8 else 0 for v in data)
    out = []
    for start in range(len(on)):
        if not on[start]:
            continue
        on[start] = 0
        stack, cells = [start], 0
        x0 = x1 = start % cw
        y0 = y1 = start // cw
        while stack:
            i = stack.pop()
            cells += 1
            x, y = i % cw, i // cw
            x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)):
                nx, ny = x + dx, y + dy
                if 0 <= nx < cw and 0 <= ny < ch:
                    j = ny * cw + nx
                    if on[j]:
                        on[j] = 0
                        stack.append(j)
        out.append((x0 * CELL, y0 * CELL, (x1 + 1) * CELL, (y1 + 1) * CELL, cells))
    return out


def _is_seal(mask, box, px_per_mm: float) -> bool:
    x0, y0, x1, y1, _ = box
    wmm, hmm = (x1 - x0) / px_per_mm, (y1 - y0) / px_per_mm
    if not (MIN_MM <= wmm <= MAX_MM and MIN_MM * 0.7 <= hmm <= MAX_MM) or not 0.6 <= wmm / hmm <= 1.7:
        return False
    px = mask.load()
    cx, cy, ax, ay = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2

    def red_near(fx: float, fy: float, reach: int = 1) -> bool:
        for dx in range(-reach, reach + 1):
            for dy in range(-reach, reach + 1):
                x, y = int(fx) + dx, int(fy) + dy
                if x0 <= x < x1 and y0 <= y < y1 and px[x, y]:
                    return True
        return False

    angles = [2 * math.pi * k / 72 for k in range(72)]
    rim = sum(any(red_near(cx + ax * f * math.cos(t), cy + ay * f * math.sin(t)) for f in (0.97, 0.9, 0.83))
              for t in angles) / len(angles)
    if rim < 0.8:
        return False
    inside = [(cx + ax * f * math.cos(t), cy + ay * f * math.sin(t)) for f in (0.1, 0.25, 0.4, 0.55) for t in angles[::3]]
    filled = sum(bool(px[int(x), int(y)]) for x, y in inside) / len(inside)
    return 0.02 <= filled <= 0.6


def find_seal(img) -> bool | None:
    """True when the image (a page at DPI) shows a red seal, False when it does not, None when
    it has no colour (cannot verify)."""
    mask, colour = _red_mask(img)
    if not colour:
        return None
    px_per_mm = DPI / 25.4
    return any(_is_seal(mask, b, px_per_mm) for b in _blobs(mask) if b[4] >= 8)


def _pages_to_check(n: int) -> list[int]:
    return list(dict.fromkeys(i for i in (n - 1, 0, n - 2) if 0 <= i < n))[:MAX_PAGES]


def seal_of_pdf(path: str, scanned: bool = False) -> dict | None:
    """{"found": True, "page": n} (1-based), {"found": False}, or, for a scan (``scanned``: no
    text layer) without any colour, {"found": None, "reason": "greyscale"}; None when the
    libraries are missing or the PDF cannot be rendered. A born-digital page without colour
    simply has no red seal."""
    if not available():
        return None
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except Exception:  # noqa: BLE001
        return None
    try:
        grey = 0
        pages = _pages_to_check(len(pdf))
        for i in pages:
            img = pdf[i].render(scale=DPI / 72).to_pil()
            found = find_seal(img)
            if found:
                return {"found": True, "page": i + 1}
            grey += found is None
        if scanned and pages and grey == len(pages):
            return {"found": None, "reason": "greyscale"}
        return {"found": False}
    except Exception:  # noqa: BLE001 - a page pdfium cannot render: no verdict
        return None
    finally:
        pdf.close()


def seal_of_image(path: str) -> dict | None:
    """As seal_of_pdf for a JPEG/PNG/TIFF (a photo or a scan): scaled to A4 at DPI."""
    if not available():
        return None
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as im:
            im = ImageOps.exif_transpose(im)
            long_side = max(im.size)
            scale = (297 / 25.4 * DPI) / long_side
            img = im.convert("RGB").resize((max(1, round(im.size[0] * scale)), max(1, round(im.size[1] * scale))), 4)
    except Exception:  # noqa: BLE001 - an image Pillow cannot open has no verdict
        return None
    found = find_seal(img)
    return {"found": True, "page": 1} if found else {"found": None, "reason": "greyscale"} if found is None else {"found": False}
