"""`subsidy programmes`: the programmes, their windows, open today or not; `show ID`: the rules."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Optional

import typer

from ..helptext import H
from .options import Format, FormatOpt, Lang, LangOpt

app = typer.Typer(help=H("cmd.programmes"), no_args_is_help=False, rich_markup_mode=None)
TodayOpt = Annotated[Optional[str], typer.Option("--today", help=H("opt.today"))]


def _today(text: str | None) -> date:
    from ..errors import InputError
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("--today", "value.date", got=repr(text)) from None


def window_state(w, today: date) -> str:
    """open / closed / not yet open / unknown (the round gives no dates)."""
    end = w.end if isinstance(w.end, date) else None
    if w.start is None and end is None:
        return "unknown"
    if w.start and today < w.start:
        return "upcoming"
    if end and today > end:
        return "closed"
    return "open"


END = {"zh": {"application_date": "申报日", "deadline": "申报截止日"},
       "en": {"application_date": "application date", "deadline": "deadline"}}
STATE = {"zh": {"open": "开放中", "closed": "已截止", "upcoming": "未开始", "unknown": "未公布日期"},
         "en": {"open": "open", "closed": "closed", "upcoming": "not yet open", "unknown": "dates not given"}}


@app.callback(invoke_without_command=True)
def list_programmes(ctx: typer.Context, fmt: FormatOpt = Format.table, lang: LangOpt = Lang.zh,
                    today: TodayOpt = None) -> None:
    """List every programme of the current round with its windows and whether it is open today."""
    if ctx.invoked_subcommand:
        return
    from ..output import console, dump_json
    from ..rules import load_round

    day = _today(today)
    progs = load_round()
    rows = []
    for p in progs.values():
        aw, cw = p.application_window, p.cost_window
        rows.append({"id": p.id, "name": p.label(lang.value), "round": p.round, "seed": p.seed,
                     "application_window": {"start": aw.start, "end": aw.end if isinstance(aw.end, date) else None,
                                            "clause": aw.clause},
                     "cost_window": {"start": cw.start, "end": cw.end, "clause": cw.clause},
                     "state": window_state(aw, day)})
    if fmt is Format.json:
        dump_json({"schema": "subsidy.programmes/1", "today": day, "programmes": rows})
        return
    from rich.table import Table
    en = lang is Lang.en
    table = Table(title=("Programmes" if en else "政策项目") + f" ({day})", header_style="bold")
    for col in (("id", "id"), ("名称", "name"), ("申报期", "application window"),
                ("费用期", "cost window"), ("今日", "today")):
        table.add_column(col[1] if en else col[0], overflow="fold")
    for r in rows:
        aw, cw = r["application_window"], r["cost_window"]
        table.add_row(r["id"], r["name"], f"{aw['start'] or '…'}～{aw['end'] or '…'}\n[dim]{aw['clause']}[/]",
                      f"{cw['start'] or '…'}～{END[lang.value].get(cw['end'], cw['end'] or '…')}\n[dim]{cw['clause']}[/]",
                      STATE[lang.value][r["state"]])
    console().print(table)


@app.command("show", help=H("cmd.programmes.show"))
def show_programme(programme_id: Annotated[str, typer.Argument(help=H("arg.programme_id"))],
                   fmt: FormatOpt = Format.table, lang: LangOpt = Lang.zh) -> None:
    """Print one programme's rules: windows, criteria, rates, caps, thresholds, materials, forms."""
    from ..errors import InputError
    from ..output import console, dump_json
    from ..rules import load_round
    from .rules_view import programme_dict, render_programme

    progs = load_round()
    if programme_id not in progs:
        raise InputError("programme", "cli.unknown_programme", programme=programme_id, known=", ".join(progs))
    data = programme_dict(progs[programme_id], lang.value)
    if fmt is Format.json:
        dump_json({"schema": "subsidy.programme/1", **data})
        return
    render_programme(console(), data, lang.value)
