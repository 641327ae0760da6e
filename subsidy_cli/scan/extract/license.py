"""Business licence fields: name, credit code, and what ``subsidy draft`` writes into [company]:
type, legal representative, registered capital, date of establishment, address."""

from __future__ import annotations

import re

from ..normalise import clean, normalise
from .common import Found, labelled_date, labelled_party

_CODE = re.compile(r"(?:统一社会信用代码|信用代码|注册号)[^0-9A-Z\n]{0,6}([0-9A-Z]{18})(?![0-9A-Z])")
_ANY_CODE = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}(?![0-9A-Z])")
_CAPITAL = re.compile(r"注册资本[ \t]*[:：]?[ \t\n]*(?:人民币)?[ \t]*(\d[\d,]*(?:\.\d+)?)[ \t]*(万元|万|元)")
_LINE_VALUE = r"[ \t]*[:：]?[ \t]*([^\n]{2,80})"


def _line_value(labels: str, text: str) -> str | None:
    m = re.search(f"(?:{labels}){_LINE_VALUE}", text)
    return m.group(1).strip() if m else None


def license_fields(text: str) -> Found:
    """name (名称), credit_code (统一社会信用代码), company_type (类型), legal_representative
    (法定代表人), registered_capital ("1000万"), registered_on (成立日期), address (住所)."""
    printed, text = clean(text), normalise(text)
    out: dict = {}
    if name := labelled_party(r"(?<![\u3400-\u9fff])名\s*称|企业名称|公司名称", text):
        out["name"] = name
    if m := _CODE.search(text):
        out["credit_code"] = m.group(1)
    elif len(codes := set(_ANY_CODE.findall(text))) == 1:
        out["credit_code"] = codes.pop()
    if (kind := _line_value(r"(?<![\u3400-\u9fff])类\s*型", text)) and "公司" in kind:
        out["company_type"] = re.sub(r"[(（].*$", "", kind)
    if (person := _line_value(r"法定代表人|负责人|经营者", text)) and len(person) <= 20:
        out["legal_representative"] = person
    if m := _CAPITAL.search(text):
        figure = m.group(1).replace(",", "")
        out["registered_capital"] = figure + ("万" if m.group(2).startswith("万") else "元")
    if day := labelled_date(r"成立日期|注册日期|登记日期", text):
        out["registered_on"] = day
    if address := _line_value(r"住\s*所|经营场所|营业场所|注册地址", printed):   # its spaces as printed
        out["address"] = address
    return out, []
