"""`subsidy ledger import|export`: the contract ledger workbook <-> the profile's [[contracts]]."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import ProfileArg, profile_path

app = typer.Typer(no_args_is_help=True, help="Contract ledger workbook (合同, 结算, 发票, 付款) <-> the profile's \\[\\[contracts]].")


@app.command("import")
def import_(ledger: Annotated[Path, typer.Argument(help="Ledger workbook (.xlsx), e.g. a filled templates/ledger.xlsx.",
                                                  show_default=False)],
            into: Annotated[Optional[Path], typer.Option(
                "--into", help="Merge into this profile (subsidy.toml or dossier folder) instead of printing TOML.",
                show_default=False)] = None) -> None:
    """Read the ledger; print its \\[\\[contracts]] as TOML, or merge them into a profile with --into."""
    import sys

    from ..ledger import contracts_toml, merge_into, read_ledger, write_text_atomic

    contracts = read_ledger(ledger)
    if into is None:
        sys.stdout.write(contracts_toml(contracts))
        return
    target = profile_path(into)
    text, counts = merge_into(target, contracts)
    if counts["added"] or counts["updated"]:
        write_text_atomic(target, text)
    sys.stderr.write(f"{target}: {counts['added']} added, {counts['updated']} updated, "
                     f"{counts['unchanged']} unchanged\n")


@app.command("export")
def export(profile: ProfileArg,
           out: Annotated[Path, typer.Option("--out", help="Ledger workbook to write (.xlsx).", show_default=False)],
           force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False) -> None:
    """Write the profile's contracts, deliveries, invoices and payments as a ledger workbook."""
    import sys

    from ..ledger import write_ledger
    from ..profile import load_profile

    written = write_ledger(load_profile(profile_path(profile)), out, force=force)
    sys.stderr.write(f"wrote {written}\n")
