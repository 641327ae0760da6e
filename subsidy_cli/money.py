"""Money as Decimal yuan: parsing the ways people write it, rounding once, showing it.

rules.md (Everywhere): inputs may write ``1200000``, ``"1,200,000.00"``, ``"120万"``,
``"120万元"``, ``"1.2亿"``; round half-up to 0.01 yuan once, on each final award line.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .messages import CodedError

FEN = Decimal("0.01")
ZERO = Decimal(0)
MAX_AMOUNT = Decimal(10) ** 15        # a quadrillion yuan: past it a figure is a typo, not money
_UNITS = {"": Decimal(1), "元": Decimal(1), "万": Decimal(10_000), "万元": Decimal(10_000),
          "亿": Decimal(100_000_000), "亿元": Decimal(100_000_000)}
_MONEY = re.compile(r"^(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*(?P<unit>[^\d\s.,]*)$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


class MoneyError(CodedError, ValueError):
    """The text is not an amount of money the tool understands: a message code and parameters."""


def parse_money(value: object) -> Decimal:
    """Parse an amount of yuan; raise MoneyError with a message saying what was expected."""
    if isinstance(value, bool):
        raise MoneyError("money.bool")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        # TOML floats are binary: go through their shortest repr so 0.1 stays 0.1.
        amount = Decimal(repr(value))
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        text = value.strip().translate(_FULLWIDTH).replace("¥", "").replace("￥", "").strip()
        if text.startswith("-"):
            raise MoneyError("money.negative", value=repr(value))
        if not text:
            raise MoneyError("money.empty")
        m = _MONEY.match(text)
        if not m:
            raise MoneyError("money.not_money", value=repr(value))
        unit = m.group("unit")
        if unit not in _UNITS:
            raise MoneyError("money.unit", unit=repr(unit), value=repr(value))
        num = m.group("num")
        if "," in num and not re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?", num):
            raise MoneyError("money.separator", value=repr(value))
        try:
            amount = Decimal(num.replace(",", "")) * _UNITS[unit]
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only numbers
            raise MoneyError("money.not_money", value=repr(value)) from exc
    else:
        raise MoneyError("money.type", got=type(value).__name__)
    if not amount.is_finite():
        raise MoneyError("money.not_finite", value=repr(value))
    if amount >= MAX_AMOUNT:
        raise MoneyError("money.too_large", value=repr(value))
    if amount < 0:
        raise MoneyError("money.negative", value=repr(value))
    return amount


def round_fen(amount: Decimal) -> Decimal:
    """Round half-up to the fen: done once, on each final award line."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def yuan(amount: Decimal) -> str:
    """Machine form: yuan with two decimals, no separators (``"18000000.00"``)."""
    return str(round_fen(amount))


def show(amount: Decimal) -> str:
    """Human form: ``¥18,000,000.00 (1,800.00万元)``."""
    a = round_fen(amount)
    wan = (a / Decimal(10_000)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize()
    wan_text = f"{wan:,f}" if wan == wan.to_integral() else f"{wan:,}"
    return f"¥{a:,.2f} ({wan_text}万元)"
