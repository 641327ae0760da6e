"""The readable check report: per programme, a materials checklist and findings by severity."""

from __future__ import annotations

import re

from rich.markup import escape as _markup_escape

from ..messages import ui, visible
from ..money import show
from ..output import console, findings_lines, status_text

ORDER = {"error": 0, "warning": 1, "info": 2}
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def escape(text: str) -> str:
    """Rich markup escaped, and control characters (from file names) shown, never sent to the terminal."""
    return _markup_escape(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))


def render_check(report, lang: str, strict: bool) -> None:
    en = lang == "en"
    out = console()
    prof = report.profile
    out.print(f"[bold]{escape(visible(prof.company_name))}[/]  {escape(visible(prof.get('company.credit_code') or ''))}  "
              f"{escape(ui('dossier_files', lang, dossier=visible(str(report.root)), count=len(report.files)))}")
    _print_findings(out, prof.findings + report.dossier_findings, lang)
    for p in report.programmes:
        r = p.result
        out.rule(f"[bold]{r.programme.id}[/] {escape(r.programme.label(lang))}")
        out.print(f"{ui('status', lang)}: {status_text(r.status, lang)}    {ui('expected_max', lang)}: [bold]{show(r.award)}[/]")
        out.print(f"[bold]{ui('materials', lang)}[/]")
        for m in p.materials:
            label = m.label_en if en else m.label_zh
            if m.files:
                mark = "[green]✓[/]"
            elif not m.required:
                mark = "[dim]–[/]"
            else:
                mark = "[red]✗[/]"
            files = ", ".join(m.files[:4]) + (f" … +{len(m.files) - 4}" if len(m.files) > 4 else "")
            out.print(f"  {mark} {escape(label)} [cyan]{escape(m.clause)}[/]  [dim]{escape(visible(files))}[/]")
        for c in r.criteria:
            if c.status != "pass":
                mark = "[yellow]?[/]" if c.status == "unknown" else "[red]✗[/]"
                out.print(f"  {mark} {escape(visible(c.label.render(lang)))}: {escape(visible(c.message.render(lang)))} [cyan]{escape(c.clause)}[/]")
        _print_findings(out, r.findings + p.findings, lang)
    errors, warnings = report.count("error"), report.count("warning")
    out.rule()
    verdict = f"[red]{ui('verdict_fail', lang)}[/]" if errors or (strict and warnings) else f"[green]{ui('verdict_ok', lang)}[/]"
    out.print(f"{verdict}  {ui('counts', lang, errors=errors, warnings=warnings)}{' (--strict)' if strict else ''}")


def _print_findings(out, findings, lang: str) -> None:
    """Errors first, each with the file it is about."""
    for f in sorted(findings, key=lambda f: ORDER[f.severity]):
        line = findings_lines([f], lang)[0]
        out.print(line + (f" [dim]{escape(visible(f.file))}[/]" if f.file else ""))


def render_portfolio(results: list[dict], lang: str) -> None:
    """Several dossiers: one summary table (and the errors of those that fail)."""
    from decimal import Decimal

    from rich.markup import escape
    from rich.table import Table

    from ..messages import ui, visible
    from ..money import show
    from ..output import console, status_text
    out = console()
    table = Table(show_header=True, header_style="bold", pad_edge=False)
    for head in ("dossier", "company", "programmes", "expected_max_short", "errors", "warnings"):
        table.add_column(ui(head, lang), overflow="fold")
    for data in results:
        if "error" in data:
            table.add_row(escape(visible(data["dossier"])), "", f"[red]{escape(visible(data['error']))}[/]", "", "", "")
            continue
        progs = "\n".join(f"{p['id']} {status_text(p['status'], lang)}" for p in data["programmes"])
        s = data["summary"]
        errors = f"[red]{s['errors']}[/]" if s["errors"] else "0"
        table.add_row(escape(visible(data["dossier"])), escape(visible((data.get("company") or {}).get("name") or "")),
                      progs, show(Decimal(data["total"])), errors, str(s["warnings"]))
    out.print(table)
    for data in results:
        if "error" in data or not data["summary"]["exit_code"]:
            continue
        out.print(f"[bold]{escape(visible(data['dossier']))}[/]")
        for p in [{"findings": data["findings"]}] + data["programmes"]:
            for f in p["findings"]:
                if f["severity"] == "error" or (data["summary"]["strict"] and f["severity"] == "warning"):
                    clause = f" [dim]({escape(f['clause'])})[/]" if f.get("clause") else ""
                    out.print(f"  [red]{ui('error', lang)}[/] {escape(visible(f['message']))}{clause}")
