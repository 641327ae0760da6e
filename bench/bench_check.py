"""Benchmark: `subsidy check` on a generated dossier of 300 files and 3,000 pages.

Compared with a bare loop that extracts the text of every page with pypdf, and with poppler's
`pdftotext` when installed. Aims: the first check is faster than extracting all the text (it
reads only what it needs, on every core); a re-check of the unchanged dossier (content cache)
takes at most a tenth of the first. Run: `make bench` or `python bench/bench_check.py`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def pypdf_all_text(folder: Path) -> int:
    from pypdf import PdfReader
    pages = 0
    for pdf in sorted(folder.rglob("*.pdf")):
        for page in PdfReader(str(pdf)).pages:
            page.extract_text()
            pages += 1
    return pages


def pdftotext_all(folder: Path) -> None:
    for pdf in sorted(folder.rglob("*.pdf")):
        subprocess.run(["pdftotext", "-q", str(pdf), "-"], stdout=subprocess.DEVNULL, check=False)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        dossier = Path(tmp) / "dossier"
        cache = Path(tmp) / "cache"
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_big_dossier.py"), str(dossier)], check=True)
        files = [p for p in dossier.rglob("*") if p.is_file()]
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        cmd = [sys.executable, "-m", "subsidy_cli", "check", str(dossier), "--format", "json"]
        first = timed(lambda: subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL))
        again = timed(lambda: subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL))
        # The same re-check in process: what the check itself costs once Python and imports are up.
        sys.path.insert(0, str(ROOT))
        os.environ["XDG_CACHE_HOME"] = str(cache)
        from subsidy_cli.check import check_dossier
        check_dossier(dossier)
        inproc = timed(lambda: check_dossier(dossier))
        pages = 0

        def loop():
            nonlocal pages
            pages = pypdf_all_text(dossier)
        bare = timed(loop)
        print(f"dossier: {len(files)} files, {pages} PDF pages, {os.cpu_count()} cores")
        print(f"subsidy check (first, cold cache):  {first:6.2f} s")
        print(f"subsidy check (again, unchanged):   {again:6.2f} s  = {again / first:.2f} of the first (aim <= 0.10)")
        print(f"  of which the check itself (in process, imports done): {inproc:6.2f} s = {inproc / first:.2f} of the first")
        print(f"pypdf text of every page (1 core):  {bare:6.2f} s  check/pypdf = {first / bare:.2f} (aim < 1)")
        if shutil.which("pdftotext"):
            popp = timed(lambda: pdftotext_all(dossier))
            print(f"pdftotext of every file:            {popp:6.2f} s  check/pdftotext = {first / popp:.2f}")
        else:
            print("pdftotext: not installed (apt-get install poppler-utils to compare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
