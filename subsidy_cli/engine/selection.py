"""Which contracts count for a component, and at what in-scope share.

Affiliated suppliers never count; a contract must meet its component's window and contract
checks; mixed-scope contracts must state their in-scope split (rules.md, base 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..money import ZERO
from ..profile import Contract
from ..rules import Check, Component
from .evaluation import Evaluation
from .criteria import FAIL, PASS, UNKNOWN, UNPROVEN

ONE = Decimal(1)


@dataclass
class Selection:
    """A component's contracts: included (with in-scope factor), excluded, and the unknowns."""
    component: Component
    candidates: list[Contract] = field(default_factory=list)
    included: list[tuple[Contract, Decimal]] = field(default_factory=list)
    excluded: list[Contract] = field(default_factory=list)
    unknown: dict[str, list[str]] = field(default_factory=dict)   # check id -> contract ids
    # left out until a fact is stated (proven only): contract, factor, the check, what is missing
    unproven: list[tuple[Contract, Decimal, list[tuple[Check, str]]]] = field(default_factory=list)


def scope_factor(ctx: Evaluation, c: Contract, comp: Component) -> Decimal | None:
    """in-scope / total for the contract, or None (with an error finding) when it cannot be known."""
    scope = comp.scope
    if not scope:
        return ONE
    amount = c.get("amount")
    if "include" in scope:
        part = c.get(scope["include"])
        if part is None:
            other = c.get(scope.get("mixed_flag", "")) if scope.get("mixed_flag") else None
            if other:
                ctx.add("contract.scope_unsplit", "error", scope["clause"], contract=c.id,
                        other="、".join(other), field=scope["include"])
                return None
            return ONE
    else:
        hardware = c.get(scope["exclude"])
        if hardware is None:
            if c.kind in scope.get("required_for", ()):
                ctx.add("contract.scope_unsplit", "error", scope["clause"], contract=c.id,
                        other=c.kind, field=scope["exclude"])
                return None
            return ONE
        part = None if amount is None else amount - hardware
    if not amount:
        if amount is None:   # a zero amount is reported once by the plausibility check
            ctx.add("contract.no_amount", "error", scope["clause"], contract=c.id,
                    field=scope.get("include") or scope.get("exclude"))
        return None
    return part / amount


def contract_check(ctx: Evaluation, c: Contract, chk: Check) -> tuple[str, str]:
    """One per-contract condition: pass, fail (excluded) or unknown (counted, pending)."""
    if chk.params.get("kinds") and c.kind not in chk.params["kinds"]:
        return PASS, ""
    kind = chk.check
    unproven = UNPROVEN if chk.params.get("unproven") == "exclude" else UNKNOWN
    if kind == "no_support":
        return _no_support(ctx, c, chk, unproven)
    if kind == "keywords" and chk.params.get("override"):
        stated = c.get(chk.params["override"])
        if stated is not None:
            return (PASS, "") if stated else (FAIL, f"{chk.params['override']} = false")
    value = c.get(chk.params["field"])
    if value is None:
        return unproven, chk.params["field"]
    if kind == "keywords":
        return (PASS, "") if any(k.lower() in value.lower() for k in chk.params["keywords"]) else (
            unproven, f"{chk.params['field']} = {value}")
    if kind == "is_true":
        return (PASS, "") if value else (FAIL, f"{chk.params['field']} = false")
    if kind == "date_on_or_after":
        return (PASS, "") if value >= chk.params["date"] else (FAIL, f"{chk.params['field']} = {value} < {chk.params['date']}")
    raise AssertionError(kind)  # pragma: no cover - rules.py validates check kinds


def _no_support(ctx: Evaluation, c: Contract, chk: Check, unproven: str) -> tuple[str, str]:
    """Other support on the contract at a level (and, where the data names one, in a district)."""
    hits = [s for s in ctx.profile.support if s.contract == c.id and s.level == chk.params["level"]]
    district = chk.params.get("district")
    if district:
        unstated = [s for s in hits if not s.district]
        hits = [s for s in hits if s.district and (district in s.district or s.district in district)]
    detail = ", ".join(f"{s.level} {s.district or ''} {s.programme or ''} {ctx.money(s.amount)}".replace("  ", " ")
                       for s in hits)
    if hits:
        return FAIL, detail
    if district and unstated:
        return unproven, "support.district"
    return PASS, ""


def plausibility(ctx: Evaluation, c: Contract) -> None:
    """Amounts that cannot all be true (rules.md Plausibility): findings, never silence."""
    amount = c.get("amount")
    if amount is None:
        return
    if amount == 0:
        ctx.add("contract.zero_amount", "error", "rules.md 合理性", contract=c.id)
        return
    for what, entries, severity in (("deliveries", c.deliveries, "error"), ("invoices", c.invoices, "warning"),
                                    ("payments", c.payments, "warning")):
        total = sum((e.amount for e in entries), ZERO)
        if total > amount:
            ctx.add(f"contract.over_amount.{what}", severity, "rules.md 合理性", contract=c.id,
                    total=ctx.money(total), amount=ctx.money(amount))


def select(ctx: Evaluation, comp: Component) -> Selection:
    sel = Selection(comp)
    affiliated_clause = ctx.prog.award.affiliated_clause
    for c in ctx.profile.contracts:
        if c.kind not in comp.kinds:
            continue
        sel.candidates.append(c)
        if c.id not in ctx.checked:
            ctx.checked.add(c.id)
            plausibility(ctx, c)
        aff = c.get("affiliated")
        if aff:
            ctx.add("contract.affiliated", "warning", affiliated_clause, contract=c.id,
                    supplier=c.get("supplier") or "?")
            sel.excluded.append(c)
            continue
        if aff is None:
            sel.unknown.setdefault("non_affiliated", []).append(c.id)
        if comp.contract_window == "overlap" and not _overlaps(ctx, c, sel):
            continue
        failed = False
        missing: list[tuple[Check, str]] = []
        for chk in comp.contract_checks:
            status, detail = contract_check(ctx, c, chk)
            if status == FAIL:
                ctx.add("contract.check_failed", "warning", chk.clause, contract=c.id,
                        label=ctx.label(chk.label), detail=detail)
                failed = True
                break
            if status == UNKNOWN:
                sel.unknown.setdefault(chk.id, []).append(c.id)
            if status == UNPROVEN:
                missing.append((chk, detail))
        if failed:
            sel.excluded.append(c)
            continue
        factor = scope_factor(ctx, c, comp)
        if factor is None:
            sel.excluded.append(c)
            continue
        if missing:
            # Proven only: left out of the base; the engine reports what stating it would add.
            sel.excluded.append(c)
            sel.unproven.append((c, factor, missing))
            continue
        sel.included.append((c, factor))
    return sel


def _overlaps(ctx: Evaluation, c: Contract, sel: Selection) -> bool:
    start, end = c.get("start"), c.get("end")
    if start is None or end is None:
        sel.unknown.setdefault("contract_window", []).append(c.id)
        return True
    if (ctx.end is not None and start > ctx.end) or (ctx.start is not None and end < ctx.start):
        ctx.add("contract.outside_window", "warning", sel.component.contract_window_clause,
                contract=c.id, start=start, end=end, window=ctx.window_text(ctx.start, ctx.end))
        sel.excluded.append(c)
        return False
    return True


def in_scope_amount(c: Contract, factor: Decimal) -> Decimal:
    amount = c.get("amount")
    if amount is None:
        return sum((d.amount for d in c.deliveries), ZERO) * factor
    return amount * factor
