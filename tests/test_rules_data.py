"""The programme data files: valid, complete, every value with its clause."""

import re
import tomllib
from pathlib import Path

import pytest

from subsidy_cli.errors import DataError
from subsidy_cli.rules import DATA_DIR, NOT_PROGRAMMES, load_programme, load_round

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CLAUSE = re.compile(r"^(00[0-4] \S.*|rules\.md .+|GB 32100-2015)$")
FILES = sorted(p for p in (DATA_DIR / "2025").glob("*.toml") if p.name not in NOT_PROGRAMMES)


def test_six_programmes_in_the_2025_round():
    assert list(load_round("2025")) == ["sjs-compute", "sjs-platform", "bj-compute-voucher",
                                        "tz-compute-voucher", "tz-model-voucher", "bda-model-voucher"]


def _clauses(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("clause"):
                yield f"{where}.{key}", value
            yield from _clauses(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _clauses(value, f"{where}[{i}]")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_clause_cites_a_seed_section(path):
    data = tomllib.loads(path.read_text("utf-8"))
    clauses = list(_clauses(data))
    assert len(clauses) > 20
    for where, clause in clauses:
        for part in clause.split("; "):
            assert CLAUSE.match(part), f"{path.name}{where}: {clause!r}"
            if part[:3].isdigit():
                assert part[:3] == data["seed"][:3] or part.startswith("00"), where


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_rule_tables_carry_their_clause(path):
    data = tomllib.loads(path.read_text("utf-8"))
    tables = data["criteria"] + data["materials"] + data.get("tiers", [])
    assert all(c["kinds_clause"] for c in data["award"]["components"])
    tables += [c["rate"] for c in data["award"]["components"]]
    tables += [data["application_window"], data["cost_window"]]
    for t in tables:
        assert t.get("clause"), (path.name, t)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_seed_file_exists(path):
    assert (SEEDS / tomllib.loads(path.read_text("utf-8"))["seed"]).is_file()


def test_invalid_data_is_refused_with_the_file_and_key(tmp_path):
    sjs = DATA_DIR / "2025" / "sjs-compute.toml"
    text = sjs.read_text("utf-8").replace('rate = { value = "0.30", clause = "000 一" }',
                                               'rate = { value = "1.30", clause = "000 一" }')
    bad = tmp_path / "x.toml"
    bad.write_text(text, "utf-8")
    with pytest.raises(DataError, match=r"x.toml: award.components\[0\].rate.value: rate 1.30 outside 0..1"):
        load_programme(bad)
    bad.write_text(sjs.read_text("utf-8").replace('clause = "000 二(一)3"', 'clause = ""', 1), "utf-8")
    with pytest.raises(DataError, match="empty clause"):
        load_programme(bad)


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("bj-compute-voucher.toml", 'total_cap = {', 'total_cpa = {', r"award.total_cpa: unknown key \(did you mean 'total_cap'\?\)"),
    ("sjs-compute.toml", 'path = "company.compliance.dishonest_list"', 'path = "company.compliance.dishonset_list"',
     r"criteria\[3\].path: 'company.compliance.dishonset_list' is not a key of the company profile"),
    ("sjs-compute.toml", 'field = "purpose"', 'field = "purpse"', r"contract_checks\[0\].field: 'purpse' is not a key of \[\[contracts\]\]"),
    ("sjs-compute.toml", 'override = "llm_rd"', 'overide = "llm_rd"', r"contract_checks\[0\].overide: unknown key \(did you mean 'override'\?\)"),
    ("sjs-platform.toml", 'sum_field = "area_m2"', 'sum_field = "area"', r"area_limit.sum_field: 'area' is not a key of \[\[contracts\]\]"),
    ("sjs-platform.toml", 'path = "company.qualifications.platform_joint_builders", present = true',
     'path = "company.qualifications.joint_builders", present = true', r"required_if.path: 'company.qualifications.joint_builders'"),
    ("tz-model-voucher.toml", 'incurred_clause =', 'incured_clause =', r"cost_window.incured_clause: unknown key"),
    ("bda-model-voucher.toml", '[award]\n', '[award]\nevidense = 1\n', r"award.evidense: unknown key \(did you mean 'evidence'\?\)"),
    ("bj-compute-voucher.toml", 'from = "application.bj_direction"', 'from = "application.direction"', r"modes.from: 'application.direction'"),
])
def test_data_is_checked_like_configuration(tmp_path, name, old, new, message):
    """A misspelt key or a profile path the schema does not have is an error naming the key path,
    never a cap silently dropped or a programme pending for ever (issue 9)."""
    text = (DATA_DIR / "2025" / name).read_text("utf-8")
    assert old in text
    bad = tmp_path / name
    bad.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(DataError, match=message):
        load_programme(bad)


def test_every_shipped_data_file_loads():
    from subsidy_cli.plan import load_plan_rules
    assert len(load_round()) == 6 and load_plan_rules().rules
