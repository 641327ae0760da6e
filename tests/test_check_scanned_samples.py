"""The scanned sample dossiers (sample_dossiers/*-scanned*): as generated, and each passing or
failing `subsidy check` for its own reason."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import SAMPLES
from subsidy_cli.scan import ocr
from test_check import check_json

spec = importlib.util.spec_from_file_location("sample_generate_scanned", SAMPLES / "generate.py")
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

SCANNED = [gen.scanned_name(pid, slug) for pid, variants in gen.SCANNED.items() for slug, _, _ in variants]


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    gen.generate(out, list(gen.SCANNED))
    return out


@pytest.mark.parametrize("dossier", SCANNED)
def test_committed_scanned_samples_match_the_generator(generated, dossier):
    committed, fresh = SAMPLES / dossier, generated / dossier
    assert _files(committed) == _files(fresh)
    for name in _files(fresh):     # scans too: pdfium's rendering and Pillow's JPEG are deterministic
        assert (committed / name).read_bytes() == (fresh / name).read_bytes(), name


def _all(data):
    return list(data["findings"]) + [f for p in data["programmes"] for f in p["findings"]]


def test_the_scanned_dossier_passes_with_the_copy_counted_once(capsys):
    code, data = check_json(capsys, SAMPLES / "sjs-compute-scanned", "--lang", "en")
    assert code == 0, [f for f in _all(data) if f["severity"] == "error"]
    [copy] = [f for f in _all(data) if f["code"] == "file.duplicate_copy"]
    assert copy["file"] == "04_结算单/结算单_HT-2024-001_2024-06-30 - 副本.pdf"
    files = {f["path"]: f for f in data["files"]}
    contract = files["02_合同/合同_HT-2024-001.pdf"]
    assert contract["type"] == "contract" and contract["seal"] == {"found": True, "page": 2}
    photo = files["05_付款凭证/微信图片_20250314.jpg"]
    assert photo["type"] == "payment_proof"
    if ocr.available():
        assert contract["fields"]["contract_number"] == "HT-2024-001" and contract["ocr"] is True
        assert (photo["fields"]["date"], photo["fields"]["amount"]) == ("2025-03-10", "4000000.00")


def test_a_copy_does_not_hide_the_missing_settlement(capsys):
    code, data = check_json(capsys, SAMPLES / "sjs-compute-scanned-flawed-copy-hides-missing-settlement", "--lang", "en")
    assert code == 1
    assert [f["code"] for f in _all(data) if f["severity"] == "error"] == ["settlement.missing"]
    [missing] = [f for f in _all(data) if f["code"] == "settlement.missing"]
    assert "on 2024-12-31" in missing["message"]


def test_another_companys_licence_fails(capsys):
    code, data = check_json(capsys, SAMPLES / "bj-compute-voucher-scanned-flawed-other-licence", "--lang", "en")
    assert code == 1
    assert sorted(f["code"] for f in _all(data) if f["severity"] == "error") == [
        "license.code_mismatch", "license.company_mismatch"]


def test_an_unstamped_undertaking_scan_with_a_red_logo_has_no_seal(capsys):
    dossier = SAMPLES / "sjs-platform-scanned-flawed-unstamped-scan"
    code, data = check_json(capsys, dossier, "--lang", "en")
    [f] = [f for f in _all(data) if f["code"] == "material.no_stamp"]
    assert f["file"] == "01_申报书/附4-2_承诺书.pdf" and f["severity"] == "warning"
    assert code == 0
    code, data = check_json(capsys, dossier, "--strict")
    assert code == 1
