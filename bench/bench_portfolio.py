"""Benchmark: a consultancy's portfolio, `subsidy check sample_dossiers/*/` in one run (one worker
pool, one process) against checking the same dossiers one by one (a process each), both cold
(--no-cache). Run: `python bench/bench_portfolio.py`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOSSIERS = sorted(str(p) for p in (ROOT / "sample_dossiers").iterdir() if (p / "subsidy.toml").is_file())


def timed(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "subsidy_cli", *args], capture_output=True, cwd=ROOT)
    return time.perf_counter() - t0


def main() -> int:
    one_by_one = min(sum(timed(["check", d, "--no-cache", "-f", "json"]) for d in DOSSIERS) for _ in range(2))
    together = min(timed(["check", *DOSSIERS, "--no-cache", "-f", "json"]) for _ in range(2))
    print(f"{len(DOSSIERS)} dossiers, cold: one by one {one_by_one:.1f} s, as a portfolio {together:.1f} s "
          f"({together / one_by_one:.2f}x)")
    return 0 if together < one_by_one else 1


if __name__ == "__main__":
    sys.exit(main())
