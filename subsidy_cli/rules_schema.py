"""What a programme data file may hold, and a reader that fails with the file and the key path.

pre-commit's cfgv is the model: every table has its known keys (an unknown key is an error with
the nearest known one), every value its type, and every profile path or contract field the data
names must exist in the profile schema.
"""

from __future__ import annotations

import difflib
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import DataError
from .money import MoneyError, parse_money

# The keys each table may hold (pre-commit's cfgv is the model): an unknown key is an error naming
# its path, so a misspelt `total_cpa` can never drop a cap silently.
_BASE = {"id", "check", "clause", "label", "interpretation", "applies_if"}
CRITERION_PARAMS = {
    "in": {"path", "values", "synonyms"}, "district": {"paths", "values"},
    "is_true": {"path"}, "is_false": {"path"}, "present": {"path"}, "compare": {"path", "op", "value"},
    "tier": set(), "date_on_or_after": {"path", "date"}, "has_contracts": set(),
    "application_date_in_window": {"late_code"}, "no_support": {"path", "level", "status"},
    "any_component_threshold": set(), "application_deadline": {"path"},
}
CONTRACT_PARAMS = {
    "keywords": {"field", "keywords", "unless", "override", "unproven"}, "is_true": {"field", "unproven", "kinds"},
    "date_on_or_after": {"field", "date", "unproven", "kinds"},
    "no_support": {"level", "district", "unproven", "kinds"},
}
TOP_KEYS = {"schema", "id", "round", "seed", "name", "issuer", "basis", "application_window", "cost_window",
            "criteria", "tiers", "modes", "award", "materials", "forms"}
WINDOW_KEYS = {"start", "end", "clause", "interpretation", "note", "severity", "incurred_clause"}
AWARD_KEYS = {"split", "split_clause", "split_interpretation", "affiliated_clause", "evidence", "max_years",
              "year_cap", "total_cap", "contract_ceiling", "components"}
COMPONENT_KEYS = {"id", "label", "kinds", "kinds_clause", "mode", "contract_window", "contract_window_clause",
                  "scope", "rate", "area_limit", "year_cap", "threshold", "contract_checks"}
LIMIT_KEYS = {"amount", "min", "by", "values", "from_tier", "clause", "interpretation", "label", "note",
              "measure", "fatal"}
MATERIAL_KEYS = {"type", "modes", "clause", "label", "stamped", "template", "formats", "required_if",
                 "alternatives", "online", "interpretation", "marker"}
NESTED_KEYS = {
    "scope": {"include", "exclude", "mixed_flag", "required_for", "clause", "interpretation"},
    "area_limit": {"value", "path", "sum_field", "clause", "interpretation"},
    "rate": {"value", "by", "values", "clause"},
    "evidence": {"rule", "clause"}, "max_years": {"value", "clause", "interpretation"},
    "contract_ceiling": {"rate", "clause", "counts"}, "modes": {"from", "kinds", "clause"},
    "tiers": {"id", "any_of", "cap", "clause", "label"}, "forms": {"id", "title", "template", "clause"},
    "applies_if": {"path", "in"},
}


class _Reader:
    """Typed access to one data file's tables, failing with the file and key path."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, message: str) -> DataError:
        return DataError(f"{self.path.name}: {where}: {message}")

    def keys(self, table: Any, where: str, allowed: set[str]) -> None:
        """Unknown keys are errors, with the nearest known key as a hint."""
        if not isinstance(table, dict):
            raise self.fail(where, "expected a table")
        for key in table:
            if key not in allowed:
                near = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else f"; known: {', '.join(sorted(allowed))}"
                raise self.fail(f"{where}.{key}" if where else key, f"unknown key{hint}")

    def profile_path(self, dotted: Any, where: str) -> None:
        """A profile path the data names must exist in the profile schema (docs/profile.md)."""
        from .profile_schema import known_path
        if not isinstance(dotted, str) or not known_path(dotted):
            raise self.fail(where, f"{dotted!r} is not a key of the company profile")

    def contract_field(self, name: Any, where: str) -> None:
        from .profile_schema import CONTRACT
        if name not in CONTRACT:
            raise self.fail(where, f"{name!r} is not a key of [[contracts]]")

    def need(self, table: dict, key: str, where: str, kind: type | tuple = object) -> Any:
        if key not in table:
            raise self.fail(where, f"missing {key!r}")
        value = table[key]
        if not isinstance(value, kind):
            raise self.fail(f"{where}.{key}", f"expected {getattr(kind, '__name__', kind)}")
        return value

    def clause(self, table: dict, where: str) -> str:
        value = self.need(table, "clause", where, str)
        if not value.strip():
            raise self.fail(where, "empty clause: every rule cites its clause")
        return value

    def label(self, table: dict, where: str) -> dict:
        label = self.need(table, "label", where, dict)
        if not label.get("zh") or not label.get("en"):
            raise self.fail(f"{where}.label", "needs zh and en")
        return label

    def money(self, value: Any, where: str) -> Decimal:
        try:
            return parse_money(value)
        except MoneyError as exc:
            raise self.fail(where, str(exc)) from None

    def rate(self, value: Any, where: str) -> Decimal:
        d = self.money(value, where)
        if not Decimal(0) <= d <= Decimal(1):
            raise self.fail(where, f"rate {d} outside 0..1")
        return d
