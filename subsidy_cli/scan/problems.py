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
    params: dict = field(default_factory=dict)     # for the catalogue's text (not in JSON)
    cached: dict = field(default_factory=dict)     # the parameters as plain text, kept in the content cache

    def text_params(self) -> dict:
        """What the catalogue renders this problem from: its parameters and its own detail."""
        return {"message": self.message, **self.params}

    def to_json(self, lang: str = "zh") -> dict:
        """The problem in JSON, its message in the reader's language (the English detail under en)."""
        from ..messages import render
        return {"code": self.code, "severity": self.severity, "message": safe(render(self.code, self.text_params(), lang))}


def safe(text: str) -> str:
    """Text that can be printed and written as UTF-8 JSON: lone surrogates (from undecodable
    file names inside an exception's message, say) become \\udcxx escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


#: The invoice readers' problems: each a dict {"code": …, **params} (JSON, cached), put into words
#: by the catalogue in the reader's language (never an English sentence made in the reader).
INVOICE_SEVERITY = {"invoice.unreadable_field": "warning", "invoice.upper_mismatch": "error",
                    "invoice.bad_credit_code": "warning", "invoice.qr_mismatch": "error",
                    "invoice.qr_over_total": "error", "invoice.inconsistent": "warning",
                    "file.no_text_layer": "info"}


def invoice_problem(code: str, **params) -> dict:
    """One problem found in an invoice: its code and parameters (text only, so it caches as JSON)."""
    assert code in INVOICE_SEVERITY, code
    return {"code": code, **{k: str(v) for k, v in params.items()}}


def unique(problems: list[dict]) -> list[dict]:
    """The problems without repeats, in order."""
    seen: set = set()
    out = []
    for p in problems:
        key = tuple(sorted(p.items()))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def problem(code: str, message: str, severity: str | None = None, **params) -> Problem:
    return Problem(code, severity or SEVERITY.get(code, "warning"), safe(" ".join(str(message).split())), params)
