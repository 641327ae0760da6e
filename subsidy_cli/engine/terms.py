"""The terms of an award that depend on the profile: the tier (cap), the rate, the area, the
component thresholds and the eligibility criteria built from the contracts.

Proven only (rules.md): the cap is the highest *proven* tier's, the rate the lowest until the fact
choosing it is stated, an unknown area leaves its component waiting; each such fact is reported
with its rise by ``whatif``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..messages import Text
from ..money import ZERO
from ..rules import Component, Programme
from .award import Line
from .criteria import FAIL, PASS, UNKNOWN, Result, truthy
from .evaluation import Evaluation
from .selection import Selection, in_scope_amount

ELIGIBLE, PENDING, INELIGIBLE = "eligible", "pending", "ineligible"


@dataclass
class Tiering:
    """The cap tier: the highest *proven* (rules.md sjs-compute), and the higher ones not stated."""
    result: Result | None
    cap: Decimal | None
    higher: list = field(default_factory=list)      # (tier, unstated paths) above the proven cap


def tiering(ctx: Evaluation) -> Tiering:
    """The highest tier the profile proves gives the cap; an unproven higher tier never does.

    No tier proven but one still possible: pending at the lowest possible tier's cap.
    """
    prog = ctx.prog
    if not prog.tiers:
        return Tiering(None, None)
    spec = next((c for c in prog.criteria if c.check == "tier"), None)
    ok, unknown = [], []
    for tier in prog.tiers:
        values = [truthy(ctx.profile.get(p)) for p in tier.any_of]
        if any(values):
            ok.append(tier)
        elif any(v is None for v in values):
            unknown.append(tier)
    label = ctx.label(spec.label) if spec else Text.label({"zh": "tier"})
    clause = spec.clause if spec else prog.tiers[0].clause

    def unstated(tier) -> list[str]:
        return [p for p in tier.any_of if ctx.profile.get(p) is None]

    if ok:
        best = max(ok, key=lambda t: t.cap)
        higher = sorted((t for t in unknown if t.cap > best.cap), key=lambda t: t.cap)
        msg = ctx.t("crit.tier_ok", tiers=[ctx.label(t.label) for t in ok], cap=ctx.money(best.cap))
        return Tiering(Result("tier", PASS, label, msg, clause), best.cap, [(t, unstated(t)) for t in higher])
    if unknown:
        low = min(unknown, key=lambda t: t.cap)
        higher = sorted((t for t in unknown if t.cap > low.cap), key=lambda t: t.cap)
        paths = [p for t in unknown for p in unstated(t)]
        return Tiering(Result("tier", UNKNOWN, label, ctx.t("crit.tier_unknown", paths=paths,
                                                             cap=ctx.money(low.cap)), clause),
                       low.cap, [(t, unstated(t)) for t in higher])
    return Tiering(Result("tier", FAIL, label, ctx.t("crit.tier_none"), clause), None)


def rate_of(ctx: Evaluation, comp: Component) -> tuple[Decimal, Decimal | None]:
    """(rate, the highest rate when the fact choosing it is not stated): proven only, the lowest."""
    r = comp.rate
    if r.value is not None:
        return r.value, None
    key = ctx.profile.get(r.by)
    if key in r.values:
        return r.values[key], None
    return min(r.values.values()), max(r.values.values())


@dataclass
class Area:
    """The R&D + office area deciding a component's pro rata, and where it came from."""
    value: Decimal | None
    source: str = ""
    factor: Decimal = Decimal(1)


def area_of(ctx: Evaluation, comp: Component, sel: Selection) -> Area | None:
    """rules.md sjs-platform: the profile's area, else the sum of the leases' areas in the base."""
    spec = comp.area_limit
    if not spec:
        return None
    limit = Decimal(spec["value"])
    area, source = (ctx.profile.get(spec["path"]), spec["path"]) if spec.get("path") else (None, "")
    if area is None and spec.get("sum_field") and sel.included:
        parts = [c.get(spec["sum_field"]) for c, _ in sel.included]
        zero = [c.id for c, _ in sel.included if c.get(spec["sum_field"]) == 0]
        if zero:
            # A lease of no area would count its rent in full at no area: an error, the area unknown.
            ctx.add("contract.zero_area", "error", spec["clause"], source=zero)
            return Area(None, factor=ZERO)
        if all(p is not None for p in parts):
            area, source = sum(parts, ZERO), "+".join(c.id for c, _ in sel.included)
    if area is None:
        return Area(None, factor=ZERO)
    if area == 0:
        ctx.add("contract.zero_area", "error", spec["clause"], source=source)
        return Area(Decimal(0), source, ZERO)
    return Area(Decimal(area), source, min(Decimal(1), limit / Decimal(area)))


def threshold_result(ctx: Evaluation, comp: Component, sel: Selection, lines: list[Line],
               potential: list[Line]) -> Result | None:
    th = comp.threshold
    if th is None:
        return None
    label = ctx.label(th.label) if th.label else ctx.label(comp.label)
    if not sel.candidates:
        return Result(f"{comp.id}_minimum", PASS, label, ctx.t("crit.not_applicable"), th.clause, fatal=False)
    limit = threshold_limit(ctx, comp)
    if limit is None:
        return Result(f"{comp.id}_minimum", UNKNOWN, label, ctx.t("crit.missing", path=th.by),
                      th.clause, fatal=th.fatal)
    value = measure(comp, lines)
    what = ctx.t("measure.contract_amount" if th.measure == "contract_amount" else "measure.delivered")
    if value >= limit:
        msg = ctx.t("crit.threshold_ok", measure=what, value=ctx.money(value), limit=ctx.money(limit))
        return Result(f"{comp.id}_minimum", PASS, label, msg, th.clause, fatal=th.fatal)
    reachable = value + measure(comp, potential)
    if reachable >= limit:
        # Contracts left out until a fact is stated would reach the minimum: pending, not failed.
        msg = ctx.t("crit.threshold_unproven", measure=what, value=ctx.money(value), limit=ctx.money(limit),
                    reachable=ctx.money(reachable))
        return Result(f"{comp.id}_minimum", UNKNOWN, label, msg, th.clause, fatal=th.fatal)
    msg = ctx.t("crit.threshold_no", measure=what, value=ctx.money(value), limit=ctx.money(limit))
    if not th.fatal:
        ctx.add("threshold.component_below", "warning", th.clause, label=label,
                value=ctx.money(value), limit=ctx.money(limit))
    return Result(f"{comp.id}_minimum", FAIL, label, msg, th.clause, fatal=th.fatal)


def threshold_limit(ctx: Evaluation, comp: Component) -> Decimal | None:
    th = comp.threshold
    if th.values is not None:
        return th.values.get(ctx.profile.get(th.by))
    return th.amount


def measure(comp: Component, lines: list[Line]) -> Decimal:
    """A threshold's measure over a component's lines: in-scope contract amounts or usage."""
    mine = [ln for ln in lines if ln.component is comp]
    if comp.threshold.measure == "contract_amount":
        return sum((in_scope_amount(ln.base.contract, ln.base.factor) for ln in mine), ZERO)
    return sum((ln.base.total("delivered") for ln in mine), ZERO)


def contract_criteria(ctx: Evaluation, sels: list[Selection]) -> list[Result]:
    """The per-contract conditions, summarised: unknown where some contract does not say."""
    prog = ctx.prog
    specs: dict[str, tuple[Text, str, str]] = {
        "non_affiliated": (ctx.t("crit.label.non_affiliated"), prog.award.affiliated_clause, "affiliated"),
    }
    for sel in sels:
        comp = sel.component
        if comp.contract_window == "overlap":
            specs["contract_window"] = (ctx.t("crit.label.contract_window"),
                                        comp.contract_window_clause or prog.cost_window.clause, "start / end")
        for chk in comp.contract_checks:
            specs[chk.id] = (ctx.label(chk.label), chk.clause, chk.params.get("field") or chk.params.get("level", ""))
    results = []
    for cid, (label, clause, what) in specs.items():
        if not any(sel.candidates for sel in sels):
            continue
        ids = sorted({i for sel in sels for i in sel.unknown.get(cid, [])})
        left_out = sorted({c.id for sel in sels for c, _, missing in sel.unproven
                           if any(m.check == cid for m in missing)})
        if ids:
            results.append(Result(cid, UNKNOWN, label, ctx.t("crit.contracts_unknown", what=what, ids=ids), clause))
        elif left_out:
            # Proven only: not an eligibility question; those contracts wait, each with a finding.
            results.append(Result(cid, PASS, label, ctx.t("crit.contracts_left_out", what=what, ids=left_out),
                                  clause, interpretation=True))
        else:
            results.append(Result(cid, PASS, label, ctx.t("crit.contracts_pass"), clause))
    return results


def has_contracts(ctx: Evaluation, spec, sels: list[Selection]) -> Result:
    included = [c.id for sel in sels for c, _ in sel.included]
    candidates = sorted({c.id for sel in sels for c in sel.candidates})
    unproven = sorted({c.id for sel in sels for c, _, _ in sel.unproven})
    label = ctx.label(spec.label)
    if included:
        return Result(spec.id, PASS, label, ctx.t("crit.contracts_ok", count=len(included), ids=included), spec.clause)
    if unproven:
        # Left out until a fact is stated: the company may still qualify, so pending, not failed.
        return Result(spec.id, UNKNOWN, label, ctx.t("crit.contracts_unproven", ids=unproven), spec.clause)
    if candidates:
        return Result(spec.id, FAIL, label, ctx.t("crit.contracts_all_excluded", count=len(candidates), ids=candidates), spec.clause)
    kinds = sorted({k for sel in sels for k in sel.component.kinds})
    return Result(spec.id, UNKNOWN, label, ctx.t("crit.contracts_none", kinds="/".join(kinds)), spec.clause)


def any_threshold(ctx: Evaluation, spec, sels: list[Selection], thresholds: dict) -> Result:
    label = ctx.label(spec.label)
    relevant = {s.component.id: thresholds[s.component.id] for s in sels
                if s.candidates and s.component.id in thresholds}
    passed = [ctx.label(s.component.label) for s in sels if s.component.id in relevant and relevant[s.component.id].status == PASS]
    if passed:
        return Result(spec.id, PASS, label, ctx.t("crit.any_threshold_ok", parts=passed), spec.clause)
    if not relevant or any(r.status == UNKNOWN for r in relevant.values()):
        return Result(spec.id, UNKNOWN, label, ctx.t("crit.not_applicable"), spec.clause)
    return Result(spec.id, FAIL, label, ctx.t("crit.any_threshold_no"), spec.clause)


def status_of(criteria: list[Result]) -> str:
    if any(c.status == FAIL and c.fatal for c in criteria):
        return INELIGIBLE
    if any(c.status == UNKNOWN for c in criteria):
        return PENDING
    return ELIGIBLE


def material_clause(prog: Programme, mtype: str) -> str | None:
    return next((m.clause for m in prog.materials if m.type == mtype), None)
