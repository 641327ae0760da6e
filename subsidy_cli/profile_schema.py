"""The company profile's schema (the public contract of docs/profile.md): each key with the
converter of its value. Converters raise ``Bad`` with a message code; the loader (profile.py)
adds the file, the line and the key.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Callable

from .messages import CodedError
from .money import MoneyError, parse_money

CONTRACT_KINDS = ("compute", "model-api", "model-private", "model-cloud", "model-appliance",
                  "lease", "operating")


class Bad(CodedError):
    """A value of the wrong type (a message code and parameters); the loader adds file, line and key."""


# --- value converters -------------------------------------------------------------------------

def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise Bad("value.text", got=_kind(v))
    return v


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise Bad("value.bool", got=_kind(v))
    return v


def _int(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise Bad("value.int", got=_kind(v))
    if v < 0:
        raise Bad("value.negative")
    return v


def _number(v: Any) -> Decimal:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise Bad("value.number", got=_kind(v))
    d = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    if not d.is_finite():
        raise Bad("value.finite", got=repr(v))
    if d < 0:
        raise Bad("value.negative")
    return d


def _date(v: Any) -> date:
    if isinstance(v, date) and not hasattr(v, "hour"):
        return v
    if isinstance(v, str):
        try:
            return date.fromisoformat(v.strip())
        except ValueError:
            pass
    raise Bad("value.date", got=_kind(v))


def _money(v: Any) -> Decimal:
    try:
        return parse_money(v)
    except MoneyError as exc:
        raise Bad(exc.code, **exc.params) from None


def _wan(v: Any) -> Decimal:
    """Finance figures are in 万元 as on the forms: a bare number is 万元, "5000万" too, and
    "50,000,000元" is converted. Profits and net assets may be negative."""
    negative = (isinstance(v, (int, float)) and not isinstance(v, bool) and v < 0) or (
        isinstance(v, str) and v.strip().startswith("-"))
    if negative:
        v = -v if not isinstance(v, str) else v.strip()[1:]
    amount = _money(v)
    text = str(v)
    if isinstance(v, str) and ("万" in text or "亿" in text or "元" in text):
        amount /= 10_000
    return -amount if negative else amount


def _str_list(v: Any) -> list[str]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise Bad("value.text_list", got=_kind(v))
    return v


def _str_or_list(v: Any) -> str | list[str]:
    if isinstance(v, list):
        return _str_list(v)
    if not isinstance(v, str):
        raise Bad("value.text_or_list", got=_kind(v))
    return v


def _str_or_false(v: Any) -> str | bool:
    if isinstance(v, bool):
        return v
    return _str(v)


def _one_of(*choices: str) -> Callable[[Any], str]:
    def conv(v: Any) -> str:
        s = _str(v)
        if s not in choices:
            raise Bad("value.one_of", choices=", ".join(choices), got=repr(s))
        return s
    return conv


def _kind(v: Any) -> str:
    """The value as the user wrote it, in TOML's own notation (the same in every language)."""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, dict):
        return "{…}"
    if isinstance(v, list):
        return "[…]"
    if isinstance(v, str):
        return repr(v)
    if isinstance(v, date):
        return v.isoformat()
    return repr(v)


# --- the schema (public contract) -------------------------------------------------------------

COMPLIANCE = {"major_violation_last_3y": _bool, "dishonest_list": _bool, "ip_disputes": _bool,
              "major_safety_accident_last_3y": _bool}
QUALIFICATIONS = {
    "model_filing": _str_or_false, "beijing_ai_key_enterprise": _bool,
    "agi_partner_program": _bool, "recognised_on": _date,
    "platform_level": _one_of("national", "provincial"), "platform_kind": _str,
    "platform_name": _str, "platform_address": _str, "platform_department": _str,
    "platform_content": _str, "platform_status": _one_of("new", "moved"),
    "platform_date": _date, "platform_total_area_m2": _number,
    "platform_rd_office_area_m2": _number, "platform_operator_is_builder": _bool,
    "platform_joint_builders": _str_list,
}
FINANCE_YEAR = {"net_assets": _wan, "revenue": _wan, "total_profit": _wan, "net_profit": _wan,
                "rd_expense": _wan, "tax": _wan, "revenue_growth_pct": _number,
                "rd_ratio_pct": _number, "valuation": _wan}
IP = {"invention_patents": _int, "utility_models": _int, "software_copyrights": _int}
COMPANY = {
    "name": _str, "credit_code": _str, "city": _str, "registered_district": _str,
    "operating_districts": _str_list, "industry": _str, "independent_legal_person": _bool,
    "registered_on": _date, "registered_capital": _money, "company_type": _str,
    "tax_district": _str, "stats_district": _str, "registered_address": _str,
    "operating_address": _str, "office_area_m2": _number, "employees": _int,
    "employees_bachelor_plus": _int, "legal_representative": _str,
    "legal_representative_phone": _str, "contact": _str, "contact_phone": _str, "email": _str,
    "intro": _str, "industry_code": _str, "stats_industry_code": _str, "listing_plan": _bool,
    "municipal_support_wan": _wan,
    "compliance": COMPLIANCE, "qualifications": QUALIFICATIONS, "finance": {"*year": FINANCE_YEAR},
    "ip": IP,
}
APPLICATION = {
    "date": _date, "programmes": _str_list, "bj_direction": _one_of("training", "maas", "agent"),
    "field": _str_or_list, "maas_daily_tokens": _int, "maas_enterprises_served": _int,
    "agent_approval_number": _str, "agent_daily_active_users": _int,
    "other_bda_funding": _bool, "bda_jiebang_also": _bool,
    "other_municipal_compute_support": _bool, "deadline": _date, "project_start": _date,
    "project_end": _date, "requested_wan": _wan,
}
ENTRY = {"date": _date, "amount": _money, "number": _str, "note": _str, "file": _str}
CONTRACT = {
    "id": _str, "kind": _one_of(*CONTRACT_KINDS), "supplier": _str, "supplier_credit_code": _str,
    "affiliated": _bool, "signed_on": _date, "start": _date, "end": _date, "amount": _money,
    "compute_amount": _money, "model_amount": _money, "hardware_amount": _money, "other_services": _str_list,
    "scale_p": _number, "accelerator": _str, "accelerator_domestic": _bool, "location": _str,
    "purpose": _str, "llm_rd": _bool, "model_name": _str, "model_filed": _bool, "area_m2": _number,
    "file": _str, "deliveries": [ENTRY], "invoices": [ENTRY], "payments": [ENTRY],
}
SUPPORT = {"contract": _str, "level": _one_of("national", "municipal", "district"), "district": _str,
           "programme": _str, "amount": _money, "status": _one_of("received", "applied")}
TOP = {"schema": _int, "company": COMPANY, "application": APPLICATION, "contracts": [CONTRACT],
       "support": [SUPPORT], "materials": {"*path": _str}}


def known_path(dotted: str) -> bool:
    """Whether ``company.qualifications.model_filing`` is a key of the profile schema."""
    spec: Any = TOP
    for part in dotted.split("."):
        if isinstance(spec, list):
            spec = spec[0]
        if not isinstance(spec, dict):
            return False
        wildcard = next((k for k in spec if k.startswith("*")), None)
        if part in spec:
            spec = spec[part]
        elif wildcard:
            spec = spec[wildcard]
        else:
            return False
    return True
