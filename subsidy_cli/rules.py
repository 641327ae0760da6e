"""Programme rules as data: load and validate ``programmes/<round>/<id>.toml``.

The engine (``engine.py``) is generic; everything a policy round decides (windows, criteria,
rates, caps, thresholds, materials, forms) lives in these files, each value with its clause.
A new round is a new folder of data files, not new code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from . import tomldata
from .errors import DataError
from .rules_schema import (AWARD_KEYS, COMPONENT_KEYS, CONTRACT_PARAMS, CRITERION_PARAMS, LIMIT_KEYS,
                           MATERIAL_KEYS, NESTED_KEYS, TOP_KEYS, WINDOW_KEYS, _BASE, _Reader)

DATA_DIR = Path(__file__).parent / "programmes"
CURRENT_ROUND = "2025"
CRITERION_CHECKS = {"district", "in", "is_true", "is_false", "present", "compare", "tier",
                    "date_on_or_after", "has_contracts", "application_date_in_window",
                    "no_support", "any_component_threshold", "application_deadline"}
CONTRACT_CHECKS = {"keywords", "is_true", "date_on_or_after", "no_support"}
WINDOW_ENDS = {"application_date", "deadline"}
COMBINATIONS = "combinations.toml"        # how a round's programmes combine (plan.py), not a programme
NOT_PROGRAMMES = {COMBINATIONS}
MATERIAL_TYPES = ("application_form", "undertaking", "business_license", "tax_registration",
                  "financial_statements", "bank_account", "contract", "invoice", "payment_proof",
                  "settlement_sheet", "qualification_proof", "supplier_qualification",
                  "usage_description", "platform_evidence", "acceptance_report",
                  "model_description", "authorization", "usage_plan", "fund_use_plan", "other")


@dataclass(frozen=True)
class Window:
    start: date | None
    end: date | str | None          # a date, "application_date", "deadline" or None (not given)
    clause: str
    interpretation: bool = False
    note: dict | None = None
    severity: str = "warning"
    incurred_clause: str | None = None   # nothing delivered after the application date counts


@dataclass(frozen=True)
class Check:
    id: str
    check: str
    clause: str
    label: dict
    params: dict
    interpretation: bool = False


@dataclass(frozen=True)
class Tier:
    id: str
    any_of: tuple[str, ...]
    cap: Decimal
    clause: str
    label: dict


@dataclass(frozen=True)
class Limit:
    """A money amount with its clause (caps, thresholds)."""
    amount: Decimal | None
    clause: str
    by: str | None = None
    values: dict | None = None
    from_tier: bool = False
    interpretation: bool = False
    label: dict | None = None
    note: dict | None = None
    measure: str | None = None
    fatal: bool = False


@dataclass(frozen=True)
class Rate:
    clause: str
    value: Decimal | None = None
    by: str | None = None
    values: dict | None = None


@dataclass(frozen=True)
class Component:
    id: str
    label: dict
    kinds: tuple[str, ...]
    kinds_clause: str
    rate: Rate
    mode: str = "default"
    contract_window: str = "none"
    contract_window_clause: str | None = None
    scope: dict | None = None
    area_limit: dict | None = None
    year_cap: Limit | None = None
    threshold: Limit | None = None
    contract_checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class Award:
    split: str
    components: tuple[Component, ...]
    affiliated_clause: str
    split_clause: str | None = None
    split_interpretation: bool = False
    max_years: dict | None = None
    year_cap: Limit | None = None
    total_cap: Limit | None = None
    contract_ceiling: dict | None = None
    evidence: str = "both"              # both: invoice and payment proof; either: the larger coverage
    evidence_clause: str | None = None


@dataclass(frozen=True)
class Material:
    type: str
    modes: tuple[str, ...]
    clause: str
    label: dict
    stamped: bool = False
    template: str | None = None
    formats: tuple[str, ...] = ()
    required_if: dict | None = None
    alternatives: tuple[str, ...] = ()
    online: bool = False
    interpretation: bool = False
    marker: str | None = None        # text only the programme's own template carries


@dataclass(frozen=True)
class Programme:
    id: str
    round: str
    seed: str
    name: dict
    issuer: dict
    basis: dict
    application_window: Window
    cost_window: Window
    criteria: tuple[Check, ...]
    tiers: tuple[Tier, ...]
    award: Award
    materials: tuple[Material, ...]
    forms: tuple[dict, ...]
    modes: dict = field(default_factory=dict)
    source: Path | None = None

    def label(self, lang: str) -> str:
        return self.name.get(lang) or self.name["zh"]


def _window(r: _Reader, t: dict, where: str) -> Window:
    r.keys(t, where, WINDOW_KEYS)
    start, end = t.get("start"), t.get("end")
    if start is not None and not isinstance(start, date):
        raise r.fail(f"{where}.start", "expected a date")
    if end is not None and not (isinstance(end, date) or end in WINDOW_ENDS):
        raise r.fail(f"{where}.end", f"expected a date or one of {sorted(WINDOW_ENDS)}")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        raise r.fail(where, "end before start")
    return Window(start, end, r.clause(t, where), bool(t.get("interpretation")), t.get("note"),
                  t.get("severity", "warning"), t.get("incurred_clause"))


def _check(r: _Reader, t: dict, where: str, allowed: set[str]) -> Check:
    kind = r.need(t, "check", where, str)
    if kind not in allowed:
        raise r.fail(f"{where}.check", f"unknown check {kind!r}; known: {', '.join(sorted(allowed))}")
    contract = allowed is CONTRACT_CHECKS
    r.keys(t, where, _BASE | (CONTRACT_PARAMS if contract else CRITERION_PARAMS)[kind])
    if "applies_if" in t:
        r.keys(t["applies_if"], f"{where}.applies_if", NESTED_KEYS["applies_if"])
        r.profile_path(t["applies_if"].get("path"), f"{where}.applies_if.path")
    for key in ("path",):
        if key in t:
            r.profile_path(t[key], f"{where}.{key}")
    for i, p in enumerate(t.get("paths", [])):
        r.profile_path(p, f"{where}.paths[{i}]")
    for key in ("field", "override"):
        if key in t:
            r.contract_field(t[key], f"{where}.{key}")
    params = {k: v for k, v in t.items() if k not in {"id", "check", "clause", "label", "interpretation"}}
    if kind == "compare" and params.get("op") not in {">", ">=", "<", "<="}:
        raise r.fail(f"{where}.op", "expected one of > >= < <=")
    if kind in {"in", "district"} and not isinstance(params.get("values"), list):
        raise r.fail(f"{where}.values", "expected a list")
    synonyms = params.get("synonyms", {})
    if not isinstance(synonyms, dict) or any(
            k not in params.get("values", ()) or not isinstance(v, list) or not all(isinstance(w, str) for w in v)
            for k, v in synonyms.items()):
        raise r.fail(f"{where}.synonyms", "expected a table: accepted value -> list of words that mean it")
    if kind == "keywords" and not (isinstance(params.get("keywords"), list) and params["keywords"]):
        raise r.fail(f"{where}.keywords", "expected a non-empty list of words")
    if params.get("unproven", "pending") not in {"pending", "exclude"}:
        raise r.fail(f"{where}.unproven", "expected pending or exclude")
    if "late_code" in params:
        from .messages import CATALOG
        if params["late_code"] not in CATALOG:
            raise r.fail(f"{where}.late_code", f"no message {params['late_code']!r} in the catalogue")
    if "status" in params and not (isinstance(params["status"], list)
                                   and set(params["status"]) <= {"received", "applied"}):
        raise r.fail(f"{where}.status", "expected a list of received / applied")
    if kind in {"date_on_or_after"} and not isinstance(params.get("date"), date):
        raise r.fail(f"{where}.date", "expected a date")
    return Check(r.need(t, "id", where, str), kind, r.clause(t, where), r.label(t, where), params,
                 bool(t.get("interpretation")))


def _limit(r: _Reader, t: dict | None, where: str) -> Limit | None:
    if t is None:
        return None
    r.keys(t, where, LIMIT_KEYS)
    if t.get("by") is not None:
        r.profile_path(t["by"], f"{where}.by")
    values = None
    if "values" in t:
        values = {k: r.money(v, f"{where}.values.{k}") for k, v in t["values"].items()}
    amount = r.money(t["amount"], f"{where}.amount") if "amount" in t else (
        r.money(t["min"], f"{where}.min") if "min" in t else None)
    if amount is None and values is None and not t.get("from_tier"):
        raise r.fail(where, "needs amount, min, values or from_tier")
    return Limit(amount, r.clause(t, where), t.get("by"), values, bool(t.get("from_tier")),
                 bool(t.get("interpretation")), t.get("label"), t.get("note"), t.get("measure"),
                 bool(t.get("fatal")))


def _component(r: _Reader, t: dict, where: str) -> Component:
    r.keys(t, where, COMPONENT_KEYS)
    for key in ("scope", "area_limit", "rate"):
        if key in t:
            r.keys(t[key], f"{where}.{key}", NESTED_KEYS[key])
    if t.get("rate", {}).get("by") is not None:
        r.profile_path(t["rate"]["by"], f"{where}.rate.by")
    if t.get("area_limit", {}).get("path") is not None:
        r.profile_path(t["area_limit"]["path"], f"{where}.area_limit.path")
    for key in ("include", "exclude", "mixed_flag"):
        if key in t.get("scope", {}):
            r.contract_field(t["scope"][key], f"{where}.scope.{key}")
    if "sum_field" in t.get("area_limit", {}):
        r.contract_field(t["area_limit"]["sum_field"], f"{where}.area_limit.sum_field")
    rt = r.need(t, "rate", where, dict)
    if "value" in rt:
        rate = Rate(r.clause(rt, f"{where}.rate"), value=r.rate(rt["value"], f"{where}.rate.value"))
    else:
        rate = Rate(r.clause(rt, f"{where}.rate"), by=r.need(rt, "by", f"{where}.rate", str),
                    values={k: r.rate(v, f"{where}.rate.{k}") for k, v in
                            r.need(rt, "values", f"{where}.rate", dict).items()})
    scope = t.get("scope")
    if scope is not None:
        r.clause(scope, f"{where}.scope")
        if ("include" in scope) == ("exclude" in scope):
            raise r.fail(f"{where}.scope", "needs exactly one of include / exclude")
    if t.get("contract_window", "none") not in {"none", "overlap"}:
        raise r.fail(f"{where}.contract_window", "expected none or overlap")
    if t.get("area_limit") is not None:
        r.clause(t["area_limit"], f"{where}.area_limit")
        if not (t["area_limit"].get("path") or t["area_limit"].get("sum_field")):
            raise r.fail(f"{where}.area_limit", "needs path or sum_field: where the area comes from")
    threshold = _limit(r, t.get("threshold"), f"{where}.threshold")
    if threshold is not None and threshold.measure not in {"contract_amount", "delivered"}:
        raise r.fail(f"{where}.threshold.measure", "expected contract_amount or delivered")
    checks = tuple(_check(r, c, f"{where}.contract_checks[{i}]", CONTRACT_CHECKS)
                   for i, c in enumerate(t.get("contract_checks", [])))
    return Component(
        id=r.need(t, "id", where, str), label=r.label(t, where),
        kinds=tuple(r.need(t, "kinds", where, list)), kinds_clause=r.need(t, "kinds_clause", where, str),
        rate=rate, mode=t.get("mode", "default"), contract_window=t.get("contract_window", "none"),
        contract_window_clause=t.get("contract_window_clause"), scope=scope,
        area_limit=t.get("area_limit"), year_cap=_limit(r, t.get("year_cap"), f"{where}.year_cap"),
        threshold=threshold, contract_checks=checks)


def load_programme(path: Path) -> Programme:
    r = _Reader(path)
    try:
        data = tomldata.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path.name}: cannot load: {exc}") from None
    if data.get("schema") != 1:
        raise r.fail("schema", "expected 1")
    r.keys(data, "", TOP_KEYS)
    aw = r.need(data, "award", "award", dict)
    r.keys(aw, "award", AWARD_KEYS)
    for key in ("evidence", "max_years", "contract_ceiling"):
        if key in aw:
            r.keys(aw[key], f"award.{key}", NESTED_KEYS[key])
    if "modes" in data:
        r.keys(data["modes"], "modes", NESTED_KEYS["modes"])
        if "from" in data["modes"]:
            r.profile_path(data["modes"]["from"], "modes.from")
    for i, t in enumerate(data.get("tiers", [])):
        r.keys(t, f"tiers[{i}]", NESTED_KEYS["tiers"])
        for j, p in enumerate(t.get("any_of", [])):
            r.profile_path(p, f"tiers[{i}].any_of[{j}]")
    for i, t in enumerate(data.get("forms", [])):
        r.keys(t, f"forms[{i}]", NESTED_KEYS["forms"])
    if aw.get("split") not in {"none", "calendar_year"}:
        raise r.fail("award.split", "expected none or calendar_year")
    components = tuple(_component(r, c, f"award.components[{i}]", )
                       for i, c in enumerate(r.need(aw, "components", "award", list)))
    for key in ("max_years", "contract_ceiling"):
        if aw.get(key) is not None:
            r.clause(aw[key], f"award.{key}")
    evidence = r.need(aw, "evidence", "award", dict)
    if evidence.get("rule") not in {"both", "either"}:
        raise r.fail("award.evidence.rule", "expected both (invoice and payment proof) or either")
    award = Award(aw["split"], components, r.need(aw, "affiliated_clause", "award", str),
                  aw.get("split_clause"), bool(aw.get("split_interpretation")), aw.get("max_years"),
                  _limit(r, aw.get("year_cap"), "award.year_cap"),
                  _limit(r, aw.get("total_cap"), "award.total_cap"), aw.get("contract_ceiling"),
                  evidence["rule"], r.clause(evidence, "award.evidence"))
    tiers = tuple(Tier(r.need(t, "id", f"tiers[{i}]", str), tuple(r.need(t, "any_of", f"tiers[{i}]", list)),
                       r.money(r.need(t, "cap", f"tiers[{i}]"), f"tiers[{i}].cap"),
                       r.clause(t, f"tiers[{i}]"), r.label(t, f"tiers[{i}]"))
                  for i, t in enumerate(data.get("tiers", [])))
    if award.year_cap and award.year_cap.from_tier and not tiers:
        raise r.fail("award.year_cap", "from_tier needs [[tiers]]")
    materials = []
    for i, m in enumerate(data.get("materials", [])):
        where = f"materials[{i}]"
        r.keys(m, where, MATERIAL_KEYS)
        if m.get("type") not in MATERIAL_TYPES:
            raise r.fail(f"{where}.type", f"unknown material type {m.get('type')!r}")
        cond = m.get("required_if")
        if cond is not None:
            for j, c in enumerate(cond.get("any", [cond]) if isinstance(cond, dict) else [None]):
                if not isinstance(c, dict) or ("equals" in c) == bool(c.get("present")):
                    raise r.fail(f"{where}.required_if", "expected {path, equals} or {path, present = true}, or any = [...]")
                r.profile_path(c.get("path"), f"{where}.required_if.path")
        materials.append(Material(m["type"], tuple(r.need(m, "modes", where, list)), r.clause(m, where),
                                  r.label(m, where), bool(m.get("stamped")), m.get("template"),
                                  tuple(m.get("formats", ())), m.get("required_if"),
                                  tuple(m.get("alternatives", ())), bool(m.get("online")),
                                  bool(m.get("interpretation")), m.get("marker")))
    criteria = tuple(_check(r, c, f"criteria[{i}]", CRITERION_CHECKS)
                     for i, c in enumerate(data.get("criteria", [])))
    ids = [c.id for c in criteria]
    if len(ids) != len(set(ids)):
        raise r.fail("criteria", "criterion ids must be unique")
    for key in ("name", "issuer", "basis"):
        r.need(data, key, key, dict)
    return Programme(
        id=r.need(data, "id", "id", str), round=str(r.need(data, "round", "round")),
        seed=r.need(data, "seed", "seed", str), name=data["name"], issuer=data["issuer"],
        basis=data["basis"],
        application_window=_window(r, r.need(data, "application_window", "application_window", dict), "application_window"),
        cost_window=_window(r, r.need(data, "cost_window", "cost_window", dict), "cost_window"),
        criteria=criteria, tiers=tiers, award=award, materials=tuple(materials),
        forms=tuple(data.get("forms", [])), modes=data.get("modes", {}), source=path)


@lru_cache(maxsize=None)
def load_round(round_: str = CURRENT_ROUND) -> dict[str, Programme]:
    """All programmes of a round, in a stable order (the seeds' order)."""
    folder = DATA_DIR / round_
    if not folder.is_dir():
        raise DataError(f"no programme data for round {round_!r}")
    progs = [load_programme(p) for p in sorted(folder.glob("*.toml")) if p.name not in NOT_PROGRAMMES]
    progs.sort(key=lambda p: (p.seed, p.id))
    return {p.id: p for p in progs}


def programme_ids(round_: str = CURRENT_ROUND) -> list[str]:
    return list(load_round(round_))
