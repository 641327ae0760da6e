"""Speed work that must not change results (issue 15): the slim content streams and the direct
page lookup give pypdf's own text and pages; the worker pool starts only when the work pays and
gives what one process gives; a re-check reads only the files that changed. Behaviour only: the
timings live in bench/."""

import glob
import shutil

import pytest

from conftest import SAMPLES
from subsidy_cli.scan import cache, scan_dossier
from subsidy_cli.scan import dossier as dossier_module
from subsidy_cli.scan import index as index_module
from subsidy_cli.scan.readers.pdf import page_at, page_runs
from subsidy_cli.scan.readers.pdfops import operations, slim, tokens

PLAIN_SAMPLES = sorted(p.name for p in SAMPLES.iterdir() if p.is_dir() and "scanned" not in p.name)


@pytest.fixture(autouse=True)
def _cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


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


def _pypdf_operations(data: bytes) -> list:
    from pypdf.generic import ContentStream
    stream = ContentStream(None, None, "bytes")
    stream.set_data(data)
    return stream.operations


def _typed(ops) -> list:
    """Operations with every operand's type: a ByteStringObject is not a TextStringObject."""
    def t(x):
        return [type(x).__name__, [t(y) for y in x] if isinstance(x, list) else x]
    return [(t(list(args)), op) for args, op in ops]


@pytest.mark.parametrize("data", [
    b"BT /F1 12 Tf 1 0 0 1 56.5 -.5 Tm (a\\101\\377\\0101) Tj T* ET\n",
    b"BT [(A) -250.5 (B) 3 <4142 43>] TJ (x\\(y\\)z\\\\) ' 1 2 (q) \" ET\n",
    b"BT (\\777 \\q \\x41 \\1234 a\\\nb c\\\r\nd) Tj <414> Tj ET\n",
    b"q 1 0 0 1 5 5 cm /Im1 Do Q /P BMC EMC",
    b"q q 0 g 1 1 2 2 re f Q Q BT (a) Tj ET " + QR_LIKE,
])
def test_operations_are_pypdfs_own(data):
    assert _typed(operations(data, drop=False)) == _typed(_pypdf_operations(data))
    assert _typed(operations(data)) == _typed(_pypdf_operations(slim(data)))


@pytest.mark.parametrize("data", [b"/P <</MCID 0>> BDC EMC", b"[true] TJ", b"[[1] 2] TJ", b"/A#20B Tf",
                                  b"BT (a (b) c) Tj ET", b"BI /W 1 ID x EI", b"1 0 R", b"(a\x00) Tj"])
def test_operations_leave_the_rest_to_pypdf(data):
    assert operations(data) is None


def test_operations_of_every_sample_page_are_pypdfs_own():
    from pypdf import PdfReader
    from pypdf.generic import ContentStream
    for path in _pdfs("sjs-compute", "bj-compute-voucher", "sjs-platform", "sjs-compute-scanned"):
        reader = PdfReader(path, strict=False)
        for i in range(min(3, len(reader.pages))):
            data = ContentStream(reader.pages[i]["/Contents"], reader, "bytes").get_data()
            ops = operations(data, drop=False)
            assert ops is None or _typed(ops) == _typed(_pypdf_operations(data)), (path, i)
            ops = operations(data)
            assert ops is None or _typed(ops) == _typed(_pypdf_operations(slim(data))), (path, i)


# ------------------------------------------------------------------ QR codes drawn as squares

def test_a_qr_drawn_as_squares_is_read_from_them_as_rendering_reads_it():
    pytest.importorskip("zxingcpp")
    pytest.importorskip("pypdfium2")
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    from subsidy_cli.scan.readers.qr import qr_texts_pdf, qr_texts_vector
    invoices = _pdfs("sjs-compute", "bj-compute-voucher", "tz-model-voucher")
    invoices = [p for p in invoices if "/03_" in p]
    assert len(invoices) >= 8
    for path in invoices:
        page = PdfReader(path).pages[0]
        data = ContentStream(page["/Contents"], page.pdf, "bytes").get_data()
        box = tuple(float(v) for v in (page.mediabox.left, page.mediabox.bottom, page.mediabox.right, page.mediabox.top))
        found = qr_texts_vector(data, box, corner=True)
        assert found and found == qr_texts_pdf(path, corner=True), path
        toks = tokens(data)                                              # the text's tokens, shared
        assert qr_texts_vector(data, box, corner=True, toks=toks) == found
        assert _typed(operations(data, toks=toks)) == _typed(operations(data))
        assert qr_texts_vector(data, (0.0, 0.0, 1.0, 1.0), corner=True) == []    # not in the corner: none


def test_no_squares_no_qr():
    from subsidy_cli.scan.readers.qr import filled_squares, qr_texts_vector
    assert qr_texts_vector(b"BT /F1 12 Tf (x) Tj ET", (0.0, 0.0, 595.0, 842.0)) == []
    assert filled_squares(b"q 0 1 -1 0 0 0 cm 1 1 2 2 re f Q") is None                # rotated: render
    assert filled_squares(b"1 g 0 0 9 9 re f 0 g 1 1 2 2 re f* 0 0 5 5 re S") == [(1.0, 1.0, 3.0, 3.0)]


# ------------------------------------------------------------------ the worker pool

class _Clock:
    """time.perf_counter for dossier.py: frozen, or advancing ``step`` seconds a call."""

    def __init__(self, step: float):
        self.now, self.step = 0.0, step

    def perf_counter(self) -> float:
        self.now += self.step
        return self.now


def _count_pools(monkeypatch) -> list:
    import concurrent.futures

    started = []
    real = concurrent.futures.ProcessPoolExecutor

    def counting(*args, **kwargs):
        started.append(kwargs.get("max_workers"))
        return real(*args, **kwargs)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counting)
    return started


def test_a_small_dossier_is_read_without_a_pool(monkeypatch):
    started = _count_pools(monkeypatch)
    monkeypatch.setattr(dossier_module, "time", _Clock(0.0))
    serial = [f.to_json() for f in scan_dossier(SAMPLES / "tz-compute-voucher", jobs=1, cache=False)]
    pooled = [f.to_json() for f in scan_dossier(SAMPLES / "tz-compute-voucher", jobs=4, cache=False)]
    assert started == [] and pooled == serial


def test_a_pool_starts_when_reading_turns_out_slow(monkeypatch):
    started = _count_pools(monkeypatch)
    monkeypatch.setattr(dossier_module, "time", _Clock(3.0))    # every file as slow as an OCR page
    serial = [f.to_json() for f in scan_dossier(SAMPLES / "tz-compute-voucher", jobs=1, cache=False)]
    ticks = []
    pooled = [f.to_json() for f in scan_dossier(SAMPLES / "tz-compute-voucher", jobs=2, cache=False,
                                                progress=lambda d, t: ticks.append(d))]
    assert started == [2] and pooled == serial
    assert ticks == list(range(1, len(serial) + 1))


def test_ocr_pages_are_estimated_as_the_costly_part(tmp_path):
    small = tmp_path / "a.pdf"
    small.write_bytes(b"%PDF-1.4\n" + b"0" * 1000)
    photo = tmp_path / "b.jpg"
    photo.write_bytes(b"\xff\xd8" + b"0" * 1000)
    assert dossier_module.estimate_seconds([(0, str(small), "pdf")] * 20, ocr=True) < dossier_module.POOL_MIN_SECONDS
    assert dossier_module.estimate_seconds([(0, str(photo), "image")], ocr=True) >= dossier_module.POOL_MIN_SECONDS
    assert dossier_module.estimate_seconds([(0, str(photo), "image")], ocr=False) < dossier_module.POOL_MIN_SECONDS


@pytest.mark.parametrize("name", PLAIN_SAMPLES)
def test_pool_and_one_process_give_the_same_scan(name, monkeypatch):
    serial = [f.to_json() for f in scan_dossier(SAMPLES / name, jobs=1, cache=False)]
    monkeypatch.setattr(dossier_module, "POOL_MIN_SECONDS", 0.0)    # a pool however small the work
    assert [f.to_json() for f in scan_dossier(SAMPLES / name, jobs=2, cache=False)] == serial


def test_one_shared_pool_serves_every_dossier(monkeypatch):
    started = _count_pools(monkeypatch)
    monkeypatch.setattr(dossier_module, "POOL_MIN_SECONDS", 0.0)
    with dossier_module.shared_pool(2):
        for name in PLAIN_SAMPLES[:3]:
            scan_dossier(SAMPLES / name, cache=False)
    assert started == [2]


# ------------------------------------------------------------------ the cache

def test_a_recheck_reads_only_the_file_that_changed(tmp_path):
    dossier = tmp_path / "d"
    shutil.copytree(SAMPLES / "tz-compute-voucher", dossier)
    first = {f.path: f.to_json() for f in scan_dossier(dossier, jobs=1)}
    before = dict(cache.STATS)
    assert {f.path: f.to_json() for f in scan_dossier(dossier, jobs=2)} == first
    assert cache.STATS["reads"] == before["reads"]                 # unchanged: nothing read
    changed = sorted(dossier.rglob("结算单_*.pdf"))[0]
    with open(changed, "ab") as fh:
        fh.write(b"\n\n")                                          # other bytes, same document
    before = dict(cache.STATS)
    again = {f.path: f.to_json() for f in scan_dossier(dossier, jobs=2)}
    assert cache.STATS["reads"] - before["reads"] == 1
    assert cache.STATS["misses"] - before["misses"] == 1
    assert again == first


# ------------------------------------------------------------------ the dossier index

@pytest.fixture
def settled(monkeypatch):
    """Files trusted as in a real dossier, not only when older than the index's racy window."""
    monkeypatch.setattr(index_module, "RACY_SECONDS", 0.0)


def test_a_recheck_of_an_unchanged_dossier_hashes_and_opens_no_file(tmp_path, monkeypatch, settled):
    dossier = tmp_path / "d"
    shutil.copytree(SAMPLES / "tz-compute-voucher", dossier)
    first = [f.to_json() for f in scan_dossier(dossier, jobs=1)]
    read = [p for p in dossier.rglob("*") if p.is_file() and p.suffix in (".pdf", ".docx", ".xlsx")]
    before = dict(cache.STATS)
    monkeypatch.setattr(dossier_module, "content_key", lambda path: pytest.fail(f"hashed {path}"))
    monkeypatch.setattr(dossier_module, "cache_get", lambda *a: pytest.fail("opened a cache entry"))
    assert [f.to_json() for f in scan_dossier(dossier, jobs=1)] == first
    assert cache.STATS["indexed"] - before["indexed"] == len(read) and cache.STATS["reads"] == before["reads"]


def test_a_file_rewritten_with_its_old_size_and_time_is_read_again(tmp_path, settled):
    import os
    from test_scan import SETTLEMENT, pdf
    dossier = tmp_path / "d"
    dossier.mkdir()
    sheet = pdf(dossier / "结算单.pdf", [SETTLEMENT])
    [f] = scan_dossier(dossier, jobs=1)
    assert f.fields["contract_number"] == "HT-2024-001"
    other = pdf(tmp_path / "other.pdf", [[line.replace("HT-2024-001", "HT-2024-009") for line in SETTLEMENT]])
    st = sheet.stat()
    assert other.stat().st_size == st.st_size
    sheet.write_bytes(other.read_bytes())                # in place, same size …
    os.utime(sheet, ns=(st.st_atime_ns, st.st_mtime_ns))  # … and the old modification time
    [g] = scan_dossier(dossier, jobs=1)
    assert g.fields["contract_number"] == "HT-2024-009"


def test_files_changed_just_now_are_not_trusted_to_the_index(tmp_path):
    dossier = tmp_path / "d"
    shutil.copytree(SAMPLES / "tz-compute-voucher", dossier)        # every file's change time: now
    first = [f.to_json() for f in scan_dossier(dossier, jobs=1)]
    before = dict(cache.STATS)
    assert [f.to_json() for f in scan_dossier(dossier, jobs=1)] == first
    assert cache.STATS["indexed"] == before["indexed"] and cache.STATS["hits"] > before["hits"]


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"version": "0", "files": {}}', b"[1, 2]",
                                    b'{"version": null, "files": {"a.pdf": [1, 2, 3, 4]}}'])
def test_a_damaged_index_is_no_error(tmp_path, settled, damage):
    dossier = tmp_path / "d"
    shutil.copytree(SAMPLES / "tz-compute-voucher", dossier)
    first = [f.to_json() for f in scan_dossier(dossier, jobs=1)]
    [stored] = (tmp_path / "cache" / "subsidy" / "scan-v1" / "dossiers").iterdir()
    stored.write_bytes(damage)
    assert [f.to_json() for f in scan_dossier(dossier, jobs=1)] == first
    text = stored.read_text(encoding="utf-8")                       # written again, whole
    assert text.startswith('{"version": "1 ')


def test_a_damaged_index_entry_is_read_again(tmp_path, settled):
    import json
    dossier = tmp_path / "d"
    shutil.copytree(SAMPLES / "tz-compute-voucher", dossier)
    first = [f.to_json() for f in scan_dossier(dossier, jobs=1)]
    [stored] = (tmp_path / "cache" / "subsidy" / "scan-v1" / "dossiers").iterdir()
    data = json.loads(stored.read_text(encoding="utf-8"))
    for entry in data["files"].values():
        entry[3] = {"text": 3}                                       # not a content
    stored.write_text(json.dumps(data), encoding="utf-8")
    before = dict(cache.STATS)
    assert [f.to_json() for f in scan_dossier(dossier, jobs=1)] == first
    assert cache.STATS["indexed"] == before["indexed"]


def test_a_recheck_classifies_names_from_the_index_without_the_keyword_table(tmp_path, monkeypatch, settled):
    from subsidy_cli.scan import classify
    dossier = tmp_path / "d"
    shutil.copytree(SAMPLES / "tz-compute-voucher", dossier)
    first = [f.to_json() for f in scan_dossier(dossier, jobs=1)]
    monkeypatch.setattr(classify, "_NAMES", {})                     # a new process
    monkeypatch.setattr(classify, "_by_name", lambda name: pytest.fail(f"classified {name!r} by the keyword table"))
    assert [f.to_json() for f in scan_dossier(dossier, jobs=1)] == first
