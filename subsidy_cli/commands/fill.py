"""`subsidy fill PROFILE --programme ID --out DIR`: the programme's Word forms, filled by label."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..helptext import H

from .options import Lang, LangOpt, ProfileArg, cache_policy, profile_path

MESSAGES = {
    "zh": {
        "missing": "{form} {label}：资料未填写 {keys}，该处留空",
        "label": "{form}：表格中找不到“{label}”，未填写",
        "option": "{form}：找不到选项“{label}”",
        "contracts": "{form} {label}：资料中没有 {keys}，合同栏留空",
        "pdf_missing": "未找到 LibreOffice（soffice / libreoffice），未生成 PDF；已写出 Word 文件",
        "pdf_error": "PDF 生成失败：{error}",
        "written": "已写出",
        "warning": "警告",
    },
    "en": {
        "missing": "{form} {label}: the profile lacks {keys}; left blank",
        "label": "{form}: label '{label}' not found on the form; not filled",
        "option": "{form}: checkbox option '{label}' not found",
        "contracts": "{form} {label}: the profile has no {keys}; contract rows left blank",
        "pdf_missing": "LibreOffice (soffice / libreoffice) not found: no PDF written; the Word files are written",
        "pdf_error": "PDF conversion failed: {error}",
        "written": "wrote",
        "warning": "warning",
    },
}


def warning_line(w, lang: str) -> str:
    from ..messages import render

    msg = MESSAGES[lang]
    params = {"form": w.form, "label": w.label, "keys": ", ".join(w.keys)}
    text = (msg[w.code].format(**params) if w.code in msg else render(f"fill.{w.code}", params, lang)).strip()
    return f"subsidy: {msg['warning']}: {text}"


def status_line(result, programme: str, lang: str) -> str | None:
    """One warning line when the company is not (or not yet) eligible for the programme it fills."""
    from ..messages import render

    code = {"ineligible": "fill.ineligible", "pending": "fill.pending", None: "fill.status_unknown"}.get(result.status)
    if code is None:
        return None
    detail = result.status_detail or "—"
    return f"subsidy: {MESSAGES[lang]['warning']}: {render(code, {'programme': programme, 'detail': detail}, lang)}"


@cache_policy
def fill(profile: ProfileArg,
         programme: Annotated[Optional[str], typer.Option(
             "--programme", "-p",
             help=H("opt.fill_programme"))] = None,
         out: Annotated[Optional[Path], typer.Option(
             "--out", "-o", help=H("opt.fill_out"), show_default=False)] = None,
         template: Annotated[Optional[Path], typer.Option(
             "--template", help=H("opt.template"))] = None,
         force: Annotated[bool, typer.Option("--force", help=H("opt.force"))] = False,
         pdf: Annotated[bool, typer.Option("--pdf", help=H("opt.pdf"))] = False,
         lang: LangOpt = Lang.zh) -> None:
    """Fill the programme's application forms (申报书, 申报表, 承诺书) from the profile, by label."""
    from ..errors import InputError
    from ..fill import fill as fill_forms
    from ..profile import load_profile
    from ..rules import load_round

    if out is None:
        raise InputError("--out", "fill.out_missing")
    prof = load_profile(profile_path(profile))
    programmes = load_round()
    if programme is None:
        chosen = prof.get("application.programmes") or []
        if len(chosen) != 1:
            raise InputError("--programme", "fill.programme_missing", known=", ".join(programmes))
        programme = chosen[0]
    if programme not in programmes:
        raise InputError("--programme", "cli.unknown_programme", programme=programme, known=", ".join(programmes))
    result = fill_forms(prof, programmes[programme], out, template=template, force=force, pdf=pdf, lang=lang.value)
    msg = MESSAGES[lang.value]
    line = status_line(result, programme, lang.value)
    if line:
        sys.stderr.write(line + "\n")
    for w in result.warnings:
        sys.stderr.write(warning_line(w, lang.value) + "\n")
    if result.pdf_missing:
        sys.stderr.write(f"subsidy: {msg['warning']}: {msg['pdf_missing']}\n")
    for error in result.pdf_errors:
        sys.stderr.write(f"subsidy: {msg['warning']}: {msg['pdf_error'].format(error=error)}\n")
    from ..messages import visible
    for o in result.outputs:        # confirmations are messages: stderr, control characters escaped
        typer.echo(visible(f"{msg['written']} {o.docx}"), err=True)
        if o.pdf:
            typer.echo(visible(f"{msg['written']} {o.pdf}"), err=True)
