"""Hostile profiles (issue 13): links out of the dossier, pipes, huge files, escape codes.

A consultant runs the tool on folders strangers made; none of these may hang, read what the
dossier does not hold, or act on the terminal.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLES
from conftest import run_cli as run




@pytest.fixture
def linked_dossier(tmp_path):
    """A dossier whose subsidy.toml is a link to a file outside it holding a secret key."""
    (tmp_path / "secret.toml").write_text("[company]\nSECRETMARKER = 1\n", "utf-8")
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    (dossier / "subsidy.toml").symlink_to(tmp_path / "secret.toml")
    return dossier


@pytest.mark.parametrize("command", [["calc"], ["check"], ["scan"], ["eligible"], ["plan"]])
def test_a_profile_linked_from_outside_the_dossier_is_refused(capsys, linked_dossier, command, monkeypatch):
    monkeypatch.setenv("SUBSIDY_LANG", "en")
    code, out, err = run(capsys, *command, str(linked_dossier))
    assert code == 2, err
    assert "SECRETMARKER" not in out + err
    assert "is a link to a file outside the dossier" in err and err.count("\n") == 1


def test_a_link_inside_the_dossier_is_read(capsys, tmp_path):
    dossier = tmp_path / "d"
    dossier.mkdir()
    (dossier / "real.toml").write_text((SAMPLES / "sjs-compute" / "subsidy.toml").read_text("utf-8"), "utf-8")
    (dossier / "subsidy.toml").symlink_to(dossier / "real.toml")
    code, out, _ = run(capsys, "calc", str(dossier), "-p", "sjs-compute", "-f", "json")
    assert code == 0 and '"award": "3725000.00"' in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", ["calc", "plan", "eligible", "fill"])
def test_a_named_pipe_profile_does_not_hang(tmp_path, command):
    fifo = tmp_path / "subsidy.toml"
    os.mkfifo(fifo)
    args = [sys.executable, "-m", "subsidy_cli", command, str(fifo), "--lang", "en"]
    if command == "fill":
        args += ["--out", str(tmp_path / "out")]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "not a regular file" in proc.stderr


def test_a_huge_sparse_profile_is_refused_before_it_is_read(capsys, tmp_path):
    big = tmp_path / "subsidy.toml"
    with open(big, "wb") as f:
        f.truncate(2 * 1024 ** 3)          # 2 GB of nothing: must not be read into memory
    code, _, err = run(capsys, "calc", str(big), "--lang", "en")
    assert code == 2 and "too large (2147483648 bytes, the limit is 67108864)" in err


def test_control_characters_from_the_profile_never_reach_the_terminal(capsys, tmp_path):
    profile = tmp_path / "subsidy.toml"
    profile.write_text('[company]\n"a\\nb" = 1\nname = "X\\u001b[2J"\n', "utf-8")
    code, out, err = run(capsys, "calc", str(profile), "-p", "sjs-compute")
    assert code == 0 and "\x1b" not in out + err
    assert "X\\x1b[2J" in out and "company.a\\x0ab" in out
    profile.write_text('[company."a\\nb"]\nx = 1\n[company.compliance]\n"\\u001b[31m" = [1\n', "utf-8")
    code, _, err = run(capsys, "calc", str(profile))
    assert code == 2 and "\x1b" not in err and err.count("\n") == 1


def test_thousands_of_entries_with_unknown_keys_load_and_name_their_lines(capsys, tmp_path):
    """Each unknown key is placed on its own line (the array is read once, not once per entry)."""
    rows = "\n".join('  { date = 2024-06-30, amount = "1万", bar = 2 },' for _ in range(4000))
    profile = tmp_path / "subsidy.toml"
    profile.write_text(f'schema = 1\n[[contracts]]\nid = "C1"\nkind = "compute"\ndeliveries = [\n{rows}\n]\n', "utf-8")
    code, out, _ = run(capsys, "calc", str(profile), "-p", "sjs-compute", "-f", "json", "--lang", "en")
    assert code == 0
    assert "line 4005: unknown key contracts.0.deliveries.3999.bar" in out


# --- fill --out (issue 13) ------------------------------------------------------------------------------

@pytest.mark.parametrize("case", ["under a file", "a file", "dangling link", "control characters", "long name"])
def test_fill_out_is_one_line_or_a_clean_write(capsys, tmp_path, case):
    dossier = tmp_path / "dossier"
    import shutil
    shutil.copytree(SAMPLES / "tz-compute-voucher", dossier)
    (tmp_path / "afile").write_text("x")
    out = {"under a file": tmp_path / "afile" / "sub", "a file": tmp_path / "afile",
           "dangling link": tmp_path / "dangling", "control characters": tmp_path / "x\x1b[2Jy",
           "long name": tmp_path / "out"}[case]
    if case == "dangling link":
        out.symlink_to(tmp_path / "nowhere")
    if case == "long name":
        text = (dossier / "subsidy.toml").read_text("utf-8")
        (dossier / "subsidy.toml").write_text(text.replace('name = "北京运河示例智能装备有限公司"', 'name = "' + "长" * 120 + '"', 1), "utf-8")
    code, stdout, err = run(capsys, "fill", str(dossier), "-p", "tz-compute-voucher", "--out", str(out), "--lang", "en")
    assert "\x1b" not in stdout + err and "Traceback" not in err and "internal error" not in err
    if case in ("control characters", "long name"):
        assert code == 0, err
        assert len(list(out.glob("*.docx"))) == 2 and all(len(p.name.encode()) <= 255 for p in out.iterdir())
    else:
        assert code == 2 and err.count("\n") == 1, err
