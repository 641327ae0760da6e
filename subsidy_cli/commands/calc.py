"""`subsidy calc PROFILE`: expected maximum awards, each number explained."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..helptext import H

from .options import (Lang, LangOpt, OutOpt, ProfileArg, ProgrammeOpt, ReportFormat, ReportFormatOpt, cache_policy,
                      profile_path, write_report)


@cache_policy
def calc(profile: ProfileArg,
         programme: ProgrammeOpt = None,
         explain: Annotated[bool, typer.Option("--explain", help=H("opt.explain"))] = False,
         fmt: ReportFormatOpt = ReportFormat.table,
         lang: LangOpt = Lang.zh,
         xlsx: Annotated[Optional[Path], typer.Option(
             "--xlsx", help=H("opt.xlsx"),
             show_default=False)] = None,
         force: Annotated[bool, typer.Option("--force", help=H("opt.xlsx_force"))] = False,
         out: OutOpt = None) -> None:
    """Compute the expected maximum award (预计最高可获) per programme, with the clause behind each step."""
    from ..engine import evaluate_profile
    from rich.markup import escape

    from ..messages import render, ui, visible
    from ..output import calc_json, console, dump_json, explain_tree, findings_lines, limits_text, status_text
    from ..money import show
    from ..profile import load_profile

    prof = load_profile(profile_path(profile))
    result = evaluate_profile(prof, programme or None, lang.value)
    if xlsx is not None:
        from ..workbook import write_workbook   # imports openpyxl: only when --xlsx is given
        written = write_workbook(result, xlsx, force=force)
        console(stderr=True).print(render("output.written", {"path": written}, lang.value), markup=False)
    if fmt is ReportFormat.json:
        dump_json(calc_json(result, lang.value, explain=True))
        return
    if fmt is not ReportFormat.table:
        write_report(calc_json(result, lang.value, explain=True), fmt, out, force, lang.value)
        return
    L = lang.value
    out = console()
    out.print(f"[bold]{escape(visible(prof.company_name))}[/]  {escape(visible(prof.get('company.credit_code') or ''))}  "
              f"{ui('application_date', L)} {prof.get('application.date') or '?'}")
    for line in findings_lines(prof.findings, lang.value):
        out.print(line)
    for r in result.programmes:
        out.rule(f"[bold]{r.programme.id}[/] {r.programme.label(lang.value)}")
        out.print(f"{ui('status', L)}: {status_text(r.status, L)}    {ui('expected_max', L)}: [bold]{show(r.award)}[/]")
        for y in r.years:
            year = y["year"] if y["year"] is not None else ui("all_years", L)
            cap = "" if y["cap"] is None else f"  {ui('cap', L)} {show(y['cap'])}" + (
                f" ← {ui('binding', L)}" if y["binding"] else "")
            others = [lim for lim in y["limits"] if not lim.startswith("year_cap")]
            if others:
                cap += f"  {ui('limited_by', L)} " + escape(limits_text(others, r.programme, lang.value))
            out.print(f"  {year}: {show(y['award'])}{cap}")
        unknown = [c for c in r.criteria if c.status != "pass"]
        for c in unknown:
            out.print(f"  {'?' if c.status == 'unknown' else '✗'} {c.label.render(lang.value)}: "
                      f"{c.message.render(lang.value)} ({c.clause})", markup=False)
        for line in findings_lines(r.findings, lang.value):
            out.print(line)
        if explain and r.explain:
            out.print(explain_tree(r.explain, lang.value))
    out.rule()
    out.print(f"[bold]{ui('total', L)}: {show(result.total)}[/]  [dim]{ui('not_a_promise', L)}[/]")
