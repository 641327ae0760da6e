"""Findings: stable codes, a severity, the clause they rest on, messages in zh and en."""

from __future__ import annotations

from dataclasses import dataclass, field

from decimal import Decimal

from .messages import render
from .money import yuan

SEVERITIES = ("error", "warning", "info")


@dataclass(slots=True)
class Finding:
    code: str
    severity: str
    params: dict = field(default_factory=dict)
    clause: str | None = None
    file: str | None = None
    rise: Decimal | None = None        # the award with the fix applied minus the award (shortfalls)

    def message(self, lang: str = "zh") -> str:
        return render(self.code, self.params, lang)

    def to_json(self, lang: str = "zh") -> dict:
        out = {"code": self.code, "severity": self.severity, "message": self.message(lang),
               "clause": self.clause}
        if self.file is not None:
            out["file"] = self.file
        if self.rise is not None:
            out["rise"] = yuan(self.rise)
        return out
