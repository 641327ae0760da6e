"""Benchmark: the check of a dossier by this tree against the code of an earlier commit, in one run.

    .venv/bin/python bench/bench_versus.py [--rev 5825ebf] [--runs 3] DOSSIER

The earlier code is exported with `git archive` into a temp folder and run with the same Python
and libraries. Per round, interleaved: before and after, each cold with the default pool, cold
with `-j 1` and re-checked, then `pdftotext` of the dossier's PDFs; medians of the rounds and their
ratios. On a shared machine this is the only fair before/after: both sides see the same load.
Measured (issue 15, against 5825ebf): the 3,000-page dossier 0.78x -> 0.45x pdftotext cold
(default), 1.22x -> 0.72x with -j 1; tz-compute-voucher default/-j 1 0.86 -> 1.06 (noise: the
pool no longer starts there), -j 1 0.80 s -> 0.69 s.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from bench_check import cli_env  # noqa: E402 - the same environment for the CLI in every benchmark


def timed(cmd: list[str], cwd: str, env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dossier")
    ap.add_argument("--rev", default="5825ebf")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    dossier = str(Path(args.dossier).resolve())
    pdfs = sorted(str(p) for p in Path(dossier).rglob("*.pdf"))
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        archive = subprocess.run(["git", "archive", args.rev], cwd=ROOT, capture_output=True, check=True).stdout
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(before)
        code = {"before": str(before), "after": str(ROOT)}
        py = [sys.executable, "-m", "subsidy_cli", "check"]
        for who, cwd in code.items():          # compile both once, as an installed package would be
            timed([*py, str(ROOT / "sample_dossiers" / "sjs-compute"), "-j", "1"], cwd, cli_env(tmp, f"warm-{who}"))
        for r in range(args.runs):
            for who, cwd in code.items():
                for jobs in ([], ["-j", "1"]):
                    name = f"{who} cold {'-j 1' if jobs else 'default'}"
                    cache = f"c{r}-{who}-{len(jobs)}"
                    times.setdefault(name, []).append(timed([*py, dossier, "-f", "json", *jobs], cwd, cli_env(tmp, cache)))
                times.setdefault(f"{who} re-check", []).append(
                    timed([*py, dossier, "-f", "json"], cwd, cli_env(tmp, f"c{r}-{who}-0")))
            t0 = time.perf_counter()
            for p in pdfs:
                subprocess.run(["pdftotext", "-q", p, "-"], stdout=subprocess.DEVNULL, check=False)
            times.setdefault("pdftotext", []).append(time.perf_counter() - t0)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{dossier}: {args.runs} interleaved rounds, medians; before = {args.rev}; {len(pdfs)} PDFs; "
          f"{os.cpu_count()} cores")
    for k, v in times.items():
        print(f"  {k:24s} {med[k]:6.2f} s ({min(v):.2f}-{max(v):.2f})  {med[k] / med['pdftotext']:5.2f}x pdftotext")
    for who in code:
        print(f"  {who}: default / -j 1 = {med[who + ' cold default'] / med[who + ' cold -j 1']:.2f}; "
              f"re-check / cold = {med[who + ' re-check'] / med[who + ' cold default']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
