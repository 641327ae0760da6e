"""`subsidy check DIR`: the pre-submission gate (exit 0 clean, 1 errors, 2 bad input, 3 internal)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..helptext import H
from .options import Lang, LangOpt, ProgrammeOpt, progress_bar


class CheckFormat(str, Enum):
    table = "table"
    json = "json"
    junit = "junit"


def check(dossier: Annotated[Path, typer.Argument(help=H("arg.check_dossier"),
                                                  show_default=False)],
          programme: ProgrammeOpt = None,
          fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help=H("opt.check_format"))] = CheckFormat.table,
          strict: Annotated[bool, typer.Option("--strict", help=H("opt.strict"))] = False,
          no_cache: Annotated[bool, typer.Option("--no-cache", help=H("opt.no_cache"))] = False,
          jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help=H("opt.jobs"))] = None,
          lang: LangOpt = Lang.zh) -> None:
    """Check a dossier per programme: missing materials, inconsistencies, eligibility, expected award."""
    from ..check import check_dossier, check_json, exit_code

    with progress_bar() as progress:
        report = check_dossier(dossier, programme or None, lang.value, cache=not no_cache, jobs=jobs,
                               progress=progress)
    from .scan import ocr_hint
    ocr_hint(report.files, lang.value)
    if fmt is CheckFormat.json:
        from ..output import dump_json
        dump_json(check_json(report, lang.value, strict))
    elif fmt is CheckFormat.junit:
        from ..check.junit import junit_xml
        sys.stdout.write(junit_xml(report, lang.value, strict))
    else:
        from .check_view import render_check
        render_check(report, lang.value, strict)
    raise typer.Exit(exit_code(report, strict))

