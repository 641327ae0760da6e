"""The drafted facts: each value with the file and page it was read from, and whether a person
must check it.

A ``Fact`` is one value (``str``, ``Decimal``, ``datetime.date``, ``bool`` or a list of texts) and
its ``Source``; ``check`` is a to-check code (``draft.ocr`` …) when the tool is not sure of it.
A ``ToCheck`` is one thing a person must look at: a record that matches no contract, a duplicate,
a value not read. Codes render through the catalogue (``subsidy_cli/messages.py``, ``draft.*``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

ENTRY_KEYS = ("deliveries", "invoices", "payments")


@dataclass(frozen=True)
class Source:
    path: str
    page: int | None = None

    def __str__(self) -> str:
        return f"{self.path} p{self.page}" if self.page else self.path

    def to_json(self) -> dict:
        out: dict = {"path": self.path}
        if self.page:
            out["page"] = self.page
        return out


@dataclass
class Fact:
    value: Any
    source: Source
    check: str | None = None            # a draft.* code when a person must check the value

    def to_json(self) -> dict:
        out = {"value": json_value(self.value), "source": self.source.to_json()}
        if self.check:
            out["check"] = self.check
        return out


@dataclass
class ToCheck:
    code: str                           # draft.* message code
    params: dict
    source: Source | None = None

    def to_json(self, lang: str) -> dict:
        from ..messages import render
        out = {"code": self.code, "message": render(self.code, self.params, lang)}
        if self.source:
            out["source"] = self.source.to_json()
        return out


@dataclass
class DraftContract:
    facts: dict[str, Fact]                              # profile keys of [[contracts]] (id, kind …)
    entries: dict[str, list[dict[str, Fact]]] = field(default_factory=lambda: {k: [] for k in ENTRY_KEYS})

    @property
    def id(self) -> str:
        return self.facts["id"].value

    def plain(self) -> dict:
        """The contract as the profile loader's values (the ledger's dict form)."""
        out: dict = {k: f.value for k, f in self.facts.items()}
        for key in ENTRY_KEYS:
            if self.entries[key]:
                out[key] = [{k: f.value for k, f in e.items()} for e in self.entries[key]]
        return out


@dataclass
class Draft:
    dossier: str
    company: dict[str, Fact] = field(default_factory=dict)
    contracts: list[DraftContract] = field(default_factory=list)
    to_check: list[ToCheck] = field(default_factory=list)
    files: list = field(default_factory=list, repr=False)     # the scanner's files (not in JSON)
    applicant: tuple[str | None, str | None] | None = None    # (name, code) when not the licence's

    def checked(self, code: str, source: Source | None = None, **params) -> None:
        self.to_check.append(ToCheck(code, params, source))

    def counts(self) -> dict:
        return {"contracts": len(self.contracts),
                **{k: sum(len(c.entries[k]) for c in self.contracts) for k in ENTRY_KEYS},
                "to_check": len(self.to_check)}

    def to_json(self, lang: str) -> dict:
        def facts(d: dict[str, Fact]) -> dict:
            return {k: f.to_json() for k, f in d.items()}
        return {"schema": "subsidy.draft/1", "dossier": self.dossier, "company": facts(self.company),
                "contracts": [{"id": c.id, "facts": facts(c.facts),
                               **{k: [facts(e) for e in c.entries[k]] for k in ENTRY_KEYS}}
                              for c in self.contracts],
                "to_check": [t.to_json(lang) for t in self.to_check],
                "counts": self.counts()}


def json_value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return f"{v:.2f}"                # money: yuan with two decimals, as in subsidy.scan/1
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return [json_value(x) for x in v]
    return v
