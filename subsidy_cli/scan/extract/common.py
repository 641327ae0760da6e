"""What the extractors of contracts, settlement sheets and payment proofs share: dates,
amounts (figures and 大写), labelled values, party and company names.

Text pulled out of a PDF is not always in reading order, so a label may be separated from its
value by spaces or a line break, and where labels are lost the value's shape is used. Dates are
ISO strings, money strings of yuan "1234.00". Problems are (code, severity, message) tuples.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ..cn_numerals import CN_AMOUNT_RUN, parse_cn_amount, parse_cn_upper

Found = tuple[dict, list[tuple[str, str, str]]]

SEP = r"[ \t]*[:：]?[ \t\n]*"   # between a label and its value: colon, spaces, one line break
DATE = r"((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?"
DATE_RE = re.compile(r"(?<!\d)" + DATE)
MONTH_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*月?(?![\d.\-/日])")
RANGE_RE = re.compile(r"(?<!\d)" + DATE + r"\s*(?:至|到|起至|—+|–|-|~|～)\s*" + DATE)
FIGURE = r"[¥￥]?\s*-?\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)?"
NUMBER_TOKEN = r"([A-Za-z0-9][A-Za-z0-9\-_/.()]{2,40}[A-Za-z0-9)])"
NAME = r"([\u3400-\u9fffA-Za-z0-9()（）·&\- ]{2,60}?)"
NAME_END = r"(?=\s*(?:\n|$|[,，;；。“\x22]|[(（](?:以下|下称|简称)|\s{2,}|(?:地址|住所|法定代表人|统一社会信用代码|联系人|电话|账号|开户|乙方|甲方|收款|付款)))"


def iso_date(y: str, m: str, d: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def first_date(text: str) -> str | None:
    for m in DATE_RE.finditer(text):
        if day := iso_date(*m.groups()):
            return day
    return None


def labelled(labels: str, value: str, text: str, flags: int = 0) -> re.Match[str] | None:
    return re.search(f"(?:{labels}){SEP}{value}", text, flags)


def labelled_date(labels: str, text: str) -> str | None:
    m = re.search(f"(?:{labels})[^\\n\\d]{{0,12}}\\n?[^\\n\\d]{{0,6}}(?:{DATE}|((?:19|20)\\d{{2}})(\\d{{2}})(\\d{{2}})(?!\\d))", text)
    if not m:
        return None
    g = m.groups()
    return iso_date(*g[:3]) if g[0] else iso_date(*g[3:])


def money_str(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def labelled_amount(labels: str, text: str, problems: list, what: str) -> str | None:
    """The amount after one of ``labels``, the most specific label first (figures, words, or
    both, which must agree; a bare number only right after a colon); else the only amount in
    words in the text. A disagreement is a problem, the words win."""
    for label in labels.split("|"):
        for m in re.finditer(f"(?:{label})[^\\n\\d¥壹贰叁肆伍陆柒捌玖拾佰仟万零]{{0,16}}", text):
            tail = text[m.end(): m.end() + 80].split("\n\n")[0]
            first = tail.split("\n")[0]
            line = clip_amount(first if re.search(r"\d|[壹贰叁肆伍陆柒捌玖]", first) else tail)
            marked = re.search(r"[¥元万圆壹贰叁肆伍陆柒捌玖]|CNY|RMB|人民币|\d\.\d\d(?!\d)", m.group() + line)
            if not (":" in m.group() or "  " in m.group() or "\t" in m.group() or marked):  # colon or table cell
                continue  # '合同金额的30%' is no amount
            try:
                value = parse_cn_amount(line)
            except ValueError as exc:
                problems.append((f"{what}.amount_mismatch", "warning", f"{what} amount: {exc}"))
                return money_str(upper_in(line))
            if value is not None and value > 0:
                return money_str(value)
    words = {v for v in (upper_of(run) for run in CN_AMOUNT_RUN.findall(text)) if v}
    return money_str(words.pop()) if len(words) == 1 else None


def clip_amount(line: str) -> str:
    """The part of a line that states the amount: up to the first clause break after it, so a
    second number on the line ('含税6%') is not taken for it."""
    m = re.match(r"[^。;；，,]*?(?:元整|元|圆整|圆|整|\))(?:\s*[(（][^)）]*[)）])?", line)
    return m.group() if m else line


def upper_of(run: str) -> Decimal | None:
    if re.search("[壹贰叁肆伍陆柒捌玖]", run) and re.search("[圆元]", run):
        return parse_cn_upper(run)
    return None


def upper_in(text: str) -> Decimal | None:
    for run in CN_AMOUNT_RUN.findall(text):
        if (value := upper_of(run)) is not None:
            return value
    return None


def labelled_party(labels: str, text: str, next_line: bool = True) -> str | None:
    """'甲方（采购方）：北京某某科技有限公司' -> the name; the value may sit on the next line."""
    sep = SEP if next_line else r"[ \t]*[:：]?[ \t]*"
    m = re.search(f"(?:{labels})(?:\\s*[(（][^)）\\n]{{1,12}}[)）])?{sep}{NAME}{NAME_END}", text)
    if not m:
        return None
    name = re.sub(r"\s+", "", m.group(1)).strip("()（）")
    if len(name) < 2 or LABEL_WORD.fullmatch(name):
        return None
    return name


LABEL_WORD = re.compile(r"\(?(?:签字|盖章|签章|名称|户名|全称|账号|甲方|乙方|(?:付款|收款)(?:人|方|单位|户名)?)\)?")
COMPANY = re.compile(r"[\u3400-\u9fff()A-Za-z0-9]{2,40}?(?:有限责任公司|股份有限公司|有限公司|公司|集团|研究院|中心)"
                      r"(?:\((?!以下|下称|简称)[^()]{1,12}\))?")


def company_names(text: str) -> list[str]:
    """Company-like names in the order they appear, each once."""
    out: list[str] = []
    for m in COMPANY.finditer(text):
        name = re.sub(r"^(?:甲方|乙方|名称|全称|户名|单位|采购方|服务方|(?:付款|收款)(?:人|方|单位)?)+", "", m.group())
        if len(name) >= 4 and name not in out:
            out.append(name)
    return out


def labelled_number(labels: str, text: str) -> str | None:
    m = labelled(labels, NUMBER_TOKEN, text)
    return m.group(1).rstrip(".") if m else None
