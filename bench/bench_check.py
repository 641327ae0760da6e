"""Benchmark: `subsidy check` on a generated dossier of 300 files and 3,000 pages.

    .venv/bin/python bench/bench_check.py [--runs 3] [--dossier DIR]

Compared with poppler's `pdftotext` of every PDF (all pages) and with the same check in one
process (`-j 1`). The machine is shared (2 cores, other test suites beside it) and absolute times
move by a factor of two, so the variants are interleaved in each round (cold default, re-check as
json, re-check as a table, cold -j 1, pdftotext), repeated, and the report gives medians and the ratios of
medians, all taken in one run. Aims (issue 15): the cold check at most 0.3 of `pdftotext`; a
re-check of the unchanged dossier at most 0.08 of the cold check (the json check is replayed from
its record, replay.py; the table re-check beside it goes through the dossier index); after one
file changed, only that file read (tests/test_scan_speed.py proves it by the cache statistics,
not by time).
Run: `make bench` or `python bench/bench_check.py`.

Measured (issue 15, three sessions of 3 rounds, 2 shared cores): cold 0.45-0.47x pdftotext
(2.2-2.8 s against 4.9-5.9 s) with the second core free, 0.71-0.85x when other suites held it;
-j 1 0.72-0.82x; re-check 0.20-0.31 s = 0.06-0.11 of the cold check. Before (5825ebf, same
session, bench_versus.py): 0.78x, -j 1 1.22x. Second session (a complete first page read alone,
the dossier index, the TOML data cache; docs/scan.md): cold 0.37-0.45x (2.05-2.77 s), -j 1
0.55-0.75x, re-check 0.17-0.19 s = 0.077-0.092 quiet, 0.26-0.28 s = 0.10 under the host's load.
Third session (text extraction over our tokens, runs of QR squares as one token, fonts parsed once
per worker, workers writing the cache, the re-check replayed; docs/scan.md), 5 rounds: cold 0.26x
(1.10 s against 4.24 s), -j 1 0.40x, re-check 0.03 s = 0.027 (a table re-check, not replayed,
0.16 s = 0.14).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cli_env(tmp: str, cache: str) -> dict:
    """The environment the CLI runs in here: its own cache folder, and compiled bytecode kept
    (in a temp folder) as an installed package has it: with PYTHONDONTWRITEBYTECODE set, every
    run would compile the package's modules again (~70 ms) and time that instead."""
    env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / cache), "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def pdftotext_all(folder: Path) -> None:
    for pdf in sorted(folder.rglob("*.pdf")):
        subprocess.run(["pdftotext", "-q", str(pdf), "-"], stdout=subprocess.DEVNULL, check=False)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dossier", help="an existing dossier (default: make_big_dossier.py into a temp dir)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dossier = Path(args.dossier) if args.dossier else Path(tmp) / "dossier"
        if not args.dossier:
            subprocess.run([sys.executable, str(ROOT / "bench" / "make_big_dossier.py"), str(dossier)], check=True,
                           stdout=subprocess.DEVNULL)
        files = [p for p in dossier.rglob("*") if p.is_file()]
        pdfs = sorted(dossier.rglob("*.pdf"))
        cmd = [sys.executable, "-m", "subsidy_cli", "check", str(dossier), "--format", "json"]
        times: dict[str, list[float]] = {}

        def run(name: str, cache: str, *extra: str) -> None:
            env = cli_env(tmp, cache)
            t = timed(lambda: subprocess.run([*cmd, *extra], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL))
            times.setdefault(name, []).append(t)

        have_poppler = shutil.which("pdftotext") is not None
        subprocess.run([sys.executable, "-m", "subsidy_cli", "check", str(ROOT / "sample_dossiers" / "sjs-compute"),
                        "-j", "1"], env=cli_env(tmp, "warmup"), cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)          # compiles the package once, as installing would
        for r in range(args.runs):
            run("cold check (default pool)", f"c{r}")
            run("re-check, unchanged", f"c{r}")
            run("re-check, table (no replay)", f"c{r}", "--format", "table")
            run("cold check, -j 1", f"s{r}", "-j", "1")
            if have_poppler:
                times.setdefault("pdftotext, every PDF", []).append(timed(lambda: pdftotext_all(dossier)))
        med = {k: statistics.median(v) for k, v in times.items()}
        print(f"dossier: {len(files)} files, {len(pdfs)} PDFs, {os.cpu_count()} cores; {args.runs} interleaved "
              f"rounds, medians (min-max)")
        for name, ts in times.items():
            print(f"  {name:28s} {med[name]:6.2f} s ({min(ts):.2f}-{max(ts):.2f})")
        cold = med["cold check (default pool)"]
        print(f"re-check / cold:          {med['re-check, unchanged'] / cold:.3f} (aim <= 0.08)")
        print(f"  table, through the index: {med['re-check, table (no replay)'] / cold:.3f}")
        print(f"cold default / cold -j 1: {cold / med['cold check, -j 1']:.2f}")
        if have_poppler:
            p = med["pdftotext, every PDF"]
            print(f"cold / pdftotext:         {cold / p:.2f} (aim <= 0.30); -j 1 / pdftotext: "
                  f"{med['cold check, -j 1'] / p:.2f}")
            print("  per round: " + ", ".join(f"{c / q:.2f}" for c, q in zip(times["cold check (default pool)"],
                                                                         times["pdftotext, every PDF"])))
        else:
            print("pdftotext: not installed (apt-get install poppler-utils to compare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
