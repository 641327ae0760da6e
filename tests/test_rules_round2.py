"""Rules round two as a consultant meets it: the commands, the materials, the input errors.

The award arithmetic of every reading is in tests/cases/*.toml; this file covers what the cases
cannot: what `programmes show`, `calc` and `check` print, and bad input that must stay one line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES
from conftest import run_cli as run

SJS = SAMPLES / "sjs-compute" / "subsidy.toml"
PLATFORM = SAMPLES / "sjs-platform" / "subsidy.toml"






def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


# --- programmes show: the new criteria, materials and accepted words, each with its clause -----------

def test_programmes_show_lists_accepted_field_words_and_synonyms(capsys):
    code, out, _ = run(capsys, "programmes", "show", "bda-model-voucher")
    assert code == 0
    assert "政务服务、医疗、教育、文旅、制造、金融、交通" in out
    flat = out.replace("\n", "")
    assert "制造 = 制造业、工业、智能制造、汽车、新能源、新材料、生物医药" in flat
    assert "发票或付款证明之一" in out and "004 五 7" in out
    assert "[api/private]" in out        # modes are printed, not swallowed as markup


def test_programmes_show_sjs_compute_names_the_plan_and_the_purpose_rule(capsys):
    code, out, _ = run(capsys, "programmes", "show", "sjs-compute")
    assert code == 0
    assert "算力应用方案、预算及费用明细" in out and "000 二(二)3" in out
    assert "未能证明则不计入基数" in out and "llm_rd = true" in out
    assert "申报日期之后交付的不计入" in out


def test_programmes_show_json_carries_the_data(capsys):
    code, out, _ = run(capsys, "programmes", "show", "tz-compute-voucher", "-f", "json")
    data = json.loads(out)
    crit = {c["id"]: c for c in data["criteria"]}
    assert crit["no_safety_accident"]["clause"] == "003 附件1-2 2"
    assert crit["deadline"]["check"] == "application_deadline"
    assert crit["field"]["synonyms"]["工业"] == ["制造", "制造业", "智能制造"]
    [check] = [k for k in data["award"]["components"][0]["contract_checks"] if k["id"] == "no_district_support"]
    assert check["district"] == "通州区" and check["unproven"] == "exclude"
    assert data["award"]["evidence"]["rule"] == "both"


# --- calc: the messages a consultant reads -------------------------------------------------------------

def test_a_late_platform_application_is_a_reserve_project(capsys, tmp_path):
    profile = tmp_path / "subsidy.toml"
    shutil.copy(PLATFORM, profile)
    edit(profile, "date = 2025-10-15", "date = 2025-10-21")
    code, out, _ = run(capsys, "calc", str(profile), "-p", "sjs-platform", "-f", "json")
    [prog] = json.loads(out)["programmes"]
    [crit] = [c for c in prog["criteria"] if c["id"] == "application_date"]
    assert prog["status"] == "ineligible" and crit["status"] == "fail"
    assert "储备项目" in crit["message"]


def test_the_proven_tier_and_what_the_filing_would_add(capsys, tmp_path):
    profile = tmp_path / "subsidy.toml"
    text = SJS.read_text("utf-8")
    assert 'model_filing = "' in text
    lines = [ln for ln in text.splitlines() if not ln.startswith("model_filing")]
    profile.write_text("\n".join(lines).replace("beijing_ai_key_enterprise = false",
                                                "beijing_ai_key_enterprise = true"), "utf-8")
    code, out, _ = run(capsys, "calc", str(profile), "-p", "sjs-compute", "-f", "json")
    [prog] = json.loads(out)["programmes"]
    [tier] = [f for f in prog["findings"] if f["code"] == "tier.unproven_higher"]
    assert tier["rise"] is not None and "company.qualifications.model_filing" in tier["message"]
    assert all(y["cap"] == "3000000.00" for y in prog["years"])


def test_a_programme_named_twice_is_computed_once_with_a_warning(capsys):
    code, out, err = run(capsys, "calc", str(SJS), "-p", "sjs-compute", "-p", "sjs-compute", "-f", "json")
    data = json.loads(out)
    assert [p["id"] for p in data["programmes"]] == ["sjs-compute"]
    assert data["total"] == data["programmes"][0]["award"]
    assert any(f["code"] == "profile.programme_twice" for f in data["findings"])


# --- check: the new materials -------------------------------------------------------------------------

def test_sjs_compute_dossier_needs_the_compute_plan(capsys, dossier_copy):
    folder = dossier_copy("sjs-compute")
    next(folder.rglob("算力应用方案*")).unlink()
    code, out, _ = run(capsys, "check", str(folder), "-f", "json")
    data = json.loads(out)
    missing = [f for p in data["programmes"] for f in p["findings"] if f["code"] == "material.missing"]
    assert code == 1 and any(f["clause"] == "000 二(二)3" for f in missing)


def test_platform_joint_builders_require_the_authorisation(capsys, dossier_copy):
    folder = dossier_copy("sjs-platform")
    code, out, _ = run(capsys, "check", str(folder), "-f", "json")
    assert code == 0, out
    edit(folder / "subsidy.toml", "[company.qualifications]",
         '[company.qualifications]\nplatform_joint_builders = ["北京某大学"]')
    code, out, _ = run(capsys, "check", str(folder), "-f", "json")
    data = json.loads(out)
    missing = [f for p in data["programmes"] for f in p["findings"] if f["code"] == "material.missing"]
    assert code == 1 and [f["clause"] for f in missing] == ["001 三(二)4"]


# --- input errors: one line, exit 2, never an internal error ------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("x = " + "[" * 2000 + "]" * 2000 + "\n", "nested too deeply"),
    ("x = 1" + "1" * 5000 + "\n", "number too long"),
    ("[company]\noffice_area_m2 = nan\n", "finite number"),
    ("[company]\noffice_area_m2 = inf\n", "finite number"),
    ("[[contracts]]\nid = \"C1\"\nkind = \"compute\"\namount = inf\n", "not a finite amount"),
    ("[[contracts]]\nid = \"C1\"\nkind = \"compute\"\nscale_p = nan\n", "finite number"),
    ("[[contracts]]\nid = \"C1\"\nkind = \"compute\"\namount = \"1" + "0" * 30 + "\"\n", "implausibly large"),
])
def test_hostile_numbers_and_nesting_are_one_line_input_errors(capsys, tmp_path, text, expected):
    profile = tmp_path / "subsidy.toml"
    profile.write_text(text, "utf-8")
    code, out, err = run(capsys, "calc", str(profile), "--lang", "en")
    assert code == 2, err
    assert expected in err and str(profile) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
