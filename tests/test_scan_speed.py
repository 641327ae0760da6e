"""Speed work that must not change results (issue 15): the slim content streams and the direct
page lookup give pypdf's own text and pages; the worker pool starts only when the work pays and
gives what one process gives; a re-check reads only the files that changed. Behaviour only: the
timings live in bench/."""

import glob

import pytest

from conftest import SAMPLES
from subsidy_cli.scan.readers.pdf import page_at, page_runs
from subsidy_cli.scan.readers.pdfops import slim

def _pdfs(*names: str) -> list[str]:
    return sorted(f for n in names for f in glob.glob(str(SAMPLES / n / "**" / "*.pdf"), recursive=True))


# ------------------------------------------------------------------ slim content streams

QR_LIKE = b"q 0 0 0 rg 0 w 0 J 0 j [] 0 d n 10 20 2.5 2.5 re f* Q\n" * 20


def test_slim_drops_paths_and_empty_saves_and_keeps_text():
    data = b"BT /F1 12 Tf 1 0 0 1 56 700 Tm (Hello) Tj ET\n" + QR_LIKE + b"q 1 0 0 1 5 5 cm /Im1 Do Q\n"
    out = slim(data)
    assert b" re" not in out and b"rg" not in out and b"q\nQ" not in out
    assert b"(Hello) Tj" in out and b"/Im1 Do" in out and b"1 0 0 1 5 5 cm" in out


@pytest.mark.parametrize("odd", [b"BT (a (nested) string) Tj ET\n",      # nested parentheses
                                 b"BI /W 1 /H 1 ID \x00\xff EI\n",           # an inline image
                                 b"% a comment\n",
                                 b"BT [(a) 3 (b)] TJ ET 12abc\n"])          # a token we do not know
def test_slim_leaves_what_it_does_not_understand_alone(odd):
    data = QR_LIKE + odd
    assert slim(data) is data


def test_slim_pages_give_pypdfs_own_runs_and_text():
    from pypdf import PdfReader
    for path in _pdfs("sjs-compute", "bj-compute-voucher", "sjs-platform"):
        fast, plain = PdfReader(path, strict=False), PdfReader(path, strict=False)
        for i in range(min(3, len(plain.pages))):
            assert page_runs(page_at(fast, i)) == page_runs(plain.pages[i], fast=False), (path, i)


def test_page_at_is_the_page_pypdf_lists():
    from pypdf import PdfReader
    for path in _pdfs("sjs-compute", "sjs-compute-scanned"):
        reader = PdfReader(path, strict=False)
        n = int(reader.trailer["/Root"]["/Pages"]["/Count"])
        for i in sorted({0, 1, n - 1}):
            if 0 <= i < n:
                direct = page_at(reader, i)
                listed = reader.pages[i]
                assert direct.indirect_reference == listed.indirect_reference
                assert {k: repr(v) for k, v in direct.items()} == {k: repr(v) for k, v in listed.items()}
