"""`subsidy plan`: who may apply for what, what excludes what, and the best combination."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest

from conftest import SAMPLES
from subsidy_cli.cli import main
from subsidy_cli.engine import evaluate, evaluate_profile
from subsidy_cli.errors import DataError
from subsidy_cli.plan import (PLAN_SCHEMA, contract_awards, load_plan_rules, parse_plan_rules,
                              plan_profile)
from subsidy_cli.profile import load_profile, profile_from_dict
from subsidy_cli.rules import DATA_DIR, load_round
from test_cases import _params, build_profile

SJS = SAMPLES / "sjs-compute" / "subsidy.toml"


def run(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def sjs_text(**replace: str) -> str:
    text = SJS.read_text("utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text


# --- the rules are data --------------------------------------------------------------------------

def test_plan_rules_are_data_with_clauses_and_not_read_as_a_programme():
    rules = load_plan_rules()
    assert len(load_round()) == 6 and (DATA_DIR / "2025" / "combinations.toml").is_file()
    kinds = {r.kind for r in rules.rules}
    assert {"location", "one_choice", "no_level", "contract_ceiling", "exclusive_issuer",
            "contract_once", "one_box_per_form"} <= kinds
    assert all(r.clause.strip() and r.label["zh"] and r.label["en"] for r in rules.rules)
    assert set(rules.programmes) == set(load_round())


@pytest.mark.parametrize(("text", "message"), [
    ('schema = 1\n[[exclusions]]\nid = "x"\nkind = "one_of"\nlabel = {zh = "a", en = "a"}\nprogrammes = ["sjs-compute"]\n', "missing 'clause'"),
    ('schema = 1\n[[exclusions]]\nid = "x"\nkind = "nope"\nclause = "1"\nlabel = {zh = "a", en = "a"}\n', "unknown kind 'nope'"),
    ('schema = 1\n[[exclusions]]\nid = "x"\nkind = "one_of"\nclause = "1"\nlabel = {zh = "a", en = "a"}\nprogrammes = ["zz"]\n', "unknown programme 'zz'"),
    ('schema = 1\n[programmes.sjs-compute]\nlevel = "city"\n', "expected national, municipal or district"),
    ('schema = 2\n', "schema"),
])
def test_broken_plan_rules_name_the_key(text, message):
    with pytest.raises(DataError) as exc:
        parse_plan_rules(text, load_round())
    assert message in str(exc.value) and str(exc.value).startswith("combinations.toml: ")


# --- per-contract awards ----------------------------------------------------------------------------

def test_contract_awards_sum_to_each_award_for_samples_and_cases():
    results = []
    for folder in sorted(p for p in SAMPLES.iterdir() if (p / "subsidy.toml").is_file()):
        results += evaluate_profile(load_profile(folder / "subsidy.toml"), list(load_round())).programmes
    for param in _params():
        data, case = param.values
        results += evaluate_profile(build_profile(data, case, case["name"]), [data["programme"]]).programmes
    checked = 0
    for r in results:
        awards = contract_awards(r)
        if r.award > 0:
            assert sum(awards.values()) == r.award, (r.programme.id, awards, r.award)
            assert all(v > 0 and v == v.quantize(Decimal("0.01")) for v in awards.values())
            assert set(awards) <= contract_ids(r.explain)
            checked += 1
        else:
            assert awards == {}
    assert checked > 100


def contract_ids(tree: dict) -> set[str]:
    """The contracts in the explanation tree, read from its language-free labels (code + params)."""
    return {n["label"].params["id"] for n in _walk(tree) if n["label"].code == "explain.contract"}


def _walk(n):
    yield n
    for c in n.get("children", []):
        yield from _walk(c)


def test_contract_awards_share_a_binding_year_cap_in_proportion():
    r = evaluate_profile(load_profile(SAMPLES / "tz-model-voucher" / "subsidy.toml")).programmes[0]
    awards = contract_awards(r)
    assert r.years[0]["binding"] and sum(awards.values()) == r.award == Decimal("300000.00")
    assert len(awards) == 2


# --- the plan ---------------------------------------------------------------------------------------

def test_sample_plan_combines_district_and_bj_with_the_ceiling_counting_district_awards():
    result = plan_profile(load_profile(SJS))
    assert result.best.ids == ["sjs-compute", "bj-compute-voucher"]
    assert result.best.total == Decimal("6575000.00")
    bj = next(v for v in result.best.variants if v.prog.id == "bj-compute-voucher")
    assert bj.choice == {"application.bj_direction": "agent"}     # training / maas miss the 8000万 minimum
    by = {}
    for a in result.best.allocation:
        by.setdefault(a.programme, Decimal(0))
        by[a.programme] += a.award
        assert a.steps and any("×" in e for e in a.explain("zh"))
    assert by == {pid: r.award for pid, r in result.best.results.items()}
    note = next(n for n in result.best.notes if n["rule"] == "bj-ceiling")
    assert note["counted"] == {"HT-2024-001": "1925000.00", "HT-2025-002": "1800000.00"}
    may = {p.prog.id: p.may_apply for p in result.programmes}
    assert may == {"sjs-compute": True, "sjs-platform": True, "bj-compute-voucher": True,
                   "tz-compute-voucher": False, "tz-model-voucher": False, "bda-model-voucher": False}


def test_other_awards_in_the_plan_make_the_bj_ceiling_bind(write_profile):
    """With 150万 of district support already on HT-2024-001, the sjs award pushes bj below 20%."""
    text = sjs_text() + '\n[[support]]\ncontract = "HT-2024-001"\nlevel = "district"\namount = "150万"\n'
    prof = load_profile(write_profile(text))
    result = plan_profile(prof)
    assert "bj-compute-voucher" in result.best.ids and "sjs-compute" in result.best.ids
    progs = load_round()
    bj_alone = next(p for p in result.programmes if p.prog.id == "bj-compute-voucher").best.standalone.award
    bj_plan = result.best.results["bj-compute-voucher"].award
    assert bj_plan < bj_alone
    sjs = contract_awards(result.best.results["sjs-compute"])
    variant = dataclasses.replace(prof, data={**prof.data, "application": {**prof.data["application"], "bj_direction": "agent"}})
    direct = evaluate(variant, progs["bj-compute-voucher"], extra_support=sjs)
    assert direct.award == bj_plan
    # HT-2024-001: base 6,416,666.67; 50% x base − 1,500,000 − 1,925,000 < 20% x base
    explain = json.dumps(direct.to_json()["explain"], ensure_ascii=False)
    assert "3425000.00" in explain


def test_a_contract_is_not_funded_twice_at_district_level(write_profile):
    text = sjs_text(**{'operating_districts = ["石景山区"]': 'operating_districts = ["石景山区", "通州区"]',
                       'programmes = ["sjs-compute"]': 'programmes = ["sjs-compute"]\nfield = "工业"'})
    result = plan_profile(load_profile(write_profile(text)))
    tz = next(p for p in result.programmes if p.prog.id == "tz-compute-voucher")
    assert tz.may_apply and tz.best.standalone.award == Decimal("500000.00")
    assert "tz-compute-voucher" not in result.best.ids and "sjs-compute" in result.best.ids
    both = next(c for c in result.alternatives + [result.best]
                if {"sjs-compute", "tz-compute-voucher"} <= set(c.ids))
    assert both.results["tz-compute-voucher"].award == 0
    assert any(n["rule"] == "district-contract-once" and n["programme"] == "tz-compute-voucher" for n in both.notes)


def test_one_of_no_level_and_exclusive_issuer_rules_from_data():
    progs = load_round()
    base = (DATA_DIR / "2025" / "combinations.toml").read_text("utf-8")
    prof = load_profile(SJS)
    one_of = base + '\n[[exclusions]]\nid = "x"\nkind = "one_of"\nprogrammes = ["sjs-compute", "bj-compute-voucher"]\nclause = "test"\nlabel = { zh = "二选一", en = "one of" }\n'
    assert plan_profile(prof, rules=parse_plan_rules(one_of, progs)).best.ids == ["sjs-compute"]
    municipal = base.replace('[programmes.sjs-compute]\nlevel = "district"', '[programmes.sjs-compute]\nlevel = "municipal"')
    assert plan_profile(prof, rules=parse_plan_rules(municipal, progs)).best.ids == ["sjs-compute"]
    issuer = base.replace('[programmes.sjs-compute]\nlevel = "district"\ndistrict = "石景山区"\nissuer = "sjs"',
                          '[programmes.sjs-compute]\nlevel = "district"\ndistrict = "石景山区"\nissuer = "bda"')
    assert issuer != base
    rules = parse_plan_rules(issuer, progs)
    raw = {"schema": 1, "company": {"operating_districts": ["石景山区", "经开区"]}}
    assert plan_profile(profile_from_dict(raw), rules=rules).best.ids == []


def test_a_stated_direction_is_not_second_guessed():
    result = plan_profile(load_profile(SAMPLES / "bj-compute-voucher" / "subsidy.toml"))
    assert result.best.ids == ["bj-compute-voucher"] and result.best.total == Decimal("14450000.00")
    assert result.best.variants[0].choice == {}
    effect = next(e for e in result.rule_effects if e["id"] == "bj-one-direction")
    assert "training" in effect["effect"]


# --- the command ------------------------------------------------------------------------------------

def test_plan_json_contract(capsys):
    code, out, err = run(capsys, "plan", str(SJS.parent), "--format", "json", "--lang", "en")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == PLAN_SCHEMA == "subsidy.plan/1"
    assert data["plan"]["total"] == "6575000.00"
    assert [p["id"] for p in data["plan"]["programmes"]] == ["sjs-compute", "bj-compute-voucher"]
    row = {p["id"]: p for p in data["programmes"]}
    assert row["tz-compute-voucher"]["may_apply"] is False
    assert any(r["status"] == "fail" and r["clause"] for r in row["tz-compute-voucher"]["reasons"])
    assert row["bj-compute-voucher"]["assumed"] == {"application.bj_direction": "agent"}
    assert {r["id"] for r in data["rules"]} >= {"location", "bj-one-direction", "bj-ceiling", "bda-exclusive", "tz-one-box"}
    assert all(r["clause"] for r in data["rules"])
    alloc = data["plan"]["allocation"]
    assert {(a["contract"], a["programme"]) for a in alloc} == {
        ("HT-2024-001", "sjs-compute"), ("HT-2024-001", "bj-compute-voucher"),
        ("HT-2025-002", "sjs-compute"), ("HT-2025-002", "bj-compute-voucher")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_table(capsys, lang):
    code, out, err = run(capsys, "plan", str(SJS), "--lang", lang)
    assert code == 0, err
    assert ("组合合计" if lang == "zh" else "Plan total") in out and "¥6,575,000.00" in out
    assert "002 二(三)" in out and "HT-2024-001" in out


def test_plan_tz_both_vouchers_need_two_forms(capsys):
    code, out, _ = run(capsys, "plan", str(SAMPLES / "tz-compute-voucher"), "-f", "json")
    data = json.loads(out)
    effect = next(r for r in data["rules"] if r["id"] == "tz-one-box")
    assert effect["programmes"] == ["tz-compute-voucher", "tz-model-voucher"] and effect["effect"]


def test_plan_bad_profile_is_exit_2(capsys, write_profile):
    code, out, err = run(capsys, "plan", str(write_profile("[company\n")))
    assert code == 2 and out == "" and err.count("\n") == 1


def test_plan_json_is_the_same_in_both_languages_but_for_names(capsys):
    """The allocation is data (the engine's typed award lines), not text made in one language."""
    from subsidy_cli.cli import main
    outs = []
    for lang in ("zh", "en"):
        with pytest.raises(SystemExit):
            main(["plan", str(SJS), "-f", "json", "--lang", lang])
        outs.append(json.loads(capsys.readouterr().out))
    zh, en = outs
    assert zh["plan"]["allocation"] == en["plan"]["allocation"]
    steps = zh["plan"]["allocation"][0]["steps"]
    assert steps and {"year", "base", "rate", "value", "ceiling", "amount"} <= set(steps[0])


def test_plan_and_workbook_read_typed_lines_not_labels_or_private_engine_code():
    """Issue 9: plan and workbook take the engine's data (lines, decisions), nothing private."""
    import ast
    from conftest import ROOT
    for name in ("plan.py", "workbook.py"):
        tree = ast.parse((ROOT / "subsidy_cli" / name).read_text("utf-8"))
        for n in ast.walk(tree):
            if isinstance(n, ast.ImportFrom) and n.module and "engine" in n.module:
                assert n.module in {"engine", "engine.criteria"}, (name, n.module)
                assert not any(a.name.startswith("_") for a in n.names), (name, [a.name for a in n.names])
        text = (ROOT / "subsidy_cli" / name).read_text("utf-8")
        assert "explain" not in text.replace("explain_text", "").replace("def explain", "").replace(".explain(", ""), name
