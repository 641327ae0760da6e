"""Which contracts count for a component, and at what in-scope share.

Affiliated suppliers never count; a contract must meet its component's window and contract
checks; mixed-scope contracts must state their in-scope split (rules.md, base 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..messages import Text
from ..money import ZERO
from ..profile import Contract
from ..rules import Check, Component
from .evaluation import Evaluation
from .criteria import FAIL, PASS, UNKNOWN, UNPROVEN

ONE = Decimal(1)


@dataclass(frozen=True)
class Missing:
    """A contract fact not stated that would make the contract count (rules.md, proven only)."""
    check: str              # criterion id: non_affiliated, contract_window or a contract check's id
    label: Text
    clause: str
    field: str              # what to state
    detail: "Text | str" = ""


@dataclass
class Selection:
    """A component's contracts: included (with in-scope factor), excluded, and the unknowns."""
    component: Component
    candidates: list[Contract] = field(default_factory=list)
    included: list[tuple[Contract, Decimal]] = field(default_factory=list)
    excluded: list[Contract] = field(default_factory=list)
    unknown: dict[str, list[str]] = field(default_factory=dict)   # check id -> contract ids
    # left out until a fact is stated (proven only): contract, factor, the check, what is missing
    unproven: list[tuple[Contract, Decimal, list[Missing]]] = field(default_factory=list)


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
                        other=other, field=scope["include"])
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
    # Proven only (rules.md): whether a contract counts is never assumed; data may say "pending".
    unproven = UNKNOWN if chk.params.get("unproven") == "pending" else UNPROVEN
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
        text = value.lower()
        shown = any(k.lower() in text for k in chk.params["keywords"]) and not any(
            k.lower() in text for k in chk.params.get("unless", ()))
        return (PASS, "") if shown else (unproven, f"{chk.params['field']} = {value}")
    if kind == "is_true":
        return (PASS, "") if value else (FAIL, f"{chk.params['field']} = false")
    if kind == "date_on_or_after":
        return (PASS, "") if value >= chk.params["date"] else (FAIL, f"{chk.params['field']} = {value} < {chk.params['date']}")
    raise AssertionError(kind)  # pragma: no cover - rules.py validates check kinds


def _no_support(ctx: Evaluation, c: Contract, chk: Check, unproven: str) -> tuple[str, "Text | str"]:
    """Other support on the contract at a level (and, where the data names one, in a district)."""
    hits = [s for s in ctx.profile.support if s.contract == c.id and s.level == chk.params["level"]]
    district = chk.params.get("district")
    if district:
        unstated = [s for s in hits if not s.district]
        hits = [s for s in hits if s.district and _district(s.district) == _district(district)]
    detail = Text.items([Text.items([x for x in (ctx.t(f"level.{s.level}"), s.district, s.programme,
                                                 ctx.money(s.amount)) if x], " ", " ") for s in hits], "，", ", ")
    if hits:
        return FAIL, detail
    if district and unstated:
        return unproven, "support.district"
    return PASS, ""


def _district(name: str) -> str:
    """通州区, 通州 and ' 通州区 ' are one district."""
    return name.strip().replace(" ", "").removesuffix("区")


def plausibility(ctx: Evaluation, c: Contract) -> None:
    """Amounts that cannot all be true (rules.md 合理性): findings, never silence."""
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
        missing: list[Missing] = []
        if aff is None:
            missing.append(Missing("non_affiliated", ctx.t("crit.label.non_affiliated"), affiliated_clause,
                                   "affiliated = false"))
        if comp.contract_window == "overlap":
            term = _overlaps(ctx, c, sel)
            if term is False:
                continue
            if term is None:
                missing.append(Missing("contract_window", ctx.t("crit.label.contract_window"),
                                       comp.contract_window_clause or ctx.prog.cost_window.clause, "start / end"))
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
            if status == UNPROVEN:
                what = ("[[support]] district" if detail == "support.district" else
                        chk.params.get("field", "") + (f" / {chk.params['override']} = true"
                                                        if chk.params.get("override") else ""))
                missing.append(Missing(chk.id, ctx.label(chk.label), chk.clause, what, detail))
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


def _overlaps(ctx: Evaluation, c: Contract, sel: Selection) -> bool | None:
    """True: the term overlaps the window; False: it does not (excluded, with a finding); None:
    the term is not stated."""
    start, end = c.get("start"), c.get("end")
    if start is None or end is None:
        return None
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
