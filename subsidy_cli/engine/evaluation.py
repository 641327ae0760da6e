"""One evaluation of one programme for one profile: its dates and findings.

The engine speaks no language: its messages and labels are ``Text`` (a code and parameters),
put into words at the edge (issue 9)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..findings import Finding
from ..messages import Text
from ..money import show
from ..profile import Profile
from ..rules import Programme, Window


@dataclass
class Evaluation:
    profile: Profile
    prog: Programme
    findings: list[Finding] = field(default_factory=list)
    extra_support: dict[str, Decimal] = field(default_factory=dict)  # plan: other awards per contract
    checked: set[str] = field(default_factory=set)                    # contracts already checked for plausibility

    def __post_init__(self) -> None:
        self.app_date: date | None = self.profile.get("application.date")
        w = self.prog.cost_window
        self.start: date | None = w.start
        self.end: date | None = self.resolve_end(w)
        # Nothing after the application date can be proven (rules.md, provable base 2).
        if self.app_date is not None and (self.end is None or self.app_date < self.end):
            self.end = self.app_date

    def resolve_end(self, w: Window) -> date | None:
        if isinstance(w.end, date):
            return w.end
        if w.end == "deadline":
            return self.profile.get("application.deadline") or self.app_date
        if w.end == "application_date":
            return self.app_date
        return None

    def t(self, code: str, **params) -> Text:
        return Text(code, **params)

    def label(self, label: dict) -> Text:
        return Text.label(label)

    def money(self, amount: Decimal) -> str:
        return show(amount)

    def window_text(self, start: date | None, end: date | None) -> str:
        return f"{start or '…'}～{end or '…'}"

    def add(self, code: str, severity: str, clause: str | None = None, **params) -> None:
        rise = params.get("rise")
        if isinstance(rise, Decimal):
            params["rise"] = self.money(rise)
        else:
            rise = None
        self.findings.append(Finding(code, severity, params, clause, rise=rise))
