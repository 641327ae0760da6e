"""Offline OCR (scan/ocr.py, the [ocr] extra): accuracy on rescanned real invoices, time per page.

    .venv/bin/python bench/bench_ocr.py [CORPUS_DIR]

The PDF invoices of CORPUS_DIR (default ../shared/corpus/invoices, truth.tsv) are rasterised with
poppler's pdftoppm and turned into scans: 150 dpi clean; 150 dpi rotated 2 degrees with grey
noise and JPEG quality 60; 200 dpi; 150 dpi printed grey and rescanned (greyscale, noise, 1
degree); each as an image-only PDF, and the rotated one also as a JPEG photo. Each is read the
way the scanner reads it (readers.read_content), and invoice number, date, total and seller are
compared with the truth: once with everything (OCR text, then the QR code), once from the OCR
text alone. Times are per page, OCR engine loaded (the first page's load reported apart).
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from subsidy_cli.scan import ocr  # noqa: E402
from subsidy_cli.scan.extract import fields_of  # noqa: E402
from subsidy_cli.scan.extract.invoice import extract_invoice_fields  # noqa: E402
from subsidy_cli.scan.normalise import compact  # noqa: E402
from subsidy_cli.scan.readers import read_content  # noqa: E402


def raster(pdf: Path, dpi: int, out: Path) -> Path:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", "-png", str(pdf), str(out)],
                   check=True)
    return out.with_suffix(".png")


def variants(png150: Path, png200: Path, d: Path, stem: str) -> dict[str, Path]:
    import random

    from PIL import Image, ImageOps
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    def as_pdf(img, name, quality=85):
        jpg = d / f"{name}.jpg"
        img.convert("RGB").save(jpg, quality=quality)
        path = d / f"{name}.pdf"
        w, h = A4 if img.size[1] > img.size[0] else A4[::-1]
        c = canvas.Canvas(str(path), pagesize=(w, h))
        c.drawImage(ImageReader(str(jpg)), 0, 0, w, h)
        c.save()
        return path

    def noisy(img, amount, seed=7):
        rnd = random.Random(seed)
        img = img.copy()
        px = img.load()
        for _ in range(img.width * img.height // 60):
            x, y = rnd.randrange(img.width), rnd.randrange(img.height)
            p = px[x, y]
            v = max(0, min(255, (p[0] if isinstance(p, tuple) else p) + rnd.randint(-amount, amount)))
            px[x, y] = (v, v, v) if isinstance(p, tuple) else v
        return img

    clean = Image.open(png150).convert("RGB")
    rot = noisy(clean.rotate(2, resample=Image.BICUBIC, fillcolor=(255, 255, 255)), 50)
    out = {"150 clean": as_pdf(clean, f"{stem}-clean"),
           "150 rot2+noise+jpeg60": as_pdf(rot, f"{stem}-rot", quality=60),
           "200 clean": as_pdf(Image.open(png200).convert("RGB"), f"{stem}-200"),
           "150 grey rescan": as_pdf(noisy(ImageOps.grayscale(clean).rotate(1, resample=Image.BICUBIC, fillcolor=255)
                                           .convert("RGB"), 40), f"{stem}-grey")}
    photo = d / f"{stem}-photo.jpg"
    rot.save(photo, quality=60)
    out["photo jpeg rot2"] = photo
    return out


def main() -> None:
    if not ocr.available():
        sys.exit("the [ocr] extra is not installed: pip install -e '.[ocr]'")
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "invoices"
    rows = [r for r in csv.DictReader((corpus / "truth.tsv").open(encoding="utf-8"), delimiter="\t")
            if r["file"].endswith(".pdf")]
    t0 = time.perf_counter()
    ocr._engine()
    load = time.perf_counter() - t0
    right: dict[str, list[int]] = {}
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for r in rows:
            stem = Path(r["file"]).stem
            pdf = corpus / r["file"]
            for name, path in variants(raster(pdf, 150, d / f"{stem}-150"), raster(pdf, 200, d / f"{stem}-200r"), d,
                                       stem).items():
                t = time.perf_counter()
                content = read_content(str(path), "image" if path.suffix == ".jpg" else "pdf")
                times.append(time.perf_counter() - t)
                want = (r["invoice_number"], r["issue_date"], r["total"], compact(r["seller"]))
                both, _ = fields_of("invoice", content)
                alone = extract_invoice_fields(content.get("text") or "", report_missing=False)
                score = right.setdefault(name, [0, 0, 0])
                for k, f in ((0, both), (1, alone)):
                    got = (f.get("invoice_number"), f.get("issue_date"), f.get("total"), compact(f.get("seller_name")))
                    score[k] += got == want
                    if k == 0 and got != want:
                        print(f"  wrong ({name}) {r['file']}: {got}")
                score[2] += 1
    n = sum(s[2] for s in right.values())
    print(f"engine load {load:.1f} s; {n} scanned pages; s/page median {sorted(times)[len(times) // 2]:.2f}, "
          f"mean {sum(times) / len(times):.2f}, max {max(times):.2f}")
    print(f"{'variant':24s} {'OCR+QR':>8s} {'OCR only':>9s}")
    for name, (both, alone, total) in right.items():
        print(f"{name:24s} {both:>4d}/{total:<3d} {alone:>5d}/{total}")
    print(f"{'all':24s} {sum(s[0] for s in right.values()):>4d}/{n:<3d} {sum(s[1] for s in right.values()):>5d}/{n}")


if __name__ == "__main__":
    main()
