"""Options shared by several commands, defined once."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..helptext import H


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class Format(str, Enum):
    table = "table"
    json = "json"


class ReportFormat(str, Enum):
    """calc, plan and check: the terminal, the data, and the report a consultant sends."""
    table = "table"
    json = "json"
    html = "html"
    markdown = "markdown"
    pdf = "pdf"


LangOpt = Annotated[Lang, typer.Option("--lang", envvar="SUBSIDY_LANG", help=H("opt.lang"))]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help=H("opt.format"))]
ProfileArg = Annotated[Path, typer.Argument(help=H("arg.profile"), show_default=False)]
ProgrammeOpt = Annotated[Optional[list[str]], typer.Option("--programme", "-p", help=H("opt.programme"))]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help=H("opt.no_cache"))]
ReportFormatOpt = Annotated[ReportFormat, typer.Option("--format", "-f", help=H("opt.report_format"))]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help=H("opt.report_out"), show_default=False)]


def cache_policy(command):
    """A command runs with the TOML cache off when ``--no-cache`` is given (as the scanner's is:
    nothing read from or written to the user's cache) and when the cache would lie inside a
    folder it reads (a dossier, a profile's folder: never written into)."""
    import functools

    @functools.wraps(command)
    def run(*args, **kwargs):
        from ..usercache import unused
        paths = [p for v in kwargs.values() for p in (v if isinstance(v, list) else [v]) if isinstance(p, Path)]
        folders = [p if p.is_dir() else p.parent for p in paths]
        with unused(bool(kwargs.get("no_cache")), folders):
            return command(*args, **kwargs)
    return run


def write_report(data: dict, fmt: ReportFormat, out: Path | None, force: bool, lang: str) -> None:
    """html / markdown to --out or stdout, pdf to --out through a real engine; never overwrites
    without --force; the confirmation goes to stderr."""
    import sys

    from ..errors import InputError
    from ..messages import render, visible
    from ..report import html_report, markdown_report, pdf_from_html, plan_html, plan_markdown
    plan = data["schema"].startswith("subsidy.plan")
    if fmt is ReportFormat.markdown:
        text = (plan_markdown if plan else markdown_report)(data, lang)
    else:
        text = (plan_html if plan else html_report)(data, lang)
    if out is None and fmt is ReportFormat.pdf:
        raise InputError("--out", "report.pdf_needs_out")
    if fmt is ReportFormat.pdf:
        _writable(out, force)
        try:
            engine = pdf_from_html(text, out)
        except LookupError:
            raise InputError(out, "report.no_pdf_engine") from None
        sys.stderr.write(visible(render("report.written_pdf", {"path": out, "engine": engine}, lang)) + "\n")
        return
    emit(text, out, force, lang)


def _writable(out: Path, force: bool) -> None:
    from ..errors import InputError
    if out.exists() and not force:
        raise InputError(out, "output.exists")
    if out.parent and not out.parent.is_dir():
        raise InputError(out.parent, "output.no_folder")


def emit(text: str, out: Path | None, force: bool, lang: str) -> None:
    """Data to --out (never over an existing file without --force; confirmed on stderr), else stdout."""
    import sys

    from ..messages import render, visible
    if out is None:
        sys.stdout.write(text)
        return
    _writable(out, force)
    out.write_text(text, "utf-8")
    sys.stderr.write(visible(render("output.written", {"path": out}, lang)) + "\n")


def profile_path(path: Path) -> Path:
    """A dossier folder stands for the subsidy.toml at its root."""
    return path / "subsidy.toml" if path.is_dir() else path


class progress_bar:
    """A progress bar on stderr for long scans (scan, check), only when stderr is a terminal;
    else no callback at all."""

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import Progress
        self.bar = Progress(transient=True, console=Console(stderr=True))
        self.bar.start()
        task = self.bar.add_task("scan", total=None)
        return lambda done, total: self.bar.update(task, completed=done, total=total)

    def __exit__(self, *exc):
        if hasattr(self, "bar"):
            self.bar.stop()
        return False
