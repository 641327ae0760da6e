"""JUnit XML for CI servers: a suite per programme (and one for the dossier's files)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..messages import Text, render
from . import CheckReport

# XML 1.0 admits no control characters but tab, newline and carriage return (file names may).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _case(suite: ET.Element, classname: str, name: str, failure: str | None = None,
          output: str | None = None) -> None:
    case = ET.SubElement(suite, "testcase", classname=_x(classname), name=_x(name))
    if failure is not None:
        ET.SubElement(case, "failure", message=_x(failure)).text = _x(failure)
    elif output:
        ET.SubElement(case, "system-out").text = _x(output)


def _noted(severity: str, text: str, lang: str) -> str:
    """A finding that does not fail the build, with its severity in words (提示：…)."""
    return render("junit.noted", {"severity": Text(f"severity.{severity}"), "text": text}, lang)


def _findings(suite: ET.Element, classname: str, findings, lang: str, strict: bool) -> None:
    for f in findings:
        text = f.message(lang) + (f" ({f.clause})" if f.clause else "") + (f" [{f.file}]" if f.file else "")
        failing = f.severity == "error" or (strict and f.severity == "warning")
        _case(suite, f"{classname}.findings", f"{f.code}: {f.file or ''}".rstrip(": "),
              failure=text if failing else None, output=None if failing else _noted(f.severity, text, lang))


def junit_xml(report: CheckReport, lang: str, strict: bool) -> str:
    root = ET.Element("testsuites", name="subsidy check")
    dossier = ET.SubElement(root, "testsuite", name="dossier")
    _findings(dossier, "dossier", report.profile.findings + report.dossier_findings, lang, strict)
    for p in report.programmes:
        pid = p.result.programme.id
        suite = ET.SubElement(root, "testsuite", name=pid)
        for c in p.result.criteria:
            message = render("junit.criterion", {"message": c.message, "clause": c.clause}, lang)
            _case(suite, f"{pid}.criteria", f"{c.id}: {c.label.render(lang)}",
                  failure=message if c.status == "fail" else None,
                  output=render("junit.unknown", {"message": message}, lang) if c.status == "unknown" else None)
        for m in p.materials:
            label = m.label_en if lang == "en" else m.label_zh
            missing = m.required and not m.files
            _case(suite, f"{pid}.materials", f"{m.type}: {label}",
                  failure=render("junit.missing", {"clause": m.clause}, lang) if missing else None,
                  output=", ".join(m.files) or None)
        _findings(suite, pid, p.result.findings + p.findings, lang, strict)
    for suite in root:
        cases = suite.findall("testcase")
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
        suite.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def junit_portfolio(results: list[dict], lang: str) -> str:
    """Several dossiers (from their subsidy.check/1 objects): a test suite per dossier, a failing
    case per error, and a failing case for a dossier that could not be checked."""
    root = ET.Element("testsuites", name="subsidy check (portfolio)")
    for data in results:
        suite = ET.SubElement(root, "testsuite", name=_x(data["dossier"]))
        if "error" in data:
            _case(suite, "dossier", "unusable", failure=data["error"])
            continue
        failing = data["summary"]["exit_code"] != 0
        severities = {"error"} | ({"warning"} if data["summary"]["strict"] else set())
        findings = list(data["findings"]) + [f for p in data["programmes"] for f in p["findings"]]
        for f in findings:
            text = f["message"] + (f" ({f['clause']})" if f.get("clause") else "")
            bad = f["severity"] in severities
            _case(suite, "findings", f"{f['code']}: {f.get('file') or ''}".rstrip(": "),
                  failure=text if bad else None, output=None if bad else _noted(f["severity"], text, lang))
        _case(suite, "dossier", "result", failure=render("junit.errors_found", {}, lang) if failing else None)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
