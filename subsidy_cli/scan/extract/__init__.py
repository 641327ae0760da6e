"""Fields of each material type from what a reader found (its text, an OFD's invoice data).

``derived_fields`` memoises them per type in the content, and so in the cache.
"""

from __future__ import annotations

from ..problems import Problem, problem
from .common import Found
from .contract import contract_and_terms
from .license import license_fields
from .payment import payment_fields
from .settlement import settlement_fields

FIELDS_VERSION = "6"      # bump when an extractor changes: the memoised fields are recomputed, files not read again

EXTRACTORS = {"contract": contract_and_terms, "settlement_sheet": settlement_fields, "payment_proof": payment_fields,
              "business_license": license_fields}


def extract_fields(material_type: str, text: str) -> Found:
    """Fields of one material type from its text (types without an extractor give none)."""
    fn = EXTRACTORS.get(material_type)
    return fn(text) if fn and text else ({}, [])


def derived_fields(mtype: str, content: dict) -> tuple[dict, list[Problem]]:
    """fields_of, memoised per type in the content (and so in the cache, keyed by content)."""
    if content.get("fields_version") != FIELDS_VERSION:
        content["fields_by_type"], content["fields_version"] = {}, FIELDS_VERSION
    memo = content["fields_by_type"]
    if mtype not in memo:
        fields, found = fields_of(mtype, content)
        memo[mtype] = [fields, [[p.code, p.severity, p.message] for p in found]]
        content["derived_changed"] = True
    fields, found = memo[mtype]
    return dict(fields), [Problem(c, s, m) for c, s, m in found]

_INVOICE_FIELDS = ("invoice_number", "invoice_code", "issue_date", "total", "total_upper", "buyer_name",
                   "buyer_credit_code", "seller_name", "seller_credit_code", "amount_excl_tax", "check_code", "qr",
                   "contract_number")


def _invoice_problem(message: str) -> Problem:
    if message.startswith("could not read"):
        return problem("invoice.unreadable_field", message, "warning")
    if "in words" in message:
        return problem("invoice.upper_mismatch", message, "error")
    if "credit code" in message:
        return problem("invoice.bad_credit_code", message, "warning")
    if "QR code says" in message:
        return problem("invoice.qr_mismatch", message, "error")
    if "embedded data" in message:
        return problem("invoice.inconsistent", message, "warning")
    if "no text layer" in message:
        return problem("file.no_text_layer", message, "info")
    return problem("invoice.problem", message, "warning")


def fields_of(mtype: str, content: dict) -> tuple[dict, list[Problem]]:
    text = content.get("text") or ""
    if mtype == "invoice":
        found = content.get("invoice")
        if found is None and text.strip():
            from .invoice import extract_invoice_fields
            found = extract_invoice_fields(text)
        from ..readers.qr import invoice_qr
        if qr := invoice_qr(content.get("qr") or []):
            from .invoice_qr import apply_qr
            found = apply_qr(found or {}, qr)
        if not found:
            return {}, []
        fields = {k: found[k] for k in _INVOICE_FIELDS if found.get(k)}
        return fields, [_invoice_problem(m) for m in found.get("problems", [])]
    fields, found = extract_fields(mtype, text)
    return fields, [problem(c, m, s) for c, s, m in found]
