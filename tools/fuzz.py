"""A bounded fuzz run over the tool's inputs (issue 13): `make fuzz`, minutes, not part of `make test`.

Mutates copies of the sample dossiers' files (PDF, DOCX, XLSX, OFD and the subsidy.toml profiles:
byte flips, truncation, chunk duplication and deletion, zip members rewritten, TOML lines edited)
and runs the commands a consultant runs on them: `scan`, `check`, `calc`, `draft` (and `--into`),
`fill --template` (DOCX),
`ledger import` (XLSX). A run fails on any exit code 3 (internal error), a traceback, a hang (over
the time limit), or a control character reaching the terminal unescaped.

    python tools/fuzz.py [--seconds 300] [--seed 1] [--jobs 2]

Prints the counts per command and exit code, and each failure with the file that caused it
(kept under the work folder for replay). Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_dossiers"
LIMIT = 120            # seconds for one command: longer is a hang
CONTROL = {chr(c) for c in range(0x20) if chr(c) not in "\n\t"} | {"\x7f"}


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["flip", "truncate", "dup", "delete", "insert"])
        if not data:
            break
        i = rng.randrange(len(data))
        if kind == "flip":
            for k in range(rng.randint(1, 16)):
                if i + k < len(data):
                    data[i + k] = rng.randrange(256)
        elif kind == "truncate":
            del data[i:]
        elif kind == "dup":
            j = min(len(data), i + rng.randint(1, 4096))
            data[i:i] = data[i:j]
        elif kind == "delete":
            del data[i:i + rng.randint(1, 4096)]
        else:
            data[i:i] = bytes(rng.choice([b"\x1b[2J", b"\x00", b"\xff\xfe", b"%%EOF", b"obj", b"<<", b"]]"]))
    return bytes(data)


def mutate_zip(data: bytes, rng: random.Random) -> bytes:
    """Rewrite one member of a DOCX/XLSX/OFD: its bytes mutated, or its name given escape codes."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
        members = zin.infolist()
    except zipfile.BadZipFile:
        return mutate_bytes(data, rng)
    out = io.BytesIO()
    victim = rng.randrange(len(members)) if members else -1
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for i, info in enumerate(members):
            body = zin.read(info)
            name = info.filename
            if i == victim:
                if rng.random() < 0.2:
                    name = name + "\x1b[31m"
                else:
                    body = mutate_bytes(body, rng)
            zout.writestr(name, body)
    return out.getvalue()


def mutate_toml(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        choice = rng.choice(["nan", "inf", "deep", "big", "ctrl", "drop", "dup", "type"])
        if choice == "drop":
            del lines[i]
        elif choice == "dup":
            lines.insert(i, lines[i])
        elif "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            value = {"nan": "nan", "inf": "-inf", "deep": "[" * 300 + "]" * 300, "big": "9" * 5000,
                     "ctrl": '"\\u001b[2J\\u0007"', "type": "{ x = 1 }"}[choice]
            lines[i] = f"{key}= {value}"
    return "\n".join(lines) + "\n"


def unescaped(text: str) -> bool:
    return any(c in CONTROL for c in text)


def run(args: list[str], cwd: Path) -> tuple[int, str]:
    env = {**os.environ, "SUBSIDY_LANG": "en", "PYTHONPATH": str(ROOT)}
    env.pop("SUBSIDY_DEBUG", None)
    try:
        proc = subprocess.run([sys.executable, "-m", "subsidy_cli", *args], capture_output=True, text=True,
                              errors="replace", cwd=cwd, env=env, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        return -1, "hang"
    return proc.returncode, proc.stdout + proc.stderr


def one_case(n: int, seed: int, work: Path) -> tuple[str, int, str | None]:
    rng = random.Random(seed * 1_000_003 + n)
    sample = rng.choice(sorted(p for p in SAMPLES.iterdir() if (p / "subsidy.toml").is_file()))
    case = work / f"case{n:05d}"
    shutil.copytree(sample, case)
    files = [p for p in case.rglob("*") if p.is_file()]
    target = rng.choice(files)
    suffix = target.suffix.lower()
    if suffix == ".toml":
        target.write_text(mutate_toml(target.read_text("utf-8"), rng), "utf-8")
    elif suffix in (".docx", ".xlsx", ".ofd"):
        target.write_bytes(mutate_zip(target.read_bytes(), rng))
    else:
        target.write_bytes(mutate_bytes(target.read_bytes(), rng))
    if suffix == ".docx" and rng.random() < 0.5:
        command = ["fill", str(case), "--template", str(target), "--out", str(case / "out")]
    elif suffix == ".xlsx" and rng.random() < 0.5:
        command = ["ledger", "import", str(target)]
    else:
        command = rng.choice([["scan", str(case), "--no-cache", "-j", "1"], ["check", str(case), "--no-cache", "-j", "1"],
                              ["calc", str(case)], ["check", str(case), "-f", "json", "--no-cache", "-j", "1"],
                              ["draft", str(case), "--no-cache", "-j", "1"],
                              ["draft", str(case), "--into", str(case / "subsidy.toml"), "--no-cache", "-j", "1"]])
    code, output = run(command, case)
    problem = None
    if code == -1:
        problem = "hang"
    elif code == 3 or "Traceback" in output:
        problem = "internal error"
    elif unescaped(output):
        problem = "unescaped control character"
    if problem is None:
        shutil.rmtree(case, ignore_errors=True)
    return command[0], code, None if problem is None else f"{problem}: {' '.join(command)} ({target.relative_to(case)})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", type=Path, default=None, help="where failing cases are kept")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="subsidy-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.seconds
    counts: Counter = Counter()
    failures: list[str] = []
    n = 0
    with ThreadPoolExecutor(args.jobs) as pool:
        while time.monotonic() < deadline:
            batch = [pool.submit(one_case, n + k, args.seed, work) for k in range(args.jobs * 2)]
            n += len(batch)
            for f in batch:
                command, code, problem = f.result()
                counts[(command, code)] += 1
                if problem:
                    failures.append(problem)
    print(f"fuzz: {n} cases in {args.seconds} s (seed {args.seed}); failing cases kept in {work}")
    for (command, code), count in sorted(counts.items()):
        print(f"  {command:7s} exit {code:3d}: {count}")
    for problem in failures:
        print(f"  FAIL {problem}")
    print(f"{n - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
