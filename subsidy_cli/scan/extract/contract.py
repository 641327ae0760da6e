"""Contract fields: number, parties (甲方, 乙方), amount, signing date, term."""

from __future__ import annotations

import re

from ..normalise import normalise
from .contract_terms import contract_terms
from .common import (DATE, RANGE_RE, Found, company_names, iso_date, labelled_amount, labelled_date,
                     labelled_number, labelled_party)


def _parties(text: str) -> dict:
    """party_a and party_b: beside their labels; when neither label has its value on its own
    line (labels drawn in a column, values after them), the company names in order, 甲方 first."""
    labels = {"party_a": "甲方", "party_b": "乙方"}
    out = {k: n for k, lab in labels.items() if (n := labelled_party(lab, text, next_line=False))}
    companies = company_names(text)
    if not out and len(companies) >= 2 and "甲方" in text and "乙方" in text:
        return {"party_a": companies[0], "party_b": companies[1]}
    for key, lab in labels.items():
        if key not in out and (name := labelled_party(lab, text)) and name not in out.values():
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
    ranges = list(RANGE_RE.finditer(text))
    if label:
        after = [r for r in ranges if r.start() >= label.start()]
        if after and after[0].start() - label.end() < 40:
            ranges = after[:1]
    if len(ranges) >= 1 and (label or len(ranges) == 1):
        g = ranges[0].groups()
        return iso_date(*g[:3]), iso_date(*g[3:])
    return None, None


def contract_fields(text: str) -> Found:
    """contract_number, party_a, party_b, amount, signed_on, start, end."""
    text = normalise(text)
    problems: list = []
    out: dict = {}
    if number := labelled_number(r"合同编号|协议编号|合同号|编号|Contract No\.?", text):
        out["contract_number"] = number
    out.update(_parties(text))
    if amount := labelled_amount(r"合同总金额|合同总价|合同金额|总金额|合同价款|总价款|总价|价款|金额", text, problems, "contract"):
        out["amount"] = amount
    signed = labelled_date(r"签订日期|签署日期|签约日期|签订时间|签署时间|签订于|签署于", text)
    if not signed and (m := re.search(r"于\s*" + DATE + r"[^\n。]{0,12}?(?:签订|签署|签约)", text)):
        signed = iso_date(*m.groups())   # '本合同于2024年5月20日在北京签订'
    if signed:
        out["signed_on"] = signed
    start, end = _term(text)
    if start:
        out["start"] = start
    if end:
        out["end"] = end
    return out, problems


def contract_and_terms(raw: str) -> Found:
    """contract_fields and the terms ``subsidy draft`` writes (``contract_terms``)."""
    out, problems = contract_fields(raw)
    out.update((k, v) for k, v in contract_terms(normalise(raw), raw, problems).items() if k not in out)
    return out, problems
