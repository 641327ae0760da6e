"""Chinese money numerals: 大写 (壹佰贰拾万元整) and lower-case (一千二百万), as Decimal.

Invoices, contracts and application forms state amounts twice, in figures and in words; the
words are the legally binding form, so a dossier check needs their value to compare with the
figures. Money is always ``decimal.Decimal``: a float would turn 219.47 into 219.469999...
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_DIGITS = {
    "零": 0, "〇": 0,
    "壹": 1, "一": 1, "弌": 1,
    "贰": 2, "貳": 2, "二": 2, "两": 2, "兩": 2,
    "叁": 3, "參": 3, "三": 3,
    "肆": 4, "四": 4,
    "伍": 5, "五": 5,
    "陆": 6, "陸": 6, "六": 6,
    "柒": 7, "七": 7,
    "捌": 8, "八": 8,
    "玖": 9, "九": 9,
}
_SMALL_UNITS = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}
_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_YUAN = "圆元圓"
_FRACTION_UNITS = {"角": Decimal("0.1"), "分": Decimal("0.01"), "厘": Decimal("0.001")}
_NOISE = "人民币整正 \u3000\t\r\n"
_CN_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS) + _YUAN + "角分厘整正负"

#: A run of characters that can make up an amount in words (used to find one inside text).
CN_AMOUNT_RUN = re.compile(f"负?[{re.escape(_CN_CHARS)}]+")

_FIGURES = re.compile(
    r"(?P<sign>-)?(?P<yen>[¥￥])?\s*(?P<sign2>-)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<mult>亿|万|千)?\s*(?P<unit>元|圆|块)?"
)
_MULTIPLIERS = {"亿": Decimal(10**8), "万": Decimal(10**4), "千": Decimal(1000), None: Decimal(1)}


def _parse_integer(text: str) -> int | None:
    """Value of an integer in words ('壹仟贰佰万', '十二'), or None when it is not well formed.

    Units must fall within a 万/亿 section (拾 < 佰 < 仟), and two non-zero digits may not
    follow each other: a garbled or truncated amount must not parse to a plausible wrong value.
    """
    result, section, number = 0, 0, None
    last_unit = 10**5
    for ch in text:
        if ch in _DIGITS:
            if number not in (None, 0):
                return None
            number = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_unit or number == 0:
                return None
            section += (1 if number is None else number) * unit
            number, last_unit = None, unit
        elif ch in _BIG_UNITS:
            section += number or 0
            if section == 0 and result == 0:
                return None
            big = _BIG_UNITS[ch]
            # 亿 scales everything before it ('壹万贰仟亿'); 万 only its own section.
            result = (result + section) * big if big == 10**8 else result + section * big
            section, number, last_unit = 0, None, 10**5
        else:
            return None
    return result + section + (number or 0)


def _parse_fraction(text: str) -> Decimal | None:
    """Value of the part after 圆: '肆角柒分', '零伍分'; None when malformed."""
    total = Decimal(0)
    pending: int | None = None
    for ch in text:
        if ch in _DIGITS:
            pending = _DIGITS[ch]
        elif ch in _FRACTION_UNITS and pending is not None:
            total += pending * _FRACTION_UNITS[ch]
            pending = None
        else:
            return None
    return total if pending in (None, 0) else None


def parse_cn_upper(text: str) -> Decimal | None:
    """Value of an amount written in Chinese words, or None when ``text`` is not one.

    Accepts 大写 and lower-case digits, 圆/元/圓, a trailing 整/正, 零 anywhere, 角/分 and a
    leading 负 (red-letter invoices). Examples: '壹拾万零伍佰元整' -> 100500,
    '贰佰壹拾玖元肆角柒分' -> 219.47, '一千二百万' -> 12000000.
    """
    s = unicodedata.normalize("NFKC", text or "").strip()
    s = s.removeprefix("人民币").lstrip("ⓧ⊗xX:： ")
    negative = s.startswith("负")
    s = s.removeprefix("负").strip(_NOISE)
    if not s or not any(ch in _DIGITS or ch in _SMALL_UNITS for ch in s):
        return None
    yuan_at = max(s.rfind(y) for y in _YUAN)
    if yuan_at >= 0:
        whole, frac = s[:yuan_at], s[yuan_at + 1 :]
    elif any(u in s for u in _FRACTION_UNITS):
        cut = next(i for i, ch in enumerate(s) if ch in _FRACTION_UNITS) - 1
        whole, frac = s[: max(cut, 0)], s[max(cut, 0) :]
    else:
        whole, frac = s, ""
    integer = _parse_integer(whole.rstrip("零")) if whole.strip("零") else 0
    fraction = _parse_fraction(frac.lstrip("零"))
    if integer is None or fraction is None:
        return None
    value = Decimal(integer) + fraction
    return -value if negative else value


def _figures(text: str) -> Decimal | None:
    """Value of the amount in figures in ``text``: the first one marked as money (¥, 元, 万),
    else the first number at all ('2024年 500万元' is 5000000, not 2024)."""
    found = list(_FIGURES.finditer(text))
    marked = [m for m in found if m.group("yen") or m.group("mult") or m.group("unit")]
    for m in marked or found:
        try:
            value = Decimal(m.group("num").replace(",", "")) * _MULTIPLIERS[m.group("mult")]
        except InvalidOperation:
            continue
        return -value if m.group("sign") or m.group("sign2") else value
    return None


def parse_cn_amount(text: str) -> Decimal | None:
    """Amount in mixed notation: '1200万元', '¥1,000,000.00', '人民币壹佰万元整（¥1,000,000）'.

    When both words and figures are present they must agree: a ValueError names both, since a
    form whose two statements of the same amount differ is a finding, not something to guess.
    Returns None when there is no amount at all.
    """
    s = unicodedata.normalize("NFKC", text or "")
    whole = s.strip().removeprefix("人民币").strip()
    words = None
    for run in CN_AMOUNT_RUN.findall(s):
        # A lone numeral in prose ('第一期') is not an amount: words need a money unit.
        if re.search("[圆元圓角分]", run) or run == whole:
            words = parse_cn_upper(run)
            if words is not None:
                break
    without_words = CN_AMOUNT_RUN.sub(" ", s) if words is not None else s
    figures = _figures(without_words)
    if words is not None and figures is not None and words != figures:
        raise ValueError(f"amount in words {words} disagrees with amount in figures {figures}")
    return words if words is not None else figures


_UPPER = "零壹贰叁肆伍陆柒捌玖"
_GROUPS = ("", "万", "亿")


def _four_digits(n: int) -> str:
    """Words for 0 < n < 10000, with the 零 rules used on invoices ('壹仟零伍')."""
    out, zero = "", False
    for unit, name in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        digit = n // unit % 10
        if digit == 0:
            zero = bool(out)
            continue
        out += ("零" if zero else "") + _UPPER[digit] + name
        zero = False
    return out


def _integer_words(n: int) -> str:
    """Words for 0 <= n < 10**12, in 4-digit groups (个, 万, 亿) with 零 between them."""
    if n >= 10**12:
        raise ValueError(f"{n} is too large to write in words here")
    groups = [n // 10**8, n // 10**4 % 10**4, n % 10**4]
    words, zero = "", False
    for group, name in zip(groups, reversed(_GROUPS)):
        if group == 0:
            zero = bool(words)
            continue
        words += ("零" if words and (zero or group < 1000) else "") + _four_digits(group) + name
        zero = False
    return words


def format_cn_upper(amount: Decimal) -> str:
    """大写 form of ``amount`` as printed on invoices ('贰佰叁拾伍圆整', '壹拾伍圆玖角肆分').

    Used to tell a user what the words should have said, and by tests to round-trip.
    """
    amount = Decimal(amount).quantize(Decimal("0.01"))
    sign, amount = ("负", -amount) if amount < 0 else ("", amount)
    words = _integer_words(int(amount))
    jiao, fen = divmod(int(amount % 1 * 100), 10)
    tail = _UPPER[jiao] + "角" if jiao else ("零" if fen and words else "")
    tail += _UPPER[fen] + "分" if fen else ""
    if not words:
        return sign + (tail or "零圆整")
    return sign + words + "圆" + (tail or "整")
