"""What a fix would add: the award recomputed with the fix applied, all caps and thresholds
included (rules.md: "would rise by" is the real difference), and the shortfall findings that carry it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..money import ZERO, round_fen, yuan
from .award import Line, from_buckets, line_values
from .evaluation import Evaluation
from .fifo import EITHER
from .terms import Tiering, material_clause, measure, threshold_limit


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
        self.potential = {comp.id: measure(comp, list(potential)) for comp in ctx.prog.award.components
                          if comp.threshold is not None}
        self.values = {id(ln): line_values(ctx, ln) for ln in lines}
        self.sums: dict = {}
        for ln in lines:
            self._add(self.sums, ln, self.values[id(ln)], 1)
        self.measures = {comp.id: measure(comp, lines) for comp in ctx.prog.award.components
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
            limit = threshold_limit(self.ctx, comp)
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
                measures[comp.id] = measures[comp.id] + measure(comp, [ln])
                self.potential[comp.id] -= measure(comp, [ln])
        cap = self.year_cap if year_cap is False else year_cap
        total = self._total(sums, measures, counts, cap)
        for ln in added:
            if ln.component.threshold is not None:
                self.potential[ln.component.id] += measure(ln.component, [ln])
        return round_fen(total - self.award)


def gap_findings(ctx: Evaluation, lines: list[Line], what_if: WhatIf) -> None:
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
            ctx.add(code, "warning", material_clause(ctx.prog, mtype) or evidence_clause, contract=cid,
                    amount=ctx.money(amount), need=ctx.money(need), need_yuan=yuan(need), rise=rise)


def unproven_findings(ctx: Evaluation, lines: list[Line], hypothetical: list, what_if: WhatIf) -> None:
    """Contracts left out until a fact is stated: which fact, and what stating it would add."""
    for line, missing in hypothetical:
        rise = what_if.rise(added=(line,))
        for m in missing:
            code = "contract.unproven_district" if m.detail == "support.district" else "contract.unproven"
            ctx.add(code, "warning", m.clause, contract=line.base.contract.id, label=m.label,
                    field=m.field, detail=m.detail or ctx.t("crit.not_stated"), rise=rise,
                    together=len(missing) > 1)


def raiser_findings(ctx: Evaluation, tiers: Tiering, rates: dict, areas: dict, lines: list[Line],
             what_if: WhatIf) -> None:
    """Facts that would raise the amount and are not stated: never assumed, each with its rise."""
    for tier, paths in tiers.higher:
        ctx.add("tier.unproven_higher", "warning", tier.clause, tier=ctx.label(tier.label),
                paths=paths, cap=ctx.money(tier.cap), rise=what_if.rise(year_cap=tier.cap))
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
