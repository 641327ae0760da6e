"""Payment proof fields: date, amount, payer, payee."""

from __future__ import annotations


from ..normalise import normalise
from .common import SEP, Found, company_names, first_date, labelled_amount, labelled_date, labelled_party


def payment_fields(text: str) -> Found:
    """date, amount, payer, payee."""
    text = normalise(text)
    problems: list = []
    out: dict = {}
    day = labelled_date(r"交易日期|付款日期|支付日期|转账日期|交易时间|记账日期|入账日期|日期", text)
    if day := day or first_date(text):
        out["date"] = day
    labels = r"交易金额|付款金额|支付金额|转账金额|汇款金额|金额\(小写\)|小写金额|小写|金额"
    if amount := labelled_amount(labels, text, problems, "payment"):
        out["amount"] = amount
    for key, labels in (("payer", r"付款人|付款方|付款单位|付款户名|付款账户名称|汇款人"),
                        ("payee", r"收款人|收款方|收款单位|收款户名|收款账户名称")):
        name = labelled_party(f"(?:{labels})(?:{SEP}(?:户名|名称|全称))?", text)
        if name and name not in out.values():
            out[key] = name
    if ("payer" not in out or "payee" not in out) and "付款" in text and "收款" in text:
        spare = [n for n in company_names(text) if n not in out.values()]   # payer first, as printed
        for key in ("payer", "payee"):
            if key not in out and spare:
                out[key] = spare.pop(0)
    return out, problems
