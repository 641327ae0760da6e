"""The report a consultant sends (HTML, PDF) and the CI summary (Markdown), issue 14."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import SAMPLES
from conftest import run_cli as run
from subsidy_cli.report import html_report, markdown_report

OUTSIDE = re.compile(r"(?i)<script|<link|<img|<iframe|\bsrc\s*=|\bhref\s*=|url\(|@import|https?://(?!www\.w3\.org/2000/svg)")




def _json(capsys, *args) -> dict:
    code, out, err = run(capsys, *args, "-f", "json")
    assert code in (0, 1), err
    return json.loads(out)


@pytest.mark.parametrize("dossier", ["sjs-compute", "sjs-compute-flawed-missing-settlement", "bj-compute-voucher"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_check_report_holds_every_finding_material_and_award_and_nothing_outside(capsys, dossier, lang):
    data = _json(capsys, "check", str(SAMPLES / dossier), "--lang", lang)
    page = html_report(data, lang)
    assert not OUTSIDE.search(page), OUTSIDE.search(page).group(0)
    for p in data["programmes"]:
        assert p["id"] in page
        from subsidy_cli.money import show
        from decimal import Decimal
        assert show(Decimal(p["award"])) in page
        for f in p["findings"]:
            assert f["code"] in page
        for m in p["materials"]:
            assert m["type"] in page
            for file in m["files"]:
                assert file in page
    assert ("规则允许的上限" if lang == "zh" else "ceiling the rules allow") in page
    assert "0.1.0" in page and "2025" in page and "<details>" in page and "<svg" in page


def test_calc_html_goes_to_a_file_and_is_never_overwritten_without_force(capsys, tmp_path):
    out = tmp_path / "r.html"
    code, stdout, err = run(capsys, "calc", str(SAMPLES / "sjs-platform"), "-f", "html", "--out", str(out))
    assert code == 0 and stdout == "" and out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "已写入" in err
    code, _, err = run(capsys, "calc", str(SAMPLES / "sjs-platform"), "-f", "html", "--out", str(out))
    assert code == 2 and "--force" in err


def test_user_text_in_a_report_is_escaped(capsys, tmp_path):
    text = (SAMPLES / "sjs-compute" / "subsidy.toml").read_text("utf-8")
    profile = tmp_path / "subsidy.toml"
    profile.write_text(text.replace('name = "北京智算示例科技有限公司"', 'name = "<script>alert(1)</script>|`x`"', 1), "utf-8")
    data = _json(capsys, "calc", str(profile))
    page = html_report(data)
    assert "<script>" not in page and "&lt;script&gt;" in page
    md = markdown_report(data)
    assert "<script>" not in md and "\\|" in md


def test_markdown_summary_for_ci(capsys):
    code, out, _ = run(capsys, "calc", str(SAMPLES / "sjs-compute"), "-f", "markdown", "--lang", "en")
    assert code == 0
    assert out.startswith("## Expected award report: ") and "| Programme |" in out and "`sjs-compute`" in out
    data = _json(capsys, "check", str(SAMPLES / "sjs-compute-flawed-missing-settlement"))
    md = markdown_report(data)
    assert "### 错误" in md and "settlement" not in md and "结算单" in md and "未通过" in md


def test_plan_report(capsys, tmp_path):
    code, out, _ = run(capsys, "plan", str(SAMPLES / "sjs-compute"), "-f", "html")
    assert code == 0 and "申报规划报告" in out and "¥6,575,000.00" in out and not OUTSIDE.search(out)


def test_pdf_needs_an_engine_and_says_so(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))           # no chromium, no soffice
    code, _, err = run(capsys, "calc", str(SAMPLES / "sjs-compute"), "-f", "pdf", "--out", str(tmp_path / "r.pdf"))
    assert code == 2 and "未安装 PDF 引擎" in err and err.count("\n") == 1
    code, _, err = run(capsys, "calc", str(SAMPLES / "sjs-compute"), "-f", "pdf")
    assert code == 2 and "--out" in err


@pytest.mark.libreoffice
@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("soffice")), reason="no PDF engine here")
def test_pdf_through_a_real_engine(capsys, tmp_path):
    out = tmp_path / "r.pdf"
    code, _, err = run(capsys, "calc", str(SAMPLES / "sjs-compute"), "-f", "pdf", "--out", str(out))
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")


# --- check: the report, and a portfolio of dossiers -------------------------------------------------------

def test_check_html_report_to_a_file(capsys, tmp_path):
    out = tmp_path / "report.html"
    code, stdout, err = run(capsys, "check", str(SAMPLES / "sjs-compute-flawed-missing-settlement"), "-f", "html",
                            "--out", str(out))
    assert code == 1 and stdout == ""            # the gate's exit code stands, whatever the format
    page = out.read_text("utf-8")
    assert "申报材料检查报告" in page and "settlement.missing" in page and not OUTSIDE.search(page)


def test_a_portfolio_is_checked_together_and_fails_if_any_fails(capsys, tmp_path):
    import xml.etree.ElementTree as ET
    good, bad = SAMPLES / "sjs-compute", SAMPLES / "sjs-compute-flawed-missing-settlement"
    code, out, err = run(capsys, "check", str(good), str(bad), "--no-cache")
    assert code == 1 and "sjs-compute-flawed-missing-settlement" in out and "2 个材料文件夹中有 1 个未通过" in err
    code, out, _ = run(capsys, "check", str(good), str(SAMPLES / "tz-model-voucher"), "--no-cache", "-f", "json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "subsidy.check-portfolio/1" and len(data["dossiers"]) == 2
    assert all(d["schema"] == "subsidy.check/1" for d in data["dossiers"])
    code, out, _ = run(capsys, "check", str(good), str(bad), "-f", "junit")
    suites = ET.fromstring(out.encode()).findall("testsuite")
    assert code == 1 and len(suites) == 2 and suites[1].find("testcase/failure") is not None
    code, out, _ = run(capsys, "check", str(good), str(bad), "-f", "markdown")
    assert code == 1 and out.count("| `") == 2 and "### 错误" in out
    code, _, err = run(capsys, "check", str(good), str(tmp_path / "nowhere"))
    assert code == 2                               # an unusable dossier is reported, the others checked
    code, _, err = run(capsys, "check", str(good), str(bad), "-f", "html")
    assert code == 2 and err.count("\n") == 1
