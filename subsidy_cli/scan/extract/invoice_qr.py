"""An invoice's fields checked against its QR code, and filled from it where the text failed.

The QR (readers/qr.py) is exact; the text layer may be garbled, scattered or missing (a scan).
Number, code and date must agree; for a 数电票 the QR amount is the 价税合计 and must equal the
total, for an old-style invoice it is the amount before tax and cannot exceed the total. A field
the text did not give is taken from the QR (never the seller: the QR does not carry it). A
disagreement is a problem naming both values; the text's value is kept, since which one is
wrong is for a person to judge.
"""

from __future__ import annotations

from decimal import Decimal

from ..problems import invoice_problem
from .invoice import missing_field_problems

_SAME = ("invoice_number", "invoice_code", "issue_date")


def apply_qr(fields: dict, qr: dict) -> dict:
    """``fields`` (extract_invoice_fields' shape, with ``problems``) checked against ``qr``."""
    out = dict(fields)
    problems = [p for p in out.get("problems", []) if p["code"] != "invoice.unreadable_field"]
    for key in _SAME:
        if not qr.get(key):
            continue
        if not out.get(key):
            out[key] = qr[key]
        elif out[key] != qr[key]:
            problems.append(invoice_problem("invoice.qr_mismatch", field=key, qr=qr[key], text=out[key]))
    amount = qr.get("amount")
    if amount and qr.get("amount_is_total"):
        if not out.get("total"):
            out["total"] = amount
        elif Decimal(out["total"]) != Decimal(amount):
            problems.append(invoice_problem("invoice.qr_mismatch", field="total", qr=amount, text=out["total"]))
    elif amount:
        out["amount_excl_tax"] = amount
        if out.get("total") and Decimal(amount) > Decimal(out["total"]) > 0:
            problems.append(invoice_problem("invoice.qr_over_total", qr=amount, total=out["total"]))
    if qr.get("check_code"):
        out["check_code"] = qr["check_code"]
    if len(out.get("invoice_number", "")) == 20:
        out.pop("invoice_code", None)
    out["qr"] = True
    out["problems"] = problems + missing_field_problems(out)
    return out
