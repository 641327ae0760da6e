"""`subsidy plan PROFILE`: which programmes may be applied for together, and the best combination.

The rules of how programmes combine are data: ``programmes/<round>/combinations.toml``, every
rule with its clause, unknown keys an error. The planner evaluates every programme (each value of a one-choice field such as the bj
direction where the profile leaves it open), enumerates the combinations the rules allow and
keeps the one with the highest total, where

- a programme whose contract check forbids other support at a level (tz: no other district
  funding) does not take a contract another programme of that level funds in the same plan;
- the per-contract ceiling of bj-compute-voucher counts the other programmes' awards on the
  same contract, passed to the engine as ``evaluate(..., extra_support={contract: amount})``.

Per-contract awards are read from the engine's typed award lines (``ProgrammeResult.lines``):
each contract's amount in a line (after its ceiling) shares that line's rounded award in
proportion, and the total cap scales the lines alike (``contract_awards``).
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from .engine import INELIGIBLE, ProgrammeResult, evaluate
from .messages import Text, render
from .money import ZERO, round_fen, show, yuan
from .profile import Profile, Support
from .combinations import PlanRules, load_plan_rules, parse_plan_rules
from .rules import CURRENT_ROUND, Programme, load_round

PLAN_SCHEMA = "subsidy.plan/1"
__all__ = ["PLAN_SCHEMA", "PlanResult", "contract_awards", "contract_steps", "explain_text", "load_plan_rules",
           "parse_plan_rules", "plan_profile"]
# --- per-contract awards from the engine's typed award lines ----------------------------------------

def contract_awards(result: ProgrammeResult) -> dict[str, Decimal]:
    """The programme's award split over its contracts, to the fen, summing to the award.

    Each award line (rounded) is shared by its contracts in proportion to their amounts after
    their own ceiling (so a binding yearly or component cap cuts them alike); the total cap
    scales the lines alike again.
    """
    if result.status == INELIGIBLE or result.award <= 0:
        return {}
    raw: dict[str, Decimal] = {}
    lines_total = ZERO
    for line in result.lines:
        lines_total += line.award
        base = sum((step.amount for step in line.contracts), ZERO)
        if base <= 0:
            continue
        for step in line.contracts:
            raw[step.contract] = raw.get(step.contract, ZERO) + step.amount * line.award / base
    if lines_total > 0 and lines_total != result.award:
        raw = {c: v * result.award / lines_total for c, v in raw.items()}
    out = {c: round_fen(v) for c, v in raw.items()}
    diff = result.award - sum(out.values(), ZERO)
    if out and diff:
        biggest = max(out, key=lambda c: out[c])
        out[biggest] += diff
    return {c: v for c, v in out.items() if v > 0}


def contract_steps(result: ProgrammeResult) -> dict[str, list[dict]]:
    """Per contract, its steps in each award line as data: base, rate, value, ceiling, amount."""
    clause = result.programme.award.contract_ceiling
    out: dict[str, list[dict]] = {}
    for line in result.lines:
        for step in line.contracts:
            comp = next(c for c in result.programme.award.components if c.id == step.component)
            out.setdefault(step.contract, []).append({
                "year": line.year, "component": step.component, "base": yuan(step.base),
                "rate": str(step.rate), "area_factor": str(step.area_factor), "value": yuan(step.value),
                "rate_clause": comp.rate.clause,
                "ceiling": None if step.ceiling is None else yuan(step.ceiling),
                "ceiling_binding": step.ceiling_binding,
                "ceiling_clause": clause["clause"] if clause else None, "amount": yuan(step.amount)})
    return out


def explain_text(steps: list[dict], lang: str) -> list[str]:
    """The steps of a contract's allocation as lines of text, in the user's language."""
    from .messages import render
    out = []
    for st in steps:
        year = str(st["year"]) if st["year"] is not None else render("plan.application_line", {}, lang)
        pct = f"{(Decimal(st['rate']) * 100).normalize():f}%"
        text = render("plan.step", {"year": year, "base": st["base"], "rate": pct, "value": st["value"],
                                    "clause": st["rate_clause"]}, lang)
        if st["area_factor"] != "1":
            text += f" × {Decimal(st['area_factor']).quantize(Decimal('0.000001')).normalize():f}"
        if st["ceiling_binding"]:
            text += "; " + render("plan.step_ceiling", {"ceiling": st["ceiling"], "clause": st["ceiling_clause"]}, lang)
        out.append(text)
    return out


# --- the planner ------------------------------------------------------------------------------------

@dataclass
class Variant:
    """One way to apply for a programme: the profile, and the choice the plan made (if any)."""
    prog: Programme
    profile: Profile
    choice: dict = field(default_factory=dict)        # path -> value assumed by the plan
    standalone: ProgrammeResult | None = None

    @property
    def key(self) -> str:
        return self.prog.id + "".join(f"[{v}]" for v in self.choice.values())


@dataclass
class Allocation:
    contract: str
    programme: str
    award: Decimal
    steps: list[dict]                     # the engine's numbers behind it (contract_steps)

    def explain(self, lang: str) -> list[str]:
        return explain_text(self.steps, lang)


@dataclass
class Combination:
    variants: list[Variant]
    results: dict[str, ProgrammeResult]
    total: Decimal
    allocation: list[Allocation]
    notes: list[dict]

    @property
    def ids(self) -> list[str]:
        return [v.prog.id for v in self.variants]


@dataclass
class ProgrammePlan:
    prog: Programme
    variants: list[Variant]
    best: Variant
    may_apply: bool
    reasons: list[dict]


@dataclass
class PlanResult:
    profile: Profile
    lang: str
    rules: PlanRules
    programmes: list[ProgrammePlan]
    best: Combination
    alternatives: list[Combination]
    rule_effects: list[dict]

    def to_json(self) -> dict:
        p = self.profile
        return {
            "schema": PLAN_SCHEMA,
            **p.header(),
            "programmes": [{
                "id": pp.prog.id, "name": pp.prog.label(self.lang), "status": pp.best.standalone.status,
                "award_alone": yuan(pp.best.standalone.award), "may_apply": pp.may_apply,
                "in_plan": pp.prog.id in self.best.ids,
                "award_in_plan": yuan(self.best.results[pp.prog.id].award) if pp.prog.id in self.best.results else None,
                "assumed": {k: v for k, v in pp.best.choice.items()},
                "reasons": pp.reasons,
            } for pp in self.programmes],
            "rules": self.rule_effects,
            "plan": _combo_json(self.best),
            "alternatives": [_combo_json(c) for c in self.alternatives],
            "findings": [f.to_json(self.lang) for f in p.findings],
        }


def _combo_json(c: Combination) -> dict:
    return {
        "programmes": [{"id": v.prog.id, "award": yuan(c.results[v.prog.id].award),
                        "status": c.results[v.prog.id].status, "assumed": dict(v.choice)} for v in c.variants],
        "total": yuan(c.total),
        "allocation": [{"contract": a.contract, "programme": a.programme, "award": yuan(a.award),
                        "steps": a.steps} for a in c.allocation],
        "notes": c.notes,
    }


def _joined(parts: list[str], lang: str) -> str:
    return Text.items(parts, "；", "; ").render(lang)


def _with_data(profile: Profile, path: str, value) -> Profile:
    data = dict(profile.data)
    node = data
    parts = path.split(".")
    for part in parts[:-1]:
        node[part] = dict(node.get(part) or {})
        node = node[part]
    node[parts[-1]] = value
    return dataclasses.replace(profile, data=data, findings=list(profile.findings))


def _variants(profile: Profile, prog: Programme, rules: PlanRules) -> list[Variant]:
    for rule in rules.of_kind("one_choice"):
        if rule.params["programme"] == prog.id and profile.get(rule.params["path"]) is None:
            return [Variant(prog, _with_data(profile, rule.params["path"], v), {rule.params["path"]: v})
                    for v in rule.params["values"]]
    return [Variant(prog, profile)]


class _Planner:
    def __init__(self, profile: Profile, rules: PlanRules, lang: str):
        self.profile, self.rules, self.lang = profile, rules, lang
        self.cache: dict = {}

    def run(self, variant: Variant, support: tuple = (), extra: tuple = ()) -> ProgrammeResult:
        key = (variant.key, support, extra)
        if key not in self.cache:
            prof = variant.profile
            if support:
                prof = dataclasses.replace(prof, support=list(prof.support) + [
                    Support(c, level, amount, "applied", pid) for c, level, amount, pid in support])
            self.cache[key] = evaluate(prof, variant.prog, self.lang, extra_support=dict(extra) or None)
        return self.cache[key]

    def allowed(self, combo: tuple[Variant, ...]) -> bool:
        ids = [v.prog.id for v in combo]
        if len(set(ids)) != len(ids):
            return False
        for rule in self.rules.of_kind("one_of"):
            if sum(pid in rule.params["programmes"] for pid in ids) > 1:
                return False
        for rule in self.rules.of_kind("no_level"):
            if rule.params["programme"] in ids and any(
                    pid != rule.params["programme"] and self.rules.info(pid, "level") == rule.params["level"]
                    for pid in ids):
                return False
        for rule in self.rules.of_kind("exclusive_issuer"):
            if rule.params["programme"] in ids and any(
                    pid != rule.params["programme"] and self.rules.info(pid, "issuer") == rule.params["issuer"]
                    for pid in ids):
                return False
        return True

    def _no_support_levels(self, prog: Programme) -> set[str]:
        return {chk.params["level"] for comp in prog.award.components for chk in comp.contract_checks
                if chk.check == "no_support"}

    def evaluate_combo(self, combo: tuple[Variant, ...]) -> Combination:
        ceiling_ids = {r.params["programme"] for r in self.rules.of_kind("contract_ceiling")}
        once_levels = {r.params["level"] for r in self.rules.of_kind("contract_once")}
        free = [v for v in combo if v.prog.id not in ceiling_ids and not (self._no_support_levels(v.prog) & once_levels)]
        free_ids = {v.prog.id for v in free}
        checked = [v for v in combo if v.prog.id not in free_ids and v.prog.id not in ceiling_ids]
        ceiling = [v for v in combo if v.prog.id in ceiling_ids]
        results: dict[str, ProgrammeResult] = {}
        per_contract: dict[str, dict[str, Decimal]] = {}
        notes: list[dict] = []
        for v in free:
            results[v.prog.id] = self.run(v)
            per_contract[v.prog.id] = contract_awards(results[v.prog.id])
        for v in checked:
            levels = self._no_support_levels(v.prog) & once_levels
            support = tuple(sorted((c, self.rules.info(pid, "level"), amount, pid)
                                   for pid, awards in per_contract.items()
                                   if self.rules.info(pid, "level") in levels
                                   for c, amount in awards.items()))
            results[v.prog.id] = self.run(v, support=support)
            per_contract[v.prog.id] = contract_awards(results[v.prog.id])
            alone = contract_awards(self.run(v))
            for c, _, _, pid in support:
                if c in alone:
                    notes.append({"rule": "district-contract-once", "contract": c, "programme": v.prog.id,
                                  "funded_by": pid, "message": render(
                                      "plan.contract_funded", {"contract": c, "by": pid, "programme": v.prog.id},
                                      self.lang)})
        for v in ceiling:
            extra: dict[str, Decimal] = {}
            for awards in per_contract.values():
                for c, amount in awards.items():
                    extra[c] = extra.get(c, ZERO) + amount
            extra_t = tuple(sorted(extra.items()))
            results[v.prog.id] = self.run(v, extra=extra_t)
            per_contract[v.prog.id] = contract_awards(results[v.prog.id])
            counted = {c: a for c, a in extra.items() if v.profile.contract(c) is not None}
            if counted and any(c in contract_awards(self.run(v)) for c in counted):
                notes.append({"rule": "bj-ceiling", "programme": v.prog.id,
                              "counted": {c: yuan(a) for c, a in sorted(counted.items())},
                              "message": render("plan.ceiling_counts", {
                                  "awards": [f"{c} {show(a)}" for c, a in sorted(counted.items())]}, self.lang)})
        total = sum((r.award for r in results.values()), ZERO)
        steps = {pid: contract_steps(r) for pid, r in results.items()}
        allocation = [Allocation(c, pid, amount, steps[pid].get(c, []))
                      for pid, awards in per_contract.items() for c, amount in awards.items()]
        order = {c.id: i for i, c in enumerate(self.profile.contracts)}
        pids = [v.prog.id for v in combo]
        allocation.sort(key=lambda a: (order.get(a.contract, 1 << 30), pids.index(a.programme)))
        variants = sorted(combo, key=lambda v: pids.index(v.prog.id))
        return Combination(list(variants), results, total, allocation, notes)


def plan_profile(profile: Profile, lang: str = "zh", round_: str = CURRENT_ROUND,
                 rules: PlanRules | None = None, alternatives: int = 3) -> PlanResult:
    progs = load_round(round_)
    rules = rules or load_plan_rules(round_)
    planner = _Planner(profile, rules, lang)
    plans: list[ProgrammePlan] = []
    candidates: list[list[Variant]] = []
    for prog in progs.values():
        variants = _variants(profile, prog, rules)
        for v in variants:
            v.standalone = planner.run(v)
        best = max(variants, key=lambda v: (v.standalone.status != INELIGIBLE, v.standalone.award))
        may = best.standalone.status != INELIGIBLE
        plans.append(ProgrammePlan(prog, variants, best, may, _reasons(best.standalone, variants, rules, lang)))
        usable = [v for v in variants if v.standalone.status != INELIGIBLE and v.standalone.award > 0]
        if usable:
            candidates.append(usable)
    combos: list[Combination] = []
    for n in range(len(candidates), -1, -1):
        for groups in itertools.combinations(candidates, n):
            for combo in itertools.product(*groups):
                if planner.allowed(combo):
                    combos.append(planner.evaluate_combo(combo))
    combos.sort(key=lambda c: (-c.total, len(c.variants), c.ids))
    best = combos[0]
    others, seen = [], {tuple(best.ids)}
    for c in combos[1:]:
        if tuple(c.ids) in seen or c.total <= 0:
            continue
        seen.add(tuple(c.ids))
        others.append(c)
        if len(others) >= alternatives:
            break
    result = PlanResult(profile, lang, rules, plans, best, others, [])
    result.rule_effects = _rule_effects(result)
    return result


def _reasons(r: ProgrammeResult, variants: list[Variant], rules: PlanRules, lang: str) -> list[dict]:
    out = []
    for c in r.criteria:
        if c.status == "fail" and c.fatal:
            out.append({"criterion": c.id, "status": "fail", "message": f"{c.label.render(lang)}: {c.message.render(lang)}", "clause": c.clause})
    for c in r.criteria:
        if c.status == "unknown":
            out.append({"criterion": c.id, "status": "unknown", "message": f"{c.label.render(lang)}: {c.message.render(lang)}", "clause": c.clause})
    if len(variants) > 1:
        for rule in rules.of_kind("one_choice"):
            if rule.params["programme"] == r.programme.id:
                tried = [f"{v.choice[rule.params['path']]} {show(v.standalone.award)}" for v in variants]
                out.append({"criterion": rule.id, "status": "assumed", "clause": rule.clause, "message": render(
                    "plan.tried_each", {"path": rule.params["path"], "tried": tried}, lang)})
    return out


def _rule_effects(result: PlanResult) -> list[dict]:
    lang = result.lang
    by_id = {pp.prog.id: pp for pp in result.programmes}
    plan_ids = result.best.ids
    out = []
    for rule in result.rules.rules:
        progs: list[str] = []
        effect = ""
        outcome: dict = {}          # the effect as data, the same in every language
        if rule.kind == "location":
            parts = []
            for pp in result.programmes:
                crit = next((c for c in pp.best.standalone.criteria if c.id == rule.params.get("criterion", "location")), None)
                if crit is None:
                    continue
                progs.append(pp.prog.id)
                mark = {"pass": "✓", "fail": "✗", "unknown": "?"}[crit.status]
                outcome[pp.prog.id] = crit.status
                parts.append(f"{mark} {pp.prog.id} ({result.rules.info(pp.prog.id, 'district') or ''})")
            effect = _joined(parts, lang)
        elif rule.kind == "one_choice":
            pid = rule.params["programme"]
            progs = [pid]
            pp = by_id[pid]
            stated = result.profile.get(rule.params["path"])
            outcome = {"path": rule.params["path"], "stated": stated,
                       "assumed": None if stated is not None else pp.best.choice.get(rule.params["path"])}
            effect = (render("plan.choice_stated", {"path": rule.params["path"], "value": stated}, lang)
                      if stated is not None else
                      render("plan.choice_assumed", {"path": rule.params["path"],
                                                     "value": pp.best.choice.get(rule.params["path"])}, lang))
        elif rule.kind in {"no_level", "exclusive_issuer"}:
            pid = rule.params["programme"]
            progs = [pid]
            crits = {c.id: c for c in by_id[pid].best.standalone.criteria}
            states = [render("plan.criterion_state", {"label": crits[cid].label, "id": cid,
                                                      "status": Text(f"status.criterion.{crits[cid].status}")}, lang)
                      for cid in rule.params.get("criteria", []) if cid in crits]
            key = "level" if rule.kind == "no_level" else "issuer"
            others = [p for p in result.rules.programmes if p != pid and result.rules.info(p, key) == rule.params[key]]
            outcome = {"criteria": {cid: crits[cid].status for cid in rule.params.get("criteria", []) if cid in crits},
                       "excludes": others}
            effect = _joined(states + [render("plan.excludes", {"others": others or Text("plan.none")}, lang)], lang)
        elif rule.kind == "contract_ceiling":
            pid = rule.params["programme"]
            progs = [pid]
            note = next((n for n in result.best.notes if n["rule"] == rule.id), None)
            outcome = {"counted": note["counted"] if note else {}}
            effect = note["message"] if note else render("plan.no_other_award", {}, lang)
        elif rule.kind == "contract_once":
            notes = [n for n in result.best.notes if n["rule"] == rule.id]
            progs = sorted({n["programme"] for n in notes})
            outcome = {"notes": [{k: v for k, v in n.items() if k != "message"} for n in notes]}
            effect = _joined([n["message"] for n in notes], lang) or render("plan.no_repeat", {}, lang)
        elif rule.kind in {"one_box_per_form", "one_project_per_form", "one_of"}:
            progs = list(rule.params["programmes"])
            inside = [p for p in progs if p in plan_ids]
            outcome = {"in_plan": inside}
            if rule.kind == "one_of":
                effect = render("plan.at_most_one", {}, lang)
            elif len(inside) > 1:
                boxes = [Text("plan.box", programme=p, box=result.rules.info(p, "box") or result.rules.info(p, "form"))
                         for p in inside]
                effect = render("plan.one_form_each", {"boxes": boxes}, lang)
            else:
                effect = render("plan.one_in_plan", {}, lang)
        out.append({"id": rule.id, "kind": rule.kind, "label": rule.text(lang), "clause": rule.clause,
                    "programmes": progs, "outcome": outcome, "effect": effect})
    return out
