"""Red seals found by colour (scan/seal.py) on generated pages, and what check makes of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import docgen
from subsidy_cli.scan import scan_dossier
from subsidy_cli.scan.seal import seal_of_image, seal_of_pdf
from test_check import SAMPLES, check_json

pytest.importorskip("pypdfium2")
pytest.importorskip("PIL")

ALL = ("heading", "logo", "pie", "pen_circle", "paid", "signature")


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.mark.parametrize("seal", ["round", "oval", "faint"])
def test_a_seal_is_found_among_red_distractors_digital_scanned_and_photographed(tmp_path, seal):
    page = docgen.stamped_page(tmp_path / "p.pdf", seal=seal, distractors=ALL)
    assert seal_of_pdf(str(page)) == {"found": True, "page": 1}
    scan = docgen.image_only_pdf(page, tmp_path / "scan.pdf", angle=1.5, noise=40)
    assert seal_of_pdf(str(scan), scanned=True) == {"found": True, "page": 1}
    docgen.scan_image(page, dpi=120, angle=-2, noise=30).save(tmp_path / "photo.jpg", quality=70)
    assert seal_of_image(str(tmp_path / "photo.jpg")) == {"found": True, "page": 1}


@pytest.mark.parametrize("distractors", [(d,) for d in ALL] + [ALL])
def test_red_things_that_are_no_seal_are_not_taken_for_one(tmp_path, distractors):
    page = docgen.stamped_page(tmp_path / "p.pdf", seal=None, distractors=distractors)
    assert seal_of_pdf(str(page)) == {"found": False}
    scan = docgen.image_only_pdf(page, tmp_path / "scan.pdf", angle=1.5, noise=40)
    assert seal_of_pdf(str(scan), scanned=True) == {"found": False}


def test_a_greyscale_scan_cannot_verify_a_seal(tmp_path):
    page = docgen.stamped_page(tmp_path / "p.pdf", seal="round")
    grey = docgen.image_only_pdf(page, tmp_path / "grey.pdf", grey=True)
    assert seal_of_pdf(str(grey), scanned=True) == {"found": None, "reason": "greyscale"}
    plain = docgen.stamped_page(tmp_path / "plain.pdf", seal=None)
    assert seal_of_pdf(str(plain)) == {"found": False}          # born digital, black: simply no seal


def test_the_seal_is_on_the_last_page_first(tmp_path):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for name, seal in (("a.pdf", None), ("b.pdf", None), ("c.pdf", "round")):
        w.add_page(PdfReader(docgen.stamped_page(tmp_path / name, seal=seal)).pages[0])
    w.write(tmp_path / "three.pdf")
    assert seal_of_pdf(str(tmp_path / "three.pdf")) == {"found": True, "page": 3}


def test_scan_reports_the_seal_of_stamped_materials_only(tmp_path):
    d = tmp_path / "d"
    docgen.stamped_page(d / "承诺书.pdf", seal="round")
    docgen.stamped_page(d / "承诺书_无章.pdf", seal=None, distractors=("logo",))
    docgen.stamped_page(d / "结算单.pdf", seal="round", title="结算单")
    got = {f.path: f.to_json() for f in scan_dossier(d, jobs=1)}
    assert got["承诺书.pdf"]["seal"] == {"found": True, "page": 1}
    assert got["承诺书_无章.pdf"]["seal"] == {"found": False} and got["承诺书_无章.pdf"]["has_image"] is False
    assert "seal" not in got["结算单.pdf"]


def _undertaking(dossier: Path) -> Path:
    return next(p for p in sorted(dossier.rglob("*承诺书*.pdf")))


def test_a_logo_is_no_seal_and_a_greyscale_scan_asks_for_a_look(capsys, tmp_path):
    dossier = tmp_path / "sjs-platform"
    shutil.copytree(SAMPLES / "sjs-platform", dossier)
    code, data = check_json(capsys, dossier)
    assert code == 0 and not [f for p in data["programmes"] for f in p["findings"] if "stamp" in f["code"]]
    target = _undertaking(dossier)
    logo = docgen.stamped_page(tmp_path / "logo.pdf", seal=None, distractors=("logo",))
    docgen.image_only_pdf(logo, target)                          # a scan with a red logo, no seal
    code, data = check_json(capsys, dossier, "--lang", "en")
    [f] = [f for p in data["programmes"] for f in p["findings"] if f["code"] == "material.no_stamp"]
    assert f["file"] == str(target.relative_to(dossier))
    docgen.image_only_pdf(docgen.stamped_page(tmp_path / "s.pdf", seal="round"), target, grey=True)
    code, data = check_json(capsys, dossier, "--lang", "en")
    [f] = [f for p in data["programmes"] for f in p["findings"] if f["code"].startswith("material.")
           and "stamp" in f["code"]]
    assert f["code"] == "material.stamp_unverified" and f["severity"] == "info"
