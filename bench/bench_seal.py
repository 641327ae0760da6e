"""Seal detection by colour (scan/seal.py): precision and recall on generated pages.

    .venv/bin/python bench/bench_seal.py

Pages: an undertaking with a round, oval or faint (thin, pale) seal or none, with no red
distractor, each single one (red heading, red logo, pie chart, red pen circle, rectangular 已付款
stamp, red signature) or all of them; each as the born-digital PDF, as a scan (150 dpi, rotated
1.5 degrees, grey noise, JPEG, image-only PDF) and as a phone photo (JPEG, 2 degrees); plus
greyscale scans, which must say "cannot verify", never "no seal". Also: a red signature drawn
across the seal (a hard case, reported on its own).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import docgen  # noqa: E402

from subsidy_cli.scan.seal import seal_of_image, seal_of_pdf  # noqa: E402

DISTRACTORS = ["heading", "logo", "pie", "pen_circle", "paid", "signature"]


def main() -> None:
    sets = [()] + [(d,) for d in DISTRACTORS] + [tuple(DISTRACTORS)]
    tp = fp = tn = fn = 0
    times, misses, false_alarms = [], [], []
    grey_ok = grey_n = 0
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        k = 0
        for seal in ("round", "oval", "faint", None):
            for ds in sets:
                k += 1
                src = docgen.stamped_page(d / f"p{k}.pdf", seal=seal, distractors=ds)
                scan = docgen.image_only_pdf(src, d / f"s{k}.pdf", angle=1.5, noise=40)
                photo = d / f"ph{k}.jpg"
                docgen.scan_image(src, dpi=120, angle=-2, noise=30).save(photo, quality=70)
                for label, run in (("pdf", lambda: seal_of_pdf(str(src))), ("scan", lambda: seal_of_pdf(str(scan), True)),
                                   ("photo", lambda: seal_of_image(str(photo)))):
                    t0 = time.perf_counter()
                    got = run()
                    times.append(time.perf_counter() - t0)
                    found = bool(got and got.get("found"))
                    if seal and found:
                        tp += 1
                    elif seal:
                        fn += 1
                        misses.append(f"{seal}+{'/'.join(ds) or '-'} {label}")
                    elif found:
                        fp += 1
                        false_alarms.append(f"{'/'.join(ds) or '-'} {label}")
                    else:
                        tn += 1
            grey = docgen.image_only_pdf(docgen.stamped_page(d / f"g{k}.pdf", seal=seal), d / f"gs{k}.pdf", grey=True)
            grey_n += 1
            grey_ok += (seal_of_pdf(str(grey), True) or {}).get("found", "x") is None
        hard = docgen.stamped_page(d / "hard.pdf", seal="round", distractors=("signature_over_seal",))
        hard_found = bool((seal_of_pdf(str(hard)) or {}).get("found"))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"{tp + fn} stamped, {tn + fp} unstamped pages (pdf, scan, photo)")
    print(f"precision {precision:.3f} ({tp}/{tp + fp})   recall {recall:.3f} ({tp}/{tp + fn})")
    print(f"greyscale scans said 'cannot verify': {grey_ok}/{grey_n}")
    print(f"red signature across the seal: {'found' if hard_found else 'missed'}")
    print(f"time per page: median {sorted(times)[len(times) // 2] * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
    if misses:
        print("missed:", ", ".join(misses))
    if false_alarms:
        print("false alarms:", ", ".join(false_alarms))


if __name__ == "__main__":
    main()
