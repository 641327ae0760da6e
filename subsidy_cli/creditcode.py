"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters from ``0123456789ABCDEFGHJKLMNPQRTUWXY``; the last is a check character:
``C18 = 31 - (sum(value(Ci) * 3^(i-1) mod 31) mod 31)``, with 31 written as 0.
"""

from __future__ import annotations

from .messages import Text

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(CHARSET)}
_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def check_char(first17: str) -> str:
    """The check character for the first 17 characters."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def problem(code: str) -> Text | None:
    """None when the code is well formed with a valid check digit, else what is wrong (a message
    code and its values, put into words by the catalogue)."""
    if len(code) != 18:
        return Text("creditcode.length", count=len(code))
    bad = sorted({c for c in code if c not in _VALUE})
    if bad:
        return Text("creditcode.charset", chars="".join(bad))
    expected = check_char(code[:17])
    if code[17] != expected:
        return Text("creditcode.check", found=code[17], expected=expected)
    return None
