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


LangOpt = Annotated[Lang, typer.Option("--lang", envvar="SUBSIDY_LANG", help=H("opt.lang"))]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help=H("opt.format"))]
ProfileArg = Annotated[Path, typer.Argument(help=H("arg.profile"), show_default=False)]
ProgrammeOpt = Annotated[Optional[list[str]], typer.Option("--programme", "-p", help=H("opt.programme"))]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help=H("opt.no_cache"))]


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
