"""`subsidy scan DIR`: what each file of a dossier is, its key fields and its problems."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..helptext import H
from .options import Format, FormatOpt, Lang, LangOpt, cache_policy, progress_bar

SCAN_SCHEMA = "subsidy.scan/1"
KEY_FIELDS = {
    "invoice": ("invoice_number", "issue_date", "total"),
    "contract": ("contract_number", "amount", "start", "end"),
    "settlement_sheet": ("contract_number", "period_start", "period_end", "amount"),
    "payment_proof": ("date", "amount", "payee"),
}


@cache_policy
def scan(directory: Annotated[Path, typer.Argument(metavar="DIR", help=H("arg.dossier"), show_default=False)],
         fmt: FormatOpt = Format.table,
         no_cache: Annotated[bool, typer.Option("--no-cache", help=H("opt.no_cache"))] = False,
         jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1,
                                                     help=H("opt.jobs"))] = None,
         lang: LangOpt = Lang.zh) -> None:
    """List every file of a dossier: its material type and why, its key fields (invoice number,
    amounts, dates, parties) and its problems. The materials table of subsidy.toml, when present,
    overrides the guessed types."""
    from ..errors import InputError
    from ..scan import scan_dossier

    if not directory.is_dir():
        raise InputError(directory, "scan.not_folder")
    overrides, linked = profile_types(directory)
    with progress_bar() as tick:
        files = scan_dossier(directory, overrides=overrides, linked=linked, jobs=jobs, cache=not no_cache,
                             progress=tick)
    ocr_hint(files, lang.value)
    if fmt is Format.json:
        from ..output import dump_json
        dump_json({"schema": SCAN_SCHEMA, "files": [f.to_json(lang.value) for f in files]})
        return
    _table(files, lang.value)


def profile_types(directory: Path) -> tuple[dict, dict]:
    """The types the dossier's own subsidy.toml gives its files: [materials], and file = links."""
    if not (directory / "subsidy.toml").is_file():
        return {}, {}
    from ..check.content import linked_types
    from ..profile import load_profile
    profile = load_profile(directory / "subsidy.toml")
    return profile.data.get("materials") or {}, linked_types(profile)


def ocr_hint(files, lang: str) -> str:
    """Once, on stderr: scans were not read because the OCR extra is not installed. Gives what
    it wrote (a recorded check replays it, replay.py)."""
    import sys

    from ..messages import render
    from ..scan import ocr_missing
    from ..scan.ocr import INSTALL_HINT

    if not ocr_missing(files):
        return ""
    count = sum(f.ocr == "missing" for f in files)
    text = render("scan.ocr_missing", {"count": count, "hint": INSTALL_HINT}, lang) + "\n"
    sys.stderr.write(text)
    return text


def key_fields(f) -> str:
    names = KEY_FIELDS.get(f.type) or tuple(f.fields)[:3]
    money = ("total", "amount")
    return " ".join(("¥" if n in money else "") + str(f.fields[n]) for n in names if f.fields.get(n))


def _table(files, lang: str = "zh") -> None:
    from rich.markup import escape
    from rich.table import Table

    from ..messages import render, type_name, ui, visible
    from ..output import SEV, console
    from ..scan.classify import reason_text

    def safe(text) -> str:               # text from the dossier: never markup, never a terminal code
        return escape(visible(str(text)))

    def kind(mtype: str) -> str:         # the name people use, and the code [materials] takes
        name = type_name(mtype, lang)
        return mtype if name == mtype else f"{name}\n[dim]{mtype}[/dim]"

    heads = ("file", "type", "confidence", "reason", "fields", "problems")
    table = Table(show_header=True, header_style="bold", pad_edge=False)
    for i, name in enumerate(heads):
        table.add_column(ui(f"scan.{name}", lang), overflow="fold", min_width=20 if i == 0 else None, no_wrap=i in (1, 2))
    sev = SEV["en" if lang == "en" else "zh"]
    for f in files:
        problems = "\n".join(f"{sev.get(p.severity, p.severity)} {escape(p.code)}: "
                             f"{safe(render(p.code, p.text_params(), lang))}" for p in f.problems)
        table.add_row(safe(f.path), kind(f.type), f"{f.confidence:.2f}", safe(reason_text(f.reason, lang)),
                      safe(key_fields(f)), problems)
    out = console()
    out.print(table)
    errors = sum(p.severity == "error" for f in files for p in f.problems)
    warnings = sum(p.severity == "warning" for f in files for p in f.problems)
    out.print(render("scan.summary", {"files": len(files), "errors": errors, "warnings": warnings}, lang))

