"""`subsidy eligible PROFILE`: each programme's criteria, pass / fail / unknown, with clauses."""

from __future__ import annotations

from .options import Format, FormatOpt, Lang, LangOpt, ProfileArg, ProgrammeOpt, cache_policy, profile_path


@cache_policy
def eligible(profile: ProfileArg, programme: ProgrammeOpt = None, fmt: FormatOpt = Format.table,
             lang: LangOpt = Lang.zh) -> None:
    """Show, per programme, every eligibility criterion and whether the profile meets it."""
    from ..engine import evaluate_profile
    from ..output import console, criteria_table, dump_json, findings_lines, status_text
    from ..profile import load_profile

    prof = load_profile(profile_path(profile))
    result = evaluate_profile(prof, programme or None, lang.value)
    if fmt is Format.json:
        dump_json({"schema": "subsidy.eligible/1", "company": prof.get("company.name"),
                   "programmes": [{"id": r.programme.id, "name": r.programme.label(lang.value),
                                   "status": r.status, "criteria": [c.to_json(lang.value) for c in r.criteria]}
                                  for r in result.programmes],
                   "findings": [f.to_json(lang.value) for f in prof.findings]})
        return
    out = console()
    for line in findings_lines(prof.findings, lang.value):
        out.print(line)
    for r in result.programmes:
        out.rule(f"[bold]{r.programme.id}[/] {r.programme.label(lang.value)}: {status_text(r.status, lang.value)}")
        out.print(criteria_table(r, lang.value))
