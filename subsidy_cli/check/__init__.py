"""The dossier check: eligibility and award as calc does, completeness of the materials each
programme requires, and consistency between the files and the profile.

Never writes into the dossier. The core imports neither typer nor rich.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..engine import CalcResult, ProgrammeResult, evaluate_profile
from ..errors import InputError
from ..findings import Finding
from ..profile import Profile, load_profile
from .consistency import consistency_findings, dossier_invoice_findings
from .content import license_findings, linked_types
from .materials import MaterialStatus, material_status

CHECK_SCHEMA = "subsidy.check/1"


@dataclass
class ProgrammeCheck:
    result: ProgrammeResult
    materials: list[MaterialStatus]
    findings: list[Finding]                 # the check's own, with files


@dataclass
class CheckReport:
    root: Path
    profile: Profile
    files: list                             # ScannedFile
    calc: CalcResult
    programmes: list[ProgrammeCheck] = field(default_factory=list)
    dossier_findings: list[Finding] = field(default_factory=list)   # about files, not one programme

    def all_findings(self) -> list[Finding]:
        out = list(self.profile.findings) + list(self.dossier_findings)
        for p in self.programmes:
            out += p.result.findings + p.findings
        return out

    def count(self, severity: str, strict: bool = False) -> int:
        sev = {"error", "warning"} if strict and severity == "error" else {severity}
        return sum(1 for f in self.all_findings() if f.severity in sev)


def check_dossier(root: Path, programmes: list[str] | None = None, lang: str = "zh",
                  cache: bool = True, jobs: int | None = None,
                  progress: Callable[[int, int], None] | None = None) -> CheckReport:
    root = Path(root)
    if not root.is_dir():
        raise InputError(root, "check.not_folder")
    toml = root / "subsidy.toml"
    if not toml.is_file():
        raise InputError(root, "check.no_profile")
    profile = load_profile(toml)
    from ..scan import scan_dossier
    files = scan_dossier(root, overrides=profile.data.get("materials") or {}, linked=linked_types(profile),
                         jobs=jobs, cache=cache, progress=progress)
    calc = evaluate_profile(profile, programmes, lang)
    report = CheckReport(root, profile, files, calc)
    for problem_file in files:
        for pr in problem_file.problems:
            report.dossier_findings.append(Finding(pr.code, pr.severity, pr.text_params(),
                                                   file=problem_file.path))
    invoice_clauses = "; ".join(dict.fromkeys(m.clause for r in calc.programmes for m in r.programme.materials
                                              if m.type == "invoice")) or None
    report.dossier_findings += dossier_invoice_findings(profile, files, invoice_clauses)
    licence_clauses = "; ".join(dict.fromkeys(m.clause for r in calc.programmes for m in r.programme.materials
                                              if m.type == "business_license")) or None
    report.dossier_findings += license_findings(profile, files, licence_clauses)   # whoever asks for it
    for res in calc.programmes:
        mats = material_status(res.programme, profile, files)
        found = consistency_findings(root, res.programme, profile, files, lang)
        for m in mats:
            if m.required and not m.files:
                found.append(Finding("material.missing", "error", {"label": m.label_zh, "label_en": m.label_en,
                                                                   "type": m.type}, m.clause))
            for fmt in m.missing_formats:
                found.append(Finding("material.format_missing", "error",
                                     {"label": m.label_zh, "label_en": m.label_en, "format": fmt}, m.clause))
        if res.status == "ineligible":
            failing = [c for c in res.criteria if c.status == "fail" and c.fatal]
            found.append(Finding("programme.ineligible", "error", {"ids": [c.id for c in failing]},
                                 "; ".join(dict.fromkeys(c.clause for c in failing)) or None))
        report.programmes.append(ProgrammeCheck(res, mats, found))
    return report


def exit_code(report: CheckReport, strict: bool) -> int:
    """0 no errors, 1 errors found (warnings count as errors with --strict)."""
    return 1 if report.count("error", strict) else 0


def check_json(report: CheckReport, lang: str, strict: bool) -> dict:
    from ..output import calc_json
    data = calc_json(report.calc, lang, explain=True)
    data["schema"] = CHECK_SCHEMA
    data["dossier"] = str(report.root)
    for out, p in zip(data["programmes"], report.programmes):
        out["materials"] = [m.to_json(lang) for m in p.materials]
        out["findings"] += [f.to_json(lang) for f in p.findings]
        for f in out["findings"]:
            f.setdefault("file", None)
    data["findings"] = [{**f.to_json(lang), "file": f.file} for f in report.profile.findings + report.dossier_findings]
    data["files"] = [f.to_json(lang) for f in report.files]
    data["summary"] = {"errors": report.count("error"), "warnings": report.count("warning"),
                       "strict": strict, "exit_code": exit_code(report, strict)}
    return data
