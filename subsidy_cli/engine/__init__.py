"""The generic engine: one profile + one programme's data -> status, award, explanation.

Nothing here knows a programme by name: windows, criteria, rates, caps and thresholds come
from ``subsidy_cli/programmes/<round>/*.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import InputError
from ..findings import Finding
from ..money import ZERO, round_fen, yuan
from ..profile import Profile
from ..rules import Component, Programme, load_round
from .award import Line, Outcome, aggregate, node
from .base import provable_base
from .context import Context
from .criteria import FAIL, PASS, UNKNOWN, Result, applies, evaluate_simple, truthy
from .select import Selection, in_scope_amount, select

ELIGIBLE, PENDING, INELIGIBLE = "eligible", "pending", "ineligible"


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

    def to_json(self, explain: bool = True) -> dict:
        out = {
            "id": self.programme.id, "name": self.programme.label(self.lang),
            "round": self.programme.round, "status": self.status, "award": yuan(self.award),
            "years": [{"year": y["year"], "award": yuan(y["award"]),
                       "cap": None if y["cap"] is None else yuan(y["cap"]),
                       "cap_binding": y["binding"], "limits_binding": y["limits"]} for y in self.years],
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


def _tier(ctx: Context) -> tuple[Result | None, Decimal | None]:
    """The cap tier: the highest that qualifies; if none yet but some is unknown, the highest possible."""
    prog = ctx.prog
    if not prog.tiers:
        return None, None
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
    if ok:
        best = max(ok, key=lambda t: t.cap)
        higher = [t for t in unknown if t.cap > best.cap]
        if higher:
            # A stated lower tier must not make the expected maximum lower than silence would.
            top = max(higher, key=lambda t: t.cap)
            paths = [p for p in top.any_of if ctx.profile.get(p) is None]
            msg = ctx.t("crit.tier_maybe_higher", tiers="、".join(ctx.label(t.label) for t in ok),
                        cap=ctx.money(best.cap), paths="、".join(paths), higher=ctx.money(top.cap))
            return Result("tier", UNKNOWN, label, msg, clause), top.cap
        msg = ctx.t("crit.tier_ok", tiers="、".join(ctx.label(t.label) for t in ok), cap=ctx.money(best.cap))
        return Result("tier", PASS, label, msg, clause), best.cap
    if unknown:
        best = max(unknown, key=lambda t: t.cap)
        paths = [p for t in unknown for p in t.any_of if ctx.profile.get(p) is None]
        return Result("tier", UNKNOWN, label, ctx.t("crit.tier_unknown", paths="、".join(paths),
                                                       cap=ctx.money(best.cap)), clause), best.cap
    return Result("tier", FAIL, label, ctx.t("crit.tier_none"), clause), None


def _rate(ctx: Context, comp: Component) -> Decimal:
    r = comp.rate
    if r.value is not None:
        return r.value
    key = ctx.profile.get(r.by)
    if key in r.values:
        return r.values[key]
    best = max(r.values.values())
    ctx.add("award.rate_unknown", "warning", r.clause, path=r.by, rate=f"{(best * 100).normalize():f}%")
    return best


def _area_factor(ctx: Context, comp: Component, contract) -> Decimal:
    spec = comp.area_limit
    if not spec:
        return Decimal(1)
    # The applicant's whole R&D + office area decides the pro rata; a lease's own area stands in.
    area = ctx.profile.get(spec["path"]) if spec.get("path") else None
    if area is None and spec.get("fallback_field"):
        area = contract.get(spec["fallback_field"])
    limit = Decimal(spec["value"])
    if area is None:
        ctx.add("contract.area_unknown", "warning", spec["clause"], contract=contract.id, limit=spec["value"])
        return Decimal(1)
    return min(Decimal(1), limit / Decimal(area))


def _threshold(ctx: Context, comp: Component, sel: Selection, lines: list[Line]) -> Result | None:
    th = comp.threshold
    if th is None:
        return None
    label = ctx.label(th.label) if th.label else ctx.label(comp.label)
    if not sel.candidates:
        return Result(f"{comp.id}_minimum", PASS, label, ctx.t("crit.not_applicable"), th.clause, fatal=False)
    limit = th.amount
    if th.values is not None:
        key = ctx.profile.get(th.by)
        if key not in th.values:
            return Result(f"{comp.id}_minimum", UNKNOWN, label, ctx.t("crit.missing", path=th.by),
                          th.clause, fatal=th.fatal)
        limit = th.values[key]
    if th.measure == "contract_amount":
        value = sum((in_scope_amount(c, f) for c, f in sel.included), ZERO)
        measure = "合同金额（范围内）" if ctx.lang == "zh" else "in-scope contract amount"
    else:
        value = sum((ln.base.total("delivered") for ln in lines if ln.component is comp), ZERO)
        measure = "窗口内使用金额" if ctx.lang == "zh" else "usage in the window"
    if value >= limit:
        msg = ctx.t("crit.threshold_ok", measure=measure, value=ctx.money(value), limit=ctx.money(limit))
        return Result(f"{comp.id}_minimum", PASS, label, msg, th.clause, fatal=th.fatal)
    msg = ctx.t("crit.threshold_no", measure=measure, value=ctx.money(value), limit=ctx.money(limit))
    if not th.fatal:
        ctx.add("threshold.component_below", "warning", th.clause, label=label,
                value=ctx.money(value), limit=ctx.money(limit))
    return Result(f"{comp.id}_minimum", FAIL, label, msg, th.clause, fatal=th.fatal)


def _contract_criteria(ctx: Context, sels: list[Selection]) -> list[Result]:
    """The per-contract conditions, summarised: unknown where some contract does not say."""
    prog = ctx.prog
    specs: dict[str, tuple[str, str, str]] = {
        "non_affiliated": ("供应商为非关联方" if ctx.lang == "zh" else "Supplier not affiliated",
                           prog.award.affiliated_clause, "affiliated"),
    }
    for sel in sels:
        comp = sel.component
        if comp.contract_window == "overlap":
            specs["contract_window"] = ("合同执行期与补贴期重叠" if ctx.lang == "zh" else "Contract term overlaps the cost window",
                                        comp.contract_window_clause or prog.cost_window.clause, "start / end")
        for chk in comp.contract_checks:
            specs[chk.id] = (ctx.label(chk.label), chk.clause, chk.params.get("field") or chk.params.get("level", ""))
    results = []
    for cid, (label, clause, what) in specs.items():
        if not any(sel.candidates for sel in sels):
            continue
        ids = sorted({i for sel in sels for i in sel.unknown.get(cid, [])})
        if ids:
            results.append(Result(cid, UNKNOWN, label, ctx.t("crit.contracts_unknown", what=what, ids="、".join(ids)), clause))
        else:
            results.append(Result(cid, PASS, label, ctx.t("crit.contracts_pass"), clause))
    return results


def evaluate(profile: Profile, prog: Programme, lang: str = "zh",
             extra_support: dict[str, Decimal] | None = None) -> ProgrammeResult:
    ctx = Context(profile, prog, lang, extra_support=extra_support or {})
    criteria: list[Result] = []
    tier_cap = None
    for spec in prog.criteria:
        if not applies(ctx, spec):
            continue
        if spec.check == "tier":
            res, tier_cap = _tier(ctx)
            criteria.append(res)
        elif spec.check not in {"has_contracts", "any_component_threshold"}:
            criteria.append(evaluate_simple(ctx, spec))
    if ctx.end is None and prog.cost_window.end in {"application_date", "deadline"}:
        criteria.append(Result("application_date_stated", UNKNOWN, ctx.t("crit.missing", path="application.date"),
                               ctx.t("application.date_missing"), prog.cost_window.clause))
    by_year = prog.award.split == "calendar_year"
    sels, lines = [], []
    for comp in prog.award.components:
        sel = select(ctx, comp)
        sels.append(sel)
        rate = _rate(ctx, comp)
        for c, factor in sel.included:
            base = provable_base(c, factor, ctx.start, ctx.end, ctx.app_date, by_year)
            if base.used_payments:
                ctx.add("contract.no_settlement", "warning", _material_clause(prog, "settlement_sheet"), contract=c.id)
            lines.append(Line(comp, base, rate, _area_factor(ctx, comp, c)))
    criteria += _contract_criteria(ctx, sels)
    thresholds = {}
    for sel in sels:
        res = _threshold(ctx, sel.component, sel, lines)
        if res is not None:
            thresholds[sel.component.id] = res
            criteria.append(res)
    failed_parts = {cid for cid, r in thresholds.items() if r.status == FAIL}
    lines = [ln for ln in lines if ln.component.id not in failed_parts]
    for spec in prog.criteria:
        if spec.check == "has_contracts":
            criteria.append(_has_contracts(ctx, spec, sels))
        elif spec.check == "any_component_threshold":
            criteria.append(_any_threshold(ctx, spec, sels, thresholds))
    status = _status(criteria)
    cap_clause = prog.award.year_cap.clause if prog.award.year_cap else None
    year_cap = tier_cap if (prog.award.year_cap and prog.award.year_cap.from_tier) else (
        prog.award.year_cap.amount if prog.award.year_cap else None)
    outcome = aggregate(ctx, lines, year_cap, cap_clause)
    if status == INELIGIBLE:
        outcome = Outcome(ZERO, [], node(prog.label(lang), ZERO, None,
                                         formula=("ineligible" if lang == "en" else "不符合申报条件"),
                                         children=[outcome.tree]))
    else:
        _gaps(ctx, lines, year_cap, cap_clause, outcome.total)
        unknown = [c.id for c in criteria if c.status == UNKNOWN]
        if unknown:
            ctx.add("award.pending", "warning", None, ids="、".join(unknown))
    findings = ctx.findings
    return ProgrammeResult(prog, status, outcome.total, outcome.years, criteria, findings, outcome.tree, lang)


def _material_clause(prog: Programme, mtype: str) -> str | None:
    return next((m.clause for m in prog.materials if m.type == mtype), None)


def _has_contracts(ctx: Context, spec, sels: list[Selection]) -> Result:
    included = [c.id for sel in sels for c, _ in sel.included]
    candidates = sorted({c.id for sel in sels for c in sel.candidates})
    label = ctx.label(spec.label)
    if included:
        return Result(spec.id, PASS, label, ctx.t("crit.contracts_ok", count=len(included), ids="、".join(included)), spec.clause)
    if candidates:
        return Result(spec.id, FAIL, label, ctx.t("crit.contracts_all_excluded", count=len(candidates), ids="、".join(candidates)), spec.clause)
    kinds = sorted({k for sel in sels for k in sel.component.kinds})
    return Result(spec.id, UNKNOWN, label, ctx.t("crit.contracts_none", kinds="/".join(kinds)), spec.clause)


def _any_threshold(ctx: Context, spec, sels: list[Selection], thresholds: dict) -> Result:
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


def _gaps(ctx: Context, lines: list[Line], year_cap, cap_clause, award: Decimal) -> None:
    """Each shortfall: what evidence is missing, and by how much the award would rise."""
    for line in lines:
        for code, amount, what_if, mtype in (
                ("gap.invoice", line.base.gap_invoice, "pay_only", "invoice"),
                ("gap.payment", line.base.gap_payment, "inv_only", "payment_proof")):
            if amount <= 0:
                continue
            line.override = what_if
            rise = aggregate(ctx, lines, year_cap, cap_clause, build=False).total - award
            line.override = None
            ctx.add(code, "warning", _material_clause(ctx.prog, mtype), contract=line.base.contract.id,
                    amount=ctx.money(amount), rise=ctx.money(round_fen(rise)))


def evaluate_profile(profile: Profile, ids: list[str] | None = None, lang: str = "zh") -> CalcResult:
    progs = load_round()
    wanted = ids or profile.get("application.programmes") or list(progs)
    for pid in wanted:
        if pid not in progs:
            where = None if ids else profile.line_of(("application", "programmes"))
            raise InputError(profile.path if not ids else "--programme",
                             f"unknown programme {pid!r}; known: {', '.join(progs)}",
                             line=where, key=None if ids else "application.programmes")
    result = CalcResult(profile)
    for pid in wanted:
        result.programmes.append(evaluate(profile, progs[pid], lang))
    return result
