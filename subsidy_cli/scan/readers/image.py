"""Images: checked to be one (by their first bytes); no text without OCR."""

from __future__ import annotations

from .content import content

_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")


def read_image(path: str) -> dict:
    with open(path, "rb") as fh:
        head = fh.read(16)
    if not head.startswith(_IMAGE_MAGIC) and b"ftyp" not in head:
        return content(has_image=False, text_layer=False, problems=[[
            "file.wrong_type", "error", "named as an image but is not one"]])
    return content(has_image=True, text_layer=False)
