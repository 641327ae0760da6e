"""Encrypted PDFs (issue 13): an owner password only, which every viewer opens, is read (AES
included: pypdf needs `cryptography`, now declared); a user password is file.encrypted."""

from __future__ import annotations

import pytest
from pypdf import PdfReader, PdfWriter

from conftest import SAMPLES
from subsidy_cli.scan import scan_dossier

INVOICE = SAMPLES / "sjs-compute" / "03_发票" / "24112000000000000001.pdf"


@pytest.fixture(autouse=True)
def _cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _encrypt(dest, user: str, algorithm: str) -> None:
    w = PdfWriter(clone_from=PdfReader(INVOICE))
    w.encrypt(user_password=user, owner_password="owner-secret", algorithm=algorithm)
    with open(dest, "wb") as f:
        w.write(f)


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_owner_password_only_is_read_and_a_user_password_is_encrypted(tmp_path, algorithm):
    root = tmp_path / "d"
    root.mkdir()
    _encrypt(root / "owner_only.pdf", "", algorithm)
    _encrypt(root / "user_password.pdf", "secret", algorithm)
    files = {f.path: f for f in scan_dossier(root, jobs=1, cache=False)}
    owner = files["owner_only.pdf"]
    assert owner.type == "invoice" and owner.fields["invoice_number"] == "24112000000000000001"
    assert not [p for p in owner.problems if p.severity == "error"]
    assert [p.code for p in files["user_password.pdf"].problems] == ["file.encrypted"]
