"""Fields of contracts, settlement sheets and payment proofs from their text (invoices: invoice.py).

Text pulled out of a PDF is not always in reading order and may be full-width, so the text is
normalised (NFKC) first, a label may be separated from its value by spaces or a line break, and
where labels are lost the value's shape is used (one date range in the text is the term; the
amount in words is the contract amount). Dates are ISO strings, money strings of yuan "1234.00".
Returned problems are (code, severity, message) tuples; dossier.py turns them into Problems.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from decimal import Decimal

from .cn_numerals import CN_AMOUNT_RUN, parse_cn_amount, parse_cn_upper

Found = tuple[dict, list[tuple[str, str, str]]]

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_SEP = r"[ \t]*[:：]?[ \t\n]*"   # between a label and its value: colon, spaces, one line break
_DATE = r"((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?"
_DATE_RE = re.compile(r"(?<!\d)" + _DATE)
_MONTH_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*月?(?![\d.\-/日])")
_RANGE_RE = re.compile(r"(?<!\d)" + _DATE + r"\s*(?:至|到|起至|—+|–|-|~|～)\s*" + _DATE)
_FIGURE = r"[¥￥]?\s*-?\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)?"
_NUMBER_TOKEN = r"([A-Za-z0-9][A-Za-z0-9\-_/.()]{2,40}[A-Za-z0-9)])"
_NAME = r"([\u3400-\u9fffA-Za-z0-9()（）·&\- ]{2,60}?)"
_NAME_END = r"(?=\s*(?:\n|$|[,，;；。“\x22]|[(（](?:以下|下称|简称)|\s{2,}|(?:地址|住所|法定代表人|统一社会信用代码|联系人|电话|账号|开户|乙方|甲方|收款|付款)))"


def normalise(text: str) -> str:
    """NFKC (full-width digits, letters, colons, brackets become ASCII), no control characters,
    no spaces inside CJK runs ('甲　方' -> '甲方')."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text or ""))
    return re.sub(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])", "", text)


def iso_date(y: str, m: str, d: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _first_date(text: str) -> str | None:
    for m in _DATE_RE.finditer(text):
        if day := iso_date(*m.groups()):
            return day
    return None


def _labelled(labels: str, value: str, text: str, flags: int = 0) -> re.Match[str] | None:
    return re.search(f"(?:{labels}){_SEP}{value}", text, flags)


def _labelled_date(labels: str, text: str) -> str | None:
    m = re.search(f"(?:{labels})[^\\n\\d]{{0,12}}\\n?[^\\n\\d]{{0,6}}(?:{_DATE}|((?:19|20)\\d{{2}})(\\d{{2}})(\\d{{2}})(?!\\d))", text)
    if not m:
        return None
    g = m.groups()
    return iso_date(*g[:3]) if g[0] else iso_date(*g[3:])


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _amount(labels: str, text: str, problems: list, what: str) -> str | None:
    """The amount after one of ``labels``, the most specific label first (figures, words, or
    both, which must agree; a bare number only right after a colon); else the only amount in
    words in the text. A disagreement is a problem, the words win."""
    for label in labels.split("|"):
        for m in re.finditer(f"(?:{label})[^\\n\\d¥壹贰叁肆伍陆柒捌玖拾佰仟万零]{{0,16}}", text):
            tail = text[m.end(): m.end() + 80].split("\n\n")[0]
            first = tail.split("\n")[0]
            line = _clip_amount(first if re.search(r"\d|[壹贰叁肆伍陆柒捌玖]", first) else tail)
            marked = re.search(r"[¥元万圆壹贰叁肆伍陆柒捌玖]|CNY|RMB|人民币|\d\.\d\d(?!\d)", m.group() + line)
            if not (":" in m.group() or "  " in m.group() or "\t" in m.group() or marked):  # colon or table cell
                continue  # '合同金额的30%' is no amount
            try:
                value = parse_cn_amount(line)
            except ValueError as exc:
                problems.append((f"{what}.amount_mismatch", "warning", f"{what} amount: {exc}"))
                return _money(_upper_in(line))
            if value is not None and value > 0:
                return _money(value)
    words = {v for v in (_upper_of(run) for run in CN_AMOUNT_RUN.findall(text)) if v}
    return _money(words.pop()) if len(words) == 1 else None


def _clip_amount(line: str) -> str:
    """The part of a line that states the amount: up to the first clause break after it, so a
    second number on the line ('含税6%') is not taken for it."""
    m = re.match(r"[^。;；，,]*?(?:元整|元|圆整|圆|整|\))(?:\s*[(（][^)）]*[)）])?", line)
    return m.group() if m else line


def _upper_of(run: str) -> Decimal | None:
    if re.search("[壹贰叁肆伍陆柒捌玖]", run) and re.search("[圆元]", run):
        return parse_cn_upper(run)
    return None


def _upper_in(text: str) -> Decimal | None:
    for run in CN_AMOUNT_RUN.findall(text):
        if (value := _upper_of(run)) is not None:
            return value
    return None


def _party(labels: str, text: str, next_line: bool = True) -> str | None:
    """'甲方（采购方）：北京某某科技有限公司' -> the name; the value may sit on the next line."""
    sep = _SEP if next_line else r"[ \t]*[:：]?[ \t]*"
    m = re.search(f"(?:{labels})(?:\\s*[(（][^)）\\n]{{1,12}}[)）])?{sep}{_NAME}{_NAME_END}", text)
    if not m:
        return None
    name = re.sub(r"\s+", "", m.group(1)).strip("()（）")
    if len(name) < 2 or _LABEL_WORD.fullmatch(name):
        return None
    return name


_LABEL_WORD = re.compile(r"\(?(?:签字|盖章|签章|名称|户名|全称|账号|甲方|乙方|(?:付款|收款)(?:人|方|单位|户名)?)\)?")
_COMPANY = re.compile(r"[\u3400-\u9fff()A-Za-z0-9]{2,40}?(?:有限责任公司|股份有限公司|有限公司|公司|集团|研究院|中心)"
                      r"(?:\((?!以下|下称|简称)[^()]{1,12}\))?")


def _companies(text: str) -> list[str]:
    """Company-like names in the order they appear, each once."""
    out: list[str] = []
    for m in _COMPANY.finditer(text):
        name = re.sub(r"^(?:甲方|乙方|名称|全称|户名|单位|采购方|服务方|(?:付款|收款)(?:人|方|单位)?)+", "", m.group())
        if len(name) >= 4 and name not in out:
            out.append(name)
    return out


def _parties(text: str) -> dict:
    """party_a and party_b: beside their labels; when neither label has its value on its own
    line (labels drawn in a column, values after them), the company names in order, 甲方 first."""
    labels = {"party_a": "甲方", "party_b": "乙方"}
    out = {k: n for k, lab in labels.items() if (n := _party(lab, text, next_line=False))}
    companies = _companies(text)
    if not out and len(companies) >= 2 and "甲方" in text and "乙方" in text:
        return {"party_a": companies[0], "party_b": companies[1]}
    for key, lab in labels.items():
        if key not in out and (name := _party(lab, text)) and name not in out.values():
            out[key] = name
    if "甲方" in text and "乙方" in text:
        spare = [n for n in companies if n not in out.values()]
        for key in labels:
            if key not in out and spare:
                out[key] = spare.pop(0)
    return out


def _term(text: str) -> tuple[str | None, str | None]:
    """服务期限/有效期 'from … to …'; else the only date range in the text."""
    label = re.search(r"(?:服务期限|服务期间|有效期|合同期限|租赁期限|期限)", text)
    ranges = list(_RANGE_RE.finditer(text))
    if label:
        after = [r for r in ranges if r.start() >= label.start()]
        if after and after[0].start() - label.end() < 40:
            ranges = after[:1]
    if len(ranges) >= 1 and (label or len(ranges) == 1):
        g = ranges[0].groups()
        return iso_date(*g[:3]), iso_date(*g[3:])
    return None, None


def _number(labels: str, text: str) -> str | None:
    m = _labelled(labels, _NUMBER_TOKEN, text)
    return m.group(1).rstrip(".") if m else None


def contract_fields(text: str) -> Found:
    """contract_number, party_a, party_b, amount, signed_on, start, end."""
    text = normalise(text)
    problems: list = []
    out: dict = {}
    if number := _number(r"合同编号|协议编号|合同号|编号|Contract No\.?", text):
        out["contract_number"] = number
    out.update(_parties(text))
    if amount := _amount(r"合同总金额|合同总价|合同金额|总金额|合同价款|总价款|总价|价款|金额", text, problems, "contract"):
        out["amount"] = amount
    signed = _labelled_date(r"签订日期|签署日期|签约日期|签订时间|签署时间|签订于|签署于", text)
    if not signed and (m := re.search(r"于\s*" + _DATE + r"[^\n。]{0,12}?(?:签订|签署|签约)", text)):
        signed = iso_date(*m.groups())   # '本合同于2024年5月20日在北京签订'
    if signed:
        out["signed_on"] = signed
    start, end = _term(text)
    if start:
        out["start"] = start
    if end:
        out["end"] = end
    return out, problems


def _period(text: str) -> tuple[str | None, str | None]:
    label = r"结算周期|结算期间|结算期|服务期间|服务周期|计费周期|计费期间|账期|期间"
    start, end = None, None
    m = re.search(f"(?:{label})[^\\n\\d]{{0,8}}\\n?", text)
    ranges = list(_RANGE_RE.finditer(text))
    near = [r for r in ranges if m and 0 <= r.start() - m.end() < 20]
    if near or len(ranges) == 1:
        g = (near or ranges)[0].groups()
        return iso_date(*g[:3]), iso_date(*g[3:])
    if m and (month := _MONTH_RE.match(text, m.end())):
        y, mo = int(month.group(1)), int(month.group(2))
        if 1 <= mo <= 12:
            start = dt.date(y, mo, 1).isoformat()
            end = dt.date(y, mo, calendar.monthrange(y, mo)[1]).isoformat()
    return start, end


def settlement_fields(text: str) -> Found:
    """contract_number, period_start, period_end, amount."""
    text = normalise(text)
    problems: list = []
    out: dict = {}
    if number := _number(r"合同编号|协议编号|合同号|Contract No\.?", text):
        out["contract_number"] = number
    start, end = _period(text)
    if start:
        out["period_start"] = start
    if end:
        out["period_end"] = end
    labels = r"本期结算金额|结算金额|本期应付金额|应付金额|结算总额|合计金额|金额合计|合计|金额"
    if amount := _amount(labels, text, problems, "settlement"):
        out["amount"] = amount
    return out, problems


def payment_fields(text: str) -> Found:
    """date, amount, payer, payee."""
    text = normalise(text)
    problems: list = []
    out: dict = {}
    day = _labelled_date(r"交易日期|付款日期|支付日期|转账日期|交易时间|记账日期|入账日期|日期", text)
    if day := day or _first_date(text):
        out["date"] = day
    labels = r"交易金额|付款金额|支付金额|转账金额|汇款金额|金额\(小写\)|小写金额|小写|金额"
    if amount := _amount(labels, text, problems, "payment"):
        out["amount"] = amount
    for key, labels in (("payer", r"付款人|付款方|付款单位|付款户名|付款账户名称|汇款人"),
                        ("payee", r"收款人|收款方|收款单位|收款户名|收款账户名称")):
        name = _party(f"(?:{labels})(?:{_SEP}(?:户名|名称|全称))?", text)
        if name and name not in out.values():
            out[key] = name
    if ("payer" not in out or "payee" not in out) and "付款" in text and "收款" in text:
        spare = [n for n in _companies(text) if n not in out.values()]   # payer first, as printed
        for key in ("payer", "payee"):
            if key not in out and spare:
                out[key] = spare.pop(0)
    return out, problems


EXTRACTORS = {"contract": contract_fields, "settlement_sheet": settlement_fields, "payment_proof": payment_fields}


def extract_fields(material_type: str, text: str) -> Found:
    """Fields of one material type from its text (types without an extractor give none)."""
    fn = EXTRACTORS.get(material_type)
    return fn(text) if fn and text else ({}, [])
