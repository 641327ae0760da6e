"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters from ``0123456789ABCDEFGHJKLMNPQRTUWXY``; the last is a check character:
``C18 = 31 - (sum(value(Ci) * 3^(i-1) mod 31) mod 31)``, with 31 written as 0.
"""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(CHARSET)}
_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def check_char(first17: str) -> str:
    """The check character for the first 17 characters."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """None when the code is well formed with a valid check digit, else what is wrong (English)."""
    if len(code) != 18:
        return f"has {len(code)} characters, expected 18"
    bad = sorted({c for c in code if c not in _VALUE})
    if bad:
        return f"contains {''.join(bad)!r}, outside the GB 32100-2015 character set (no I, O, S, V, Z)"
    expected = check_char(code[:17])
    if code[17] != expected:
        return f"check character is {code[17]!r}, GB 32100-2015 gives {expected!r}"
    return None
