"""`subsidy ledger import|export`: the contract ledger workbook <-> the profile's [[contracts]]."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..helptext import H
from .options import Lang, LangOpt, ProfileArg, profile_path

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help=H("cmd.ledger"))


@app.command("import", help=H("cmd.ledger.import"))
def import_(ledger: Annotated[Path, typer.Argument(help=H("arg.ledger"),
                                                  show_default=False)],
            into: Annotated[Optional[Path], typer.Option(
                "--into", help=H("opt.into"),
                show_default=False)] = None,
            lang: LangOpt = Lang.zh) -> None:
    """Read the ledger; print its \\[\\[contracts]] as TOML, or merge them into a profile with --into."""
    import sys

    from ..ledger import contracts_toml, read_ledger
    from ..ledger_merge import merge_into, write_text_atomic

    contracts = read_ledger(ledger)
    if into is None:
        sys.stdout.write(contracts_toml(contracts))
        return
    target = profile_path(into)
    _writable(target)
    text, counts = merge_into(target, contracts)
    if counts["added"] or counts["updated"]:
        write_text_atomic(target, text)
    from ..messages import render
    sys.stderr.write(render("ledger.merged", {"target": target, **counts}, lang.value) + "\n")


def _writable(target: Path) -> None:
    """--into rewrites the profile in place: never through a link, never a read-only file."""
    import os

    from ..errors import InputError
    if target.is_symlink():
        raise InputError(target, "ledger.into_symlink")
    if target.exists() and not (target.stat().st_mode & 0o222 and os.access(target, os.W_OK)):
        raise InputError(target, "ledger.into_read_only")


@app.command("export", help=H("cmd.ledger.export"))
def export(profile: ProfileArg,
           out: Annotated[Path, typer.Option("--out", help=H("opt.ledger_out"), show_default=False)],
           force: Annotated[bool, typer.Option("--force", help=H("opt.force"))] = False,
           lang: LangOpt = Lang.zh) -> None:
    """Write the profile's contracts, deliveries, invoices and payments as a ledger workbook."""
    import sys

    from ..ledger import write_ledger
    from ..profile import load_profile

    from ..messages import render
    written = write_ledger(load_profile(profile_path(profile)), out, force=force)
    sys.stderr.write(render("output.written", {"path": written}, lang.value) + "\n")
