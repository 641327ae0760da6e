"""The generic engine: one profile + one programme's data -> status, award, explanation.

Nothing here knows a programme by name: windows, criteria, rates, caps and thresholds come
from ``subsidy_cli/programmes/<round>/*.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import InputError
from ..findings import Finding
from ..messages import Text, rendered
from ..money import ZERO, yuan
from ..profile import Profile
from ..rules import Programme, load_round
from .award import AwardLine, Line, Outcome, aggregate, node
from .criteria import FAIL, UNKNOWN, Result, applies, evaluate_simple
from .evaluation import Evaluation
from .fifo import provable_base
from .selection import select
from .terms import (ELIGIBLE, INELIGIBLE, PENDING, Tiering, any_threshold, area_of, contract_criteria,
                    has_contracts, material_clause, rate_of, status_of, threshold_result, tiering)
from .whatif import WhatIf, gap_findings, raiser_findings, unproven_findings

__all__ = ["ELIGIBLE", "PENDING", "INELIGIBLE", "CalcResult", "Decisions", "ProgrammeResult", "evaluate",
           "evaluate_profile"]


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
    lang: str = "zh"                 # the language to_json() renders in; the results themselves have none
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
            "criteria": [c.to_json(self.lang) for c in self.criteria],
            "findings": [f.to_json(self.lang) for f in self.findings],
        }
        if explain:
            out["explain"] = rendered(self.explain, self.lang)
        return out


@dataclass
class CalcResult:
    profile: Profile
    programmes: list[ProgrammeResult] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((p.award for p in self.programmes), ZERO)


def evaluate(profile: Profile, prog: Programme, lang: str = "zh",
             extra_support: dict[str, Decimal] | None = None) -> ProgrammeResult:
    ctx = Evaluation(profile, prog, extra_support=extra_support or {})
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
        criteria.append(Result("application_date_stated", UNKNOWN, ctx.t("crit.label.application_date"),
                               ctx.t("application.date_missing"), prog.cost_window.clause))
    by_year = prog.award.split == "calendar_year"
    evidence = prog.award.evidence
    sels: list = []
    lines: list[Line] = []
    hypothetical: list[tuple[Line, list]] = []        # contracts left out until a fact is stated
    rates: dict[str, tuple[Decimal, Decimal | None]] = {}
    areas: dict = {}
    for comp in prog.award.components:
        sel = select(ctx, comp)
        sels.append(sel)
        rates[comp.id] = rate_of(ctx, comp)
        areas[comp.id] = area = area_of(ctx, comp, sel)
        factor = area.factor if area else Decimal(1)
        for c, f in sel.included:
            base = provable_base(c, f, ctx.start, ctx.end, ctx.app_date, by_year, evidence)
            if base.used_payments:
                ctx.add("contract.no_settlement", "warning", material_clause(prog, "settlement_sheet"), contract=c.id)
            if base.after_cutoff > 0:
                ctx.add("delivery.after_application", "info", prog.cost_window.incurred_clause or prog.cost_window.clause,
                        contract=c.id, amount=ctx.money(base.after_cutoff), date=ctx.app_date)
            lines.append(Line(comp, base, rates[comp.id][0], factor, area=area.value if area else None))
        for c, f, missing in sel.unproven:
            base = provable_base(c, f, ctx.start, ctx.end, ctx.app_date, by_year, evidence)
            hypothetical.append((Line(comp, base, rates[comp.id][0], factor, area=area.value if area else None), missing))
    criteria += contract_criteria(ctx, sels)
    thresholds = {}
    for sel in sels:
        res = threshold_result(ctx, sel.component, sel, lines, [ln for ln, _ in hypothetical])
        if res is not None:
            thresholds[sel.component.id] = res
            criteria.append(res)
    for spec in prog.criteria:
        if spec.check == "has_contracts":
            criteria.append(has_contracts(ctx, spec, sels))
        elif spec.check == "any_component_threshold":
            criteria.append(any_threshold(ctx, spec, sels, thresholds))
    status = status_of(criteria)
    failed_parts = {cid for cid, r in thresholds.items() if r.status == FAIL}
    counted = [ln for ln in lines if ln.component.id not in failed_parts]
    cap_clause = prog.award.year_cap.clause if prog.award.year_cap else None
    year_cap = tiers.cap if (prog.award.year_cap and prog.award.year_cap.from_tier) else (
        prog.award.year_cap.amount if prog.award.year_cap else None)
    outcome = aggregate(ctx, counted, year_cap, cap_clause)
    if status == INELIGIBLE:
        outcome = Outcome(ZERO, [], node(ctx.label(prog.name) + ctx.t("award.ineligible_formula"), ZERO, None,
                                         children=[outcome.tree]))
    else:
        what_if = WhatIf(ctx, lines, year_cap, cap_clause, [ln for ln, _ in hypothetical])
        gap_findings(ctx, lines, what_if)
        unproven_findings(ctx, lines, hypothetical, what_if)
        raiser_findings(ctx, tiers, rates, areas, lines, what_if)
        unknown = [c.label for c in criteria if c.status == UNKNOWN]
        if unknown:
            ctx.add("award.pending", "warning", None, ids=Text.items(unknown, "；", "; "))
    decisions = Decisions(
        ctx.app_date, ctx.start, ctx.resolve_end(prog.cost_window), year_cap,
        {cid: r for cid, (r, _) in rates.items()},
        {cid: (a.value if a else None) for cid, a in areas.items()},
        {cid: (a.factor if a else Decimal(1)) for cid, a in areas.items()},
        {sel.component.id: list(sel.included) for sel in sels},
        {sel.component.id: bool(sel.candidates) for sel in sels})
    return ProgrammeResult(prog, status, outcome.total, outcome.years, criteria, ctx.findings, outcome.tree, lang,
                           outcome.lines, decisions)


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
