"""The content dict every reader returns (and the cache stores)."""

from __future__ import annotations

from ..problems import SEVERITY

TEXT_CHARS = 40_000                 # text kept per file


def content(text: str = "", pages: int | None = None, has_image: bool | None = None,
             text_layer: bool | None = None, problems: list | None = None, **extra) -> dict:
    return {"text": text[:TEXT_CHARS], "pages": pages, "has_image": has_image, "text_layer": text_layer,
            "problems": problems or [], **extra}


def fail(code: str, message: str) -> dict:
    return content(problems=[[code, SEVERITY[code], message]])
