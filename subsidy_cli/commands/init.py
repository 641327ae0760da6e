"""`subsidy init DIR`: a dossier skeleton, a commented subsidy.toml and a folder per material."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..helptext import H
from .options import Lang, LangOpt

# Folder names people recognise; the check classifies files by their names and texts, not by folder.
FOLDERS = ("01_申报书", "02_承诺书", "03_营业执照与税务登记", "04_财务报表", "05_银行账户",
           "06_合同", "07_发票", "08_付款凭证", "09_结算单", "10_资质证明", "11_供给方资质",
           "12_使用情况说明", "13_平台证明", "14_验收报告", "15_大模型说明", "16_授权证明")


def init(dossier: Annotated[Path, typer.Argument(help=H("arg.init_dir"), show_default=False)],
         force: Annotated[bool, typer.Option("--force", help=H("opt.init_force"))] = False,
         lang: LangOpt = Lang.zh) -> None:
    """Create a dossier skeleton: a commented subsidy.toml and one folder per kind of material."""
    from ..errors import InputError

    if dossier.exists() and not dossier.is_dir():
        raise InputError(dossier, "init.not_folder")
    toml = dossier / "subsidy.toml"
    if toml.exists() and not force:
        raise InputError(toml, "output.exists")
    dossier.mkdir(parents=True, exist_ok=True)
    for name in FOLDERS:
        (dossier / name).mkdir(exist_ok=True)
    from ..profile_template import template_text
    toml.write_text(template_text(lang.value), "utf-8")
    # a confirmation is a message: stderr, in the user's language (stdout is for data)
    from ..messages import render
    typer.echo(render("init.created", {"toml": toml, "count": len(FOLDERS), "dossier": dossier}, lang.value), err=True)
