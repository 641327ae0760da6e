"""A finding about one file of a dossier: a stable code, a severity and a one-line message."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITY = {
    "file.empty": "error", "file.corrupt": "error", "file.encrypted": "error",
    "file.wrong_type": "error", "file.too_large": "error", "file.unreadable": "error",
    "file.no_text_layer": "info", "file.not_read": "info", "file.link_outside": "warning",
    "file.link_loop": "warning", "file.link_broken": "warning", "file.bad_name": "warning",
    "materials.unknown_type": "warning",
}


@dataclass
class Problem:
    """A finding about one file; ``code`` is stable."""

    code: str
    severity: str
    message: str
    params: dict = field(default_factory=dict)     # for the catalogue's text (not cached, not in JSON)

    def text_params(self) -> dict:
        """What the catalogue renders this problem from: its parameters and its own detail."""
        return {"message": self.message, **self.params}

    def to_json(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message}


def safe(text: str) -> str:
    """Text that can be printed and written as UTF-8 JSON: lone surrogates (from undecodable
    file names inside an exception's message, say) become \\udcxx escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def problem(code: str, message: str, severity: str | None = None, **params) -> Problem:
    return Problem(code, severity or SEVERITY.get(code, "warning"), safe(" ".join(str(message).split())), params)
