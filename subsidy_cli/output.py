"""The output layer: data to stdout (table or JSON), messages to stderr."""

from __future__ import annotations

import json
import sys
from typing import Any

from .engine import CalcResult, ProgrammeResult
from .messages import render, rendered, ui, visible
from .money import show, yuan

CALC_SCHEMA = "subsidy.calc/1"
STATUS = {"zh": {"eligible": "符合", "pending": "待定", "ineligible": "不符合"},
          "en": {"eligible": "eligible", "pending": "pending", "ineligible": "ineligible"}}
CRIT = {"pass": "[green]✓[/]", "fail": "[red]✗[/]", "unknown": "[yellow]?[/]"}
SEV = {lang: {sev: f"[{colour}]{render(f'severity.{sev}', {}, lang)}[/]"
              for sev, colour in (("error", "red"), ("warning", "yellow"), ("info", "blue"))} for lang in ("zh", "en")}


def width(stderr: bool = False) -> int | None:
    """The terminal's width; piped output honours COLUMNS, else 120 columns."""
    import os
    if (sys.stderr if stderr else sys.stdout).isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) >= 20 else 120


def console(stderr: bool = False):
    from rich.console import Console
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width(stderr))


def limits_text(limits: list[str], prog, lang: str) -> str:
    """The caps that cut a line (``year_cap: 000 一``, ``operating: 001 二``) as labels with clauses."""
    comps = {c.id: c for c in prog.award.components}
    out = []
    for lim in limits:
        key, _, clause = lim.partition(": ")
        if key in comps:
            name = comps[key].label.get(lang) or comps[key].label["zh"]
        else:
            name = render(f"explain.{key}", {}, lang)
        out.append(f"{name}（{clause}）" if lang == "zh" else f"{name} ({clause})")
    return "、".join(out) if lang == "zh" else ", ".join(out)


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def dump_json(data: Any) -> None:
    sys.stdout.write(json_text(data))


def calc_json(result: CalcResult, lang: str, explain: bool = True) -> dict:
    p = result.profile
    return {
        "schema": CALC_SCHEMA,
        **p.header(),
        "programmes": [r.to_json(explain=explain) for r in result.programmes],
        "total": yuan(result.total),
        "findings": [f.to_json(lang) for f in p.findings],
    }


def criteria_table(r: ProgrammeResult, lang: str):
    from rich.markup import escape
    from rich.table import Table
    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
    table.add_column("", width=1)
    table.add_column(ui("criterion", lang), overflow="fold")
    table.add_column(ui("detail", lang), overflow="fold")
    table.add_column(ui("clause", lang), overflow="fold")
    for c in r.criteria:
        clause = c.clause + (ui("interpretation_mark", lang) if c.interpretation else "")
        table.add_row(CRIT[c.status], escape(visible(c.label.render(lang))), escape(visible(c.message.render(lang))),
                      escape(clause))
    return table


def findings_lines(findings, lang: str) -> list[str]:
    from rich.markup import escape
    out = []
    for f in findings:
        clause = f" [dim]({escape(f.clause)})[/]" if f.clause else ""
        out.append(f"  {SEV[lang][f.severity]} [dim]{f.code}[/] {escape(visible(f.message(lang)))}{clause}")
    return out


def explain_tree(node: dict, lang: str):
    from rich.markup import escape
    from rich.tree import Tree

    def label(n: dict) -> str:
        text = escape(visible(rendered(n["label"], lang)))
        if "value" in n:
            text += f"  [bold]{show(_dec(n['value']))}[/]"
        if n.get("formula"):
            text += f"  [dim]= {escape(n['formula'])}[/]"
        if n.get("binding") is True:
            text += f"  [red]← {ui('binding', lang)}[/]"
        elif n.get("binding") is False:
            text += f"  [dim]{ui('not_binding', lang)}[/]"
        if n.get("clause"):
            text += f"  [cyan]{escape(n['clause'])}[/]"
        if n.get("interpretation"):
            text += f" [magenta]{ui('interpretation', lang)}[/]"
        return text

    def add(tree, n: dict) -> None:
        for child in n.get("children", []):
            add(tree.add(label(child)), child)

    root = Tree(label(node))
    add(root, node)
    return root


def _dec(text: str):
    from decimal import Decimal
    return Decimal(text)


def status_text(status: str, lang: str) -> str:
    colour = {"eligible": "green", "pending": "yellow", "ineligible": "red"}[status]
    return f"[{colour}]{STATUS[lang][status]}[/]"
