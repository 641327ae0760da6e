"""`subsidy check DIR...`: the pre-submission gate (exit 0 clean, 1 errors, 2 bad input, 3 internal).

One dossier: the full report (table, json, junit, or the report to send: html, markdown, pdf).
Several (`subsidy check clients/*/`): a consultancy's portfolio, checked through one worker pool
and one cache, with one summary table; the exit code is the worst of them.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..helptext import H
from ..replay import FORMATS
from .options import (Lang, LangOpt, OutOpt, ProgrammeOpt, ReportFormat, cache_policy, emit, progress_bar,
                      write_report)


class CheckFormat(str, Enum):
    table = "table"
    json = "json"
    junit = "junit"
    html = "html"
    markdown = "markdown"
    pdf = "pdf"


PORTFOLIO_SCHEMA = "subsidy.check-portfolio/1"


@cache_policy
def check(dossiers: Annotated[list[Path], typer.Argument(help=H("arg.check_dossier"), show_default=False)],
          programme: ProgrammeOpt = None,
          fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help=H("opt.check_format"))] = CheckFormat.table,
          strict: Annotated[bool, typer.Option("--strict", help=H("opt.strict"))] = False,
          no_cache: Annotated[bool, typer.Option("--no-cache", help=H("opt.no_cache"))] = False,
          jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help=H("opt.jobs"))] = None,
          lang: LangOpt = Lang.zh,
          out: OutOpt = None,
          force: Annotated[bool, typer.Option("--force", help=H("opt.force"))] = False) -> None:
    """Check a dossier per programme: missing materials, inconsistencies, eligibility, expected award."""
    from ..check import check_dossier, check_json, exit_code
    from .scan import ocr_hint

    if out is not None and fmt is CheckFormat.table:
        from ..errors import InputError
        raise InputError("--out", "check.table_no_out")
    if len(dossiers) > 1:
        _portfolio(dossiers, programme, fmt, strict, no_cache, jobs, lang.value, out, force)
        return
    # A result printed for a machine (json, junit to stdout) is recorded for an exact re-run.
    recorder = None
    if out is None and not no_cache and fmt.value in FORMATS:
        from ..replay import Recorder
        recorder = Recorder(dossiers[0])
    with progress_bar() as progress:
        report = check_dossier(dossiers[0], programme or None, lang.value, cache=not no_cache, jobs=jobs,
                               progress=progress)
    hint = ocr_hint(report.files, lang.value)
    if fmt in (CheckFormat.json, CheckFormat.junit):
        if fmt is CheckFormat.json:
            from ..output import json_text
            text = json_text(check_json(report, lang.value, strict))
        else:
            from ..check.junit import junit_xml
            text = junit_xml(report, lang.value, strict)
        emit(text, out, force, lang.value)
        if recorder is not None:
            recorder.done(text, hint, exit_code(report, strict),
                          transient=any(p.code == "file.unreadable" for f in report.files for p in f.problems))
    elif fmt is CheckFormat.table:
        from .check_view import render_check
        render_check(report, lang.value, strict)
    else:
        write_report(check_json(report, lang.value, strict), ReportFormat(fmt.value), out, force, lang.value)
    raise typer.Exit(exit_code(report, strict))


def _portfolio(dossiers: list[Path], programme, fmt: CheckFormat, strict: bool, no_cache: bool,
               jobs: int | None, lang: str, out: Path | None = None, force: bool = False) -> None:
    """Every dossier through one pool and one cache; one summary; exit = the worst exit code."""
    from ..check import check_dossier, check_json
    from ..errors import InputError
    from ..messages import render
    from ..scan import shared_pool
    from .scan import ocr_hint

    if fmt in (CheckFormat.html, CheckFormat.pdf):
        raise InputError("--format", "check.portfolio_format", format=fmt.value)
    results: list[dict] = []
    worst = 0
    with shared_pool(jobs), progress_bar() as progress:
        for d in dossiers:
            try:
                report = check_dossier(d, programme or None, lang, cache=not no_cache, jobs=jobs, progress=progress)
            except InputError as exc:          # one unusable dossier does not stop the others
                results.append({"dossier": str(d), "error": exc.render(lang)})
                worst = max(worst, 2)
                continue
            ocr_hint(report.files, lang)
            data = check_json(report, lang, strict)
            results.append(data)
            worst = max(worst, data["summary"]["exit_code"])
    if fmt is CheckFormat.json:
        from ..output import json_text
        emit(json_text({"schema": PORTFOLIO_SCHEMA, "dossiers": results, "exit_code": worst}), out, force, lang)
    elif fmt is CheckFormat.junit:
        from ..check.junit import junit_portfolio
        emit(junit_portfolio(results, lang), out, force, lang)
    elif fmt is CheckFormat.markdown:
        from ..report import portfolio_markdown
        emit(portfolio_markdown(results, lang), out, force, lang)
    else:
        from .check_view import render_portfolio
        render_portfolio(results, lang)
    if worst:
        sys.stderr.write(render("check.portfolio_failed", {"failed": sum(1 for r in results if r.get("error")
                                                                          or r["summary"]["exit_code"]),
                                                           "total": len(results)}, lang) + "\n")
    raise typer.Exit(worst)
