"""Fields of a Chinese e-invoice (增值税电子普通/专用发票, 数电票) from its extracted text.

Text pulled out of invoice PDFs is rarely in reading order: generators draw all labels first and
the bare values afterwards in another order, some label fonts decode to ASCII punctuation, the
seal's text comes out one reversed character per line. So the rules here key on the *shape* of
each value (20-digit number, 18-character credit code with a valid check character, ¥ amount
equal to the amount in words, company-like name next to its credit code) and use labels only as
a first, optional hint. Pure text in, fields out: reading files is ``scan/invoice.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ... import creditcode
from ..cn_numerals import CN_AMOUNT_RUN, parse_cn_upper
from ..normalise import clean as normalise
from ..problems import invoice_problem

CORE_FIELDS = ("invoice_number", "issue_date", "total", "seller_name")

_BANK_LINE = re.compile(r"银行|账号|帐号|开户行")
_NOT_NUMBER_LINE = re.compile(r"银行|账号|帐号|开户行|校\s*验\s*码|订单|电话")
_LABEL_NUMBER = re.compile(r"发票号码:?\s*(\d{20}|\d{8})(?!\d)")
_LABEL_CODE = re.compile(r"发票代码:?\s*(\d{12}|\d{10})(?!\d)")
_CODE_THEN_NUMBER = re.compile(r"(?<![\d.])(\d{12}|\d{10})\s+(\d{8})(?![\d.])")
_TWENTY_DIGITS = re.compile(r"(?<![\d.])\d{20}(?![\d.])")
_LONE_NUMBER = re.compile(r"^ *(\d{8}) *$", re.M)
_LONE_CODE = re.compile(r"^ *(0\d{11}) *$", re.M)  # e-invoice codes start with 0, machine numbers not
_DATE_PATTERNS = (
    re.compile(r"开票日期:?\s*((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(?<![\d-])((?:19|20)\d{2}) {1,12}(\d{2}) {1,12}(\d{2})(?![\d-])"),  # '2023      04     11'
    re.compile(r"(?<![\d-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d-])"),
)
_YEN_AMOUNT = re.compile(r"¥\s*(-?\d[\d,]*\.\d{2})")
_SMALL_FIGURE = re.compile(r"小写[)\]]?\s*:?\s*(-?\d[\d,]*\.\d{2})")
_UPPER_DIGIT = re.compile("[壹贰叁肆伍陆柒捌玖]")
_CREDIT = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}(?![0-9A-Z])")
_PARTY_CODE = r"[^\n]{0,24}?(?:识别号|信用代码):?[ \t]*(" + _CREDIT.pattern + ")"
_PARTY = {"buyer": "(?:购买方|购方|买方)", "seller": "(?:销售方|销方|卖方)"}
_NAME_RUN = re.compile(r"[\u3400-\u9fffA-Za-z0-9()·&\-]+")
_NAME_END = re.compile(
    r"(?:公司|集团|中心|酒店|饭店|宾馆|餐厅|餐馆|店|院|所|厂|部|社|馆|商行|工作室|站|场|园"
    r"|学校|大学|协会|基金会|合作社)(?:\([^()]{1,12}\))?$"  # '(有限合伙)', '(个体工商户)
)
_ADDRESS = re.compile(r"\d+\s*(?:号|层|室|栋|幢|座|楼|单元|弄|巷)|路\d|街\d")
_NOT_A_NAME = re.compile(r"名称|发票|监制|税务局")


def credit_code_ok(code: str) -> bool:
    """GB 32100-2015 check character: tells a real credit code from any 18-digit number."""
    return creditcode.problem(code) is None


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def _unlabelled(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches not on a line about a bank account, check code, order or phone number."""
    return [m for m in pattern.finditer(text) if not _NOT_NUMBER_LINE.search(_line_of(text, m.start()))]


def _number_and_code(text: str, year: int | None) -> dict[str, str]:
    """发票号码 (and 发票代码 for old-style invoices): label, then code-beside-number, then a
    20-digit 数电 number (preferring one that starts with the issue year; never a bank account)."""
    out: dict[str, str] = {}
    if m := _LABEL_CODE.search(text):
        out["invoice_code"] = m.group(1)
    if m := _LABEL_NUMBER.search(text):
        out["invoice_number"] = m.group(1)
    elif pairs := _unlabelled(_CODE_THEN_NUMBER, text):
        out.setdefault("invoice_code", pairs[0].group(1))
        out["invoice_number"] = pairs[0].group(2)
    else:
        found = _unlabelled(_TWENTY_DIGITS, text)
        dated = [m for m in found if year and m.group().startswith(f"{year % 100:02d}")]
        if dated or found:
            out["invoice_number"] = (dated or found)[0].group()
        else:  # values scattered: accept a lone 8-digit (12-digit) line only when unambiguous
            for key, pattern in (("invoice_number", _LONE_NUMBER), ("invoice_code", _LONE_CODE)):
                if len(lone := pattern.findall(text)) == 1:
                    out.setdefault(key, lone[0])
    if len(out.get("invoice_number", "")) == 20:
        out.pop("invoice_code", None)  # 数电票 have no 发票代码
    return out


def _issue_date(text: str) -> str | None:
    """First valid date, trying the most specific form first: the 备注 of hotel invoices holds
    ISO stay dates, which must not win over the 开票日期 printed as '2023  12  28'."""
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                return dt.date(*map(int, m.groups())).isoformat()
            except ValueError:
                continue
    return None


def _upper_amount(text: str) -> tuple[str, Decimal] | tuple[None, None]:
    """The 价税合计 in words and its value: a run with a 大写 digit and a money unit (lower-case
    numerals in addresses, such as 三元里, are not taken for it)."""
    for run in CN_AMOUNT_RUN.findall(text):
        if _UPPER_DIGIT.search(run) and re.search("[圆元角分]", run):
            value = parse_cn_upper(run)
            if value is not None:
                return run, value
    return None, None


def _totals(text: str, problems: list[dict]) -> dict[str, str]:
    """价税合计: the ¥ amount equal to the amount in words; else the largest ¥ amount (合计金额
    and 合计税额 are its parts), reporting a mismatch with the words."""
    out: dict[str, str] = {}
    amounts = [Decimal(a.replace(",", "")) for a in _YEN_AMOUNT.findall(text)]
    if not amounts and (m := _SMALL_FIGURE.search(text)):
        amounts = [Decimal(m.group(1).replace(",", ""))]
    words, upper = _upper_amount(text)
    if upper is not None:
        out["total_upper"] = f"{upper:.2f}"
    if upper is not None and upper in amounts:
        total = upper
    elif amounts:
        total = max(amounts, key=abs)
        if upper is not None:
            problems.append(invoice_problem("invoice.upper_mismatch", upper=f"{upper:.2f}", total=f"{total:.2f}"))
    else:
        total = upper
    if total is not None:
        out["total"] = f"{total:.2f}"
    return out


def _credit_codes(text: str, problems: list[dict]) -> list[str]:
    """Credit codes in order of appearance, keeping only those with a valid check character
    (falling back to all well-shaped ones, with a problem, when none is valid)."""
    seen = list(dict.fromkeys(_CREDIT.findall(text)))
    valid = [c for c in seen if credit_code_ok(c)]
    if seen and not valid:
        problems.append(invoice_problem("invoice.bad_credit_code", codes=", ".join(seen)))
        return seen
    return valid


def _is_name(run: str) -> bool:
    return (
        4 <= len(run) <= 60
        and bool(_NAME_END.search(run))
        and not _ADDRESS.search(run)
        and not _NOT_A_NAME.search(run)
    )


def _names_by_line(text: str) -> list[list[str]]:
    """Company-like names on each line; credit codes are cut out first (one is often glued to
    the address that follows it) and bank lines (with an account number) are skipped."""
    out: list[list[str]] = []
    for line in text.split("\n"):
        line = _CREDIT.sub(" ", line)
        if line.lstrip().startswith("*") or (_BANK_LINE.search(line) and re.search(r"\d{9}", line)):
            out.append([])
            continue
        out.append([r for r in _NAME_RUN.findall(line) if _is_name(r)])
    return out


def _name_before(code: str, text: str, names: list[list[str]]) -> str | None:
    """The name printed right before ``code``: earlier on its line or on one of the two lines
    above, not crossing another credit code. This is how every layout seen pairs them."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if code not in line:
            continue
        before = [r for r in _NAME_RUN.findall(line.split(code)[0]) if _is_name(r)]
        if before:
            return before[-1]
        for j in (i - 1, i - 2):
            if j < 0 or _CREDIT.search(lines[j]):
                break
            if names[j]:
                return names[j][-1]
    return None


def _labelled(kind: str, text: str) -> str | None:
    """Credit code printed right after a 购买方/销售方 … 识别号 label on the same line."""
    m = re.search(_PARTY[kind] + _PARTY_CODE, text)
    return m.group(1) if m else None


# A 名称 label of a party block (not 酒店名称 or 项目名称 in the body) and its value on the same row,
# up to a cell gap; the 纳税人识别号 label and its code, or nothing (a person has none).
_NAME_LABEL = re.compile(r"(?<![^\s方息:购销买售])名\s*称\s*:[ \t]*([^\s:][^\n]*?)?(?=[ \t]{2,}|\n|$)")
_CODE_LABEL = re.compile(r"(?:纳税人识别号|统一社会信用代码)(?:/纳税人识别号)?\s*:[ \t]*([0-9A-Z]{15,20}(?![0-9A-Z]))?")
_LABEL_VALUE = re.compile(r"纳税人|识别号|地\s*址|电\s*话|开户行|账\s*号|:")


def _roles(text: str, matches: list[re.Match[str]]) -> list[str] | None:
    """buyer/seller for each of two labels: by what precedes the label on its row (购买方,
    销售方, or the 购/销 of a vertical block title), else buyer first (above, or left of, the
    seller's block)."""
    if len(matches) != 2:
        return None
    roles = []
    for m in matches:
        before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        roles.append("seller" if re.search("[销卖]", before) else "buyer" if re.search("[购买]", before) else None)
    if roles[0] == roles[1]:
        return ["buyer", "seller"] if roles[0] is None else None
    if None in roles:
        known = roles[0] or roles[1]
        other = "seller" if known == "buyer" else "buyer"
        roles = [r or other for r in roles]
    return roles


def _labelled_blocks(text: str) -> dict[str, str | None]:
    """Names and codes of the two party blocks read from their labels when the layout kept each
    value beside its label: exactly two 名称 labels (and two 纳税人识别号 labels), roles by
    ``_roles``. A label without a value (a person as buyer) gives None, so that the seller's
    code is never taken for the buyer's."""
    out: dict[str, str | None] = {}
    names = list(_NAME_LABEL.finditer(text))
    for role, m in zip(_roles(text, names) or [], names):
        name = (m.group(1) or "").strip()
        ok = len(name) >= 2 and not _LABEL_VALUE.search(name) and not name.startswith("密码")
        out[f"{role}_name"] = name if ok else None   # '密' is the 密码区 beside the label
    codes = list(_CODE_LABEL.finditer(text))
    if any(m.group(1) for m in codes):
        for role, m in zip(_roles(text, codes) or [], codes):
            out[f"{role}_credit_code"] = m.group(1)
    return out


def _parties(text: str, problems: list[dict]) -> dict[str, str]:
    """Buyer and seller: from the party blocks' labels when both blocks are labelled (layout
    text keeps values beside labels), else by the shape of values."""
    out = _parties_by_shape(text, problems)
    labelled = _labelled_blocks(text)
    if labelled.get("buyer_name") or labelled.get("seller_name"):
        for key in ("buyer_name", "seller_name", "buyer_credit_code", "seller_credit_code"):
            out.pop(key, None)
            if labelled.get(key):
                out[key] = labelled[key]
        for role in ("buyer", "seller"):   # a code read by shape, the labels gave none
            key = f"{role}_credit_code"
            if key not in out and key not in labelled and (code := _parties_by_shape(text, []).get(key)):
                if code not in out.values():
                    out[key] = code
    return out


def _parties_by_shape(text: str, problems: list[dict]) -> dict[str, str]:
    """Buyer and seller names and credit codes. Labels win when a value sits right after its
    label; otherwise the buyer comes first (true of every invoice layout in the corpus)."""
    codes = _credit_codes(text, problems)
    names = _names_by_line(text)
    ordered = list(dict.fromkeys(n for line in names for n in line))
    out: dict[str, str] = {}
    buyer, seller = _labelled("buyer", text), _labelled("seller", text)
    rest = [c for c in codes if c not in (buyer, seller)]
    if len(rest) == 1 and not buyer and not seller and ordered[1:2] == [_name_before(rest[0], text, names)]:
        seller = rest.pop()  # a lone code beside the second name: buyer is a person (数电票)
    buyer = buyer or (rest.pop(0) if rest else None)
    seller = seller or (rest.pop(0) if rest else None)
    for role, code in (("buyer", buyer), ("seller", seller)):
        if code:
            out[f"{role}_credit_code"] = code
            if name := _name_before(code, text, names):
                out[f"{role}_name"] = name
    for role in ("buyer", "seller"):
        spare = [n for n in ordered if n not in out.values()]
        if f"{role}_name" not in out and spare:
            out[f"{role}_name"] = spare[0]
    return out


def missing_field_problems(fields: dict) -> list[dict]:
    """One problem per core field that could not be read, so a dossier check can say why."""
    return [invoice_problem("invoice.unreadable_field", field=name) for name in CORE_FIELDS if not fields.get(name)]


_CONTRACT_NOTE = re.compile(r"(?:合同编号|合同号|协议编号)\s*:?\s*([A-Za-z0-9][A-Za-z0-9\-_/.]{2,40}[A-Za-z0-9])")


def extract_invoice_fields(text: str, *, report_missing: bool = True) -> dict:
    """Fields of an e-invoice from its text (any order); see the module docstring for why the
    rules key on the shape of values. Missing fields are omitted; ``problems`` lists findings."""
    text = normalise(text)
    problems: list[dict] = []
    fields: dict = {}
    if date := _issue_date(text):
        fields["issue_date"] = date
    fields.update(_number_and_code(text, int(date[:4]) if date else None))
    fields.update(_totals(text, problems))
    fields.update(_parties(text, problems))
    if m := _CONTRACT_NOTE.search(text):
        fields["contract_number"] = m.group(1).rstrip(".")   # 备注: 合同编号 HT-2024-001
    if report_missing:
        problems += missing_field_problems(fields)
    fields["problems"] = problems
    return fields
