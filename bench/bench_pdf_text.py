"""Which library gives PDF text with positions: accuracy and speed (issue 10, point 2).

    .venv/bin/python bench/bench_pdf_text.py [CORPUS_DIR]

For each candidate (pypdf's plain text as the baseline; pypdf's text visitor, pdfplumber and
pypdfium2 giving runs with positions, rebuilt into rows by readers/layout.py) this reads the
real e-invoices of CORPUS_DIR (default ../shared/corpus/invoices, with truth.tsv), generated
invoices drawn out of order (tests/docgen.py: spaced dates, ¥ after the figure, buyer 个人,
seller without company suffix) and the sample dossiers' invoices, and counts invoices whose
number, date, total and seller are all right; then times the reading of every PDF of the sample
dossiers (text of the first 3 pages), the files warm in the page cache.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
import tempfile
import time
import tomllib
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from pdf_runs import pdfium_runs, plumber_runs, pypdf_runs  # noqa: E402

from subsidy_cli.money import parse_money  # noqa: E402
from subsidy_cli.scan.extract.invoice import extract_invoice_fields  # noqa: E402
from subsidy_cli.scan.normalise import compact  # noqa: E402
from subsidy_cli.scan.readers.layout import layout_text  # noqa: E402


def plain(path: str, pages: int = 3) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(path).pages[:pages])


CANDIDATES = {
    "pypdf plain text (today)": plain,
    "pypdf visitor + layout": lambda p: "\n".join(layout_text(r) for r in pypdf_runs(p)),
    "pdfplumber chars + layout": lambda p: "\n".join(layout_text(r) for r in plumber_runs(p)),
    "pypdfium2 chars + layout": lambda p: "\n".join(layout_text(r) for r in pdfium_runs(p)),
}


def truth_rows(corpus: Path, gen: Path) -> list[tuple[Path, tuple]]:
    import docgen

    rows = []
    for r in csv.DictReader((corpus / "truth.tsv").open(encoding="utf-8"), delimiter="\t"):
        if r["file"].endswith(".pdf"):
            rows.append((corpus / r["file"], (r["invoice_number"], r["issue_date"], r["total"], r["seller"])))
    shapes = [dict(), dict(buyer="北京智算示例科技有限公司", buyer_code=docgen.credit_code("91110107MA01ABCD1")),
              dict(seller="成都市武侯区小龙坎火锅店", total=Decimal("1288.00"), tax=Decimal("37.51")),
              dict(date=dt.date(2024, 12, 3), number="08812345", total=Decimal("15.94"), tax=Decimal("0.46"))]
    for i, kw in enumerate(shapes):
        p = docgen.scattered_invoice(gen / f"scattered_{i}.pdf", **kw)
        d = kw.get("date", dt.date(2023, 4, 11))
        rows.append((p, (kw.get("number", "23117688"), d.isoformat(), f"{kw.get('total', Decimal('73.20')):.2f}",
                         kw.get("seller", "兰州老马家牛肉火锅"))))
    for toml in sorted((ROOT / "sample_dossiers").glob("*/subsidy.toml")):
        prof = tomllib.loads(toml.read_text(encoding="utf-8"))
        for c in prof.get("contracts", []):
            for inv in c.get("invoices", []):
                p = toml.parent / "03_发票" / f"{inv['number']}.pdf"
                if p.is_file():
                    rows.append((p, (inv["number"], str(inv["date"]), f"{parse_money(inv['amount']):.2f}", c["supplier"])))
    return rows


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "invoices"
    with tempfile.TemporaryDirectory() as tmp:
        rows = truth_rows(corpus, Path(tmp))
        all_pdfs = sorted(p for p in (ROOT / "sample_dossiers").rglob("*.pdf")) + [p for p, _ in rows]
        print(f"{len(rows)} invoices with truth; {len(all_pdfs)} PDFs timed")
        for name, fn in CANDIDATES.items():
            right, wrong = 0, []
            for path, want in rows:
                f = extract_invoice_fields(fn(str(path)), report_missing=False)
                got = (f.get("invoice_number"), f.get("issue_date"), f.get("total"), f.get("seller_name"))
                ok = got[:3] == want[:3] and compact(got[3]) == compact(want[3])
                right += ok
                if not ok:
                    wrong.append(path.name)
            for p in all_pdfs[:3]:
                fn(str(p))          # imports and first-call costs out of the timing
            t0 = time.perf_counter()
            for p in all_pdfs:
                fn(str(p))
            spent = time.perf_counter() - t0
            print(f"{name:28s} {right:3d}/{len(rows)} invoices right   {1000 * spent / len(all_pdfs):6.1f} ms/file"
                  f"   wrong: {', '.join(wrong[:6])}{' …' if len(wrong) > 6 else ''}")


if __name__ == "__main__":
    main()
