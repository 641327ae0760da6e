"""The package's TOML data parsed once and kept in the user's cache: what comes back is what
tomllib gives, an edited file is parsed again, a damaged entry or a TOML error is no surprise."""

import tomllib
from pathlib import Path

import pytest

from subsidy_cli import tomldata
from subsidy_cli.rules import DATA_DIR

PACKAGE = Path(tomldata.__file__).parent
DATA_FILES = sorted(PACKAGE.rglob("*.toml"))

EVERY_TYPE = '''
title = "算力券 \\u0000 escaped"
when = 2025-03-01
at = 2025-03-01T08:30:00
zoned = 2025-03-01T08:30:00.123456+08:00
utc = 2025-03-01T00:00:00Z
clock = 07:45:10
rate = 0.3
big = 12345678901234567890
inf = inf
flag = true
[[contract]]
dates = [2024-01-01, 2024-12-31]
nested = { a = [1, 2.5, "x"], b = 1979-05-27 }
'''


@pytest.fixture(autouse=True)
def _cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _entries(tmp_path) -> list[Path]:
    return sorted((tmp_path / "cache" / "subsidy" / tomldata.FOLDER).rglob("*.json"))


def test_every_toml_type_comes_back_as_tomllib_gives_it(tmp_path):
    first = tomldata.loads(EVERY_TYPE)
    assert len(_entries(tmp_path)) == 1
    again = tomldata.loads(EVERY_TYPE)
    expected = tomllib.loads(EVERY_TYPE)
    assert first == again == expected
    assert type(again["when"]) is type(expected["when"]) and again["zoned"].utcoffset() == expected["zoned"].utcoffset()


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_data_file_of_the_package_round_trips(path, tmp_path):
    text = path.read_text(encoding="utf-8")
    tomldata.loads(text)
    assert tomldata.loads(text) == tomllib.loads(text)


def test_an_edited_file_is_parsed_again(tmp_path):
    text = (DATA_DIR / "2025" / "sjs-compute.toml").read_text(encoding="utf-8")
    tomldata.loads(text)
    edited = text.replace("schema = 1", "schema = 2", 1)
    assert tomldata.loads(edited)["schema"] == 2 and len(_entries(tmp_path)) == 2


@pytest.mark.parametrize("damage", [b"", b"{", b"[1, 2]", b'{"a": {"\\u0000toml": "year", "iso": "x"}}'])
def test_a_damaged_entry_is_parsed_again(tmp_path, damage):
    tomldata.loads(EVERY_TYPE)
    [entry] = _entries(tmp_path)
    entry.write_bytes(damage)
    assert tomldata.loads(EVERY_TYPE) == tomllib.loads(EVERY_TYPE)


def test_a_toml_error_is_tomllibs_and_nothing_is_cached(tmp_path):
    with pytest.raises(tomllib.TOMLDecodeError):
        tomldata.loads("schema = = 1")
    assert _entries(tmp_path) == []


def test_an_unwritable_cache_is_no_error(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))     # a file where the folder should be
    assert tomldata.loads(EVERY_TYPE) == tomllib.loads(EVERY_TYPE)


def test_a_profile_is_parsed_from_the_cache_but_never_into_its_own_folder(tmp_path, monkeypatch):
    from subsidy_cli.profile import load_profile
    sample = Path(__file__).resolve().parents[1] / "sample_dossiers" / "sjs-compute" / "subsidy.toml"
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    (dossier / "subsidy.toml").write_bytes(sample.read_bytes())
    first = load_profile(dossier / "subsidy.toml")
    assert len(_entries(tmp_path)) == 1
    assert load_profile(dossier / "subsidy.toml").contracts == first.contracts
    monkeypatch.setenv("XDG_CACHE_HOME", str(dossier / ".cache"))      # a cache inside the dossier
    assert load_profile(dossier / "subsidy.toml").contracts == first.contracts
    assert not (dossier / ".cache").exists()


@pytest.mark.parametrize("command", ["check", "scan", "draft"])
def test_no_cache_writes_nothing_to_the_cache(tmp_path, command):
    import subprocess
    import sys
    import os
    sample = Path(__file__).resolve().parents[1] / "sample_dossiers" / "sjs-compute"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-m", "subsidy_cli", command, str(sample), "--no-cache", "-j", "1"],
                   env=env, capture_output=True, check=False)
    assert not (tmp_path / "cache").exists()
    subprocess.run([sys.executable, "-m", "subsidy_cli", command, str(sample), "-j", "1"], env=env,
                   capture_output=True, check=False)
    assert (tmp_path / "cache" / "subsidy" / tomldata.FOLDER).is_dir()        # and without it, does


@pytest.mark.parametrize("command", [["check", "{d}"], ["scan", "{d}"], ["draft", "{d}"], ["calc", "{d}/subsidy.toml"],
                                     ["plan", "{d}"], ["eligible", "{d}"]])
def test_a_cache_inside_the_dossier_is_never_written(tmp_path, command):
    """XDG_CACHE_HOME inside the dossier: nothing is written there (found by review: the package
    data's parsed TOML was, and the next scan listed it as a material)."""
    import os
    import shutil
    import subprocess
    import sys
    d = tmp_path / "d"
    shutil.copytree(Path(__file__).resolve().parents[1] / "sample_dossiers" / "sjs-compute", d)
    before = sorted(p.relative_to(d) for p in d.rglob("*"))
    env = {**os.environ, "XDG_CACHE_HOME": str(d / "cache")}
    subprocess.run([sys.executable, "-m", "subsidy_cli", *(a.replace("{d}", str(d)) for a in command)], env=env,
                   capture_output=True, check=False, cwd=tmp_path)
    assert sorted(p.relative_to(d) for p in d.rglob("*")) == before


def test_a_cache_folder_removed_while_the_process_runs_is_made_again(tmp_path):
    """write_json remembers the folders it made (no mkdir per entry); one deleted meanwhile (the
    cache cleared during a long portfolio check) is made again, not silently left unwritten."""
    import shutil

    from subsidy_cli.usercache import write_json
    folder = tmp_path / "cache" / "ab"
    assert write_json(folder / "one.json", {"a": 1})
    shutil.rmtree(tmp_path / "cache")
    assert write_json(folder / "two.json", {"b": 2})
    assert (folder / "two.json").read_text("utf-8") == '{"b": 2}'
    assert not [p for p in folder.iterdir() if p.suffix == ".tmp"]
