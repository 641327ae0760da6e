"""Award cases as data: ``tests/cases/<programme-id>.toml``, one file per programme.

Each file holds ``programme``, a complete ``[base]`` profile that makes the programme eligible,
and ``[[case]]`` entries a policy expert can write:

    [[case]]
    name = "window start boundary: delivery on 2024-03-19 counts"
    clause = "000 四"
    expect_status = "eligible"            # eligible | pending | ineligible
    expect_award = "600000.00"            # yuan, two decimals, computed by hand from rules.md
    expect_years = { 2024 = "600000.00" } # optional: award per calendar year
    expect_findings = ["gap.invoice"]     # optional: finding codes that must appear
    absent_findings = ["gap.payment"]     # optional: finding codes that must not appear
    expect_rise = { "gap.invoice" = "300000.00" }   # optional: the "would rise by" of a finding
    unset = ["company.compliance.ip_disputes"]   # optional: keys removed from the base
    xfail = "why the engine is wrong"     # optional: a known engine disagreement
    [case.patch.application]              # deep-merged onto the base: tables merge key by key,
    date = 2025-10-20                     # lists (contracts, deliveries ...) are replaced whole

The runner builds the profile, evaluates only that programme and checks status, award, years and
findings exactly.
"""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path

import pytest

from subsidy_cli.engine import evaluate_profile
from subsidy_cli.profile import profile_from_dict
from subsidy_cli.rules import load_round

CASES_DIR = Path(__file__).parent / "cases"
CASE_KEYS = {"name", "clause", "patch", "unset", "expect_status", "expect_award", "expect_years",
             "expect_findings", "absent_findings", "expect_rise", "xfail", "note"}
FILE_KEYS = {"programme", "base", "case"}
STATUSES = {"eligible", "pending", "ineligible"}
AWARD = re.compile(r"^[0-9]+\.[0-9]{2}$")


def deep_merge(base: dict, patch: dict) -> dict:
    """A copy of ``base`` with ``patch`` merged in: tables key by key, anything else replaced."""
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def unset(raw: dict, dotted: str) -> None:
    """Remove ``company.compliance.ip_disputes`` (a key the profile then does not state)."""
    *parents, last = dotted.split(".")
    node = raw
    for part in parents:
        node = node[part]
    del node[last]


def load_files() -> list[tuple[Path, dict]]:
    return [(path, tomllib.loads(path.read_text("utf-8"))) for path in sorted(CASES_DIR.glob("*.toml"))]


def build_profile(data: dict, case: dict, label: str):
    raw = deep_merge(data["base"], case.get("patch", {}))
    for dotted in case.get("unset", []):
        unset(raw, dotted)
    return profile_from_dict(raw, path=f"<case {label}>")


def _params() -> list:
    params = []
    for path, data in load_files():
        for case in data.get("case", []):
            label = f"{data.get('programme', path.stem)}::{case.get('name', '?')}"
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            params.append(pytest.param(data, case, id=label, marks=marks))
    return params


@pytest.mark.parametrize(("data", "case"), _params())
def test_case(data: dict, case: dict) -> None:
    prog_id = data["programme"]
    label = f"{prog_id}::{case['name']}"
    profile = build_profile(data, case, label)
    typos = [f.params.get("key") for f in profile.findings if f.code == "profile.unknown_key"]
    assert not typos, f"unknown profile keys in the case (typos?): {typos}"
    result = evaluate_profile(profile, ids=[prog_id]).programmes[0]
    out = result.to_json(explain=False)
    codes = [f["code"] for f in out["findings"]]
    context = f"{label}: findings {codes}; criteria " + "; ".join(
        f"{c['id']}={c['status']}" for c in out["criteria"] if c["status"] != "pass")
    assert out["status"] == case["expect_status"], context
    assert out["award"] == case["expect_award"], context
    if "expect_years" in case:
        got = {str(y["year"]): y["award"] for y in out["years"]}
        assert got == {str(k): v for k, v in case["expect_years"].items()}, context
    for code in case.get("expect_findings", []):
        assert code in codes, f"{label}: expected finding {code!r}, got {codes}"
    for code in case.get("absent_findings", []):
        assert code not in codes, f"{label}: finding {code!r} should not appear"
    for code, rise in case.get("expect_rise", {}).items():
        rises = [f.get("rise") for f in out["findings"] if f["code"] == code]
        assert rises == [rise], f"{label}: {code} would rise by {rises}, expected [{rise!r}]"
    if out["status"] == "ineligible":
        assert result.award == 0


def test_case_files_are_well_formed() -> None:
    files = load_files()
    programmes = load_round()
    assert {data.get("programme") for _, data in files} == set(programmes), \
        "one case file per programme of the round"
    for path, data in files:
        assert set(data) <= FILE_KEYS, f"{path.name}: unknown top-level keys {set(data) - FILE_KEYS}"
        assert data.get("programme") in programmes, f"{path.name}: unknown programme {data.get('programme')!r}"
        assert path.stem == data["programme"], f"{path.name}: file name must be the programme id"
        assert isinstance(data.get("base"), dict), f"{path.name}: needs a [base] profile"
        cases = data.get("case", [])
        assert cases, f"{path.name}: no [[case]] entries"
        names = [c.get("name") for c in cases]
        dupes = {n for n in names if names.count(n) > 1}
        assert not dupes, f"{path.name}: case names used twice: {dupes}"
        for i, case in enumerate(cases):
            where = f"{path.name} case {i + 1} ({case.get('name', 'no name')})"
            assert set(case) <= CASE_KEYS, f"{where}: unknown keys {set(case) - CASE_KEYS}"
            for key in ("name", "expect_status", "expect_award"):
                assert key in case, f"{where}: missing {key}"
            assert case["expect_status"] in STATUSES, f"{where}: expect_status must be one of {STATUSES}"
            assert isinstance(case["expect_award"], str) and AWARD.match(case["expect_award"]), \
                f"{where}: expect_award must be a string of yuan with two decimals, e.g. \"1650000.00\""
            for year, award in case.get("expect_years", {}).items():
                assert str(year).isdigit() and AWARD.match(award), f"{where}: expect_years {year} = {award!r}"
            if case["expect_status"] == "ineligible":
                assert case["expect_award"] == "0.00", f"{where}: an ineligible programme gets 0.00"


def test_deep_merge_replaces_lists_and_merges_tables() -> None:
    base = {"a": {"x": 1, "y": [1, 2]}, "contracts": [{"id": "C1"}]}
    merged = deep_merge(base, {"a": {"y": [3]}, "contracts": [{"id": "C2"}]})
    assert merged == {"a": {"x": 1, "y": [3]}, "contracts": [{"id": "C2"}]}
    assert base["a"]["y"] == [1, 2]
