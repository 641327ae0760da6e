"""Offline OCR of image-only pages and photos: the optional extra ``subsidy-cli[ocr]``.

RapidOCR (PP-OCRv6 small detection and recognition, PP-OCR mobile direction classifier) on
onnxruntime: the models ship inside the rapidocr wheel and are named here by path, so nothing is
ever downloaded (a test runs it with the network cut). Imported only when the first page without
a text layer is read; the engine is built once per process.

What helps (measured, docs/scan.md): the red channel as grey (seal ink vanishes), 150 dpi, no
upscaling of the detector input (``limit_type: max``), box positions straightened before they
are grouped into rows. Text comes back as layout runs, so the same rows and extractors serve
scans and text PDFs.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from .readers.layout import Run, layout_text

DPI = 150
INSTALL_HINT = "pip install 'subsidy-cli[ocr]'"


def available() -> bool:
    """Whether the OCR extra is installed (without importing it: ~1 ms)."""
    return all(find_spec(m) is not None for m in ("rapidocr", "onnxruntime", "numpy", "PIL"))


@lru_cache(maxsize=1)
def _engine():
    import logging

    from rapidocr import RapidOCR

    models = Path(find_spec("rapidocr").origin).parent / "models"
    params = {
        "Global.log_level": "error",
        "Det.model_path": str(models / "PP-OCRv6_det_small.onnx"),
        "Det.limit_type": "max",
        "Det.limit_side_len": 2000,
        "Rec.model_path": str(models / "PP-OCRv6_rec_small.onnx"),
        "Cls.model_path": str(models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx"),
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,   # the scan's process pool is the parallelism
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    engine = RapidOCR(params=params)
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def _skew(boxes) -> float:
    """The page's skew (radians): the median slope of the boxes' top edges."""
    angles = sorted(math.atan2(b[1][1] - b[0][1], b[1][0] - b[0][0]) for b in boxes
                    if abs(b[1][0] - b[0][0]) > 20)
    return angles[len(angles) // 2] if angles else 0.0


def runs_of(img) -> list[Run]:
    """OCR of a PIL image: one Run per text box, positions straightened (the page may be
    rotated a few degrees) and scaled to points at DPI."""
    import numpy as np

    grey = img.convert("RGB").split()[0]                 # red as grey: red seal ink disappears
    rgb = np.asarray(grey.convert("RGB"))
    out = _engine()(rgb)
    boxes, texts = getattr(out, "boxes", None), getattr(out, "txts", None)
    if boxes is None or texts is None:
        return []
    boxes = [[(float(p[0]), float(p[1])) for p in b] for b in boxes]
    a = _skew(boxes)
    cos, sin = math.cos(-a), math.sin(-a)
    scale = 72 / DPI
    runs = []
    for box, text in zip(boxes, texts):
        pts = [(x * cos - y * sin, x * sin + y * cos) for x, y in box]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        if text and text.strip():
            runs.append(Run(text, min(xs) * scale, min(ys) * scale, max(xs) * scale, max(ys) * scale))
    return runs


def page_image(path: str, index: int = 0):
    """A PDF page as a PIL image: its embedded scan when the page is one image, else rendered
    at DPI (pypdfium2)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return pdf[index].render(scale=DPI / 72).to_pil()
    finally:
        pdf.close()


def ocr_pdf_page(path: str, index: int = 0) -> str:
    """The text of one PDF page by OCR, in layout rows."""
    return layout_text(runs_of(page_image(path, index)))


def ocr_image(path: str) -> str:
    """The text of a photo or scanned image (JPEG, PNG, TIFF …), upright per its EXIF, scaled so
    that an A4 page is about DPI."""
    from PIL import Image, ImageOps

    with Image.open(path) as im:
        im = ImageOps.exif_transpose(im).convert("RGB")
        long_side = max(im.size)
        target = round(297 / 25.4 * DPI)
        if long_side > target * 1.2:
            s = target / long_side
            im = im.resize((round(im.size[0] * s), round(im.size[1] * s)), Image.LANCZOS)
        return layout_text(runs_of(im))
