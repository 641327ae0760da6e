"""The report a consultant sends (HTML, PDF) and the summary CI shows (Markdown).

Both are made from the JSON outputs (``subsidy.calc/1``, ``subsidy.check/1``), so a report says
exactly what the JSON says. The HTML page is one self-contained file: styles inline, a chart
drawn as inline SVG, no script, no font, no image or link to anything outside it; it prints on
A4. Chinese by default, like every output.
"""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal

from . import __version__
from .messages import visible
from .money import show

def _words(lang: str) -> dict:
    """The report's headings and words, from the catalogue (messages.py, "report.ui.*"); templates
    with {version}, {round} or {contract} are left for the caller to format."""
    from .messages import CATALOG
    i = 1 if lang == "en" else 0
    out: dict = {}
    for code, pair in CATALOG.items():
        if code.startswith("report.ui.status."):
            out.setdefault("status", {})[code[17:]] = pair[i]
        elif code.startswith("report.ui."):
            out[code[10:]] = pair[i]
    return out


T = {"zh": _words("zh"), "en": _words("en")}
STYLE = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif;
       color: #1a1a1a; font-size: 10.5pt; line-height: 1.5; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13.5pt; margin: 14pt 0 4pt; border-bottom: 1.5pt solid #444; }
h3 { font-size: 11pt; margin: 10pt 0 3pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; page-break-inside: auto; }
th, td { border: 0.6pt solid #999; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { background: #eee; } tr { page-break-inside: avoid; }
.meta td { border: none; padding: 0 8pt 0 0; } .num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; padding: 0 6pt; border-radius: 3pt; color: #fff; font-weight: bold; }
.eligible { background: #2e7d32; } .pending { background: #b26a00; } .ineligible { background: #c62828; }
.award { font-size: 14pt; font-weight: bold; } .clause { color: #555; font-size: 9pt; white-space: nowrap; }
.error { color: #c62828; font-weight: bold; } .warning { color: #b26a00; } .info { color: #1565c0; }
.code { font-family: monospace; font-size: 8.5pt; color: #666; }
.ok { color: #2e7d32; } .miss { color: #c62828; font-weight: bold; } td.state { white-space: nowrap; }
.legend { font-size: 8.5pt; color: #555; }
details { margin: 4pt 0; } summary { cursor: pointer; color: #333; }
ul.tree { margin: 0; padding-left: 14pt; } ul.tree li { margin: 1pt 0; }
footer { margin-top: 16pt; border-top: 0.6pt solid #999; padding-top: 4pt; font-size: 9pt; color: #444; }
.programme { page-break-before: auto; }
"""


def _e(text) -> str:
    return html.escape(visible(str(text)), quote=True)


def _money(text: str | None) -> str:
    return show(Decimal(text)) if text is not None else "—"


def _chart(years: list[dict], t: dict) -> str:
    """Award per line as horizontal bars, each with its cap; inline SVG, no script."""
    if not years:
        return ""
    top = max([Decimal(y["award"]) for y in years] + [Decimal(y["cap"]) for y in years if y["cap"]] + [Decimal(1)])
    width, row = 420, 22
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 240}" height="{row * len(years) + 6}" '
             f'role="img" aria-label="{_e(t["per_year"])}">']
    for i, y in enumerate(years):
        label = str(y["year"]) if y["year"] is not None else t["application"]
        w = int(Decimal(y["award"]) / top * width)
        top_y = 3 + i * row
        parts.append(f'<text x="0" y="{top_y + 14}" font-size="11">{_e(label)}</text>')
        colour = "#c62828" if y["cap_binding"] else "#2e7d32"
        parts.append(f'<rect x="90" y="{top_y + 2}" width="{max(w, 1)}" height="14" fill="{colour}"/>')
        if y["cap"]:
            x = 90 + int(Decimal(y["cap"]) / top * width)
            parts.append(f'<line x1="{x}" y1="{top_y}" x2="{x}" y2="{top_y + 18}" stroke="#333" stroke-dasharray="3,2"/>')
        parts.append(f'<text x="{90 + max(w, 1) + 6}" y="{top_y + 14}" font-size="11">{_e(show(Decimal(y["award"])))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _tree(node: dict, t: dict) -> str:
    text = _e(node["label"])
    if "value" in node:
        text += f" <b>{_e(_money(node['value']))}</b>"
    if node.get("formula"):
        text += f" = <span class='code'>{_e(node['formula'])}</span>"
    if node.get("binding"):
        text += " <span class='error'>←</span>"
    if node.get("clause"):
        text += f" <span class='clause'>{_e(node['clause'])}</span>"
    if node.get("interpretation"):
        text += f" <span class='clause'>（{_e(t['interp'])}）</span>"
    kids = "".join(_tree(c, t) for c in node.get("children", []))
    return f"<li>{text}{'<ul class=tree>' + kids + '</ul>' if kids else ''}</li>"


def _findings(findings: list[dict], t: dict) -> str:
    if not findings:
        return f"<p class='ok'>{_e(t['none'])}</p>"
    out = []
    for sev, title in (("error", t["errors"]), ("warning", t["warnings"]), ("info", t["infos"])):
        items = [f for f in findings if f["severity"] == sev]
        if not items:
            continue
        out.append(f"<h3 class='{sev}'>{_e(title)}（{len(items)}）</h3><ul>")
        for f in items:
            clause = f" <span class='clause'>{_e(f['clause'])}</span>" if f.get("clause") else ""
            where = f" <span class='code'>{_e(f['file'])}</span>" if f.get("file") else ""
            out.append(f"<li>{_e(f['message'])}{clause}{where} <span class='code'>{_e(f['code'])}</span></li>")
        out.append("</ul>")
    return "".join(out)


def _programme(p: dict, t: dict) -> str:
    out = [f"<section class='programme'><h2>{_e(p['name'])} <span class='code'>{_e(p['id'])}</span></h2>",
           f"<p><span class='badge {p['status']}'>{_e(t['status'][p['status']])}</span> "
           f"{_e(t['award'])}{t['colon']}<span class='award'>{_e(_money(p['award']))}</span></p>"]
    chart = _chart(p["years"], t)
    if chart:
        out.append(chart + f"<div class='legend'>{_e(t['legend'])}</div>")
    names = {"year_cap": t["year_cap"], "total_cap": t["total_cap"]}
    binding = [f"{(str(y['year']) if y['year'] is not None else t['application'])}: "
               f"{names.get(lim.partition(': ')[0], lim.partition(': ')[0])}（{lim.partition(': ')[2]}）"
               for y in p["years"] for lim in y["limits_binding"]]
    binding += [f"{(str(y['year']) if y['year'] is not None else t['application'])}: " + t["ceiling"].format(contract=c["contract"])
                for y in p["years"] for c in y.get("contracts", []) if c.get("ceiling_binding")]
    out.append(f"<p>{_e(t['binding'])}{t['colon']}{_e('；'.join(binding) if binding else t['none'])}</p>")
    out.append(f"<h3>{_e(t['criteria'])}</h3><table><tr><th></th><th>{_e(t['criteria'])}</th><th></th>"
               f"<th>{_e(t['clause'])}</th></tr>")
    for c in p["criteria"]:
        mark = {"pass": "<span class='ok'>✓</span>", "fail": "<span class='miss'>✗</span>",
                "unknown": "<span class='warning'>?</span>"}[c["status"]]
        out.append(f"<tr><td>{mark}</td><td>{_e(c['label'])}</td><td>{_e(c['message'])}</td>"
                   f"<td class='clause'>{_e(c['clause'])}</td></tr>")
    out.append("</table>")
    if "materials" in p:
        out.append(f"<h3>{_e(t['materials'])}</h3><table><tr><th></th><th>{_e(t['materials'])}</th>"
                   f"<th>{_e(t['files'])}</th><th>{_e(t['clause'])}</th></tr>")
        for m in p["materials"]:
            if m["satisfied"] and m["files"]:
                state = f"<span class='ok'>✓ {_e(t['ok'])}</span>"
            elif not m["required"]:
                state = _e(t["not_required"])
            else:
                state = f"<span class='miss'>✗ {_e(t['missing'])}</span>"
            files = "<br>".join(_e(f) for f in m["files"])
            out.append(f"<tr><td class='state'>{state}</td><td>{_e(m['label'])} <span class='code'>{_e(m['type'])}</span></td>"
                       f"<td>{files}</td><td class='clause'>{_e(m['clause'])}</td></tr>")
        out.append("</table>")
    out.append(f"<h3>{_e(t['findings'])}</h3>")
    out.append(_findings(p["findings"], t))
    if p.get("explain"):
        out.append(f"<details><summary>{_e(t['explain'])}</summary><ul class='tree'>{_tree(p['explain'], t)}</ul></details>")
    out.append("</section>")
    return "".join(out)


def html_report(data: dict, lang: str = "zh", round_: str = "2025", today: date | None = None) -> str:
    """The whole report as one HTML page, from a calc or check JSON object."""
    t = T["en" if lang == "en" else "zh"]
    kind = "check_title" if data["schema"].startswith("subsidy.check") else "calc_title"
    company = data.get("company") or {}
    head = (f"<h1>{_e(t[kind])}</h1><table class='meta'>"
            f"<tr><td>{_e(t['company'])}</td><td><b>{_e(company.get('name') or '—')}</b></td></tr>"
            f"<tr><td>{_e(t['credit_code'])}</td><td>{_e(company.get('credit_code') or '—')}</td></tr>"
            f"<tr><td>{_e(t['app_date'])}</td><td>{_e(data.get('application_date') or '—')}</td></tr>"
            f"<tr><td>{_e(t['made'])}</td><td>{_e((today or date.today()).isoformat())}</td></tr></table>")
    summary = [f"<h2>{_e(t['summary'])}</h2><table><tr><th>{_e(t['programme'])}</th><th></th>"
               f"<th class='num'>{_e(t['award'])}</th></tr>"]
    for p in data["programmes"]:
        summary.append(f"<tr><td>{_e(p['name'])}</td><td><span class='badge {p['status']}'>"
                       f"{_e(t['status'][p['status']])}</span></td><td class='num'>{_e(_money(p['award']))}</td></tr>")
    summary.append(f"<tr><th>{_e(t['total'])}</th><th></th><th class='num'>{_e(_money(data['total']))}</th></tr></table>")
    if "summary" in data:
        gate = t["pass_gate"] if data["summary"]["exit_code"] == 0 else t["fail_gate"]
        summary.append(f"<p>{_e(t['exit'])}{t['colon']}<b>{_e(gate)}</b>（{_e(t['errors'])} {data['summary']['errors']}，"
                       f"{_e(t['warnings'])} {data['summary']['warnings']}）</p>")
    if data.get("findings"):
        summary.append(_findings(data["findings"], t))
    body = "".join(_programme(p, t) for p in data["programmes"])
    footer = f"<footer>{_e(t['footer'])}<br>{_e(t['tool'].format(version=__version__, round=round_))}</footer>"
    return (f"<!DOCTYPE html><html lang='{'en' if lang == 'en' else 'zh-CN'}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width'><title>{_e(t[kind])}：{_e(company.get('name') or '')}</title>"
            f"<style>{STYLE}</style></head><body>{head}{''.join(summary)}{body}{footer}</body></html>\n")


def markdown_report(data: dict, lang: str = "zh") -> str:
    """A compact summary for CI job pages ($GITHUB_STEP_SUMMARY, GitLab): a table per programme
    and the errors."""
    t = T["en" if lang == "en" else "zh"]
    kind = "check_title" if data["schema"].startswith("subsidy.check") else "calc_title"
    name = (data.get("company") or {}).get("name") or "—"
    lines = [f"## {t[kind]}: {_md(name)}", "", f"| {t['programme']} | | {t['award']} | {t['errors_n']} |",
             "|---|---|---:|---:|"]
    for p in data["programmes"]:
        errors = sum(1 for f in p["findings"] if f["severity"] == "error")
        lines.append(f"| {_md(p['name'])} (`{p['id']}`) | {t['status'][p['status']]} | {show(Decimal(p['award']))} | {errors} |")
    lines.append(f"| **{t['total']}** | | **{show(Decimal(data['total']))}** | |")
    if "summary" in data:
        gate = t["pass_gate"] if data["summary"]["exit_code"] == 0 else t["fail_gate"]
        lines += ["", f"**{t['exit']}**: {gate}"]
    errors = [(p["id"], f) for p in data["programmes"] for f in p["findings"] if f["severity"] == "error"]
    errors += [("", f) for f in data.get("findings", []) if f["severity"] == "error"]
    if errors:
        lines += ["", f"### {t['errors']}", ""]
        for pid, f in errors:
            clause = f" ({_md(f['clause'])})" if f.get("clause") else ""
            lines.append(f"- {'`' + pid + '` ' if pid else ''}{_md(f['message'])}{clause}")
    lines += ["", f"_{t['footer']}_", ""]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text from input in Markdown: no table breaks, no markup, no control characters."""
    return visible(str(text)).replace("|", "\\|").replace("\n", " ").replace("`", "'").replace("<", "&lt;")


def pdf_from_html(page: str, out) -> str:
    """Render the HTML page to PDF with a real engine when one is installed: WeasyPrint, else
    headless Chromium, else LibreOffice. Returns the engine's name; raises LookupError if none."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path
    out = Path(out)
    try:
        import weasyprint  # type: ignore[import-not-found]
        weasyprint.HTML(string=page).write_pdf(str(out))
        return "weasyprint"
    except ImportError:
        pass
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.html"
        src.write_text(page, "utf-8")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if chromium:
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                            f"--print-to-pdf={out}", src.as_uri()], capture_output=True, timeout=120, check=False)
            if out.is_file() and out.stat().st_size > 0:
                return "chromium"
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(src)],
                           capture_output=True, timeout=180, check=False)
            made = Path(tmp) / "report.pdf"
            if made.is_file():
                shutil.copyfile(made, out)
                return "libreoffice"
    raise LookupError("no PDF engine")


def plan_html(data: dict, lang: str = "zh", round_: str = "2025", today: date | None = None) -> str:
    """The application plan as one HTML page: who may apply for what, the best combination, the
    allocation per contract, and what excludes what (from ``subsidy.plan/1``)."""
    t = T["en" if lang == "en" else "zh"]
    words = {"zh": ("可申报", "是", "否", "单独申报", "组合内", "合同", "分配", "规则", "结果", "未入选理由"),
             "en": ("may apply", "yes", "no", "alone", "in the plan", "contract", "allocated", "rule", "effect",
                    "reasons")}["en" if lang == "en" else "zh"]
    may, yes, no, alone, inplan, contract, allocated, rule, effect, reasons = words
    company = data.get("company") or {}
    rows = []
    for p in data["programmes"]:
        why = "；".join(r["message"] for r in p["reasons"])
        rows.append(f"<tr><td>{_e(p['name'])} <span class='code'>{_e(p['id'])}</span></td>"
                    f"<td>{_e(yes if p['may_apply'] else no)}</td><td><span class='badge {p['status']}'>"
                    f"{_e(t['status'][p['status']])}</span></td><td class='num'>{_e(_money(p['award_alone']))}</td>"
                    f"<td class='num'>{_e(_money(p['award_in_plan']) if p['in_plan'] else '—')}</td><td>{_e(why)}</td></tr>")
    best = data["plan"]
    alloc = "".join(f"<tr><td>{_e(a['contract'])}</td><td>{_e(a['programme'])}</td>"
                    f"<td class='num'>{_e(_money(a['award']))}</td></tr>" for a in best["allocation"])
    rules = "".join(f"<tr><td>{_e(r['label'])}</td><td>{_e(r['effect'])}</td><td class='clause'>{_e(r['clause'])}</td></tr>"
                    for r in data["rules"])
    body = (f"<h1>{_e(t['plan_title'])}</h1><table class='meta'>"
            f"<tr><td>{_e(t['company'])}</td><td><b>{_e(company.get('name') or '—')}</b></td></tr>"
            f"<tr><td>{_e(t['app_date'])}</td><td>{_e(data.get('application_date') or '—')}</td></tr>"
            f"<tr><td>{_e(t['made'])}</td><td>{_e((today or date.today()).isoformat())}</td></tr></table>"
            f"<h2>{_e(t['programmes'])}</h2><table><tr><th>{_e(t['programme'])}</th><th>{_e(may)}</th><th></th>"
            f"<th class='num'>{_e(alone)}</th><th class='num'>{_e(inplan)}</th><th>{_e(reasons)}</th></tr>{''.join(rows)}</table>"
            f"<h2>{_e(t['plan'])}：{_e(_money(best['total']))}</h2>"
            f"<table><tr><th>{_e(contract)}</th><th>{_e(t['programme'])}</th><th class='num'>{_e(allocated)}</th></tr>{alloc}</table>"
            f"<h2>{_e(rule)}</h2><table><tr><th>{_e(rule)}</th><th>{_e(effect)}</th><th>{_e(t['clause'])}</th></tr>{rules}</table>"
            f"<footer>{_e(t['footer'])}<br>{_e(t['tool'].format(version=__version__, round=round_))}</footer>")
    return (f"<!DOCTYPE html><html lang='{'en' if lang == 'en' else 'zh-CN'}'><head><meta charset='utf-8'>"
            f"<title>{_e(t['plan_title'])}</title><style>{STYLE}</style></head><body>{body}</body></html>\n")


def plan_markdown(data: dict, lang: str = "zh") -> str:
    t = T["en" if lang == "en" else "zh"]
    lines = [f"## {t['plan_title']}: {_md((data.get('company') or {}).get('name') or '—')}", "",
             f"| {t['programme']} | | {t['award']} |", "|---|---|---:|"]
    for p in data["plan"]["programmes"]:
        lines.append(f"| `{p['id']}` | {t['status'][p['status']]} | {show(Decimal(p['award']))} |")
    lines += [f"| **{t['total']}** | | **{show(Decimal(data['plan']['total']))}** |", "", f"_{t['footer']}_", ""]
    return "\n".join(lines)


def portfolio_markdown(results: list[dict], lang: str = "zh") -> str:
    """Several dossiers in one CI summary: a row per dossier, then the errors."""
    t = T["en" if lang == "en" else "zh"]
    head = {"zh": ("材料文件夹", "企业", "预计最高可获", "结论"), "en": ("Dossier", "Company", "Expected maximum", "Result")}
    d, c, a, r = head["en" if lang == "en" else "zh"]
    lines = [f"## {t['check_title']}", "", f"| {d} | {c} | {a} | {t['errors_n']} | {r} |", "|---|---|---:|---:|---|"]
    errors = []
    for data in results:
        if "error" in data:
            lines.append(f"| `{_md(data['dossier'])}` | | | | {_md(data['error'])} |")
            continue
        gate = t["pass_gate"] if data["summary"]["exit_code"] == 0 else t["fail_gate"]
        lines.append(f"| `{_md(data['dossier'])}` | {_md((data.get('company') or {}).get('name') or '—')} | "
                     f"{show(Decimal(data['total']))} | {data['summary']['errors']} | {gate} |")
        errors += [(data["dossier"], f) for p in data["programmes"] for f in p["findings"] if f["severity"] == "error"]
        errors += [(data["dossier"], f) for f in data["findings"] if f["severity"] == "error"]
    if errors:
        lines += ["", f"### {t['errors']}", ""]
        lines += [f"- `{_md(dossier)}`: {_md(f['message'])}" + (f" ({_md(f['clause'])})" if f.get("clause") else "")
                  for dossier, f in errors]
    lines += ["", f"_{t['footer']}_", ""]
    return "\n".join(lines)
