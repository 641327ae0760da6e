"""Images (photos and scans): checked to be one by their first bytes; their text by OCR when
the extra is installed, and an invoice's QR code."""

from __future__ import annotations

from .content import content

_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")


def read_image(path: str) -> dict:
    with open(path, "rb") as fh:
        head = fh.read(16)
    if not head.startswith(_IMAGE_MAGIC) and b"ftyp" not in head:
        return content(has_image=False, text_layer=False, problems=[[
            "file.wrong_type", "error", "named as an image but is not one"]])
    from .. import ocr

    if not ocr.available():
        return content(has_image=True, text_layer=False, ocr="missing", qr=_qr(path))
    try:
        text = ocr.ocr_image(path)
    except (OSError, ValueError) as exc:   # Pillow cannot decode it (a truncated or exotic file)
        return content(has_image=True, text_layer=False, problems=[[
            "file.corrupt", "error", f"the image cannot be decoded ({type(exc).__name__}: {exc})"]])
    return content(text, has_image=True, text_layer=False, ocr="done", qr=_qr(path))


def _qr(path: str) -> list[str]:
    """An invoice photo's QR code (zxing-cpp reads Pillow images)."""
    from .qr import available, qr_texts_image

    return qr_texts_image(path) if available() else []
