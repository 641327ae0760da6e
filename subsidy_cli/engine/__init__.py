"""The generic engine: one profile + one programme's data -> status, award, explanation.

Nothing here knows a programme by name: windows, criteria, rates, caps and thresholds come
from ``subsidy_cli/programmes/<round>/*.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..errors import InputError
from ..findings import Finding
from ..money import ZERO, round_fen, yuan
from ..profile import Profile
from ..rules import Component, Programme, load_round
from .award import AwardLine, Line, Outcome, aggregate, from_buckets, line_values, node
from .fifo import EITHER, provable_base
from .evaluation import Evaluation
from .criteria import FAIL, PASS, UNKNOWN, Result, applies, evaluate_simple, truthy
from .selection import Selection, in_scope_amount, select

ELIGIBLE, PENDING, INELIGIBLE = "eligible", "pending", "ineligible"


@dataclass
class Decisions:
    """What the engine decided before the arithmetic, for the workbook to lay out as inputs:
    the dates, the yearly cap (tier), each component's rate and area, the contracts it counts."""
    app_date: object | None
    cost_start: object | None
    cost_end_rule: object | None          # the window's own end, before the application date clips it
    year_cap: Decimal | None
    rates: dict[str, Decimal]
    areas: dict[str, Decimal | None]      # component -> R&D + office area (None: unknown or no limit)
    area_factors: dict[str, Decimal]
    included: dict[str, list]             # component -> [(Contract, in-scope share)]
    has_candidates: dict[str, bool]


@dataclass
class ProgrammeResult:
    programme: Programme
    status: str
    award: Decimal
    years: list[dict]
    criteria: list[Result]
    findings: list[Finding]
    explain: dict
    lang: str = "zh"
    lines: list[AwardLine] = field(default_factory=list)   # typed award lines (plan, workbook, JSON)
    decisions: Decisions | None = None

    def to_json(self, explain: bool = True) -> dict:
        out = {
            "id": self.programme.id, "name": self.programme.label(self.lang),
            "round": self.programme.round, "status": self.status, "award": yuan(self.award),
            "years": [{"year": y["year"], "award": yuan(y["award"]),
                       "cap": None if y["cap"] is None else yuan(y["cap"]),
                       "cap_binding": y["binding"], "limits_binding": y["limits"],
                       "components": [{"component": c.component, "amount": yuan(c.amount),
                                       "cap": None if c.cap is None else yuan(c.cap), "cap_binding": c.binding,
                                       "counted": yuan(c.counted)} for c in ln.components],
                       "contracts": [step.to_json() for step in ln.contracts]}
                      for y, ln in zip(self.years, self.lines)],
            "criteria": [c.to_json() for c in self.criteria],
            "findings": [f.to_json(self.lang) for f in self.findings],
        }
        if explain:
            out["explain"] = self.explain
        return out


@dataclass
class CalcResult:
    profile: Profile
    programmes: list[ProgrammeResult] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((p.award for p in self.programmes), ZERO)


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
    label = ctx.label(spec.label) if spec else "tier"
    clause = spec.clause if spec else prog.tiers[0].clause

    def unstated(tier) -> list[str]:
        return [p for p in tier.any_of if ctx.profile.get(p) is None]

    if ok:
        best = max(ok, key=lambda t: t.cap)
        higher = sorted((t for t in unknown if t.cap > best.cap), key=lambda t: t.cap)
        msg = ctx.t("crit.tier_ok", tiers="、".join(ctx.label(t.label) for t in ok), cap=ctx.money(best.cap))
        return Tiering(Result("tier", PASS, label, msg, clause), best.cap, [(t, unstated(t)) for t in higher])
    if unknown:
        low = min(unknown, key=lambda t: t.cap)
        higher = sorted((t for t in unknown if t.cap > low.cap), key=lambda t: t.cap)
        paths = [p for t in unknown for p in unstated(t)]
        return Tiering(Result("tier", UNKNOWN, label, ctx.t("crit.tier_unknown", paths="、".join(paths),
                                                             cap=ctx.money(low.cap)), clause),
                       low.cap, [(t, unstated(t)) for t in higher])
    return Tiering(Result("tier", FAIL, label, ctx.t("crit.tier_none"), clause), None)


def _rate(ctx: Evaluation, comp: Component) -> tuple[Decimal, Decimal | None]:
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


def _area(ctx: Evaluation, comp: Component, sel: Selection) -> Area | None:
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
            ctx.add("contract.zero_area", "error", spec["clause"], source="、".join(zero))
            return Area(None, factor=ZERO)
        if all(p is not None for p in parts):
            area, source = sum(parts, ZERO), "+".join(c.id for c, _ in sel.included)
    if area is None:
        return Area(None, factor=ZERO)
    if area == 0:
        ctx.add("contract.zero_area", "error", spec["clause"], source=source)
        return Area(Decimal(0), source, ZERO)
    return Area(Decimal(area), source, min(Decimal(1), limit / Decimal(area)))


def _threshold(ctx: Evaluation, comp: Component, sel: Selection, lines: list[Line],
               potential: list[Line]) -> Result | None:
    th = comp.threshold
    if th is None:
        return None
    label = ctx.label(th.label) if th.label else ctx.label(comp.label)
    if not sel.candidates:
        return Result(f"{comp.id}_minimum", PASS, label, ctx.t("crit.not_applicable"), th.clause, fatal=False)
    limit = _threshold_limit(ctx, comp)
    if limit is None:
        return Result(f"{comp.id}_minimum", UNKNOWN, label, ctx.t("crit.missing", path=th.by),
                      th.clause, fatal=th.fatal)
    value = _measure(comp, lines)
    measure = ctx.t("measure.contract_amount" if th.measure == "contract_amount" else "measure.delivered")
    if value >= limit:
        msg = ctx.t("crit.threshold_ok", measure=measure, value=ctx.money(value), limit=ctx.money(limit))
        return Result(f"{comp.id}_minimum", PASS, label, msg, th.clause, fatal=th.fatal)
    reachable = value + _measure(comp, potential)
    if reachable >= limit:
        # Contracts left out until a fact is stated would reach the minimum: pending, not failed.
        msg = ctx.t("crit.threshold_unproven", measure=measure, value=ctx.money(value), limit=ctx.money(limit),
                    reachable=ctx.money(reachable))
        return Result(f"{comp.id}_minimum", UNKNOWN, label, msg, th.clause, fatal=th.fatal)
    msg = ctx.t("crit.threshold_no", measure=measure, value=ctx.money(value), limit=ctx.money(limit))
    if not th.fatal:
        ctx.add("threshold.component_below", "warning", th.clause, label=label,
                value=ctx.money(value), limit=ctx.money(limit))
    return Result(f"{comp.id}_minimum", FAIL, label, msg, th.clause, fatal=th.fatal)


def _threshold_limit(ctx: Evaluation, comp: Component) -> Decimal | None:
    th = comp.threshold
    if th.values is not None:
        return th.values.get(ctx.profile.get(th.by))
    return th.amount


def _measure(comp: Component, lines: list[Line]) -> Decimal:
    """A threshold's measure over a component's lines: in-scope contract amounts or usage."""
    mine = [ln for ln in lines if ln.component is comp]
    if comp.threshold.measure == "contract_amount":
        return sum((in_scope_amount(ln.base.contract, ln.base.factor) for ln in mine), ZERO)
    return sum((ln.base.total("delivered") for ln in mine), ZERO)


def _contract_criteria(ctx: Evaluation, sels: list[Selection]) -> list[Result]:
    """The per-contract conditions, summarised: unknown where some contract does not say."""
    prog = ctx.prog
    specs: dict[str, tuple[str, str, str]] = {
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
            results.append(Result(cid, UNKNOWN, label, ctx.t("crit.contracts_unknown", what=what, ids="、".join(ids)), clause))
        elif left_out:
            # Proven only: not an eligibility question; those contracts wait, each with a finding.
            results.append(Result(cid, PASS, label, ctx.t("crit.contracts_left_out", what=what, ids="、".join(left_out)),
                                  clause, interpretation=True))
        else:
            results.append(Result(cid, PASS, label, ctx.t("crit.contracts_pass"), clause))
    return results


class WhatIf:
    """The award with one fix applied, all caps and thresholds included (rules.md: "would rise by"
    is the real difference of the award with and without the fix).

    Each line's contribution is computed once; a fix changes, adds or replaces a few lines, so a
    what-if costs those lines and the caps on the bucket sums, not the whole profile again.
    """

    def __init__(self, ctx: Evaluation, lines: list[Line], year_cap: Decimal | None, cap_clause: str | None,
                 potential: list[Line] = ()):
        self.ctx, self.lines, self.year_cap, self.cap_clause = ctx, lines, year_cap, cap_clause
        # what the contracts left out until stated would add to each threshold's measure
        self.potential = {comp.id: _measure(comp, list(potential)) for comp in ctx.prog.award.components
                          if comp.threshold is not None}
        self.values = {id(ln): line_values(ctx, ln) for ln in lines}
        self.sums: dict = {}
        for ln in lines:
            self._add(self.sums, ln, self.values[id(ln)], 1)
        self.measures = {comp.id: _measure(comp, lines) for comp in ctx.prog.award.components
                         if comp.threshold is not None}
        self.counts = {comp.id: sum(1 for ln in lines if ln.component is comp)
                       for comp in ctx.prog.award.components}
        self.award = self._total(self.sums, self.measures, self.counts, year_cap)

    @staticmethod
    def _add(sums: dict, line: Line, values: list, sign: int) -> None:
        for key, value, *_ in values:
            comp = sums.setdefault(key, {})
            comp[line.component.id] = comp.get(line.component.id, ZERO) + sign * value

    def _total(self, sums: dict, measures: dict, counts: dict, year_cap: Decimal | None) -> Decimal:
        dropped = set()
        for comp in self.ctx.prog.award.components:
            if comp.threshold is None or not counts.get(comp.id):
                continue
            limit = _threshold_limit(self.ctx, comp)
            if limit is not None and measures[comp.id] + self.potential[comp.id] < limit:
                if comp.threshold.fatal:
                    return ZERO
                dropped.add(comp.id)
        buckets = {key: {cid: [amount, []] for cid, amount in comps.items() if cid not in dropped}
                   for key, comps in sums.items()}
        buckets = {key: comps for key, comps in buckets.items() if comps}
        return from_buckets(self.ctx, buckets, year_cap, self.cap_clause, build=False).total

    def rise(self, changed: tuple[Line, ...] = (), added: tuple[Line, ...] = (),
             replaced: tuple[tuple[Line, Line], ...] = (),
             year_cap: Decimal | None | bool = False) -> Decimal:
        """changed: lines whose override is set now; added: lines not in the base; replaced:
        (line, its variant) pairs; year_cap: another cap."""
        sums = {key: dict(comps) for key, comps in self.sums.items()}
        measures, counts = dict(self.measures), dict(self.counts)
        for ln in changed:
            self._add(sums, ln, self.values[id(ln)], -1)
            self._add(sums, ln, line_values(self.ctx, ln), 1)
        for old, new in replaced:
            self._add(sums, old, self.values[id(old)], -1)
            self._add(sums, new, line_values(self.ctx, new), 1)
        for ln in added:
            self._add(sums, ln, line_values(self.ctx, ln), 1)
            comp = ln.component
            counts[comp.id] = counts.get(comp.id, 0) + 1
            if comp.threshold is not None:
                measures[comp.id] = measures[comp.id] + _measure(comp, [ln])
                self.potential[comp.id] -= _measure(comp, [ln])
        cap = self.year_cap if year_cap is False else year_cap
        total = self._total(sums, measures, counts, cap)
        for ln in added:
            if ln.component.threshold is not None:
                self.potential[ln.component.id] += _measure(ln.component, [ln])
        return round_fen(total - self.award)


def evaluate(profile: Profile, prog: Programme, lang: str = "zh",
             extra_support: dict[str, Decimal] | None = None) -> ProgrammeResult:
    ctx = Evaluation(profile, prog, lang, extra_support=extra_support or {})
    criteria: list[Result] = []
    tiers = Tiering(None, None)
    for spec in prog.criteria:
        if not applies(ctx, spec):
            continue
        if spec.check == "tier":
            tiers = tiering(ctx)
            criteria.append(tiers.result)
        elif spec.check not in {"has_contracts", "any_component_threshold"}:
            criteria.append(evaluate_simple(ctx, spec))
    if ctx.end is None and prog.cost_window.end in {"application_date", "deadline"}:
        criteria.append(Result("application_date_stated", UNKNOWN, ctx.t("crit.missing", path="application.date"),
                               ctx.t("application.date_missing"), prog.cost_window.clause))
    by_year = prog.award.split == "calendar_year"
    evidence = prog.award.evidence
    sels: list[Selection] = []
    lines: list[Line] = []
    hypothetical: list[tuple[Line, list]] = []        # contracts left out until a fact is stated
    rates: dict[str, tuple[Decimal, Decimal | None]] = {}
    areas: dict[str, Area | None] = {}
    for comp in prog.award.components:
        sel = select(ctx, comp)
        sels.append(sel)
        rates[comp.id] = _rate(ctx, comp)
        areas[comp.id] = area = _area(ctx, comp, sel)
        factor = area.factor if area else Decimal(1)
        for c, f in sel.included:
            base = provable_base(c, f, ctx.start, ctx.end, ctx.app_date, by_year, evidence)
            if base.used_payments:
                ctx.add("contract.no_settlement", "warning", _material_clause(prog, "settlement_sheet"), contract=c.id)
            if base.after_cutoff > 0:
                ctx.add("delivery.after_application", "info", prog.cost_window.incurred_clause or prog.cost_window.clause,
                        contract=c.id, amount=ctx.money(base.after_cutoff), date=ctx.app_date)
            lines.append(Line(comp, base, rates[comp.id][0], factor, area=area.value if area else None))
        for c, f, missing in sel.unproven:
            base = provable_base(c, f, ctx.start, ctx.end, ctx.app_date, by_year, evidence)
            hypothetical.append((Line(comp, base, rates[comp.id][0], factor, area=area.value if area else None), missing))
    criteria += _contract_criteria(ctx, sels)
    thresholds = {}
    for sel in sels:
        res = _threshold(ctx, sel.component, sel, lines, [ln for ln, _ in hypothetical])
        if res is not None:
            thresholds[sel.component.id] = res
            criteria.append(res)
    for spec in prog.criteria:
        if spec.check == "has_contracts":
            criteria.append(_has_contracts(ctx, spec, sels))
        elif spec.check == "any_component_threshold":
            criteria.append(_any_threshold(ctx, spec, sels, thresholds))
    status = _status(criteria)
    failed_parts = {cid for cid, r in thresholds.items() if r.status == FAIL}
    counted = [ln for ln in lines if ln.component.id not in failed_parts]
    cap_clause = prog.award.year_cap.clause if prog.award.year_cap else None
    year_cap = tiers.cap if (prog.award.year_cap and prog.award.year_cap.from_tier) else (
        prog.award.year_cap.amount if prog.award.year_cap else None)
    outcome = aggregate(ctx, counted, year_cap, cap_clause)
    if status == INELIGIBLE:
        outcome = Outcome(ZERO, [], node(prog.label(lang) + ctx.t("award.ineligible_formula"), ZERO, None,
                                         children=[outcome.tree]))
    else:
        what_if = WhatIf(ctx, lines, year_cap, cap_clause, [ln for ln, _ in hypothetical])
        _gaps(ctx, lines, what_if)
        _unproven(ctx, lines, hypothetical, what_if)
        _raisers(ctx, tiers, rates, areas, lines, what_if)
        unknown = [c.label for c in criteria if c.status == UNKNOWN]
        if unknown:
            ctx.add("award.pending", "warning", None, ids="；".join(unknown))
    decisions = Decisions(
        ctx.app_date, ctx.start, ctx.resolve_end(prog.cost_window), year_cap,
        {cid: r for cid, (r, _) in rates.items()},
        {cid: (a.value if a else None) for cid, a in areas.items()},
        {cid: (a.factor if a else Decimal(1)) for cid, a in areas.items()},
        {sel.component.id: list(sel.included) for sel in sels},
        {sel.component.id: bool(sel.candidates) for sel in sels})
    return ProgrammeResult(prog, status, outcome.total, outcome.years, criteria, ctx.findings, outcome.tree, lang,
                           outcome.lines, decisions)


def _material_clause(prog: Programme, mtype: str) -> str | None:
    return next((m.clause for m in prog.materials if m.type == mtype), None)


def _has_contracts(ctx: Evaluation, spec, sels: list[Selection]) -> Result:
    included = [c.id for sel in sels for c, _ in sel.included]
    candidates = sorted({c.id for sel in sels for c in sel.candidates})
    unproven = sorted({c.id for sel in sels for c, _, _ in sel.unproven})
    label = ctx.label(spec.label)
    if included:
        return Result(spec.id, PASS, label, ctx.t("crit.contracts_ok", count=len(included), ids="、".join(included)), spec.clause)
    if unproven:
        # Left out until a fact is stated: the company may still qualify, so pending, not failed.
        return Result(spec.id, UNKNOWN, label, ctx.t("crit.contracts_unproven", ids="、".join(unproven)), spec.clause)
    if candidates:
        return Result(spec.id, FAIL, label, ctx.t("crit.contracts_all_excluded", count=len(candidates), ids="、".join(candidates)), spec.clause)
    kinds = sorted({k for sel in sels for k in sel.component.kinds})
    return Result(spec.id, UNKNOWN, label, ctx.t("crit.contracts_none", kinds="/".join(kinds)), spec.clause)


def _any_threshold(ctx: Evaluation, spec, sels: list[Selection], thresholds: dict) -> Result:
    label = ctx.label(spec.label)
    relevant = {s.component.id: thresholds[s.component.id] for s in sels
                if s.candidates and s.component.id in thresholds}
    passed = [ctx.label(s.component.label) for s in sels if s.component.id in relevant and relevant[s.component.id].status == PASS]
    if passed:
        return Result(spec.id, PASS, label, ctx.t("crit.any_threshold_ok", parts="、".join(passed)), spec.clause)
    if not relevant or any(r.status == UNKNOWN for r in relevant.values()):
        return Result(spec.id, UNKNOWN, label, ctx.t("crit.not_applicable"), spec.clause)
    return Result(spec.id, FAIL, label, ctx.t("crit.any_threshold_no"), spec.clause)


def _status(criteria: list[Result]) -> str:
    if any(c.status == FAIL and c.fatal for c in criteria):
        return INELIGIBLE
    if any(c.status == UNKNOWN for c in criteria):
        return PENDING
    return ELIGIBLE


def _gaps(ctx: Evaluation, lines: list[Line], what_if: WhatIf) -> None:
    """Each shortfall of evidence: what is missing, and the real rise if it were supplied."""
    evidence_clause = ctx.prog.award.evidence_clause
    for line in lines:
        b = line.base
        cid = b.contract.id
        if b.evidence == EITHER:
            if b.neither > 0:
                line.override = "delivered"
                doc = "invoice" if b.need_invoice <= b.need_payment else "payment_proof"
                ctx.add("gap.evidence", "warning", evidence_clause, contract=cid,
                        amount=ctx.money(b.neither), need=ctx.money(b.need_either), need_yuan=yuan(b.need_either),
                        document=ctx.t(f"doc.{doc}"), need_document=doc, rise=what_if.rise(changed=(line,)))
                line.override = None
            for code, amount in (("evidence.payment_missing", b.gap_payment - b.neither),
                                 ("evidence.invoice_missing", b.gap_invoice - b.neither)):
                if amount > 0:
                    ctx.add(code, "warning", evidence_clause, contract=cid, amount=ctx.money(amount))
            continue
        if b.neither > 0:
            # One finding with the joint rise: fixing one document alone adds nothing here.
            line.override = "delivered"
            ctx.add("gap.invoice_payment", "warning", evidence_clause, contract=cid,
                    invoice=ctx.money(b.gap_invoice), payment=ctx.money(b.gap_payment),
                    need_invoice=ctx.money(b.need_invoice), need_payment=ctx.money(b.need_payment),
                    need_invoice_yuan=yuan(b.need_invoice), need_payment_yuan=yuan(b.need_payment),
                    rise=what_if.rise(changed=(line,)))
            line.override = None
            continue
        for code, amount, override, mtype, need in (
                ("gap.invoice", b.gap_invoice, "pay_only", "invoice", b.need_invoice),
                ("gap.payment", b.gap_payment, "inv_only", "payment_proof", b.need_payment)):
            if amount <= 0:
                continue
            line.override = override
            rise = what_if.rise(changed=(line,))
            line.override = None
            ctx.add(code, "warning", _material_clause(ctx.prog, mtype) or evidence_clause, contract=cid,
                    amount=ctx.money(amount), need=ctx.money(need), need_yuan=yuan(need), rise=rise)


def _unproven(ctx: Evaluation, lines: list[Line], hypothetical: list, what_if: WhatIf) -> None:
    """Contracts left out until a fact is stated: which fact, and what stating it would add."""
    for line, missing in hypothetical:
        rise = what_if.rise(added=(line,))
        for m in missing:
            code = "contract.unproven_district" if m.detail == "support.district" else "contract.unproven"
            ctx.add(code, "warning", m.clause, contract=line.base.contract.id, label=m.label,
                    field=m.field, detail=m.detail or ctx.t("crit.not_stated"), rise=rise,
                    together=len(missing) > 1)


def _raisers(ctx: Evaluation, tiers: Tiering, rates: dict, areas: dict, lines: list[Line],
             what_if: WhatIf) -> None:
    """Facts that would raise the amount and are not stated: never assumed, each with its rise."""
    for tier, paths in tiers.higher:
        ctx.add("tier.unproven_higher", "warning", tier.clause, tier=ctx.label(tier.label),
                paths="、".join(paths), cap=ctx.money(tier.cap), rise=what_if.rise(year_cap=tier.cap))
    for comp in ctx.prog.award.components:
        rate, best = rates[comp.id]
        if best is not None and best > rate:
            variant = tuple((ln, replace(ln, rate=best)) for ln in lines if ln.component is comp)
            ctx.add("award.rate_unknown", "warning", comp.rate.clause, path=comp.rate.by, rate=_pct(rate),
                    best=_pct(best), rise=what_if.rise(replaced=variant))
        area = areas.get(comp.id)
        if area is not None and area.value is None and any(ln.component is comp for ln in lines):
            variant = tuple((ln, replace(ln, area_factor=Decimal(1))) for ln in lines if ln.component is comp)
            spec = comp.area_limit
            ctx.add("contract.area_unknown", "warning", spec["clause"], path=spec.get("path", ""),
                    field=spec.get("sum_field", ""), limit=spec["value"], rise=what_if.rise(replaced=variant))


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def evaluate_profile(profile: Profile, ids: list[str] | None = None, lang: str = "zh") -> CalcResult:
    progs = load_round()
    named = ids or profile.get("application.programmes") or list(progs)
    wanted = list(dict.fromkeys(named))
    for pid in wanted:
        if named.count(pid) > 1:
            profile.findings.append(Finding("profile.programme_twice", "warning",
                                            {"programme": pid, "count": named.count(pid)},
                                            clause="rules.md 合理性", file=str(profile.path)))
    for pid in wanted:
        if pid not in progs:
            where = None if ids else profile.line_of(("application", "programmes"))
            raise InputError(profile.path if not ids else "--programme", "cli.unknown_programme",
                             line=where, key=None if ids else "application.programmes",
                             programme=pid, known=", ".join(progs))
    result = CalcResult(profile)
    for pid in wanted:
        result.programmes.append(evaluate(profile, progs[pid], lang))
    return result
