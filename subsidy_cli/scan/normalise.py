"""The one text normaliser of the scanner: every reader's text and every name goes through it.

Text pulled out of Chinese PDFs and OFDs comes in many spellings of the same characters:
full-width digits, letters, colons and brackets (``２０２４：``), the ideographic space, Kangxi
radicals drawn by some fonts instead of the ideographs (``⼀`` U+2F00 for ``一``), radicals of the
CJK Radicals Supplement that NFKC leaves alone (``⻓`` for ``长``), and control characters from
garbled label fonts (which would otherwise split lines). ``clean`` folds them all; ``normalise``
also removes spaces between Chinese characters (``甲　方`` -> ``甲方``), which label matching wants
but layout-sensitive rules (invoice dates spaced ``2023  04  11``) do not mind.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")

# CJK Radicals Supplement (U+2E80-2EFF) without an NFKC mapping, seen in PDF fonts for the
# simplified ideographs; Kangxi radicals (U+2F00-2FDF) are folded by NFKC itself.
_RADICALS = str.maketrans({
    "⺠": "民", "⻓": "长", "⻔": "门", "⻢": "马", "⻋": "车", "⻅": "见", "⻆": "角", "⻚": "页",
    "⻛": "风", "⻜": "飞", "⻝": "食", "⻥": "鱼", "⻄": "西", "⻬": "齐", "⻮": "齿", "⻰": "龙",
    "⻉": "贝", "⻈": "讠", "⺁": "厂", "⺅": "亻", "⺌": "小", "⺗": "心", "⺮": "竹", "⻌": "辶",
    "⻏": "阝", "⻩": "黄", "⻤": "鬼", "⻦": "鸟", "⻨": "麦", "⻘": "青", "⻙": "韦",
})


def clean(text: str | None) -> str:
    """NFKC (full-width to ASCII, Kangxi radicals to ideographs), supplement radicals to
    ideographs, control characters to spaces."""
    return _CONTROL.sub(" ", unicodedata.normalize("NFKC", text or "").translate(_RADICALS))


def normalise(text: str | None) -> str:
    """``clean``, and no spaces inside runs of Chinese characters."""
    return _CJK_SPACE.sub("", clean(text))


def compact(text: str | None) -> str:
    """Names compared as people mean them: cleaned, no whitespace at all."""
    return "".join(clean(text).split())
