import re
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_dossiers"


@pytest.fixture
def write_profile(tmp_path):
    """Write a profile text to a file and return its path."""
    def write(text: str, name: str = "subsidy.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch):
    monkeypatch.delenv("SUBSIDY_DEBUG", raising=False)


@contextmanager
def raises_msg(exc_type, pattern: str, lang: str = "en"):
    """pytest.raises with the message matched in one language (errors render at the edge; the
    default language is zh)."""
    with pytest.raises(exc_type) as info:
        yield info
    text = info.value.render(lang)
    assert re.search(pattern, text), text


def run_cli(capsys, *args) -> tuple[int, str, str]:
    """The command line as a user runs it: (exit code, stdout, stderr)."""
    from subsidy_cli.cli import main
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


@pytest.fixture
def dossier_copy(tmp_path):
    """A copy of a sample dossier, to damage or edit."""
    import shutil

    def copy(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(SAMPLES / name, dest)
        return dest
    return copy
