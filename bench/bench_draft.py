"""How much of each sample dossier's hand-written profile `subsidy draft` reproduces from the documents.

    .venv/bin/python bench/bench_draft.py [DOSSIER ...] [--no-cache] [--json]

For every sample dossier (default: all of sample_dossiers/ with a subsidy.toml), the draft is made
from the files alone and compared with the dossier's own subsidy.toml, contract by contract:
every key of each [[contracts]] and the date, amount and number of each delivery, invoice and
payment. A value counts as reproduced when it is exactly the profile's (money as Decimal, dates as
dates, text as written). Every value that differs or is missing is listed; records the draft adds
that the profile does not have are listed too. The award: `calc` on the profile with its
[[contracts]] replaced by the drafted ones, against `calc` on the profile as written.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from subsidy_cli.draft import draft_dossier  # noqa: E402
from subsidy_cli.profile import load_profile, profile_from_dict  # noqa: E402

ENTRY_KEYS = ("deliveries", "invoices", "payments")
ENTRY_VALUES = ("date", "amount", "number")
NOT_PRINTED = {"affiliated"}        # whether the supplier is related: no contract says it


def _entry_key(e: dict) -> tuple:
    return tuple(e.get(k) for k in ENTRY_VALUES)


def compare(hand, drafted: dict[str, dict]) -> dict:
    """{values, same, differences: [...], extra: [...]} for one dossier."""
    values = same = unprinted = 0
    diffs: list[str] = []
    extra: list[str] = []
    for c in hand.contracts:
        d = drafted.get(c.id)
        if d is None:
            n = sum(1 for k in c.data if k not in ENTRY_KEYS) + sum(
                len([v for v in e if v in ENTRY_VALUES]) for k in ENTRY_KEYS for e in c.data.get(k) or [])
            values += n
            diffs.append(f"contract {c.id}: not drafted ({n} values)")
            continue
        for key, value in c.data.items():
            if key in ENTRY_KEYS:
                continue
            values += 1
            unprinted += key in NOT_PRINTED
            if d.get(key) == value:
                same += 1
            else:
                diffs.append(f"contract {c.id} {key}: profile {value!r}, draft {d.get(key, '(missing)')!r}")
        for key in ENTRY_KEYS:
            have = [{k: v for k, v in e.items() if k in ENTRY_VALUES} for e in c.data.get(key) or []]
            got = [{k: v for k, v in e.items() if k in ENTRY_VALUES} for e in d.get(key) or []]
            unused = list(got)
            for e in have:
                values += len(e)
                if e in unused:
                    unused.remove(e)
                    same += len(e)
                    continue
                near = next((g for g in unused if g.get("number") and g.get("number") == e.get("number")), None) or \
                    next((g for g in unused if g.get("date") == e.get("date")), None)
                if near is not None:
                    unused.remove(near)
                    same += sum(near.get(k) == v for k, v in e.items())
                diffs.append(f"contract {c.id} {key}: profile {_show(e)}, draft {_show(near) if near else '(missing)'}")
            extra += [f"contract {c.id} {key}: draft adds {_show(g)}" for g in unused]
        for key, value in d.items():
            if key not in c.data and key not in ENTRY_KEYS:
                extra.append(f"contract {c.id} {key}: draft adds {value!r}")
    for cid in drafted:
        if hand.contract(cid) is None:
            extra.append(f"contract {cid}: drafted, not in the profile")
    return {"values": values, "same": same, "unprinted": unprinted, "differences": diffs, "extra": extra}


def _same(mine, theirs) -> bool:
    """A drafted company value and the profile's: money compared as money ("1000万" = 10000000)."""
    from decimal import Decimal

    from subsidy_cli.money import parse_money
    if isinstance(theirs, Decimal) and isinstance(mine, str):
        return parse_money(mine) == theirs
    return mine == theirs


def _show(e: dict) -> str:
    return "{" + ", ".join(f"{k}={v}" for k, v in e.items()) + "}"


def award_with(profile_path: Path, contracts: list[dict]) -> tuple[str, str]:
    """(award as written, award with the drafted contracts), per programme, as text."""
    from subsidy_cli.engine import evaluate_profile
    from subsidy_cli.ledger import contracts_toml
    text = profile_path.read_text("utf-8")
    raw = tomllib.loads(text)
    raw["contracts"] = tomllib.loads(contracts_toml(contracts))["contracts"] if contracts else []
    for c in raw["contracts"]:          # facts no document gives, kept from the profile as written
        old = next((h for h in tomllib.loads(text).get("contracts", []) if h.get("id") == c["id"]), {})
        for key in ("affiliated", "llm_rd"):
            if key in old and key not in c:
                c[key] = old[key]
    hand = evaluate_profile(load_profile(profile_path))
    mixed = evaluate_profile(profile_from_dict(raw, profile_path))
    show = lambda res: ", ".join(f"{r.programme.id} {r.award}" for r in res.programmes)  # noqa: E731
    return show(hand), show(mixed)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dossiers", nargs="*", type=Path)
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    dossiers = args.dossiers or sorted(p for p in (ROOT / "sample_dossiers").iterdir() if (p / "subsidy.toml").is_file())
    report, total, same, unprinted = [], 0, 0, 0
    for folder in dossiers:
        hand = load_profile(folder / "subsidy.toml")
        found = draft_dossier(folder, cache=not args.no_cache)
        drafted = {c.id: c.plain() for c in found.contracts}
        row = compare(hand, drafted)
        row["award_profile"], row["award_draft"] = award_with(folder / "subsidy.toml", [c.plain() for c in found.contracts])
        row["dossier"], row["to_check"] = folder.name, len(found.to_check)
        row["company"] = [(k, f.value, hand.get(f"company.{k}")) for k, f in found.company.items()]
        report.append(row)
        total, same, unprinted = total + row["values"], same + row["same"], unprinted + row["unprinted"]
    if args.json:
        json.dump({"dossiers": report, "values": total, "same": same}, sys.stdout, ensure_ascii=False, indent=2, default=str)
        return 0
    for row in report:
        share = row["same"] / row["values"] if row["values"] else 1.0
        award = "same award" if row["award_profile"] == row["award_draft"] else \
            f"AWARD DIFFERS: profile {row['award_profile']} / draft {row['award_draft']}"
        print(f"{row['dossier']}: {row['same']}/{row['values']} values ({share:.1%}), {row['to_check']} to check; {award}")
        same_co = [k for k, mine, theirs in row["company"] if _same(mine, theirs)]
        print(f"    [company]: {len(same_co)}/{len(row['company'])} drafted values equal the profile's")
        for k, mine, theirs in row["company"]:
            if not _same(mine, theirs):
                print(f"    company  {k}: profile {theirs!r}, draft {mine!r}")
        for line in row["differences"]:
            print(f"    differs  {line}")
        for line in row["extra"]:
            print(f"    extra    {line}")
    print(f"all: {same}/{total} values reproduced exactly ({same / total:.1%}); of the {total - unprinted} "
          f"values the documents print ({', '.join(sorted(NOT_PRINTED))} left out): {same / (total - unprinted):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
