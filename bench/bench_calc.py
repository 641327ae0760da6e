"""Benchmark: `calc` on a generated profile of 1,000 contracts with 12 deliveries each.

Reports the calculation time (profile validation and conversion, then every programme's
evaluation) next to the time tomllib alone takes to parse the same file. Target: the
calculation stays within twice the parse time. Run: `make bench` or `python bench/bench_calc.py`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tomllib
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from subsidy_cli.engine import evaluate_profile  # noqa: E402
from subsidy_cli.profile import profile_from_dict  # noqa: E402

HEADER = '''schema = 1
[company]
name = "北京基准测试科技有限公司"
credit_code = "91110108MA01G0FB09"
city = "北京市"
registered_district = "石景山区"
operating_districts = ["石景山区"]
industry = "信息软件业"
independent_legal_person = true
[company.compliance]
major_violation_last_3y = false
dishonest_list = false
ip_disputes = false
[company.qualifications]
model_filing = "Beijing-Bench-2024"
[application]
date = 2025-09-10
bj_direction = "training"
other_municipal_compute_support = false
'''


def generate(contracts: int, deliveries: int) -> str:
    parts = [HEADER]
    start = date(2024, 6, 1)
    for i in range(contracts):
        rows = {"deliveries": [], "invoices": [], "payments": []}
        for k in range(deliveries):
            day = start + timedelta(days=30 * k + i % 28)
            amount = f'"{10 + (i * 7 + k) % 90}万"'
            rows["deliveries"].append(f"{{ date = {day}, amount = {amount} }}")
            rows["invoices"].append(f'{{ number = "{24_000_000_000_000_000_000 + i * 100 + k}", date = {day + timedelta(days=5)}, amount = {amount} }}')
            rows["payments"].append(f"{{ date = {day + timedelta(days=10)}, amount = {amount} }}")
        parts.append(
            f'[[contracts]]\nid = "HT-{i:05d}"\nkind = "compute"\nsupplier = "北京云算力有限公司"\n'
            f'affiliated = false\nsigned_on = 2024-05-25\nstart = 2024-06-01\nend = 2025-08-31\n'
            f'amount = "{1000 + i}万"\npurpose = "大模型训练"\n'
            + "".join(f"{key} = [\n  " + ",\n  ".join(vals) + ",\n]\n" for key, vals in rows.items()))
    return "\n".join(parts)


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--contracts", type=int, default=1000)
    ap.add_argument("--deliveries", type=int, default=12)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    text = generate(args.contracts, args.deliveries)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "subsidy.toml"
        path.write_text(text, "utf-8")
        raw = tomllib.loads(text)

        def calc():
            profile = profile_from_dict(raw, path, text)
            return evaluate_profile(profile)

        # The same profile with the last payment of every contract missing: each contract then has
        # a shortfall finding whose rise is the award recomputed with the fix (engine.WhatIf).
        gappy = tomllib.loads(text)
        for c in gappy["contracts"]:
            c["payments"] = c["payments"][:-1]

        def calc_gaps():
            return evaluate_profile(profile_from_dict(gappy, path, text))

        parse_best, parse_med = best_of(lambda: tomllib.loads(path.read_text("utf-8")), args.repeat)
        calc_best, calc_med = best_of(calc, args.repeat)
        gaps_best, gaps_med = best_of(calc_gaps, args.repeat)
    result = calc()
    ratio = calc_best / parse_best
    print(f"profile: {args.contracts} contracts x {args.deliveries} deliveries "
          f"({len(text) / 1e6:.1f} MB), {len(result.programmes)} programmes, total {result.total}")
    print(f"tomllib parse: best {parse_best * 1000:.0f} ms, median {parse_med * 1000:.0f} ms")
    print(f"calculation:   best {calc_best * 1000:.0f} ms, median {calc_med * 1000:.0f} ms")
    print(f"ratio calculation / parse: {ratio:.2f} (target <= 2.00) {'OK' if ratio <= 2 else 'OVER'}")
    gap_ratio = gaps_best / parse_best
    print(f"with a shortfall on every contract: best {gaps_best * 1000:.0f} ms, median {gaps_med * 1000:.0f} ms, "
          f"ratio {gap_ratio:.2f} (reported, no target)")
    return 0 if ratio <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
