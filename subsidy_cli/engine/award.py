"""From bases to the award: rates, ceilings and caps as visible steps of an explanation tree.

Order (rules.md): per contract rate x base (x area factor), the per-contract combined-support
ceiling; per component and year its cap; per year the programme cap; the consecutive-years
limit; rounding half-up to the fen once on each final award line; the programme's total cap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..messages import Text
from ..money import ZERO, round_fen, yuan
from ..rules import Component, Limit
from .fifo import ALL, EITHER, Base
from .evaluation import Evaluation


@dataclass(slots=True)
class Line:
    """One contract in one component: its base and the multipliers that apply to it."""
    component: Component
    base: Base
    rate: Decimal
    area_factor: Decimal = Decimal(1)
    override: str | None = None        # what-if: which base bucket to use instead of "covered"
    area: Decimal | None = None        # the R&D + office area behind area_factor, where one applies

    def amounts(self) -> dict:
        return getattr(self.base, self.override or "covered")


def node(label: "Text | str", value: Decimal | None = None, clause: str | None = None, *,
         formula: str | None = None, binding: bool | None = None, interpretation: bool = False,
         children: list | None = None) -> dict:
    out: dict = {"label": label}
    if value is not None:
        out["value"] = yuan(value)
    if formula:
        out["formula"] = formula
    if clause:
        out["clause"] = clause
    if interpretation:
        out["interpretation"] = True
    if binding is not None:
        out["binding"] = binding
    out["children"] = children or []
    return out


@dataclass(frozen=True, slots=True)
class ContractStep:
    """One contract in one component and one award line: the numbers behind its amount."""
    contract: str
    component: str
    year: int | None
    delivered: Decimal          # delivered in the window, in scope
    invoiced: Decimal           # ... covered by invoices
    paid: Decimal               # ... covered by payment proofs
    base: Decimal               # the provable base under the programme's evidence rule
    factor: Decimal             # in-scope share of the contract
    rate: Decimal
    area_factor: Decimal
    value: Decimal              # rate x base x area factor
    ceiling: Decimal | None     # the per-contract combined-support ceiling, where the programme has one
    other_support: Decimal      # other support on the contract counted by that ceiling
    amount: Decimal             # after the ceiling
    used_payments: bool = False

    @property
    def ceiling_binding(self) -> bool:
        return self.ceiling is not None and self.value > self.ceiling

    def to_json(self) -> dict:
        return {"contract": self.contract, "component": self.component, "delivered": yuan(self.delivered),
                "invoiced": yuan(self.invoiced), "paid": yuan(self.paid), "base": yuan(self.base),
                "in_scope_share": str(self.factor), "rate": str(self.rate), "area_factor": str(self.area_factor),
                "value": yuan(self.value), "ceiling": None if self.ceiling is None else yuan(self.ceiling),
                "other_support": yuan(self.other_support), "ceiling_binding": self.ceiling_binding,
                "amount": yuan(self.amount), "payments_stand_in": self.used_payments}


@dataclass(frozen=True, slots=True)
class ComponentSum:
    """A component's contracts in one award line, and its own cap."""
    component: str
    amount: Decimal             # the contracts' amounts added up
    cap: Decimal | None
    counted: Decimal            # after the cap

    @property
    def binding(self) -> bool:
        return self.cap is not None and self.amount > self.cap


@dataclass(slots=True)
class AwardLine:
    """One award line (a calendar year, or the application when the programme does not split):
    typed data for plan, workbook and JSON, no labels to parse."""
    year: int | None
    contracts: list[ContractStep]
    components: list[ComponentSum]
    raw: Decimal                # the components added up, before the line's cap
    cap: Decimal | None
    binding: bool
    award: Decimal              # the line rounded half-up to the fen (and under the total cap)
    limits: list[str]           # the caps that cut the line, "<cap>: <clause>"


@dataclass
class Outcome:
    total: Decimal
    years: list[dict] = field(default_factory=list)
    tree: dict | None = None
    lines: list[AwardLine] = field(default_factory=list)
    dropped_years: list[int] = field(default_factory=list)


def _base_node(ctx: Evaluation, line: Line, key) -> dict:
    """Where the base comes from: delivered in the window, invoiced, paid, in-scope share."""
    b = line.base
    inv, pay = b.inv_only.get(key, ZERO), b.pay_only.get(key, ZERO)
    label = ctx.t("explain.base_either" if b.evidence == EITHER else "explain.base_both")
    label += ctx.t("explain.base_parts", delivered=yuan(b.delivered.get(key, ZERO)), invoiced=yuan(inv), paid=yuan(pay))
    if b.factor != 1:
        amount = b.contract.get("amount")
        label += ctx.t("explain.in_scope", part=yuan(amount * b.factor), amount=yuan(amount))
    if b.used_payments:
        label += ctx.t("explain.payments_stand_in")
    # The formula is language-free: the same numbers under --lang zh and en.
    formula = f"{'max' if b.evidence == EITHER else 'min'}({yuan(inv)}, {yuan(pay)})"
    return node(label, b.covered.get(key, ZERO), ctx.prog.award.evidence_clause,
                formula=formula, interpretation=True)


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _cap(amount: Decimal, limit: Limit | Decimal, ctx: Evaluation, label: Text, clause: str,
         interpretation: bool, children: list, build: bool) -> tuple[Decimal, dict | None]:
    cap = limit if isinstance(limit, Decimal) else limit.amount
    binding = amount > cap
    result = min(amount, cap)
    if not build:
        return result, None
    return result, node(label, result, clause, formula=f"min({yuan(amount)}, {yuan(cap)})",
                        binding=binding, interpretation=interpretation, children=children)


def line_values(ctx: Evaluation, line: Line, build: bool = False) -> list[tuple]:
    """One line's award per bucket after its contract ceiling: (bucket, value, node, step), the
    node and the step only when ``build``."""
    ceiling = ctx.prog.award.contract_ceiling
    c = line.base.contract
    other = ZERO
    if ceiling:
        other = sum((s.amount for s in ctx.profile.support if s.contract == c.id), ZERO)
        other += ctx.extra_support.get(c.id, ZERO)
    out = []
    for key, base in line.amounts().items():
        value = line.rate * base * line.area_factor
        uncapped, limit = value, None
        kids = []
        if build:
            kids.append(_base_node(ctx, line, key))
            formula = f"{_pct(line.rate)} × {yuan(base)}"
            if line.area_factor != 1:
                formula += f" × {line.area_factor.quantize(Decimal('0.000001')).normalize():f}"
            kids.append(node(ctx.t("explain.rate_base"), value, line.component.rate.clause,
                             formula=formula))
            spec = line.component.area_limit
            if spec and line.area is not None:
                kids.append(node(ctx.t("explain.area", area=f"{line.area.normalize():f}", limit=spec["value"]),
                                 None, spec["clause"], formula=f"min(1, {spec['value']} / {line.area.normalize():f})"
                                 f" = {line.area_factor.quantize(Decimal('0.000001')).normalize():f}",
                                 interpretation=bool(spec.get("interpretation"))))
        if ceiling:
            limit = max(ZERO, Decimal(ceiling["rate"]) * base - other)
            capped = min(value, limit)
            if build:
                kids.append(node(ctx.t("explain.contract_ceiling", rate=_pct(Decimal(ceiling["rate"]))),
                                 limit, ceiling["clause"], binding=value > limit,
                                 formula=f"max(0, {_pct(Decimal(ceiling['rate']))} × {yuan(base)} − {yuan(other)})"))
            value = capped
        n = step = None
        if build:
            n = node(ctx.t("explain.contract", id=c.id), value, None, children=kids)
            b = line.base
            step = ContractStep(c.id, line.component.id, key, b.delivered.get(key, ZERO), b.inv_only.get(key, ZERO),
                                b.pay_only.get(key, ZERO), base, b.factor, line.rate, line.area_factor, uncapped,
                                limit, other, value, b.used_payments)
        out.append((key, value, n, step))
    return out


def aggregate(ctx: Evaluation, lines: list[Line], year_cap: Decimal | None,
              year_cap_clause: str | None, build: bool = True) -> Outcome:
    buckets: dict = {}                         # bucket -> component id -> [amount, [nodes], [steps]]
    for line in lines:
        for key, value, n, step in line_values(ctx, line, build):
            slot = buckets.setdefault(key, {}).setdefault(line.component.id, [ZERO, [], []])
            slot[0] += value
            if build:
                slot[1].append(n)
                slot[2].append(step)
    return from_buckets(ctx, buckets, year_cap, year_cap_clause, build)


def from_buckets(ctx: Evaluation, buckets: dict, year_cap: Decimal | None,
                 year_cap_clause: str | None, build: bool = True) -> Outcome:
    """Per bucket and component their caps, then the yearly cap, the years limit and the total cap."""
    award = ctx.prog.award
    # components, then the year cap
    keys = sorted(k for k in buckets if k is not ALL) + ([ALL] if ALL in buckets else [])
    comps = {comp.id: comp for comp in award.components}
    rows: list[dict] = []
    for key in keys:
        year_total = ZERO
        comp_nodes = []
        limits: list[str] = []          # the caps that cut this line, by clause
        steps: list = []
        sums: list = []
        for comp_id, (amount, kids, *rest) in buckets[key].items():
            comp = comps[comp_id]
            label = ctx.label(comp.label)
            before = amount
            if build:
                steps += rest[0]
            if comp.year_cap:
                if amount > comp.year_cap.amount:
                    limits.append(f"{comp.id}: {comp.year_cap.clause}")
                amount, n = _cap(amount, comp.year_cap, ctx, label, comp.year_cap.clause,
                                 comp.year_cap.interpretation, kids, build)
            else:
                n = node(label, amount, comp.kinds_clause, children=kids) if build else None
            year_total += amount
            comp_nodes.append(n)
            if build:
                sums.append(ComponentSum(comp_id, before, comp.year_cap.amount if comp.year_cap else None, amount))
        binding = False
        cap_node = None
        raw = year_total
        if year_cap is not None:
            binding = year_total > year_cap
            year_total = min(year_total, year_cap)
            if build:
                cap_node = node(ctx.t("explain.year_cap" if key is not ALL else "explain.application_cap"),
                                year_cap, year_cap_clause, binding=binding,
                                interpretation=key is ALL and award.split_interpretation)
        if binding:
            limits.append(f"year_cap: {year_cap_clause}")
        rows.append({"year": key, "raw": raw, "award": year_total, "cap": year_cap, "steps": steps, "sums": sums,
                     "binding": binding, "limits": limits, "nodes": comp_nodes + ([cap_node] if cap_node else [])})
    return _finish(ctx, rows, build)


def _finish(ctx: Evaluation, rows: list[dict], build: bool) -> Outcome:
    award = ctx.prog.award
    dropped: list = []
    if award.max_years and rows and rows[0]["year"] is not ALL:
        first = next((r["year"] for r in rows if r["raw"] > 0), None)
        n = award.max_years["value"]
        if first is not None:
            dropped = [r["year"] for r in rows if not first <= r["year"] < first + n]
            rows = [r for r in rows if first <= r["year"] < first + n]
    total = ZERO
    years = []
    year_nodes = []
    for r in rows:
        line = round_fen(r["award"])
        total += line
        years.append({"year": r["year"], "award": line, "cap": r["cap"], "binding": r["binding"],
                      "limits": r["limits"]})
        if build:
            label = str(r["year"]) if r["year"] is not ALL else ctx.t("explain.award")
            year_nodes.append(node(ctx.t("explain.rounded", line=label),
                                   line, None, children=r["nodes"]))
    if dropped:
        ctx.add("award.years_limit", "info", award.max_years["clause"],
                years=list(dropped), n=award.max_years["value"])
    total_node_kids = year_nodes
    if award.total_cap:
        capped = min(total, award.total_cap.amount)
        if len(years) == 1 and years[0]["year"] is ALL:
            # One award line: the programme cap is that line's cap.
            years[0].update(award=capped, cap=award.total_cap.amount, binding=total > award.total_cap.amount)
            if total > award.total_cap.amount:
                years[0]["limits"].append(f"total_cap: {award.total_cap.clause}")
        if build:
            total_node_kids = [node(ctx.t("explain.sum"), total, None, children=year_nodes),
                               node(ctx.t("explain.total_cap"), award.total_cap.amount,
                                    award.total_cap.clause, binding=total > award.total_cap.amount)]
        total = capped
    lines = [AwardLine(r["year"], r["steps"], r["sums"], r["raw"], y["cap"], y["binding"], y["award"], y["limits"])
             for r, y in zip(rows, years)] if build else []
    tree = None
    if build:
        tree = node(ctx.label(ctx.prog.name) + ctx.t("explain.expected_max"), total, None,
                    children=total_node_kids)
        if dropped:
            tree["children"].append(node(ctx.t("award.years_limit", years=list(dropped),
                                               n=award.max_years["value"]), None,
                                         award.max_years["clause"],
                                         interpretation=bool(award.max_years.get("interpretation"))))
    return Outcome(total, years, tree, lines, dropped)
