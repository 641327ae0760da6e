"""readers/pdftext.py re-does pypdf's text extraction over our tokens, and readers/pdfops.py
decodes ASCII85 and tokenises streams its own way: each must give exactly what pypdf gives, on
the real invoice corpus, every sample page and streams written to exercise each operator."""

import base64
import glob
import io
import os
import random
from pathlib import Path

import pytest

from conftest import SAMPLES
from subsidy_cli.scan.readers import pdftext
from subsidy_cli.scan.readers.pdf import page_runs
from subsidy_cli.scan.readers.pdfops import SQUARES, a85, groups, tokens

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus" / "invoices"

pytestmark = pytest.mark.skipif(not pdftext.usable(), reason="pypdf is not the version pdftext.py follows")


def _both(data: bytes, index: int = 0):
    """(page_runs fast, page_runs by pypdf alone) of one page, each from its own reader."""
    from pypdf import PdfReader
    fast = page_runs(PdfReader(io.BytesIO(data), strict=False).pages[index], fast=True)
    slow = page_runs(PdfReader(io.BytesIO(data), strict=False).pages[index], fast=False)
    return fast, slow


@pytest.fixture
def counted(monkeypatch):
    """How many pages the fast extractor answered (not left to pypdf)."""
    seen = {"fast": 0, "left": 0}
    real = pdftext.page_text_runs

    def count(*args):
        got = real(*args)
        seen["fast" if got is not None else "left"] += 1
        return got
    monkeypatch.setattr(pdftext, "page_text_runs", count)
    return seen


def _pages(paths):
    from pypdf import PdfReader
    for path in paths:
        data = Path(path).read_bytes()
        for i in range(min(3, len(PdfReader(io.BytesIO(data), strict=False).pages))):
            yield path, data, i


def test_every_sample_page_gives_pypdfs_runs_and_text(counted):
    paths = sorted(glob.glob(str(SAMPLES / "**" / "*.pdf"), recursive=True))
    n = 0
    for path, data, i in _pages(paths):
        fast, slow = _both(data, i)
        assert fast == slow, (path, i)
        n += 1
    assert n > 400
    assert counted["fast"] >= 0.95 * n          # the fast extractor really ran


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the invoice corpus (../shared/corpus) is absent")
def test_every_real_invoice_gives_pypdfs_runs_and_text(counted):
    paths = sorted(glob.glob(str(CORPUS / "*.pdf")))
    assert paths
    for path, data, i in _pages(paths):
        fast, slow = _both(data, i)
        assert fast == slow, (path, i)
    assert counted["fast"] >= 1


# ------------------------------------------------------------------ streams written to exercise each operator

def _pdf(content: bytes, widths: list[int] | None = None, encoded: bool = False) -> bytes:
    """A one-page PDF drawing ``content``, with /F1 (Helvetica, or a TrueType-like font with
    ``widths``), /F2 (STSong-Light, a CID font), an image /Im1 and a form /Fm1 drawing text."""
    from pypdf import PdfWriter
    from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject,
                               StreamObject)

    w = PdfWriter()
    page = w.add_blank_page(300, 300)
    f1 = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                           NameObject("/BaseFont"): NameObject("/Helvetica"),
                           NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    if widths:
        f1[NameObject("/FirstChar")] = NumberObject(32)
        f1[NameObject("/LastChar")] = NumberObject(32 + len(widths) - 1)
        f1[NameObject("/Widths")] = ArrayObject(NumberObject(x) for x in widths)
    desc = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/CIDFontType0"),
                             NameObject("/BaseFont"): NameObject("/STSong-Light"), NameObject("/DW"): NumberObject(1000)})
    f2 = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type0"),
                           NameObject("/BaseFont"): NameObject("/STSong-Light"),
                           NameObject("/Encoding"): NameObject("/UniGB-UCS2-H"),
                           NameObject("/DescendantFonts"): ArrayObject([w._add_object(desc)])})
    image = StreamObject()
    image.set_data(b"\x00")
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(1), NameObject("/Height"): NumberObject(1),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8)})
    form = DecodedStreamObject()
    form.set_data(b"BT /F1 9 Tf 10 10 Td (in a form) Tj ET")
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(100), NumberObject(100)]),
                 NameObject("/Resources"): DictionaryObject({NameObject("/Font"): DictionaryObject(
                     {NameObject("/F1"): w._add_object(f1)})})})
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(f1), NameObject("/F2"): w._add_object(f2)}),
        NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): w._add_object(image),
                                                  NameObject("/Fm1"): w._add_object(form)})})
    stream = StreamObject()
    if encoded:
        import zlib
        stream.set_data(base64.a85encode(zlib.compress(content), adobe=True, wrapcol=72))
        stream[NameObject("/Filter")] = ArrayObject([NameObject("/ASCII85Decode"), NameObject("/FlateDecode")])
    else:
        stream.set_data(content)
    page[NameObject("/Contents")] = w._add_object(stream)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


STREAMS = {
    "kerning and word gaps": b"BT /F1 10 Tf 20 200 Td [(Ta) -80 (ble) -300 (of) 120 (x) -1000 (y)] TJ ET",
    "quote operators": b"BT /F1 10 Tf 12 TL 20 250 Td (one) Tj (two) ' 2 1 (three) \" ET",
    "TD sets the leading": b"BT /F1 10 Tf 20 250 Td (a) Tj 0 -14 TD (b) Tj T* (c) Tj ET",
    "spacing and scaling": b"BT /F1 10 Tf 3 Tc 5 Tw 80 Tz 20 200 Td (spaced out words) Tj ET",
    "text before any font": b"BT 20 200 Td (no font yet) Tj ET",
    "an unknown font": b"BT /F9 10 Tf 20 200 Td (unknown) Tj ET",
    "a CID font": b"BT /F2 12 Tf 20 200 Td <8BA18D3953554E2D> Tj ET",
    "an image ends a line": b"BT /F1 10 Tf 20 200 Td (before) Tj ET q 10 0 0 10 50 50 cm /Im1 Do Q "
                            b"BT /F1 10 Tf 20 150 Td (after) Tj ET",
    "a form": b"BT /F1 10 Tf 20 200 Td (page) Tj ET /Fm1 Do",
    "a missing XObject": b"BT /F1 10 Tf 20 200 Td (x) Tj ET /Nope Do BT /F1 10 Tf 20 180 Td (y) Tj ET",
    "unbalanced Q and a bad matrix": b"Q Q 1 0 0 cm BT /F1 10 Tf 20 200 Td (z) Tj ET",
    "rotated text": b"BT /F1 10 Tf 0 1 -1 0 100 100 Tm (up) Tj 0 -1 1 0 200 200 Tm (down) Tj ET",
    "a name in TJ": b"BT /F1 10 Tf 20 200 Td [(a) /N (b)] TJ ET",
    "hex and escapes": b"BT /F1 10 Tf 20 200 Td <48656C6C6F> Tj (\\101\\102\\n\\(x\\)) Tj ET",
    "font size from the stack": b"q BT /F1 20 Tf 20 200 Td (big) Tj ET Q BT 20 150 Td (after Q) Tj ET",
    "right to left": "BT /F1 10 Tf 20 200 Td (\u05d0\u05d1) Tj ET".encode("utf-8"),
    "marked content": b"/P <</MCID 0>> BDC BT /F1 10 Tf 20 200 Td (marked) Tj ET EMC",
    "lines close together": b"BT /F1 10 Tf 20 200 Td (row) Tj 0 -3 Td (same row?) Tj 0 -30 Td (next) Tj ET",
}


@pytest.mark.parametrize("encoded", [False, True])
@pytest.mark.parametrize("name", list(STREAMS))
def test_streams_written_for_each_operator_give_pypdfs_runs_and_text(name, encoded):
    fast, slow = _both(_pdf(STREAMS[name], encoded=encoded))
    assert fast == slow
    if name not in ("right to left",):
        assert slow[1].strip()


def test_widths_decide_spaces_as_in_pypdf():
    content = b"BT /F1 10 Tf 20 200 Td (ab) Tj 22 0 Td (cd) Tj ET"
    narrow, wide = _pdf(content, widths=[250] * 95), _pdf(content, widths=[1900] * 95)
    fast_n, slow_n = _both(narrow)
    fast_w, slow_w = _both(wide)
    assert (fast_n, fast_w) == (slow_n, slow_w)
    assert slow_n[1] != slow_w[1]                   # the widths matter: a space in one, not the other


def test_a_font_is_shared_between_files_only_when_written_the_same():
    from pypdf import PdfReader

    def key(data: bytes) -> bytes | None:
        reader = PdfReader(io.BytesIO(data))
        fonts = reader.pages[0]["/Resources"]["/Font"]
        return pdftext._font_key(reader, dict.get(fonts, "/F1"))

    one = _pdf(b"BT /F1 10 Tf (a) Tj ET", widths=[250] * 95)
    other = _pdf(b"q Q BT /F1 10 Tf (b) Tj ET", widths=[250] * 95)
    wider = _pdf(b"BT /F1 10 Tf (a) Tj ET", widths=[251] + [250] * 94)
    assert key(one) is not None and key(one) == key(other) != key(wider)


def test_a_cached_font_gives_the_widths_of_its_own_file():
    content = b"BT /F1 10 Tf 20 200 Td (ab) Tj 22 0 Td (cd) Tj ET"
    pdftext._FONT_CACHE.clear()
    for widths in ([250] * 95, [1900] * 95, [250] * 95):
        fast, slow = _both(_pdf(content, widths=widths))
        assert fast == slow


# ------------------------------------------------------------------ ASCII85 and the tokeniser

def test_ascii85_is_pypdfs():
    from pypdf.filters import ASCII85Decode
    rng = random.Random(7)
    fast = 0
    for _ in range(600):
        raw = rng.randbytes(rng.randint(0, 200))
        if rng.random() < 0.5:
            raw = b"\0" * rng.randint(0, 9) + raw + b"\0" * rng.randint(0, 9)
        enc = base64.a85encode(raw, adobe=True, wrapcol=rng.choice([0, 20, 72]))
        if rng.random() < 0.3:
            enc = b" \n" + enc.removeprefix(b"<~") + b"\r\n"
        got = a85(enc)
        if got is not None:
            fast += 1
            assert got == ASCII85Decode.decode(enc) == raw
    assert fast > 590


@pytest.mark.parametrize("odd", [b"<~!z~>", b"<~abc", b"<~v~>", b"<~uuuuu~>", b"<~!!z!!!~>", b"abc~"])
def test_ascii85_leaves_what_it_does_not_follow_to_pypdf(odd):
    assert a85(odd) is None


def _one_by_one(data):
    try:
        return [(op, args) for op, args, _ in groups(data)]
    except ValueError:
        return None


def _expanded(toks):
    """Tokens with each run of squares read operator by operator again."""
    if toks is None:
        return None
    return [t for op, args in toks for t in (_one_by_one(args) if op == SQUARES else [(op, args)])]


def _streams(*names):
    from pypdf import PdfReader
    from pypdf.generic import ContentStream
    for path in sorted(f for n in names for f in glob.glob(str(SAMPLES / n / "**" / "*.pdf"), recursive=True)):
        reader = PdfReader(path)
        yield path, ContentStream(reader.pages[0]["/Contents"], reader, "bytes").get_data()


def test_tokens_are_the_groups_read_one_by_one():
    runs = 0
    for path, data in _streams("sjs-compute"):
        toks = tokens(data)
        runs += sum(op == SQUARES for op, _ in toks)
        assert _expanded(toks) == _one_by_one(data) is not None, path
        for at in (len(data) // 3, len(data) // 2, data.index(b"ET")):
            odd = data[:at] + b" @ " + data[at:]     # garbage, unless it fell into a string
            assert _expanded(tokens(odd)) == _one_by_one(odd)
        assert tokens(data.replace(b"ET", b"@ ET", 1)) is None
    assert runs                                     # the invoices' QR codes are runs of squares
    for data in (b"", b" \n ", b"BT ET", b"q Q  \n", b"BT @ ET ", b"1 2 3"):
        assert tokens(data) == _one_by_one(data), data


SQUARE = b"q 0 0 0 rg 0 w 0 J 0 j [] 0 d n 10 20 2.5 2.5 re f* Q\n"


@pytest.mark.parametrize("data", [
    SQUARE * 20,
    b"BT /F1 9 Tf (" + SQUARE * 20 + b") Tj ET",                    # squares inside a string: no run
    b"BT /F1 9 Tf (a" + SQUARE * 20 + b"b) Tj ET " + SQUARE * 9,
    b"q 1 0 0 1 5 5 cm " + SQUARE * 10 + b"Q " + SQUARE.replace(b"0 0 0 rg", b"1 g") * 10,
    SQUARE * 5 + b"q 0 g n 1 2 3 4 re S Q " + SQUARE * 12,          # stroked: not a square block
])
def test_runs_of_squares_are_the_same_operators_and_squares(data):
    from subsidy_cli.scan.readers.qr import _filled_squares
    toks = tokens(data)
    assert _expanded(toks) == _one_by_one(data)
    if toks is not None:
        assert _filled_squares(toks) == _filled_squares(_one_by_one(data))


def test_the_squares_of_every_sample_invoice_are_found_as_before():
    from subsidy_cli.scan.readers.qr import _filled_squares
    n = 0
    for path, data in _streams("sjs-compute", "tz-compute-voucher", "bda-model-voucher"):
        toks = tokens(data)
        if any(op == SQUARES for op, _ in toks):
            n += 1
            assert _filled_squares(toks) == _filled_squares(_one_by_one(data)), path
    assert n >= 5


def test_the_fast_text_follows_only_the_pypdf_it_was_checked_against(monkeypatch):
    import pypdf
    monkeypatch.setattr(pypdf, "__version__", "99.0.0")
    assert pdftext.usable() is False
    assert os.environ.get("SUBSIDY_DEBUG") is None


@pytest.mark.parametrize("data", [
    b"BT /F1 10 Tf 20 200 Td (a) Tj ET /Ab'",                                    # a name at the end
    b"BT /F1 10 Tf 20 200 Td (a) Tj ET /Ab' " + SQUARE * 8 + b"BT /F1 10 Tf 20 100 Td (b) Tj ET",
    b"q 2 0 0 2 0 0 cm /XQ " + SQUARE * 8 + b"BT /F1 10 Tf 20 50 Td (b) Tj ET Q",
])
def test_a_name_is_never_cut_into_a_name_and_an_operator(data):
    """'/Ab'' is one name (' is no delimiter): not the name /Ab and the operator '."""
    assert _expanded(tokens(data)) == _one_by_one(data)
    fast, slow = _both(_pdf(data))
    assert fast == slow


@pytest.mark.parametrize("data", [
    b"BT /F1 10 Tf 20 200 Td (a) Tj 0.10000000000000000555111512312578270211815834045 0 Td (b) Tj ET",
    b"/" + b"G" * 5000 + b" gs BT /F1 10 Tf 20 200 Td (a) Tj ET",
])
def test_what_pypdf_refuses_is_left_to_pypdf(data):
    from subsidy_cli.scan.readers.pdfops import beyond_limits
    assert beyond_limits(data)
    fast, slow = _both(_pdf(data)) if False else (None, None)   # pypdf raises on these pages:
    from pypdf import PdfReader
    page = PdfReader(io.BytesIO(_pdf(data))).pages[0]
    assert pdftext.page_text_runs(page, tokens(data), data, lambda *a: None) is None


def _raw_pdf(width: int, font: bytes) -> bytes:
    """A PDF written by hand: its font dictionary exactly as given (``{W}`` is object 5, the widths)."""
    content = b"BT /F1 10 Tf 20 200 Td (ab) Tj 22 0 Td (cd) Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 6 0 R >>",
            font, b"[" + b" ".join([str(width).encode()] * 95) + b"]",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 "


@pytest.mark.parametrize("font", [
    FONT + b"/Widths 5 0 R >>",
    FONT + b"/Widths +5 0 R >>",                          # a signed reference: pypdf reads it, _REF does not
    FONT + b"/Widths 5\x0b0\x0bR >>",                     # vertical tab as whitespace
    FONT + b"/Note /endobj /Widths 5 0 R >>",            # "endobj" inside the dictionary
])
def test_a_font_written_oddly_is_never_taken_for_another_files(font):
    pdftext._FONT_CACHE.clear()
    for width in (250, 1900, 250):
        fast, slow = _both(_raw_pdf(width, font))
        assert fast == slow, (font, width)
