"""Proven only (rules.md): adding evidence never lowers the award, and "would rise by" is real.

On the random profiles of test_award_properties (sjs-compute, bj-compute-voucher, bda-model-voucher),
each fix a finding asks for is applied to the profile itself, the profile is evaluated again, and
the award must have risen by exactly the amount the finding reported:
- gap.invoice / gap.payment / gap.invoice_payment / gap.evidence: exactly the document amounts the
  finding names are added (one invoice and/or one payment proof, dated the application date);
- contract.unproven: the contract states ``llm_rd = true``;
- tier.unproven_higher: the profile states the model filing.
Independently of the findings, each of these additions, made to any contract, never lowers the award.
"""

from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from test_award_properties import SETTINGS, bda_profile, bj_profile, evaluate, sjs_profile

ZERO = Decimal(0)


def _total(c: dict) -> Decimal:
    return sum((e["amount"] for e in (c.get("deliveries") or c.get("payments") or [])), ZERO) or Decimal("1.00")


def add_invoice(raw: dict, cid: str, amount: Decimal | None = None) -> dict:
    out = copy.deepcopy(raw)
    c = next(c for c in out["contracts"] if c["id"] == cid)
    c.setdefault("invoices", []).append({"date": out["application"]["date"], "amount": amount or _total(c)})
    return out


def add_payment(raw: dict, cid: str, amount: Decimal | None = None) -> dict:
    out = copy.deepcopy(raw)
    c = next(c for c in out["contracts"] if c["id"] == cid)
    c.setdefault("payments", []).append({"date": out["application"]["date"], "amount": amount or _total(c)})
    return out


def state_purpose(raw: dict, cid: str) -> dict:
    out = copy.deepcopy(raw)
    next(c for c in out["contracts"] if c["id"] == cid)["llm_rd"] = True
    return out


def state_filing(raw: dict, _cid: str | None = None) -> dict:
    out = copy.deepcopy(raw)
    out["company"].setdefault("qualifications", {})["model_filing"] = "Beijing-Fix-2024"
    return out


def state_not_affiliated(raw: dict, cid: str) -> dict:
    out = copy.deepcopy(raw)
    next(c for c in out["contracts"] if c["id"] == cid)["affiliated"] = False
    return out


UNPROVEN_FIXES = {"purpose / llm_rd = true": state_purpose, "affiliated = false": state_not_affiliated}


def _need(params: dict, key: str) -> Decimal:
    return Decimal(params[key])


FIXES = {   # each fix adds what the finding names, in the amounts it names
    "gap.invoice": lambda raw, p: add_invoice(raw, p["contract"], _need(p, "need_yuan")),
    "gap.payment": lambda raw, p: add_payment(raw, p["contract"], _need(p, "need_yuan")),
    "gap.invoice_payment": lambda raw, p: add_payment(add_invoice(raw, p["contract"], _need(p, "need_invoice_yuan")),
                                                      p["contract"], _need(p, "need_payment_yuan")),
    "gap.evidence": lambda raw, p: (add_invoice if p["need_document"] == "invoice" else add_payment)(
        raw, p["contract"], _need(p, "need_yuan")),
    "contract.unproven": lambda raw, p: state_purpose(raw, p["contract"]),
    "tier.unproven_higher": lambda raw, p: state_filing(raw),
}


def check(prog: str, raw: dict) -> None:
    before = evaluate(prog, raw)
    for f in before.findings:
        if f.code not in FIXES:
            continue
        if f.code == "contract.unproven":
            if f.params.get("together"):
                continue        # several facts missing: the rise needs them all (covered by the cases)
            fix = UNPROVEN_FIXES.get(f.params["field"])
            if fix is None:
                continue
            fixed = fix(raw, f.params["contract"])
        else:
            fixed = FIXES[f.code](raw, f.params)
        after = evaluate(prog, fixed)
        assert f.rise is not None, f
        assert after.award - before.award == f.rise, (f.code, f.params, before.award, after.award)
    for c in raw["contracts"]:
        for fix in (add_invoice, add_payment, state_purpose):
            assert evaluate(prog, fix(raw, c["id"])).award >= before.award, (fix.__name__, c["id"])
    if prog == "sjs-compute":
        assert evaluate(prog, state_filing(raw)).award >= before.award


@SETTINGS
@given(sjs_profile())
def test_sjs_compute_evidence_never_lowers_and_rises_are_real(raw: dict) -> None:
    check("sjs-compute", raw)


@SETTINGS
@given(bj_profile())
def test_bj_compute_voucher_evidence_never_lowers_and_rises_are_real(raw: dict) -> None:
    check("bj-compute-voucher", raw)


@SETTINGS
@given(bda_profile())
def test_bda_model_voucher_evidence_never_lowers_and_rises_are_real(raw: dict) -> None:
    check("bda-model-voucher", raw)


@SETTINGS
@given(sjs_profile(), st.sampled_from(["大模型预训练", "3D模型渲染", None]))
def test_sjs_compute_purpose_unstated_is_never_counted(raw: dict, purpose: str | None) -> None:
    """A purpose that does not show large-model work never adds to the award (proven only)."""
    for c in raw["contracts"]:
        c.pop("llm_rd", None)
        if purpose is None:
            c.pop("purpose", None)
        else:
            c["purpose"] = purpose
    result = evaluate("sjs-compute", raw)
    if purpose != "大模型预训练":
        assert result.award == 0
        assert not any(ln for ln in result.findings if ln.code in {"gap.invoice", "gap.payment"})


@SETTINGS
@given(sjs_profile(), st.sampled_from(["key enterprise", "nothing"]), st.integers(0, 3))
def test_sjs_compute_unstated_filing_and_purpose_rises_are_real(raw: dict, standing: str, which: int) -> None:
    """The facts proven-only leaves out, forced: the filing unstated (with a proven key enterprise, or
    with no tier stated at all) and one contract's purpose unstated; each rise is the real difference."""
    quals = raw["company"].setdefault("qualifications", {})
    quals.pop("model_filing", None)
    quals.pop("agi_partner_program", None)
    if standing == "key enterprise":
        quals["beijing_ai_key_enterprise"] = True
    else:
        quals.pop("beijing_ai_key_enterprise", None)
    if raw["contracts"]:
        c = raw["contracts"][which % len(raw["contracts"])]
        c.pop("purpose", None)
        c.pop("llm_rd", None)
    check("sjs-compute", raw)
