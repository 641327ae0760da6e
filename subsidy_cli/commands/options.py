"""Options shared by several commands, defined once."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class Format(str, Enum):
    table = "table"
    json = "json"


LangOpt = Annotated[Lang, typer.Option("--lang", envvar="SUBSIDY_LANG",
                                       help="Message language: zh (default) or en; also SUBSIDY_LANG.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output: table (default) or json.")]
ProfileArg = Annotated[Path, typer.Argument(help="Company profile (subsidy.toml), or a dossier folder holding one.",
                                            show_default=False)]
ProgrammeOpt = Annotated[Optional[list[str]], typer.Option(
    "--programme", "-p", help="Programme id (repeatable); default: [application].programmes, else all.")]


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
