"""Eligibility: each criterion is pass / fail / unknown, with a message and its clause.

Labels and messages are ``Text`` (a catalogue code and its parameters), put into words at the edge.

Only a stated fact can fail a criterion; a fact the profile does not state is unknown
(rules.md, Everywhere). Check kinds are generic; their parameters come from the data files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from ..messages import Text
from ..rules import Check
from .evaluation import Evaluation

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
UNPROVEN = "unproven"     # a contract fact that would raise the amount, not stated: left out, with the rise


@dataclass(slots=True)
class Result:
    id: str
    status: str
    label: Text
    message: Text
    clause: str
    interpretation: bool = False
    fatal: bool = True

    def to_json(self, lang: str = "zh") -> dict:
        return {"id": self.id, "status": self.status, "label": self.label.render(lang),
                "message": self.message.render(lang), "code": self.message.code,
                "clause": self.clause, "interpretation": self.interpretation}


def _fmt(value: Any) -> Text | str:
    if isinstance(value, list):
        return Text.items(value) if value else "[]"
    return str(value)


def truthy(value: Any) -> bool | None:
    """A stated qualification: a non-empty string or true; None when not stated."""
    if value is None:
        return None
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


def accepted_words(c: Check) -> dict[str, str]:
    """Every word a criterion accepts, mapped to the listed value it means (rules.md: fields and
    industries with the sub-directions and synonyms the texts name or imply)."""
    words = {v: v for v in c.params["values"]}
    for value, others in c.params.get("synonyms", {}).items():
        for w in others:
            words.setdefault(w, value)
    return words


def _norm(word: str) -> str:
    return word.strip().replace(" ", "").replace("\u3000", "")


def _stated(value: Any) -> list[str]:
    """The words stated (a text or a list), blanks dropped: a blank states nothing."""
    items = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in items if v is not None and str(v).strip()]


def check_in(ctx: Evaluation, c: Check) -> tuple[str, str]:
    stated = _stated(ctx.profile.get(c.params["path"]))
    if not stated:
        return UNKNOWN, ctx.t("crit.missing", path=c.params["path"])
    words = {_norm(str(k)): v for k, v in accepted_words(c).items()}
    hits = [Text("crit.word_means", word=s, means=words[_norm(str(s))]) if words[_norm(str(s))] != s else str(s)
            for s in stated if _norm(str(s)) in words]
    if hits:
        return PASS, ctx.t("crit.value", path=c.params["path"], value=_fmt(hits))
    if "synonyms" in c.params:
        extra = [w for w in accepted_words(c) if w not in c.params["values"]]
        return FAIL, ctx.t("crit.not_in_words", path=c.params["path"], value=_fmt(stated),
                           allowed=_fmt(c.params["values"]), words=_fmt(extra))
    return FAIL, ctx.t("crit.not_in", path=c.params["path"], value=_fmt(stated), allowed=_fmt(c.params["values"]))


def check_district(ctx: Evaluation, c: Check) -> tuple[str, str]:
    stated: list[str] = []
    for path in c.params["paths"]:
        stated += _stated(ctx.profile.get(path))
    if not stated:
        return UNKNOWN, ctx.t("crit.missing", path=" / ".join(c.params["paths"]))
    allowed = c.params["values"]
    hit = list(dict.fromkeys(s for s in stated if s and any(a in s or s in a for a in allowed)))
    if hit:
        return PASS, ctx.t("crit.district_ok", value=_fmt(hit), allowed=_fmt(allowed))
    return FAIL, ctx.t("crit.district_no", value=_fmt(list(dict.fromkeys(stated))), allowed=_fmt(allowed))


def check_bool(expected: bool) -> Callable[[Evaluation, Check], tuple[str, str]]:
    def check(ctx: Evaluation, c: Check) -> tuple[str, str]:
        value = ctx.profile.get(c.params["path"])
        if value is None:
            return UNKNOWN, ctx.t("crit.missing", path=c.params["path"])
        if bool(value) == expected:
            return PASS, ctx.t("crit.value", path=c.params["path"], value=str(value).lower())
        return FAIL, ctx.t("crit.must_be_true" if expected else "crit.must_be_false", path=c.params["path"])
    return check


def check_present(ctx: Evaluation, c: Check) -> tuple[str, str]:
    value = ctx.profile.get(c.params["path"])
    if truthy(value):
        return PASS, ctx.t("crit.value", path=c.params["path"], value=value)
    return UNKNOWN, ctx.t("crit.missing", path=c.params["path"])


_OPS = {">": lambda a, b: a > b, ">=": lambda a, b: a >= b, "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b}


def check_compare(ctx: Evaluation, c: Check) -> tuple[str, str]:
    value = ctx.profile.get(c.params["path"])
    if value is None:
        return UNKNOWN, ctx.t("crit.missing", path=c.params["path"])
    op, limit = c.params["op"], c.params["value"]
    if _OPS[op](Decimal(value), Decimal(limit)):
        return PASS, ctx.t("crit.value", path=c.params["path"], value=f"{value:,}")
    return FAIL, ctx.t("crit.compare_no", path=c.params["path"], value=f"{value:,}", op=op, limit=f"{limit:,}")


def check_date_after(ctx: Evaluation, c: Check) -> tuple[str, str]:
    value: date | None = ctx.profile.get(c.params["path"])
    if value is None:
        return UNKNOWN, ctx.t("crit.missing", path=c.params["path"])
    if value >= c.params["date"]:
        return PASS, ctx.t("crit.value", path=c.params["path"], value=value)
    return FAIL, ctx.t("crit.date_before", path=c.params["path"], value=value, limit=c.params["date"])


def check_app_date(ctx: Evaluation, c: Check) -> tuple[str, str]:
    w = ctx.prog.application_window
    if ctx.app_date is None:
        return UNKNOWN, ctx.t("crit.missing", path="application.date")
    if w.start is None and not isinstance(w.end, date):
        return PASS, ctx.t("crit.app_date_no_window")
    window = ctx.window_text(w.start, w.end if isinstance(w.end, date) else None)
    if isinstance(w.end, date) and ctx.app_date > w.end and c.params.get("late_code"):
        return FAIL, ctx.t(c.params["late_code"], date=ctx.app_date, window=window)
    if (w.start and ctx.app_date < w.start) or (isinstance(w.end, date) and ctx.app_date > w.end):
        return FAIL, ctx.t("crit.app_date_out", date=ctx.app_date, window=window)
    return PASS, ctx.t("crit.app_date_ok", date=ctx.app_date, window=window)


def check_deadline(ctx: Evaluation, c: Check) -> tuple[str, str]:
    """Applied by the round's deadline: the round's data (application_window.end) or the profile's."""
    w = ctx.prog.application_window
    deadline = ctx.profile.get(c.params["path"]) or (w.end if isinstance(w.end, date) else None)
    if deadline is None:
        ctx.add("application.deadline_unknown", "warning", c.clause, path=c.params["path"])
        return PASS, ctx.t("crit.deadline_unknown", path=c.params["path"])
    if ctx.app_date is None:
        return UNKNOWN, ctx.t("crit.missing", path="application.date")
    if ctx.app_date > deadline:
        return FAIL, ctx.t("crit.deadline_passed", date=ctx.app_date, deadline=deadline)
    return PASS, ctx.t("crit.deadline_ok", date=ctx.app_date, deadline=deadline)


def check_no_support(ctx: Evaluation, c: Check) -> tuple[str, str]:
    level = c.params["level"]
    statuses = c.params.get("status")
    hits = [s for s in ctx.profile.support if s.level == level]
    unstated = [s for s in hits if statuses and s.status is None]
    for s in hits:
        if statuses and s.status is not None and s.status not in statuses:
            # 002 一(三) "未获得": support only applied for does not fail; it counts in the ceiling.
            ctx.add("support.applied_only", "warning", c.clause, contract=s.contract,
                    level=ctx.t(f"level.{level}"), programme=s.programme or "", amount=ctx.money(s.amount))
    items = [" ".join(x for x in (s.contract, s.programme, ctx.money(s.amount)) if x)  # ids and figures only
             for s in hits if not statuses or s.status in statuses]
    stated = ctx.profile.get(c.params["path"])
    code = "crit.support_received" if statuses else "crit.support_found"
    if items or stated is True:
        return FAIL, ctx.t(code, level=ctx.t(f"level.{level}"), items=_fmt(items) or c.params["path"])
    if unstated:
        # Only a stated fact fails: support whose status is not stated leaves the criterion unknown.
        return UNKNOWN, ctx.t("crit.support_status_unknown", level=ctx.t(f"level.{level}"),
                              items=_fmt([s.contract for s in unstated]))
    if stated is False:
        return PASS, ctx.t("crit.value", path=c.params["path"], value="false")
    return UNKNOWN, ctx.t("crit.missing", path=c.params["path"])


SIMPLE: dict[str, Callable[[Evaluation, Check], tuple[str, str]]] = {
    "in": check_in, "district": check_district, "is_true": check_bool(True),
    "is_false": check_bool(False), "present": check_present, "compare": check_compare,
    "date_on_or_after": check_date_after, "application_date_in_window": check_app_date,
    "no_support": check_no_support, "application_deadline": check_deadline,
}


def applies(ctx: Evaluation, c: Check) -> bool:
    cond = c.params.get("applies_if")
    if not cond:
        return True
    return ctx.profile.get(cond["path"]) in cond["in"]


def evaluate_simple(ctx: Evaluation, c: Check) -> Result:
    status, message = SIMPLE[c.check](ctx, c)
    return Result(c.id, status, ctx.label(c.label), message, c.clause, c.interpretation)
