"""`subsidy plan PROFILE`: which programmes combine, and the combination with the highest total."""

from __future__ import annotations

from typing import Annotated

import typer

from ..helptext import H
from .options import (Lang, LangOpt, OutOpt, ProfileArg, ReportFormat, ReportFormatOpt, cache_policy, profile_path,
                      write_report)


@cache_policy
def plan(profile: ProfileArg, fmt: ReportFormatOpt = ReportFormat.table, lang: LangOpt = Lang.zh, out: OutOpt = None,
         force: Annotated[bool, typer.Option("--force", help=H("opt.force"))] = False) -> None:
    """Plan the applications: who may apply for what, what excludes what, the best combination."""
    from ..money import show
    from ..output import console, dump_json, findings_lines, status_text
    from ..plan import plan_profile
    from ..profile import load_profile

    prof = load_profile(profile_path(profile))
    result = plan_profile(prof, lang.value)
    if fmt is ReportFormat.json:
        dump_json(result.to_json())
        return
    if fmt is not ReportFormat.table:
        write_report(result.to_json(), fmt, out, force, lang.value)
        return
    from ..messages import ui
    out = console()       # the table view (the --out option is done with above)
    from rich.markup import escape
    from rich.table import Table
    out.print(f"[bold]{escape(prof.company_name)}[/]  {prof.get('company.credit_code') or ''}  "
              f"{ui('application_date', lang.value)} {prof.get('application.date') or '?'}")
    for line in findings_lines(prof.findings, lang.value):
        out.print(line)
    out.rule(ui('programmes', lang.value))
    table = Table(show_header=True, header_style="bold", pad_edge=False)
    for head in (ui('programme', lang.value), ui('status', lang.value), ui('alone', lang.value), ui('in_plan', lang.value),
                 ui('reasons_unknowns', lang.value)):
        table.add_column(head, overflow="fold")
    in_plan = result.best.results
    for pp in result.programmes:
        fails = [r for r in pp.reasons if r["status"] == "fail"]
        unknown = [r["criterion"] for r in pp.reasons if r["status"] == "unknown"]
        assumed = [r for r in pp.reasons if r["status"] == "assumed"]
        lines = [f"✗ {r['message']} ({r['clause']})" for r in fails]
        if unknown:
            lines.append(ui("unknowns", lang.value, count=len(unknown)) + ", ".join(unknown))
        lines += [f"≈ {r['message']}" for r in assumed]
        table.add_row(pp.prog.id, status_text(pp.best.standalone.status, lang.value),
                      show(pp.best.standalone.award),
                      show(in_plan[pp.prog.id].award) if pp.prog.id in in_plan else "—", escape("\n".join(lines)))
    out.print(table)
    out.rule(ui('combination_rules', lang.value))
    for rule in result.rule_effects:
        out.print(f"  [bold]{escape(rule['label'])}[/] [cyan]({escape(rule['clause'])})[/]", highlight=False)
        if rule["effect"]:
            out.print(f"    {escape(rule['effect'])}")
    out.rule(ui('best_combination', lang.value))
    if not result.best.variants:
        out.print(ui('no_combination', lang.value))
    for v in result.best.variants:
        r = result.best.results[v.prog.id]
        assumed = (" " + ui('assuming', lang.value) + " " + ", ".join(f"{k} = {x}" for k, x in v.choice.items())) if v.choice else ""
        out.print(f"  {v.prog.id}  {status_text(r.status, lang.value)}  [bold]{show(r.award)}[/]{escape(assumed)}")
    alloc = Table(show_header=True, header_style="bold", pad_edge=False)
    for head in (ui('contract', lang.value), ui('programme', lang.value), ui('allocated', lang.value), ui('explanation', lang.value)):
        alloc.add_column(head, overflow="fold")
    for a in result.best.allocation:
        alloc.add_row(escape(a.contract), a.programme, show(a.award), escape("\n".join(a.explain(lang.value))))
    if result.best.allocation:
        out.print(alloc)
    for note in result.best.notes:
        out.print(f"  [yellow]•[/] {escape(note['message'])}")
    out.print(f"[bold]{ui('plan_total', lang.value)}: {show(result.best.total)}[/]  "
              f"[dim]{ui('not_a_promise', lang.value)}[/]")
    if result.alternatives:
        out.print(ui('other_combinations', lang.value))
        for c in result.alternatives:
            out.print(f"  {' + '.join(c.ids)}: {show(c.total)}")
