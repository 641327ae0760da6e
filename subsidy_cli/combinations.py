"""How the programmes of a round combine (`subsidy plan`): ``programmes/<round>/combinations.toml``,
validated like the programme files (unknown keys are errors), every rule with its clause.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from . import tomldata
from .errors import DataError
from .rules import COMBINATIONS, CURRENT_ROUND, DATA_DIR, Programme, load_round

KINDS = {"location", "one_choice", "no_level", "contract_ceiling", "exclusive_issuer", "contract_once",
         "one_box_per_form", "one_project_per_form", "one_of"}


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    clause: str
    label: dict
    params: dict

    def text(self, lang: str) -> str:
        return self.label.get(lang) or self.label["zh"]


@dataclass(frozen=True)
class PlanRules:
    programmes: dict          # id -> {level, district, issuer, form, box}
    rules: tuple[Rule, ...]

    def of_kind(self, kind: str) -> list[Rule]:
        return [r for r in self.rules if r.kind == kind]

    def info(self, pid: str, key: str):
        return self.programmes.get(pid, {}).get(key)


def parse_plan_rules(text: str, known: dict[str, Programme], name: str = COMBINATIONS) -> PlanRules:
    """Validate the plan rules; a broken file is a DataError naming file and key (exit 3)."""
    def fail(where: str, msg: str) -> DataError:
        return DataError(f"{name}: {where}: {msg}")
    try:
        data = tomldata.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{name}: cannot load: {exc}") from None
    if data.get("schema") != 1:
        raise fail("schema", "expected 1")

    def keys(table: dict, where: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                raise fail(f"{where}.{key}" if where else key, f"unknown key; known: {', '.join(sorted(allowed))}")
    keys(data, "", {"schema", "round", "programmes", "exclusions"})
    progs = data.get("programmes", {})
    for pid, info in progs.items():
        if pid not in known:
            raise fail(f"programmes.{pid}", "unknown programme")
        keys(info, f"programmes.{pid}", {"level", "district", "issuer", "form", "box"})
        if info.get("level") not in {"national", "municipal", "district"}:
            raise fail(f"programmes.{pid}.level", "expected national, municipal or district")
    rules = []
    for i, t in enumerate(data.get("exclusions", [])):
        where = f"exclusions[{i}]"
        for key in ("id", "kind", "clause", "label"):
            if key not in t:
                raise fail(where, f"missing {key!r}")
        if t["kind"] not in KINDS:
            raise fail(f"{where}.kind", f"unknown kind {t['kind']!r}; known: {', '.join(sorted(KINDS))}")
        if not str(t["clause"]).strip():
            raise fail(where, "empty clause: every rule cites its clause")
        if not isinstance(t["label"], dict) or not t["label"].get("zh") or not t["label"].get("en"):
            raise fail(f"{where}.label", "needs zh and en")
        keys(t, where, {"id", "kind", "clause", "label", "programme", "programmes", "criterion", "criteria",
                        "path", "values", "level", "issuer"})
        params = {k: v for k, v in t.items() if k not in {"id", "kind", "clause", "label"}}
        for pid in ([params["programme"]] if "programme" in params else []) + list(params.get("programmes", [])):
            if pid not in known:
                raise fail(where, f"unknown programme {pid!r}")
        if t["kind"] == "one_choice" and not (params.get("path") and params.get("values")):
            raise fail(where, "one_choice needs path and values")
        rules.append(Rule(t["id"], t["kind"], t["clause"], t["label"], params))
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise fail("exclusions", "ids must be unique")
    return PlanRules(progs, tuple(rules))


@lru_cache(maxsize=None)
def load_plan_rules(round_: str = CURRENT_ROUND) -> PlanRules:
    path = DATA_DIR / round_ / COMBINATIONS
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise DataError(f"{path.name}: cannot read: {exc}") from None
    return parse_plan_rules(text, load_round(round_), path.name)
