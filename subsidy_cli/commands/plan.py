"""`subsidy plan PROFILE`: which programmes combine, and the combination with the highest total."""

from __future__ import annotations

from typing import Annotated

import typer

from ..helptext import H
from .options import Lang, LangOpt, OutOpt, ProfileArg, ReportFormat, ReportFormatOpt, profile_path, write_report


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
    en = lang is Lang.en
    t = (lambda zh, e: e) if en else (lambda zh, e: zh)
    out = console()       # the table view (the --out option is done with above)
    from rich.markup import escape
    from rich.table import Table
    out.print(f"[bold]{escape(prof.company_name)}[/]  {prof.get('company.credit_code') or ''}  "
              f"{t('申报日期', 'application date')} {prof.get('application.date') or '?'}")
    for line in findings_lines(prof.findings, lang.value):
        out.print(line)
    out.rule(t("各项目", "Programmes"))
    table = Table(show_header=True, header_style="bold", pad_edge=False)
    for head in (t("项目", "Programme"), t("状态", "Status"), t("单独申报", "Alone"), t("组合内", "In plan"),
                 t("原因 / 待定项", "Reasons / unknowns")):
        table.add_column(head, overflow="fold")
    in_plan = result.best.results
    for pp in result.programmes:
        fails = [r for r in pp.reasons if r["status"] == "fail"]
        unknown = [r["criterion"] for r in pp.reasons if r["status"] == "unknown"]
        assumed = [r for r in pp.reasons if r["status"] == "assumed"]
        lines = [f"✗ {r['message']} ({r['clause']})" for r in fails]
        if unknown:
            lines.append(t(f"? 待定 {len(unknown)} 项：", f"? {len(unknown)} unknown: ") + ", ".join(unknown))
        lines += [f"≈ {r['message']}" for r in assumed]
        table.add_row(pp.prog.id, status_text(pp.best.standalone.status, lang.value),
                      show(pp.best.standalone.award),
                      show(in_plan[pp.prog.id].award) if pp.prog.id in in_plan else "—", escape("\n".join(lines)))
    out.print(table)
    out.rule(t("互斥与组合规则", "Exclusions and combination rules"))
    for rule in result.rule_effects:
        out.print(f"  [bold]{escape(rule['label'])}[/] [cyan]({escape(rule['clause'])})[/]", highlight=False)
        if rule["effect"]:
            out.print(f"    {escape(rule['effect'])}")
    out.rule(t("最高总额组合", "Best combination"))
    if not result.best.variants:
        out.print(t("没有可获奖励的项目组合", "No combination yields an award"))
    for v in result.best.variants:
        r = result.best.results[v.prog.id]
        assumed = (" " + t("假设", "assuming") + " " + ", ".join(f"{k} = {x}" for k, x in v.choice.items())) if v.choice else ""
        out.print(f"  {v.prog.id}  {status_text(r.status, lang.value)}  [bold]{show(r.award)}[/]{escape(assumed)}")
    alloc = Table(show_header=True, header_style="bold", pad_edge=False)
    for head in (t("合同", "Contract"), t("项目", "Programme"), t("分配", "Award"), t("计算", "Explanation")):
        alloc.add_column(head, overflow="fold")
    for a in result.best.allocation:
        alloc.add_row(escape(a.contract), a.programme, show(a.award), escape("\n".join(a.explain(lang.value))))
    if result.best.allocation:
        out.print(alloc)
    for note in result.best.notes:
        out.print(f"  [yellow]•[/] {escape(note['message'])}")
    out.print(f"[bold]{t('组合合计', 'Plan total')}: {show(result.best.total)}[/]  "
              f"[dim]{t('规则允许的上限，非承诺金额', 'a ceiling the rules allow, not a promise')}[/]")
    if result.alternatives:
        out.print(t("其他组合：", "Other combinations:"))
        for c in result.alternatives:
            out.print(f"  {' + '.join(c.ids)}: {show(c.total)}")
