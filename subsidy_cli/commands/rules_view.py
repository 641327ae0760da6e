"""A programme's rules as plain data (for JSON) and as a readable page (for the terminal)."""

from __future__ import annotations

from datetime import date

from rich.markup import escape

from ..money import show, yuan
from ..rules import Limit, Programme


def _label(d: dict | None, lang: str) -> str | None:
    return None if d is None else (d.get(lang) or d.get("zh"))


def _limit(limit: Limit | None, lang: str) -> dict | None:
    if limit is None:
        return None
    out: dict = {"clause": limit.clause}
    if limit.amount is not None:
        out["amount"] = yuan(limit.amount)
    if limit.values:
        out["by"] = limit.by
        out["values"] = {k: yuan(v) for k, v in limit.values.items()}
    if limit.from_tier:
        out["from_tier"] = True
    if limit.measure:
        out["measure"] = limit.measure
    if limit.label or limit.note:
        out["label"] = _label(limit.label or limit.note, lang)
    return out


def programme_dict(p: Programme, lang: str) -> dict:
    aw, cw = p.application_window, p.cost_window
    comps = []
    for c in p.award.components:
        rate = {"clause": c.rate.clause}
        if c.rate.value is not None:
            rate["value"] = str(c.rate.value)
        else:
            rate.update(by=c.rate.by, values={k: str(v) for k, v in c.rate.values.items()})
        comps.append({"id": c.id, "label": _label(c.label, lang), "kinds": list(c.kinds),
                      "kinds_clause": c.kinds_clause, "rate": rate, "mode": c.mode,
                      "contract_window": c.contract_window, "scope": c.scope,
                      "area_limit": c.area_limit, "year_cap": _limit(c.year_cap, lang),
                      "threshold": _limit(c.threshold, lang),
                      "contract_checks": [_contract_check(k, lang) for k in c.contract_checks]})
    return {
        "id": p.id, "round": p.round, "name": _label(p.name, lang), "issuer": _label(p.issuer, lang),
        "basis": _label(p.basis, lang), "seed": p.seed,
        "application_window": {"start": aw.start, "end": aw.end if isinstance(aw.end, date) else None,
                               "clause": aw.clause, "note": _label(aw.note, lang)},
        "cost_window": {"start": cw.start, "end": cw.end, "clause": cw.clause,
                        "interpretation": cw.interpretation, "incurred_clause": cw.incurred_clause},
        "criteria": [_criterion(c, lang) for c in p.criteria],
        "tiers": [{"id": t.id, "label": _label(t.label, lang), "cap": yuan(t.cap), "clause": t.clause}
                  for t in p.tiers],
        "award": {"split": p.award.split, "split_interpretation": p.award.split_interpretation, "components": comps,
                  "year_cap": _limit(p.award.year_cap, lang), "total_cap": _limit(p.award.total_cap, lang),
                  "max_years": p.award.max_years, "contract_ceiling": p.award.contract_ceiling,
                  "evidence": {"rule": p.award.evidence, "clause": p.award.evidence_clause}},
        "materials": [{"type": m.type, "modes": list(m.modes), "label": _label(m.label, lang),
                       "clause": m.clause, "stamped": m.stamped, "required_if": m.required_if}
                      for m in p.materials],
        "forms": list(p.forms),
    }


def _criterion(c, lang: str) -> dict:
    out = {"id": c.id, "check": c.check, "label": _label(c.label, lang), "clause": c.clause,
           "interpretation": c.interpretation}
    if c.check == "in":
        out["path"] = c.params["path"]
        out["accepted"] = list(c.params["values"])
        out["synonyms"] = {k: list(v) for k, v in c.params.get("synonyms", {}).items()}
    for key in ("path", "status", "level"):
        if key in c.params:
            out[key] = c.params[key]
    return out


def _contract_check(k, lang: str) -> dict:
    out = {"id": k.id, "label": _label(k.label, lang), "clause": k.clause,
           "unproven": k.params.get("unproven", "exclude")}
    for key in ("field", "override", "keywords", "district", "level"):
        if key in k.params:
            out[key] = k.params[key]
    return out


def render_programme(out, d: dict, lang: str) -> None:
    from ..messages import ui
    out.rule(f"[bold]{d['id']}[/] {d['name']}")
    out.print(f"{ui('issuer', lang)}: {d['issuer']}\n{ui('basis', lang)}: {d['basis']}  [dim]({d['seed']})[/]")
    aw, cw = d["application_window"], d["cost_window"]
    out.print(f"{ui('application_window', lang)}: {aw['start'] or '…'}～{aw['end'] or '…'}  [cyan]{aw['clause']}[/]"
              + (f"  [dim]{aw['note']}[/]" if aw.get("note") else ""))
    out.print(f"{ui('cost_window', lang)}: {cw['start'] or '…'}～{cw['end'] or '…'}  [cyan]{cw['clause']}[/]")
    if cw.get("incurred_clause"):
        out.print(f"  {ui('not_after_application', lang)}"
                  f"  [cyan]{escape(cw['incurred_clause'])}[/]")
    out.print(f"\n[bold]{ui('criteria', lang)}[/]")
    for c in d["criteria"]:
        out.print(f"  • {c['label']}  [cyan]{c['clause']}[/]" + (f" [magenta]{ui('interpretation', lang)}[/]" if c["interpretation"] else ""))
        if c.get("accepted"):
            words = "、".join(c["accepted"])
            syn = "；".join(f"{k} = {'、'.join(v)}" for k, v in c.get("synonyms", {}).items())
            out.print(f"      {ui('accepted', lang)} ({c['path']}): {escape(words)}"
                      + (f"\n      {ui('sub_directions_synonyms', lang)}: {escape(syn)}" if syn else ""))
        if c.get("status"):
            out.print(f"      {ui('fails_only_when', lang)}: {', '.join(c['status'])}")
    for t in d["tiers"]:
        out.print(f"  ◦ {ui('tier', lang)} {t['label']}: {ui('yearly_cap', lang)} {show(_dec(t['cap']))}  [cyan]{t['clause']}[/]")
    out.print(f"\n[bold]{ui('award', lang)}[/]")
    for c in d["award"]["components"]:
        r = c["rate"]
        rate = r.get("value") or ", ".join(f"{k} {v}" for k, v in r["values"].items())
        out.print(f"  • {c['label']} ({'/'.join(c['kinds'])}): {ui('rate', lang)} {rate}  [cyan]{r['clause']}[/]")
        for key, name in (("year_cap", ui('yearly_cap', lang)), ("threshold", ui('minimum', lang))):
            if c.get(key):
                lim = c[key]
                amount = _money_text(lim.get("amount")) if lim.get("amount") else ", ".join(
                    f"{k} {_money_text(v)}" for k, v in lim.get("values", {}).items())
                out.print(f"      {name}: {amount}  [cyan]{lim['clause']}[/]")
        if c.get("area_limit"):
            a = c["area_limit"]
            source = " / ".join(x for x in (a.get("path"), a.get("sum_field") and ui("leases_sum", lang, field=a["sum_field"])) if x)
            out.print(f"      {ui('area_limit', lang)}: {a['value']} m²"
                      f"（{ui('area_pro_rata', lang)} {escape(source)}）  [cyan]{a['clause']}[/]"
                      + (f" [magenta]{ui('interpretation', lang)}[/]" if a.get("interpretation") else ""))
        for k in c["contract_checks"]:
            note = ""
            if k["unproven"] == "exclude":
                how = ("[[support]] district" if k.get("district") else f"{k.get('field', '')}") + (
                    f" / {k['override']} = true" if k.get("override") else "")
                note = ui("left_out_until", lang, how=how)
            out.print(f"      {ui('contract_condition', lang)}: {k['label']}{escape(note)}  [cyan]{k['clause']}[/]")
            if k.get("keywords"):
                out.print(f"        {ui('purpose_must_name', lang)}: {escape('、'.join(k['keywords']))}")
    per_application = d["award"]["split"] == "none"
    for key, name in (("year_cap", ui('application_cap', lang)
                       if per_application else ui('yearly_cap', lang)), ("total_cap", ui('total_cap', lang))):
        lim = d["award"].get(key)
        if lim:
            amount = ui('by_tier', lang) if lim.get("from_tier") else _money_text(lim.get("amount"))
            out.print(f"  {name}: {amount}  [cyan]{lim['clause']}[/]"
                      + (f" [magenta]{ui('interpretation', lang)}[/]"
                         if key == "year_cap" and d["award"].get("split_interpretation") else ""))
    if d["award"].get("max_years"):
        my = d["award"]["max_years"]
        out.print(f"  {ui('consecutive_years', lang)}: {my['value']}  [cyan]{my['clause']}[/]")
    ev = d["award"].get("evidence")
    if ev:
        text = ui('invoice_or_payment', lang) \
            if ev["rule"] == "either" else ui('invoice_and_payment', lang)
        out.print(f"  {ui('evidence_of_cost', lang)}: {text}  [cyan]{escape(ev['clause'])}[/]")
    if d["award"].get("contract_ceiling"):
        cc = d["award"]["contract_ceiling"]
        out.print(f"  {ui('per_contract_combined_ceiling', lang)}: {cc['rate']}  [cyan]{cc['clause']}[/]")
    out.print(f"\n[bold]{ui('materials', lang)}[/]")
    for m in d["materials"]:
        cond = ""
        if m.get("required_if"):
            conds = m["required_if"].get("any", [m["required_if"]])
            cond = ui('required_when', lang) + "; ".join(
                f"{c['path']} = {str(c['equals']).lower()}" if "equals" in c else ui("path_stated", lang, path=c["path"])
                for c in conds) + ui('required_when_end', lang)
        out.print(f"  • {escape('[' + '/'.join(m['modes']) + ']')} {escape(m['label'])}{escape(cond)} [dim]{m['type']}[/]  [cyan]{escape(m['clause'])}[/]")
    if d["forms"]:
        out.print(f"\n[bold]{ui('forms', lang)}[/]")
        for f in d["forms"]:
            out.print(f"  • {f['id']} {f['title']}  [cyan]{f['clause']}[/]")


def _money_text(text: str | None) -> str:
    return show(_dec(text)) if text else "…"


def _dec(text: str):
    from decimal import Decimal
    return Decimal(text)
