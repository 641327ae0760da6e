"""Benchmark: `subsidy check` on the 3,000-page dossier with 30% of its pages image-only.

    .venv/bin/python bench/bench_scans.py [--sample N]

make_big_dossier.py writes the 300-file, 3,000-page dossier; then whole 39-page contracts are
replaced by their scans (sample_dossiers/generate.py's scan_pdf: 130 dpi, turned, JPEG, no text
layer) until 30% of all pages are image-only. Reported: the cold check and the re-check, the
number of pages OCR actually read (first pages of scans only), and, for comparison, the OCR
engine alone on N of the image-only pages (default 12), extrapolated to all of them: what
reading every scanned page would cost.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=12)
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
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        cmd = [sys.executable, "-m", "subsidy_cli", "check", str(dossier), "--format", "json"]
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        again = time.perf_counter() - t0
        ocr._engine()
        sample = [(p, i) for p in scanned for i in (0, 20)][: args.sample]
        t0 = time.perf_counter()
        for p, i in sample:
            ocr.ocr_pdf_page(str(p), i)
        alone = (time.perf_counter() - t0) / len(sample)
        print(f"dossier: {len(list(dossier.rglob('*')))} entries, {total} PDF pages, {pages} image-only "
              f"({pages / total:.0%}) in {len(scanned)} scanned contracts (made in {made:.0f} s); {os.cpu_count()} cores")
        print(f"subsidy check (first, cold cache): {first:7.1f} s; OCR read {len(scanned)} pages (first page of each scan)")
        print(f"subsidy check (again, unchanged):  {again:7.1f} s = {again / first:.2f} of the first")
        print(f"OCR engine alone, 1 process: {alone:.2f} s/page = {1 / alone:.2f} pages/s; all {pages} image-only "
              f"pages would take ~{alone * pages / 60:.0f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
