"""A non-editable install runs every command (issue 9): the wheel carries the rules, the form maps,
the Word templates and the ledger template, and nothing is read from the source tree.

The wheel is built from this checkout and installed into a fresh virtual environment; the
third-party libraries come from the test run's own environment (no network), the package from
the wheel only. The commands run from a folder outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile

import pytest

from conftest import ROOT, SAMPLES


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp / "dist"), str(ROOT)], capture_output=True, text=True)
    if build.returncode != 0:
        pytest.fail(f"building the wheel failed: {build.stderr[-2000:]}")
    [wheel] = (tmp / "dist").glob("subsidy_cli-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"], "SUBSIDY_LANG": "en"}
    env.pop("SUBSIDY_DEBUG", None)
    work = tmp / "elsewhere"
    work.mkdir()
    return wheel, python, env, work


def run(installed, *args) -> subprocess.CompletedProcess:
    _, python, env, work = installed
    return subprocess.run([str(python), "-m", "subsidy_cli", *args], capture_output=True, text=True,
                          env=env, cwd=work, timeout=300)


def test_the_wheel_carries_the_data_files(installed):
    wheel = installed[0]
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("subsidy_cli/programmes/2025/sjs-compute.toml", "subsidy_cli/programmes/2025/combinations.toml",
                   "subsidy_cli/forms/tz_附件1-1.toml", "subsidy_cli/data/templates/tz_附件1-1_申报表.docx",
                   "subsidy_cli/data/templates/ledger.xlsx", "subsidy_cli/data/subsidy.template.toml", "subsidy_cli/data/subsidy.template.en.toml"):
        assert needed in names, needed


def test_the_installed_package_is_the_one_that_runs(installed):
    proc = subprocess.run([str(installed[1]), "-c", "import subsidy_cli; print(subsidy_cli.__file__)"],
                          capture_output=True, text=True, env=installed[2], cwd=installed[3])
    assert str(ROOT) not in proc.stdout and "site-packages" in proc.stdout


def test_every_command_runs_from_the_wheel(installed, tmp_path):
    _, _, _, work = installed
    dossier = work / "dossier"
    shutil.copytree(SAMPLES / "tz-compute-voucher", dossier)
    assert run(installed, "--help").returncode == 0
    assert run(installed, "programmes").returncode == 0
    proc = run(installed, "check", str(dossier), "-f", "json", "--no-cache")
    assert proc.returncode == 0, proc.stderr
    proc = run(installed, "calc", str(dossier), "--xlsx", str(work / "calc.xlsx"))
    assert proc.returncode == 0 and (work / "calc.xlsx").stat().st_size > 0, proc.stderr
    proc = run(installed, "fill", str(dossier), "-p", "tz-compute-voucher", "--out", str(work / "forms"))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (work / "forms").iterdir())
    proc = run(installed, "ledger", "export", str(dossier), "--out", str(work / "ledger.xlsx"))
    assert proc.returncode == 0 and (work / "ledger.xlsx").is_file(), proc.stderr
    proc = run(installed, "init", str(work / "new"))
    assert proc.returncode == 0 and (work / "new" / "subsidy.toml").is_file(), proc.stderr


def test_packaged_templates_are_the_generated_ones():
    """templates/ stays the source: the package's copies are byte-identical."""
    for source in sorted((ROOT / "templates").glob("*.docx")) + [ROOT / "templates" / "ledger.xlsx"]:
        packaged = ROOT / "subsidy_cli" / "data" / "templates" / source.name
        assert packaged.read_bytes() == source.read_bytes(), source.name
