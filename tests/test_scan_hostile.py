"""Named pipes never hang the scanner (issue 13): a file swapped for a pipe after the folder was
listed, and a pipe planted in the cache where an entry would be."""

from __future__ import annotations

import os
import shutil

import pytest

import subsidy_cli.scan.dossier as dossier
from conftest import SAMPLES
from subsidy_cli.scan import cache, scan_dossier

INVOICE = SAMPLES / "sjs-compute" / "03_发票" / "24112000000000000001.pdf"
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@pytest.fixture(autouse=True)
def _cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.mark.parametrize("use_cache", [True, False])
def test_a_file_swapped_for_a_pipe_after_listing_is_unreadable_not_a_hang(tmp_path, monkeypatch, use_cache):
    root = tmp_path / "d"
    root.mkdir()
    target = root / "a.pdf"
    shutil.copy(INVOICE, target)
    listed = dossier.walk

    def walk_then_swap(r):
        entries = listed(r)
        target.unlink()
        os.mkfifo(target)
        return entries
    monkeypatch.setattr(dossier, "walk", walk_then_swap)
    [f] = scan_dossier(root, jobs=1, cache=use_cache)
    assert [p.code for p in f.problems] == ["file.unreadable"]


def test_a_pipe_in_the_cache_is_passed_over(tmp_path):
    root = tmp_path / "d"
    root.mkdir()
    shutil.copy(INVOICE, root / "a.pdf")
    entry = cache._cache_file(cache.content_key(str(root / "a.pdf")), "pdf")
    entry.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(entry)
    [f] = scan_dossier(root, jobs=1, cache=True)
    assert f.type == "invoice" and f.fields["invoice_number"] == "24112000000000000001"


def test_pypdf_log_lines_never_reach_the_terminal(tmp_path, capsys):
    """pypdf logs a PDF's own names (a font encoding can hold escape codes): none reaches stderr."""
    import logging
    root = tmp_path / "d"
    root.mkdir()
    shutil.copy(INVOICE, root / "a.pdf")
    scan_dossier(root, jobs=1, cache=False)          # the PDF reader sets pypdf's logging up
    logging.getLogger("pypdf").error("/Enc\x1b[2J broken")
    logging.getLogger("pypdf._reader").warning("\x1b]0;title\x07")
    assert "\x1b" not in capsys.readouterr().err
