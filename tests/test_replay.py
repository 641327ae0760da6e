"""A re-check of an unchanged dossier is answered from its recorded result (replay.py), and any
change to what the result depends on runs the check in full again."""

import json
import os
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from subsidy_cli import replay


@pytest.fixture
def cache(tmp_path, monkeypatch):
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setattr(replay, "RACY_SECONDS", 0.0)      # files trusted as in a real dossier
    return home / "subsidy" / replay.FOLDER


def run(capsys, monkeypatch, *args) -> tuple[int, str, str]:
    """The console script as a user runs it: (exit code, stdout, stderr)."""
    from subsidy_cli.entry import main
    monkeypatch.setattr(sys, "argv", ["subsidy", *map(str, args)])
    monkeypatch.setattr(replay, "ARGV", None)
    with pytest.raises(SystemExit) as exc:
        main()
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def replayed(*args) -> int | None:
    """The exit code a replay gives for this command line (it prints the output), else None."""
    return replay.replay([str(a) for a in args])


@pytest.mark.parametrize("fmt", ["json", "junit"])
def test_a_recheck_prints_the_recorded_result_and_exit_code(dossier_copy, cache, capsys, monkeypatch, fmt):
    d = dossier_copy("sjs-compute-flawed-missing-settlement")
    code, out, _ = run(capsys, monkeypatch, "check", d, "--format", fmt)
    assert code == 1 and out
    assert replayed("check", d, "--format", fmt) == 1
    assert capsys.readouterr().out == out
    assert run(capsys, monkeypatch, "check", d, "--format", fmt) == (1, out, "")


def test_a_clean_dossier_replays_exit_0(dossier_copy, cache, capsys, monkeypatch):
    d = dossier_copy("tz-compute-voucher")
    code, out, _ = run(capsys, monkeypatch, "check", d, "-f", "json")
    assert code == 0 and json.loads(out)["summary"]["exit_code"] == 0
    assert replayed("check", d, "-f", "json") == 0


def _rewrite_in_place(path):
    """New bytes of the same size under the old modification time: only the change time tells."""
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[-2] = ord("x") if data[-2] != ord("x") else ord("y")
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize("change", ["profile", "rewritten", "added", "removed", "renamed", "hidden"])
def test_any_change_to_the_dossier_runs_the_check_again(dossier_copy, cache, capsys, monkeypatch, change):
    d = dossier_copy("tz-compute-voucher")
    run(capsys, monkeypatch, "check", d, "-f", "json")
    assert replayed("check", d, "-f", "json") == 0
    capsys.readouterr()
    some = sorted(p for p in d.rglob("*.pdf"))[0]
    if change == "profile":
        toml = d / "subsidy.toml"
        toml.write_text(toml.read_text("utf-8").replace("[company]", "[company]\n# edited", 1), "utf-8")
    elif change == "rewritten":
        _rewrite_in_place(some)
    elif change == "added":
        (some.parent / "另一份结算单.pdf").write_bytes(some.read_bytes())
    elif change == "removed":
        some.unlink()
    elif change == "renamed":
        some.rename(some.with_name("改名.pdf"))
    else:
        (d / ".hidden").write_text("x")
    assert replayed("check", d, "-f", "json") is None
    assert capsys.readouterr().out == ""


def test_the_removed_settlement_sheet_is_found_missing_after_a_replayed_check(dossier_copy, cache, capsys,
                                                                             monkeypatch):
    d = dossier_copy("tz-compute-voucher")
    assert run(capsys, monkeypatch, "check", d, "-f", "json")[0] == 0
    import shutil
    shutil.rmtree(d / "04_结算单")
    code, out, _ = run(capsys, monkeypatch, "check", d, "-f", "json")
    assert code == 1 and "material.missing" in out


@pytest.mark.parametrize("other", [["--lang", "en"], ["--strict"], ["-f", "junit"], ["-p", "tz-compute-voucher"]])
def test_another_command_line_is_not_the_recorded_one(dossier_copy, cache, capsys, monkeypatch, other):
    d = dossier_copy("tz-compute-voucher")
    run(capsys, monkeypatch, "check", d, "-f", "json")
    assert replayed("check", d, "-f", "json", *other) is None


def test_the_same_relative_path_from_another_folder_is_not_the_recorded_one(dossier_copy, cache, capsys,
                                                                          monkeypatch, tmp_path):
    d = dossier_copy("tz-compute-voucher")
    monkeypatch.chdir(d.parent)
    run(capsys, monkeypatch, "check", d.name, "-f", "json")
    assert replayed("check", d.name, "-f", "json") == 0
    capsys.readouterr()
    other = tmp_path / "elsewhere"
    (other / d.name).mkdir(parents=True)
    monkeypatch.chdir(other)
    assert replayed("check", d.name, "-f", "json") is None


@pytest.mark.parametrize("args", [["-f", "json", "--no-cache"], ["-f", "table"], ["-f", "json", "--out", "OUT"]])
def test_nothing_is_recorded_without_the_cache_for_a_terminal_or_a_file(dossier_copy, cache, capsys,
                                                                       monkeypatch, tmp_path, args):
    d = dossier_copy("tz-compute-voucher")
    args = [str(tmp_path / "out.json") if a == "OUT" else a for a in args]
    run(capsys, monkeypatch, "check", d, *args)
    assert not cache.exists() or not list(cache.iterdir())
    assert replayed("check", d, *args) is None


def test_a_cache_inside_the_dossier_gets_nothing_written(dossier_copy, tmp_path, capsys, monkeypatch):
    d = dossier_copy("tz-compute-voucher")
    monkeypatch.setattr(replay, "RACY_SECONDS", 0.0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(d / ".cache"))
    before = sorted(p.relative_to(d) for p in d.rglob("*"))
    run(capsys, monkeypatch, "check", d, "-f", "json")
    assert sorted(p.relative_to(d) for p in d.rglob("*")) == before
    assert replayed("check", d, "-f", "json") is None


def test_a_link_in_the_dossier_is_never_replayed(dossier_copy, cache, capsys, monkeypatch):
    d = dossier_copy("tz-compute-voucher")
    some = sorted(d.rglob("*.pdf"))[0]
    (d / "链接.pdf").symlink_to(some)
    run(capsys, monkeypatch, "check", d, "-f", "json")
    assert replayed("check", d, "-f", "json") is None


def test_a_dossier_changed_while_checked_is_not_recorded(dossier_copy, cache):
    d = dossier_copy("tz-compute-voucher")
    replay.ARGV = ["check", str(d), "-f", "json"]
    try:
        recorder = replay.Recorder(d)
        (d / "新文件.txt").write_text("x")
        assert recorder.done("{}", "", 0) is False
    finally:
        replay.ARGV = None
    assert not cache.exists()


def test_files_changed_just_now_are_not_recorded(dossier_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    d = dossier_copy("tz-compute-voucher")          # copied this instant: inside the racy window
    replay.ARGV = ["check", str(d)]
    try:
        assert replay.Recorder(d).before is None
    finally:
        replay.ARGV = None


def test_the_package_files_are_part_of_the_signature_but_not_their_bytecode(tmp_path):
    (tmp_path / "rules.toml").write_text("rate = 0.3")
    (tmp_path / "__pycache__").mkdir()
    first: list[str] = []
    replay._tree(str(tmp_path), first, None)
    (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"x")
    again: list[str] = []
    replay._tree(str(tmp_path), again, None)
    assert again == first
    (tmp_path / "rules.toml").write_text("rate = 0.5")
    changed: list[str] = []
    replay._tree(str(tmp_path), changed, None)
    assert changed != first


def test_a_damaged_record_is_no_error(dossier_copy, cache, capsys, monkeypatch):
    d = dossier_copy("tz-compute-voucher")
    code, out, _ = run(capsys, monkeypatch, "check", d, "-f", "json")
    [entry] = list(cache.iterdir())
    for damage in (b"", b"{not json", b"[1]", b'{"v": 1}', b"\xff\xfe"):
        entry.write_bytes(damage)
        assert replayed("check", d, "-f", "json") is None
        assert run(capsys, monkeypatch, "check", d, "-f", "json") == (code, out, "")


def test_a_replay_imports_neither_typer_nor_pdf_nor_engine(dossier_copy, tmp_path):
    """The real console script, twice, in a fresh process each (the second replays)."""
    d = dossier_copy("tz-compute-voucher")
    time.sleep(replay.RACY_SECONDS + 0.1)           # the copy leaves the racy window
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    probe = ("import atexit, sys\n"
             "atexit.register(lambda: sys.stderr.write('\\nMODULES ' + ' '.join(sorted(m for m in sys.modules "
             "if m.split('.')[0] in ('typer', 'click', 'pypdf', 'rich') or m == 'subsidy_cli.engine'))))\n"
             f"sys.argv = ['subsidy', 'check', {str(d)!r}, '-f', 'json']\n"
             "from subsidy_cli.entry import main\nmain()\n")
    runs = [subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout and json.loads(runs[1].stdout)["summary"]["exit_code"] == 0
    assert "typer" in runs[0].stderr.split("MODULES")[-1]
    assert runs[1].stderr.split("MODULES")[-1].split() == []


def test_another_output_encoding_is_not_replayed(dossier_copy, cache, capsys, monkeypatch):
    """A terminal that cannot print Chinese gets the full run (and its error), not the bytes of
    a run that could."""
    import io
    d = dossier_copy("tz-compute-voucher")
    run(capsys, monkeypatch, "check", d, "-f", "json")
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    assert replayed("check", d, "-f", "json") is None


def test_a_dossier_named_through_a_link_and_dotdot_is_the_folder_checked(dossier_copy, cache, capsys,
                                                                         monkeypatch, tmp_path):
    """"link/../d" is the d beside the link's target (the system follows the link first), not the
    d beside the link: that is the folder whose changes must be noticed."""
    import shutil
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    shutil.move(str(dossier_copy("tz-compute-voucher")), real / "d")
    work = tmp_path / "work"
    (work / "d").mkdir(parents=True)                  # a decoy where the text of the path points
    (work / "link").symlink_to(real / "sub")
    monkeypatch.chdir(work)
    assert run(capsys, monkeypatch, "check", "link/../d", "-f", "json")[0] == 0
    shutil.rmtree(real / "d" / "04_结算单")
    assert replayed("check", "link/../d", "-f", "json") is None


def test_a_link_to_the_dossier_pointed_elsewhere_is_not_replayed(dossier_copy, cache, capsys, monkeypatch,
                                                                 tmp_path):
    one, other = dossier_copy("tz-compute-voucher"), tmp_path / "other"
    import shutil
    shutil.copytree(one, other)
    (tmp_path / "current").symlink_to(one)
    monkeypatch.chdir(tmp_path)
    run(capsys, monkeypatch, "check", "current", "-f", "json")
    assert replayed("check", "current", "-f", "json") == 0
    capsys.readouterr()
    (tmp_path / "current").unlink()
    (tmp_path / "current").symlink_to(other)
    assert replayed("check", "current", "-f", "json") is None


def test_a_file_that_could_not_be_read_is_never_replayed(dossier_copy, cache, capsys, monkeypatch):
    """A read that failed (a disk hiccup, a timeout) may pass next time, as the scan cache knows."""
    import errno

    import subsidy_cli.scan.readers as readers
    d = dossier_copy("tz-compute-voucher")
    real = readers.read_pdf

    def flaky(path, *args, **kwargs):
        if path.endswith("营业执照.pdf"):
            raise OSError(errno.EIO, "Input/output error")
        return real(path, *args, **kwargs)
    monkeypatch.setattr(readers, "read_pdf", flaky)
    code, out, _ = run(capsys, monkeypatch, "check", d, "-f", "json", "-j", "1")
    assert '"file.unreadable"' in out
    assert replayed("check", d, "-f", "json", "-j", "1") is None


def test_a_record_that_is_deeply_nested_or_a_pipe_is_no_error_and_no_hang(dossier_copy, cache, capsys,
                                                                          monkeypatch):
    d = dossier_copy("tz-compute-voucher")
    code, out, _ = run(capsys, monkeypatch, "check", d, "-f", "json")
    [entry] = list(cache.iterdir())
    entry.write_bytes(b"[" * 200_000)
    assert replayed("check", d, "-f", "json") is None
    entry.unlink()
    os.mkfifo(entry)
    assert replayed("check", d, "-f", "json") is None        # returns at once, never blocks on it
