"""Options shared by several commands, defined once."""

from __future__ import annotations

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


LangOpt = Annotated[Lang, typer.Option("--lang", help="Message language: zh (default) or en.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output: table (default) or json.")]
ProfileArg = Annotated[Path, typer.Argument(help="Company profile (subsidy.toml), or a dossier folder holding one.",
                                            show_default=False)]
ProgrammeOpt = Annotated[Optional[list[str]], typer.Option(
    "--programme", "-p", help="Programme id (repeatable); default: [application].programmes, else all.")]


def profile_path(path: Path) -> Path:
    """A dossier folder stands for the subsidy.toml at its root."""
    return path / "subsidy.toml" if path.is_dir() else path
