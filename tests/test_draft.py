"""`subsidy draft DOSSIER` (issue 12): the profile written from the documents.

The sample dossiers' own subsidy.toml are the hand-written truth: the draft must reproduce their
contracts and records, load through the profile loader, and give the same award. A dossier whose
documents disagree (an invoice of another supplier, a slip to nobody, a copied sheet) is made from
real generated PDFs (sample_dossiers/generate.py's writers), and each disagreement must land in
the to-check list, never in the profile.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import shutil
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, run_cli
from subsidy_cli.draft import draft_dossier
from subsidy_cli.draft.write import draft_toml
from subsidy_cli.profile_template import template_text
from subsidy_cli.engine import evaluate_profile
from subsidy_cli.profile import load_profile, profile_from_dict

CLEAN = ["sjs-compute", "sjs-platform", "bj-compute-voucher", "tz-compute-voucher", "tz-model-voucher",
         "bda-model-voucher"]


def _generator():
    spec = importlib.util.spec_from_file_location("sample_generate_draft", SAMPLES / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    return gen


def _records(contract) -> dict:
    return {k: sorted((e.date, e.amount, e.number) for e in getattr(contract, k)) for k in ("deliveries", "invoices", "payments")}


@pytest.mark.parametrize("name", CLEAN)
def test_the_draft_reproduces_the_samples_contracts_and_records(name, tmp_path):
    draft = draft_dossier(SAMPLES / name)
    path = tmp_path / "subsidy.toml"
    path.write_text(draft_toml(draft, "zh"), "utf-8")
    drafted = load_profile(path)                       # the written TOML loads
    hand = load_profile(SAMPLES / name / "subsidy.toml")
    assert sorted(c.id for c in drafted.contracts) == sorted(c.id for c in hand.contracts)
    for mine in drafted.contracts:
        theirs = hand.contract(mine.id)
        assert _records(mine) == _records(theirs), mine.id
        for key in ("kind", "supplier", "signed_on", "start", "end", "amount", "compute_amount", "model_amount",
                    "hardware_amount", "scale_p", "accelerator", "purpose", "model_name", "area_m2"):
            assert mine.get(key) == theirs.get(key), (mine.id, key)
    assert drafted.get("company.name") == hand.get("company.name")
    assert drafted.get("company.credit_code") == hand.get("company.credit_code")


def _award_with_drafted_contracts(folder: Path) -> tuple[dict, dict]:
    """calc on the profile as written, and on it with its [[contracts]] replaced by the draft's
    (keeping `affiliated`, which no document states)."""
    from subsidy_cli.ledger import contracts_toml
    draft = draft_dossier(folder)
    text = (folder / "subsidy.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    old = {c["id"]: c for c in raw.get("contracts", [])}
    raw["contracts"] = tomllib.loads(contracts_toml([c.plain() for c in draft.contracts]))["contracts"]
    for c in raw["contracts"]:
        if "affiliated" in old.get(c["id"], {}):
            c["affiliated"] = old[c["id"]]["affiliated"]
    awards = lambda res: {r.programme.id: (r.status, r.award) for r in res.programmes}  # noqa: E731
    return (awards(evaluate_profile(load_profile(folder / "subsidy.toml"))),
            awards(evaluate_profile(profile_from_dict(raw, folder / "subsidy.toml"))))


@pytest.mark.parametrize("name", CLEAN + ["sjs-compute-scanned", "bj-compute-voucher-scanned-flawed-other-licence"])
def test_calc_on_the_draft_gives_the_hand_written_award(name):
    hand, drafted = _award_with_drafted_contracts(SAMPLES / name)
    assert drafted == hand


def test_a_missing_document_is_a_missing_record_not_an_invented_one():
    hand, drafted = _award_with_drafted_contracts(SAMPLES / "sjs-compute-flawed-missing-settlement")
    assert drafted["sjs-compute"][1] < hand["sjs-compute"][1]     # the deleted sheet's delivery is not there


def test_every_value_names_its_file_and_page():
    text = draft_toml(draft_dossier(SAMPLES / "sjs-compute"), "zh")
    assert 'name = "北京智算示例科技有限公司"' in text and "# 07_企业证照/营业执照.pdf p1" in text
    line = next(ln for ln in text.splitlines() if "2024-06-30, amount = 3000000" in ln)
    assert line.rstrip().endswith("# 04_结算单/结算单_HT-2024-001_2024-06-30.pdf p1")
    assert 'signed_on = 2024-03-01' in text
    assert "[company.qualifications]" in text and "# model_filing" in text      # init's placeholders


def test_scanned_values_are_marked_to_check():
    draft = draft_dossier(SAMPLES / "sjs-compute-scanned")
    text = draft_toml(draft, "zh")
    ocr = [t for t in draft.to_check if t.code == "draft.ocr"]
    assert {t.source.path for t in ocr} == {"02_合同/合同_HT-2024-001.pdf", "05_付款凭证/微信图片_20250314.jpg"}
    line = next(ln for ln in text.splitlines() if ln.startswith('id = "HT-2024-001"'))
    assert "待核对" in line and "OCR" in line
    copies = [t for t in draft.to_check if t.code == "draft.duplicate"]
    assert [t.source.path for t in copies] == ["04_结算单/结算单_HT-2024-001_2024-06-30 - 副本.pdf"]


@pytest.fixture(scope="module")
def disagreeing(tmp_path_factory) -> Path:
    """sjs-compute plus: an invoice of a supplier no contract names, a bank slip paying another
    company for a contract that is not in the dossier, a second copy of a settlement sheet and an
    invoice bought by another company; all real PDFs from the sample generator's writers."""
    gen = _generator()
    root = tmp_path_factory.mktemp("draft") / "disagree"
    shutil.copytree(SAMPLES / "sjs-compute", root)
    profile = tomllib.loads((root / "subsidy.toml").read_text("utf-8"))
    (root / "subsidy.toml").unlink()
    d = gen.Dossier("sjs-compute", profile, root)
    stranger = {"id": "HT-X-999", "kind": "compute", "supplier": "北京他人算力有限公司", "amount": "80万",
                "start": dt.date(2024, 1, 1), "end": dt.date(2024, 12, 31)}
    d.write_invoice(stranger, {"number": "24112000000000009999", "date": dt.date(2024, 8, 1), "amount": "80万"})
    d.write_payment(stranger, {"date": dt.date(2024, 8, 2), "amount": "80万"})
    known = profile["contracts"][0]
    d.write_invoice(known, {"number": "24112000000000008888", "date": dt.date(2024, 9, 1), "amount": "10万"},
                    buyer=("北京别家示例网络科技有限公司", gen.credit_code("91110105MA04P2LQ7")))
    d.write_contract({"id": "HT-Z-777", "kind": "compute", "supplier": "北京倒签示例算力有限公司", "amount": "100万",
                      "compute_amount": "120万", "signed_on": dt.date(2024, 4, 1), "start": dt.date(2025, 1, 1),
                      "end": dt.date(2024, 1, 1), "purpose": "大模型训练", "scale_p": 10, "accelerator": "A800"})
    sheet = root / "04_结算单" / "结算单_HT-2024-001_2024-06-30.pdf"
    shutil.copy(sheet, sheet.with_name("结算单_HT-2024-001_2024-06-30（1）.pdf"))
    return root


def test_documents_that_disagree_land_in_the_to_check_list(disagreeing):
    draft = draft_dossier(disagreeing)
    codes = {(t.code, t.source.path if t.source else None) for t in draft.to_check}
    assert ("draft.invoice_unknown_seller", "03_发票/24112000000000009999.pdf") in codes
    assert ("draft.payment_unknown_payee", "05_付款凭证/银行回单_HT-X-999_2024-08-02.pdf") in codes
    assert ("draft.invoice_other_buyer", "03_发票/24112000000000008888.pdf") in codes
    assert ("draft.duplicate", "04_结算单/结算单_HT-2024-001_2024-06-30（1）.pdf") in codes
    refused = {t.params["key"] for t in draft.to_check if t.code == "draft.refused"}
    assert refused == {"HT-Z-777 end", "HT-Z-777 compute_amount"}        # the loader's refusals, listed
    odd = next(c for c in draft.contracts if c.id == "HT-Z-777")
    assert "end" not in odd.facts and "compute_amount" not in odd.facts and odd.facts["start"].value == dt.date(2025, 1, 1)
    # none of them reached a contract
    numbers = {e["number"].value for c in draft.contracts for e in c.entries["invoices"]}
    assert not numbers & {"24112000000000009999", "24112000000000008888"}
    c = next(c for c in draft.contracts if c.id == "HT-2024-001")
    assert len(c.entries["deliveries"]) == 4 and len(c.entries["payments"]) == 2
    assert sum(len(x.entries["payments"]) for x in draft.contracts) == 3


def test_the_cli_prints_the_draft_and_lists_what_needs_a_person(capsys, disagreeing):
    before = sorted((p, p.stat().st_mtime_ns) for p in disagreeing.rglob("*"))
    code, out, err = run_cli(capsys, "draft", disagreeing)
    assert code == 0, err
    raw = tomllib.loads(out)
    assert [c["id"] for c in raw["contracts"]] == ["HT-2024-001", "HT-Z-777", "HT-2025-002"]   # as signed
    assert load_profile_text(out)
    assert "需人工核对" in err and "24112000000000009999" in err and "北京他人算力有限公司" in err
    assert not re.search(r"\b[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){3,}\b", err.replace(str(disagreeing), ""))  # no English
    assert "# 待核对" in out and "24112000000000009999" in out.split("# 待核对：以下内容")[1]
    assert sorted((p, p.stat().st_mtime_ns) for p in disagreeing.rglob("*")) == before   # the dossier untouched
    code, out, err = run_cli(capsys, "draft", disagreeing, "--lang", "en")
    assert "to check" in err and "no contract's supplier" in err


def load_profile_text(text: str):
    return profile_from_dict(tomllib.loads(text), "draft.toml", text)


def test_output_is_never_overwritten_without_force_but_an_untouched_template_is(capsys, tmp_path):
    out = tmp_path / "subsidy.toml"
    out.write_text("# mine\nschema = 1\n", "utf-8")
    code, _, err = run_cli(capsys, "draft", SAMPLES / "tz-compute-voucher", "-o", out)
    assert code == 2 and str(out) in err and "--force" in err
    assert out.read_text("utf-8") == "# mine\nschema = 1\n"
    code, _, err = run_cli(capsys, "draft", SAMPLES / "tz-compute-voucher", "-o", out, "--force")
    assert code == 0 and load_profile(out).contracts
    out.write_text(template_text(), "utf-8")            # what `subsidy init` wrote, untouched
    code, _, err = run_cli(capsys, "draft", SAMPLES / "tz-compute-voucher", "-o", out)
    assert code == 0 and load_profile(out).get("company.name") == "北京运河示例智能装备有限公司"


def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path):
    code, out, err = run_cli(capsys, "draft", tmp_path / "nowhere")
    assert code == 2 and err.count("\n") == 1 and "nowhere" in err and "Traceback" not in err
    code, out, err = run_cli(capsys, "draft", SAMPLES / "sjs-compute", "--into", tmp_path / "a.toml", "-o", tmp_path / "b.toml")
    assert code == 2 and err.count("\n") == 1


def test_into_adds_new_contracts_and_records_and_lists_conflicts(capsys, tmp_path):
    hand = (SAMPLES / "sjs-compute" / "subsidy.toml").read_text("utf-8")
    # the person's profile: the second contract missing, one payment missing, an amount typed differently
    head, second = hand.split('[[contracts]]\nid = "HT-2025-002"')
    head = head.replace('  { date = 2025-03-10, amount = "400万" },\n', "")
    head = head.replace('purpose = "通用大模型预训练"', 'purpose = "通用大模型预训练"   # 人工填写')
    head = head.replace('amount = "1200万"', 'amount = "1300万"')
    target = tmp_path / "subsidy.toml"
    target.write_text(head, "utf-8")
    code, out, err = run_cli(capsys, "draft", SAMPLES / "sjs-compute", "--into", target)
    assert code == 0, err
    text = target.read_text("utf-8")
    assert text.startswith(head.rstrip("\n").split("payments = [")[0])       # what the person wrote, as written
    assert "# 人工填写" in text and 'amount = "1300万"' in text                  # conflict: never overwritten
    merged = load_profile(target)
    assert [c.id for c in merged.contracts] == ["HT-2024-001", "HT-2025-002"]
    first = merged.contract("HT-2024-001")
    assert sorted(e.date for e in first.payments) == [dt.date(2024, 7, 10), dt.date(2025, 3, 10)]
    assert first.get("amount") == Decimal("13000000")
    assert "冲突" in err and "HT-2024-001" in err and "amount" in err
    assert "# 02_合同/合同_HT-2025-002.pdf p1" in text                          # the new contract, with sources
    assert "{ date = 2025-03-10, amount = 4000000 },  # 05_付款凭证/银行回单_HT-2024-001_2025-03-10.pdf p1" in text
    # a second run adds nothing
    code, out, err = run_cli(capsys, "draft", SAMPLES / "sjs-compute", "--into", target)
    assert code == 0 and target.read_text("utf-8") == text


def test_into_a_record_typed_a_day_off_is_a_conflict_not_a_second_copy(capsys, tmp_path):
    """A delivery the person typed on 2024-06-29 is the sheet's 2024-06-30 one: listed, never added
    again (a second copy would count 300万 twice)."""
    hand = (SAMPLES / "sjs-compute" / "subsidy.toml").read_text("utf-8")
    assert "{ date = 2024-06-30, amount = \"300万\" }" in hand
    target = tmp_path / "subsidy.toml"
    target.write_text(hand.replace("{ date = 2024-06-30, amount = \"300万\" }", "{ date = 2024-06-29, amount = \"300万\" }"), "utf-8")
    before = load_profile(target).contract("HT-2024-001")
    code, out, err = run_cli(capsys, "draft", SAMPLES / "sjs-compute", "--into", target)
    assert code == 0, err
    after = load_profile(target).contract("HT-2024-001")
    assert len(after.deliveries) == len(before.deliveries)
    assert "冲突" in err and "2024-06-29" in err and "2024-06-30" in err


def test_a_corrupt_file_is_named_not_read_as_a_record_of_nothing(capsys, tmp_path):
    dossier = tmp_path / "d"
    shutil.copytree(SAMPLES / "sjs-compute", dossier)
    (dossier / "subsidy.toml").unlink()
    contract = dossier / "02_合同" / "合同_HT-2025-002.pdf"
    contract.write_bytes(contract.read_bytes()[:2500])
    draft = draft_dossier(dossier, jobs=1, cache=False)
    assert [c.id for c in draft.contracts] == ["HT-2024-001"]              # no contract named after the file
    broken = [t for t in draft.to_check if t.code == "draft.unreadable"]
    assert [t.source.path for t in broken] == ["02_合同/合同_HT-2025-002.pdf"]
    code, out, err = run_cli(capsys, "draft", dossier, "--no-cache")
    assert "02_合同/合同_HT-2025-002.pdf：无法读取（文件已损坏" in err


def test_json_is_the_subsidy_draft_schema_and_the_same_data_in_zh_and_en(capsys):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "schemas" / "subsidy.draft-1.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    results = []
    for lang in ("zh", "en"):
        code, out, err = run_cli(capsys, "draft", SAMPLES / "sjs-compute-scanned", "-f", "json", "--lang", lang)
        assert code == 0, err
        data = json.loads(out)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
        assert not errors, errors[0].message
        results.append(data)
    zh, en = results
    for data in results:
        for t in data["to_check"]:
            t.pop("message")
    assert zh == en
    inv = zh["contracts"][0]["invoices"][0]
    assert inv["number"] == {"value": "24112000000000000001", "source": {"path": "03_发票/24112000000000000001.pdf", "page": 1}}
    assert zh["contracts"][0]["facts"]["amount"]["value"] == "12000000.00"
    assert zh["contracts"][0]["facts"]["amount"]["check"] == "draft.ocr"


def test_init_then_drop_the_files_then_draft_into_the_profile(capsys, tmp_path):
    """The consultant's workflow: init, drop the files, draft --into the profile init wrote (its
    blanks and untouched placeholders filled, nothing else changed), then check."""
    dossier = tmp_path / "client"
    assert run_cli(capsys, "init", dossier)[0] == 0
    for folder in (SAMPLES / "tz-compute-voucher").iterdir():
        if folder.is_dir():
            shutil.copytree(folder, dossier / folder.name, dirs_exist_ok=True)
    target = dossier / "subsidy.toml"
    target.write_text(target.read_text("utf-8").replace('# email = ""', 'email = "a@b.example"  # 我写的'), "utf-8")
    code, out, err = run_cli(capsys, "draft", dossier, "--into", target)
    assert code == 0, err
    text = target.read_text("utf-8")
    profile = load_profile(target)
    assert profile.get("company.name") == "北京运河示例智能装备有限公司"
    assert profile.get("company.registered_on") == dt.date(2018, 11, 6)
    # init's blank district lines ("" and []) are filled from the addresses, not listed as conflicts
    assert (profile.get("company.registered_district"), profile.get("company.operating_districts")) == ("通州区", ["通州区"])
    assert "operating_districts" not in err
    assert 'email = "a@b.example"  # 我写的' in text and "[company.qualifications]" in text
    assert [c.id for c in profile.contracts] == ["YH-SL-2024-09"] and len(profile.contracts[0].invoices) == 4
    code, out, err = run_cli(capsys, "check", dossier, "-f", "json")
    codes = set(re.findall(r'"code": "([a-z_.]+)"', out))
    assert code in (0, 1) and codes and not {c for c in codes if c.split(".")[0] in ("invoice", "payment", "settlement")}
