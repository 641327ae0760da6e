"""Benchmark: a small dossier checked cold with the default worker pool against `-j 1`, and the
start-up of the CLI (`--help`, `calc`, a warm `check`) against `python -c pass`.

    .venv/bin/python bench/bench_small.py [--dossier sample_dossiers/tz-compute-voucher] [--runs 7]

The machine is shared (2 cores, other test suites beside it), so absolute times move by a factor
of two: every figure is taken in one run, the variants interleaved (default, -j 1, pdftotext of
the same PDFs, ...) and repeated, and the report gives medians and the ratios of medians. Aim: the
default pool no slower than `-j 1` on a dossier of about 20 files (the pool starts only when the
estimated work pays for it), and start-up of `--help` / `calc` close to bare Python.

Measured (issue 15, two sessions of 7 rounds): tz-compute-voucher cold default / -j 1 0.97-0.99x;
python -c pass 0.025-0.036 s, import typer 0.066-0.094 s, --help 0.078-0.141 s, calc 0.131-0.177 s,
warm check 0.144-0.222 s. Third session (the json check replayed from its record, replay.py):
python -c pass 0.023 s, --help 0.078 s (3.4x), calc 0.120 s (5.3x), warm json check 0.027 s
(1.2x), warm table check (not replayed) 0.143 s (6.6x); cold default / -j 1 0.99-1.02x (below the
pool's threshold both read in one process: the same path).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from bench_check import cli_env  # noqa: E402 - the same environment for the CLI in every benchmark


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossier", default=str(ROOT / "sample_dossiers" / "tz-compute-voucher"))
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    dossier = Path(args.dossier).resolve()
    py = sys.executable
    pdfs = sorted(str(p) for p in dossier.rglob("*.pdf"))
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        warm = cli_env(tmp, "warm")
        subprocess.run([py, "-m", "subsidy_cli", "check", str(dossier)], env=warm, cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        variants = {
            "python -c pass": [py, "-c", "pass"],
            "python -c 'import typer'": [py, "-c", "import typer"],
            "subsidy --help": [py, "-m", "subsidy_cli", "--help"],
            "subsidy calc": [py, "-m", "subsidy_cli", "calc", str(dossier), "-f", "json"],
            "check warm, json (replay)": [py, "-m", "subsidy_cli", "check", str(dossier), "-f", "json"],
            "check warm, table": [py, "-m", "subsidy_cli", "check", str(dossier)],
            "check cold, default": [py, "-m", "subsidy_cli", "check", str(dossier), "-f", "json"],
            "check cold, -j 1": [py, "-m", "subsidy_cli", "check", str(dossier), "-f", "json", "-j", "1"],
            "pdftotext of its PDFs": None,
        }
        for r in range(args.runs):
            for name, cmd in variants.items():
                if cmd is None:
                    t0 = time.perf_counter()
                    for p in pdfs:
                        subprocess.run(["pdftotext", "-q", p, "-"], stdout=subprocess.DEVNULL, check=False)
                    times.setdefault(name, []).append(time.perf_counter() - t0)
                    continue
                env = warm if "cold" not in name else cli_env(tmp, f"cold-{r}-{cmd[-1]}")
                times.setdefault(name, []).append(timed(cmd, env))
    files = sum(1 for p in dossier.rglob("*") if p.is_file())
    print(f"dossier {dossier.name}: {files} files, {len(pdfs)} PDFs; {os.cpu_count()} cores; "
          f"{args.runs} interleaved runs, medians")
    base = statistics.median(times["python -c pass"])
    cold1 = statistics.median(times["check cold, -j 1"])
    for name, ts in times.items():
        med = statistics.median(ts)
        extra = f"  {med / base:5.2f}x python -c pass" if "check cold" not in name else f"  {med / cold1:5.2f}x -j 1"
        print(f"  {name:24s} {med:6.3f} s (min {min(ts):.3f}, max {max(ts):.3f}){extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
