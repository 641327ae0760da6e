"""`subsidy draft DOSSIER`: the profile written from the documents (issue 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..helptext import H
from .options import Format, FormatOpt, Lang, LangOpt, cache_policy, progress_bar


@cache_policy
def draft(dossier: Annotated[Path, typer.Argument(help=H("arg.draft_dossier"), show_default=False)],
          into: Annotated[Optional[Path], typer.Option("--into", help=H("opt.draft_into"), show_default=False)] = None,
          output: Annotated[Optional[Path], typer.Option("--output", "-o", help=H("opt.draft_output"),
                                                         show_default=False)] = None,
          fmt: FormatOpt = Format.table,
          force: Annotated[bool, typer.Option("--force", help=H("opt.force"))] = False,
          no_cache: Annotated[bool, typer.Option("--no-cache", help=H("opt.no_cache"))] = False,
          jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help=H("opt.jobs"))] = None,
          lang: LangOpt = Lang.zh) -> None:
    """Read a dossier's documents and write the subsidy.toml they give, each value with its source."""
    import sys

    from ..draft import draft_dossier
    from ..errors import InputError
    from ..messages import render, visible
    from .scan import ocr_hint, profile_types

    if not dossier.is_dir():
        raise InputError(dossier, "draft.not_folder")
    if into is not None and output is not None:
        raise InputError("--into", "draft.into_and_output")
    if output is not None:
        _check_output(output, force)
    overrides, _ = profile_types(dossier)
    with progress_bar() as tick:
        found = draft_dossier(dossier, overrides=overrides, jobs=jobs, cache=not no_cache, progress=tick)
    l = lang.value
    ocr_hint(found.files, l)
    conflicts: list = []
    if into is not None:
        from ..ledger_merge import write_text_atomic
        from ..draft.merge import merge_draft
        from .ledger import _writable
        from .options import profile_path
        target = profile_path(into)
        _writable(target)
        text, counts, conflicts = merge_draft(target, found, l)
        if counts["added"] or counts["records"] or counts["filled"]:
            write_text_atomic(target, text)
        sys.stderr.write(visible(render("draft.merged", {"target": target, **counts}, l)) + "\n")
    if fmt is Format.json:
        import json
        text = json.dumps(found.to_json(l), ensure_ascii=False, indent=2) + "\n"
    elif into is None:
        from ..draft.write import draft_toml
        text = draft_toml(found, l)
    else:
        text = ""
    if output is not None:
        output.write_text(text, "utf-8")
        sys.stderr.write(visible(render("output.written", {"path": output}, l)) + "\n")
    elif text:
        sys.stdout.write(text)
    _summary(found, conflicts, l)


def _check_output(output: Path, force: bool) -> None:
    """Never overwrite without --force; an untouched `subsidy init` template holds nothing a person
    wrote, so the draft may replace it."""
    from ..profile_template import template_texts
    from ..errors import InputError
    if output.is_dir():
        raise InputError(output, "file.is_folder")
    if not output.parent.is_dir():
        raise InputError(output, "output.no_folder")
    if output.exists() and not force:
        try:
            untouched = output.read_text("utf-8") in template_texts()
        except (OSError, UnicodeDecodeError):
            untouched = False
        if not untouched:
            raise InputError(output, "output.exists")


def _summary(found, conflicts: list, lang: str) -> None:
    """What needs a person, on stderr."""
    import sys

    from ..messages import render, visible
    lines = [render("draft.summary", found.counts(), lang)]
    for t in found.to_check:
        where = f"{t.source}：" if t.source and lang != "en" else f"{t.source}: " if t.source else ""
        lines.append(render("draft.summary_item", {"where": where, "message": render(t.code, t.params, lang)}, lang))
    lines += [render(code, params, lang) for code, params in conflicts]
    sys.stderr.write("".join(visible(line) + "\n" for line in lines))
