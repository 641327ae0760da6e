"""Fields of each material type from what a reader found (its text, an OFD's invoice data).

``derived_fields`` memoises them per type in the content, and so in the cache.
"""

from __future__ import annotations

from importlib import import_module

from ...messages import Text, render
from ..problems import INVOICE_SEVERITY, Problem, problem

FIELDS_VERSION = "6"      # bump when an extractor changes: the memoised fields are recomputed, files not read again

# type -> (module, function), imported at the first use: a re-check served from the cache has the
# fields memoised and never loads the extractors and their patterns.
EXTRACTORS = {"contract": (".contract", "contract_and_terms"), "settlement_sheet": (".settlement", "settlement_fields"),
              "payment_proof": (".payment", "payment_fields"), "business_license": (".license", "license_fields")}


def extract_fields(material_type: str, text: str) -> tuple[dict, list]:
    """Fields of one material type from its text (types without an extractor give none)."""
    where = EXTRACTORS.get(material_type)
    if not where or not text:
        return {}, []
    return getattr(import_module(where[0], __name__), where[1])(text)


def derived_fields(mtype: str, content: dict) -> tuple[dict, list[Problem]]:
    """fields_of, memoised per type in the content (and so in the cache, keyed by content)."""
    if content.get("fields_version") != FIELDS_VERSION:
        content["fields_by_type"], content["fields_version"] = {}, FIELDS_VERSION
    memo = content["fields_by_type"]
    if mtype not in memo:
        fields, found = fields_of(mtype, content)
        memo[mtype] = [fields, [[p.code, p.severity, p.message, p.cached] for p in found]]
        content["derived_changed"] = True
    fields, found = memo[mtype]
    return dict(fields), [_problem(*p) for p in found]


def _problem(code: str, severity: str, message: str, params: dict | None = None) -> Problem:
    """A cached problem back as a Problem; an invoice's field names become catalogue words."""
    params = params or {}
    shown = {k: Text(f"invoice.field.{v}") if k == "field" else v for k, v in params.items()}
    return Problem(code, severity, message, shown, cached=params)

_INVOICE_FIELDS = ("invoice_number", "invoice_code", "issue_date", "total", "total_upper", "buyer_name",
                   "buyer_credit_code", "seller_name", "seller_credit_code", "amount_excl_tax", "check_code", "qr",
                   "contract_number")


def _invoice_problem(found: dict) -> Problem:
    """An invoice reader's problem ({"code": …, **params}); its JSON message is the English text."""
    code, params = found["code"], {k: v for k, v in found.items() if k != "code"}
    made = _problem(code, INVOICE_SEVERITY[code], "", params)
    made.message = render(code, made.text_params(), "en")
    return made


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
