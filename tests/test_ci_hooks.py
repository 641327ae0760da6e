"""The pre-commit hook and the CI examples do what they say (issue 14)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, SAMPLES


def test_the_pre_commit_hook_is_well_formed():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "subsidy-check" and hook["language"] == "python"
    assert hook["entry"] == "subsidy check" and hook["pass_filenames"] is False and hook["args"] == ["."]
    assert "subsidy" in (ROOT / "pyproject.toml").read_text("utf-8").split("[project.scripts]")[1]


@pytest.mark.parametrize(("dossier", "code"), [("sjs-compute", 0), ("sjs-compute-flawed-missing-settlement", 1)])
def test_the_hook_command_gates_a_commit(tmp_path, dossier, code):
    """What pre-commit runs: the entry with its args, in the dossier repository's root."""
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLES / dossier, repo)
    command = [sys.executable, "-m", "subsidy_cli", *hook["entry"].split()[1:], *hook["args"], "--no-cache"]
    proc = subprocess.run(command, cwd=repo, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == code, proc.stderr


def test_the_ci_examples_use_options_the_tool_has():
    text = (ROOT / "docs" / "ci.md").read_text("utf-8")
    for option in ("--format junit", "--format markdown", "--strict"):
        assert option in text
    proc = subprocess.run([sys.executable, "-m", "subsidy_cli", "check", "--help", "--lang", "en"],
                          capture_output=True, text=True, cwd=ROOT)
    assert "--strict" in proc.stdout and "junit" in proc.stdout
