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
from .context import Context
from .criteria import FAIL, PASS, UNKNOWN

ONE = Decimal(1)


@dataclass
class Selection:
    """A component's contracts: included (with in-scope factor), excluded, and the unknowns."""
    component: Component
    candidates: list[Contract] = field(default_factory=list)
    included: list[tuple[Contract, Decimal]] = field(default_factory=list)
    excluded: list[Contract] = field(default_factory=list)
    unknown: dict[str, list[str]] = field(default_factory=dict)   # check id -> contract ids


def scope_factor(ctx: Context, c: Contract, comp: Component) -> Decimal | None:
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
        ctx.add("contract.no_amount", "error", scope["clause"], contract=c.id,
                field=scope.get("include") or scope.get("exclude"))
        return None
    return part / amount


def contract_check(ctx: Context, c: Contract, chk: Check) -> tuple[str, str]:
    """One per-contract condition: pass, fail (excluded) or unknown (counted, pending)."""
    if chk.params.get("kinds") and c.kind not in chk.params["kinds"]:
        return PASS, ""
    kind = chk.check
    if kind == "no_support":
        hits = [s for s in ctx.profile.support if s.contract == c.id and s.level == chk.params["level"]]
        return (FAIL, ", ".join(f"{s.level} {s.programme or ''} {ctx.money(s.amount)}" for s in hits)) if hits else (PASS, "")
    value = c.get(chk.params["field"])
    if value is None:
        return UNKNOWN, chk.params["field"]
    if kind == "keywords":
        return (PASS, "") if any(k in value for k in chk.params["keywords"]) else (UNKNOWN, f"{chk.params['field']} = {value}")
    if kind == "is_true":
        return (PASS, "") if value else (FAIL, f"{chk.params['field']} = false")
    if kind == "date_on_or_after":
        return (PASS, "") if value >= chk.params["date"] else (FAIL, f"{chk.params['field']} = {value} < {chk.params['date']}")
    raise AssertionError(kind)  # pragma: no cover - rules.py validates check kinds


def select(ctx: Context, comp: Component) -> Selection:
    sel = Selection(comp)
    affiliated_clause = ctx.prog.award.affiliated_clause
    for c in ctx.profile.contracts:
        if c.kind not in comp.kinds:
            continue
        sel.candidates.append(c)
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
        for chk in comp.contract_checks:
            status, detail = contract_check(ctx, c, chk)
            if status == FAIL:
                ctx.add("contract.check_failed", "warning", chk.clause, contract=c.id,
                        label=ctx.label(chk.label), detail=detail)
                failed = True
                break
            if status == UNKNOWN:
                sel.unknown.setdefault(chk.id, []).append(c.id)
        if failed:
            sel.excluded.append(c)
            continue
        factor = scope_factor(ctx, c, comp)
        if factor is None:
            sel.excluded.append(c)
            continue
        sel.included.append((c, factor))
    return sel


def _overlaps(ctx: Context, c: Contract, sel: Selection) -> bool:
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
