"""Benchmark: `subsidy check` on the 3,000-page dossier with 30% of its pages image-only.

    .venv/bin/python bench/bench_scans.py [--sample N]

make_big_dossier.py writes the 300-file, 3,000-page dossier; then whole 39-page contracts are
replaced by their scans (sample_dossiers/generate.py's scan_pdf: 130 dpi, turned, JPEG, no text
layer) until 30% of all pages are image-only. Reported: the cold check and the re-check, the
number of pages OCR actually read (first pages of scans only), and, for comparison, the OCR
engine alone, in one process, on the very pages the check read by OCR (or the first N, --sample),
as pages per second next to the check's own OCR pages per second; and the engine on N other
image-only pages, extrapolated to all of them: what reading every scanned page would cost.
Timings on a shared 2-core machine: compare the ratios of one run, not absolute times.

Measured (issue 15): 936 of 3,000 pages image-only (31%); cold check 67.7 s, OCR on 24 pages (the
first of each scan), 0.35 OCR pages/s over the whole check against 0.23 pages/s for the engine
alone on the same pages (1.5x: two workers); re-check 0.3 s; every image-only page ~59 min.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=0, help="OCR alone on at most N of the check's pages (0: all)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from subsidy_cli.scan import ocr
    if not ocr.available():
        sys.exit("the [ocr] extra is not installed: pip install -e '.[ocr]'")
    spec = importlib.util.spec_from_file_location("gen", ROOT / "sample_dossiers" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        dossier, cache = Path(tmp) / "dossier", Path(tmp) / "cache"
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_big_dossier.py"), str(dossier)], check=True,
                       stdout=subprocess.DEVNULL)
        pdfs = sorted(dossier.rglob("*.pdf"))
        total = sum(len(PdfReader(str(p)).pages) for p in pdfs)
        scanned, pages = [], 0
        t0 = time.perf_counter()
        for p in sorted(dossier.rglob("合同*.pdf")):
            if pages >= 0.3 * total:
                break
            n = len(PdfReader(str(p)).pages)
            tmp_pdf = p.with_suffix(".orig")
            p.rename(tmp_pdf)
            gen.scan_pdf(tmp_pdf, p)
            tmp_pdf.unlink()
            scanned.append(p)
            pages += n
        made = time.perf_counter() - t0
        env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)    # bytecode kept, as an installed package has it
        cmd = [sys.executable, "-m", "subsidy_cli", "check", str(dossier), "--format", "json"]
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        again = time.perf_counter() - t0
        scan = subprocess.run([sys.executable, "-m", "subsidy_cli", "scan", str(dossier), "--format", "json"],
                              env=env, cwd=ROOT, capture_output=True, text=True)
        ocr_files = [f["path"] for f in json.loads(scan.stdout)["files"] if f.get("ocr")]
        t0 = time.perf_counter()
        ocr._engine()
        load = time.perf_counter() - t0
        same = [dossier / p for p in ocr_files][: args.sample or None]
        t0 = time.perf_counter()
        for p in same:
            ocr.ocr_pdf_page(str(p), 0)
        alone = (time.perf_counter() - t0) / max(1, len(same))
        other = [(p, 20) for p in scanned][: min(4, len(scanned))]
        t0 = time.perf_counter()
        for p, i in other:
            ocr.ocr_pdf_page(str(p), i)
        inner = (time.perf_counter() - t0) / max(1, len(other))
        print(f"dossier: {len(list(dossier.rglob('*')))} entries, {total} PDF pages, {pages} image-only "
              f"({pages / total:.0%}) in {len(scanned)} scanned contracts (made in {made:.0f} s); {os.cpu_count()} cores")
        print(f"subsidy check (first, cold cache): {first:7.1f} s; OCR ran on {len(ocr_files)} pages of the {pages} "
              f"image-only pages present (the first page of each scan)")
        print(f"  = {len(ocr_files) / first:.2f} OCR pages/s over the whole cold check (PDF text, QR, seals included)")
        print(f"subsidy check (again, unchanged):  {again:7.1f} s = {again / first:.3f} of the first")
        print(f"OCR engine alone, 1 process, the same {len(same)} pages: {alone:.2f} s/page = {1 / alone:.2f} pages/s "
              f"(engine load {load:.1f} s); check / engine alone = {(len(ocr_files) / first) * alone:.2f}x the pages/s")
        print(f"OCR engine alone on {len(other)} inner pages: {inner:.2f} s/page; all {pages} image-only pages would "
              f"take ~{inner * pages / 60:.0f} min in one process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
