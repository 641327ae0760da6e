"""Scan a dossier folder: what each file is, what it says, and what is wrong with it.

Every file is walked (hidden files and ``subsidy.toml`` skipped, links never followed out of the
folder), read as little as needed (the first pages of a PDF, the first rows of a workbook),
classified by name and then by text (keywords in ``data/material_types.toml``) and, for
invoices, contracts, settlement sheets and payment proofs, its fields extracted. Applicants'
files are untrusted: a zero-byte file, a renamed text file, a zip bomb, an encrypted or broken
PDF, an undecodable name or a link loop each become a Problem, never a traceback. Reading runs
in a process pool for larger dossiers, and what was read is cached by content hash in the
user's cache folder. Nothing is ever written into the dossier. pypdf, python-docx and openpyxl
are imported only inside the readers.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import hashlib
import json
import os
import re
import signal
import tempfile
import threading
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from ..rules import MATERIAL_TYPES

SCANNER_VERSION = "1.2"             # part of every cache key: bump when a reader, the classifier or the field extraction changes
CACHE_FOLDER = "scan-v1"
PDF_PAGES = 3                       # pages read for classification and fields
TEXT_CHARS = 40_000                 # text kept per file
MAX_FILE_BYTES = 256 * 2**20        # larger files are not read
MAX_UNZIPPED = 100 * 2**20          # declared uncompressed size of a DOCX/XLSX package
MAX_RATIO = 200                     # compression ratio of one large member
MAX_MEMBERS = 10_000
XLSX_SHEETS, XLSX_ROWS, XLSX_COLS = 3, 200, 30
MAX_DEPTH = 64                      # folder nesting walked
PARALLEL_MIN = 8                    # files to read before a process pool pays off
READ_TIMEOUT = 60.0                 # seconds one file may take (a crafted PDF can loop for ever)

SEVERITY = {
    "file.empty": "error", "file.corrupt": "error", "file.encrypted": "error",
    "file.wrong_type": "error", "file.too_large": "error", "file.unreadable": "error",
    "file.no_text_layer": "info", "file.not_read": "info", "file.link_outside": "warning",
    "file.link_loop": "warning", "file.link_broken": "warning", "file.bad_name": "warning",
    "materials.unknown_type": "warning",
}
KINDS = {
    ".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".ofd": "ofd",
    ".jpg": "image", ".jpeg": "image", ".png": "image", ".gif": "image", ".bmp": "image",
    ".tif": "image", ".tiff": "image", ".webp": "image", ".heic": "image",
    ".txt": "plain", ".csv": "plain", ".md": "plain",   # notes (a README), never a material's text
}
_JUNK = {"Thumbs.db", "desktop.ini", "__MACOSX"}   # made by file managers, never a material
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")


@dataclass
class Problem:
    """A finding about one file; ``code`` is stable."""

    code: str
    severity: str
    message: str

    def to_json(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message}


def safe(text: str) -> str:
    """Text that can be printed and written as UTF-8 JSON: lone surrogates (from undecodable
    file names inside an exception's message, say) become \\udcxx escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def problem(code: str, message: str, severity: str | None = None) -> Problem:
    return Problem(code, severity or SEVERITY.get(code, "warning"), safe(" ".join(str(message).split())))


@dataclass
class ScannedFile:
    path: str
    type: str
    confidence: float
    reason: str
    fields: dict
    problems: list[Problem]
    pages: int | None = None
    has_image: bool | None = None
    text_layer: bool | None = None
    size: int = 0
    text: str = field(default="", repr=False)   # the start of the text read (cached); not in JSON

    def to_json(self) -> dict:
        out = {"path": self.path, "type": self.type, "confidence": self.confidence, "reason": self.reason,
               "fields": self.fields, "problems": [p.to_json() for p in self.problems]}
        if self.pages is not None:
            out["pages"] = self.pages
        if self.has_image is not None:
            out["has_image"] = self.has_image
        return out


# ---------------------------------------------------------------------------------- walking

@dataclass
class _Entry:
    rel: str                      # relative path, POSIX, may hold surrogate escapes
    fs: str                       # path to open
    size: int = 0
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True


def shown(rel: str) -> str:
    """A path for people and JSON: undecodable bytes as \\x escapes."""
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def walk(root: Path) -> list[_Entry]:
    """Files under root, sorted by path, with link and name problems; never leaves root."""
    root_real = os.path.realpath(root)
    out: list[_Entry] = []

    def visit(fs_dir: str, rel_dir: str, ancestors: frozenset[str]) -> None:
        if len(ancestors) > MAX_DEPTH:
            out.append(_Entry(rel_dir, fs_dir, 0, [problem("file.unreadable", f"folders nested more than {MAX_DEPTH} deep; not read")], False))
            return
        try:
            with os.scandir(fs_dir) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            out.append(_Entry(rel_dir or ".", fs_dir, 0, [problem("file.unreadable", f"folder cannot be listed: {exc.strerror}")], False))
            return
        for e in entries:
            if e.name.startswith((".", "~$")) or e.name in _JUNK or (not rel_dir and e.name == "subsidy.toml"):
                continue
            rel = f"{rel_dir}/{e.name}" if rel_dir else e.name
            probs: list[Problem] = []
            try:
                e.name.encode("utf-8")
            except UnicodeEncodeError:
                probs.append(problem("file.bad_name", "the file name is not valid UTF-8; rename it"))
            if e.is_symlink():
                try:
                    target = os.path.realpath(e.path, strict=True)
                except OSError as exc:
                    loop = exc.errno == errno.ELOOP
                    probs.append(problem("file.link_loop" if loop else "file.link_broken",
                                         "the link points to itself in a loop; not followed" if loop
                                         else "the link points to nothing; not followed"))
                    out.append(_Entry(rel, e.path, 0, probs, False))
                    continue
                if not _inside(target, root_real):
                    probs.append(problem("file.link_outside", "the link points outside the dossier folder; not followed"))
                    out.append(_Entry(rel, e.path, 0, probs, False))
                    continue
                if os.path.isdir(target) and target in ancestors:
                    probs.append(problem("file.link_loop", "the link points to a folder that contains it; not followed"))
                    out.append(_Entry(rel, e.path, 0, probs, False))
                    continue
                if not os.path.isdir(target):
                    try:  # open the checked target, not the link, which could change meanwhile
                        size = os.stat(target).st_size
                    except OSError as exc:
                        probs.append(problem("file.unreadable", exc.strerror or str(exc)))
                        out.append(_Entry(rel, target, 0, probs, False))
                        continue
                    if os.path.isfile(target):
                        out.append(_Entry(rel, target, size, probs))
                        continue
            try:
                if e.is_dir():
                    visit(e.path, rel, ancestors | {os.path.realpath(e.path)})
                    continue
                if not e.is_file():
                    probs.append(problem("file.unreadable", "not a regular file"))
                    out.append(_Entry(rel, e.path, 0, probs, False))
                    continue
                out.append(_Entry(rel, e.path, e.stat().st_size, probs))
            except OSError as exc:
                probs.append(problem("file.unreadable", exc.strerror or str(exc)))
                out.append(_Entry(rel, e.path, 0, probs, False))

    visit(str(root), "", frozenset({root_real}))
    return sorted(out, key=lambda x: x.rel)


# ---------------------------------------------------------------------------------- readers

def _content(text: str = "", pages: int | None = None, has_image: bool | None = None,
             text_layer: bool | None = None, problems: list | None = None, **extra) -> dict:
    return {"text": text[:TEXT_CHARS], "pages": pages, "has_image": has_image, "text_layer": text_layer,
            "problems": problems or [], **extra}


def _fail(code: str, message: str) -> dict:
    return _content(problems=[[code, SEVERITY[code], message]])


def kind_of(path: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in KINDS:
        return KINDS[suffix]
    if suffix in (".doc", ".xls", ".ppt", ".pptx", ".wps", ".et", ".dps", ".rtf", ".zip", ".rar", ".7z"):
        return "other"
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        return "other"
    return "pdf" if b"%PDF" in head else "other"


def _image_on(obj, depth: int = 0) -> bool:
    """Whether a page (or form XObject) draws an image: /Resources /XObject /Subtype /Image."""
    try:
        resources = obj.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if resources is not None else None
        if xobjects is None:
            return False
        for ref in xobjects.get_object().values():
            x = ref.get_object()
            if x.get("/Subtype") == "/Image":
                return True
            if x.get("/Subtype") == "/Form" and depth < 3 and _image_on(x, depth + 1):
                return True
    except Exception:  # noqa: BLE001 - a damaged resource dictionary just has no image we can see
        return False
    return False


def read_pdf(path: str) -> dict:
    """Text of the first pages, the page count from the page tree, images on the pages read."""
    import logging
    import warnings

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damage is reported as a Problem, not on stderr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_pdf(path, PdfReader)


def _read_pdf(path: str, PdfReader) -> dict:  # noqa: N803 - the class, imported lazily

    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF" not in head:
        return _fail("file.wrong_type", "named .pdf but is not a PDF")
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # noqa: BLE001 - unsupported encryption is still encryption
                opened = False
            if not opened:
                return _fail("file.encrypted", "the PDF is encrypted with a password; it cannot be read")
        try:
            pages = int(reader.trailer["/Root"]["/Pages"]["/Count"])  # the page tree's own count
        except Exception:  # noqa: BLE001
            pages = -1
        if pages < 0:
            pages = len(reader.pages)
        texts, has_image = [], False
        for i in range(min(PDF_PAGES, pages)):
            page = reader.pages[i]
            texts.append(page.extract_text() or "")
            has_image = has_image or _image_on(page)
        if pages > PDF_PAGES and not has_image:  # the seal is often on the last page
            has_image = _image_on(reader.pages[pages - 1])
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for a damaged file
        return _fail("file.corrupt", f"not a readable PDF ({type(exc).__name__}: {exc})")
    text_layer = any(t.strip() for t in texts)
    problems = [] if text_layer or not pages else [[
        "file.no_text_layer", "info",
        "the PDF has no text layer (a scan); classified by its name only, fields not read"]]
    return _content("\n".join(texts), pages, has_image, text_layer, problems)


def _zip_guard(path: str, required: str, what: str) -> dict | None:
    """A DOCX/XLSX is a zip: refuse a renamed file and a zip bomb before any library opens it."""
    import zipfile

    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _fail("file.wrong_type", f"not a {what} package but an OLE file: a legacy .doc/.xls "
                                        "renamed, or a password-protected document")
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK"):
            return _fail("file.corrupt", f"damaged {what} package (a truncated ZIP archive?)")
        return _fail("file.wrong_type", f"not a {what} package (not a ZIP archive): probably another "
                                        "kind of file renamed")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        return _fail("file.corrupt", f"damaged {what} package ({exc})")
    if len(infos) > MAX_MEMBERS:
        return _fail("file.too_large", f"the package has {len(infos)} parts (limit {MAX_MEMBERS}); not opened")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        return _fail("file.too_large", f"the package unpacks to {total // 2**20} MB (limit "
                                       f"{MAX_UNZIPPED // 2**20} MB): a zip bomb? not opened")
    for i in infos:
        if i.file_size > 2**20 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            return _fail("file.too_large", f"part {i.filename} is compressed {i.file_size // max(i.compress_size, 1)}:1 "
                                           "(a zip bomb?); not opened")
    names = {i.filename for i in infos}
    if required not in names:
        return _fail("file.wrong_type", f"a ZIP archive but not a {what} package (no {required})")
    if any(i.flag_bits & 0x1 for i in infos):
        return _fail("file.encrypted", f"the {what} package is encrypted")
    return None


def read_docx(path: str) -> dict:
    """Paragraphs and table cells (each merged cell once); images from the package's parts."""
    if bad := _zip_guard(path, "word/document.xml", "Word (.docx)"):
        return bad
    import docx

    try:
        doc = docx.Document(path)
    except Exception as exc:  # noqa: BLE001
        return _fail("file.corrupt", f"not a readable Word document ({type(exc).__name__}: {exc})")
    lines, size = [], 0
    for p in doc.paragraphs:
        lines.append(p.text)
        size += len(p.text)
        if size > TEXT_CHARS:
            break
    for table in doc.tables:
        if size > TEXT_CHARS:
            break
        for row in table.rows:
            seen, cells = set(), []
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    cells.append(cell.text)
            lines.append("  ".join(cells))
            size += len(lines[-1])
    has_image = any(part.content_type.startswith("image/") for part in doc.part.package.iter_parts())
    return _content("\n".join(lines), None, has_image, True)


def read_xlsx(path: str) -> dict:
    """The first rows of the first sheets, read-only."""
    if bad := _zip_guard(path, "xl/workbook.xml", "Excel (.xlsx)"):
        return bad
    import zipfile

    import openpyxl

    with zipfile.ZipFile(path) as z:
        has_image = any(n.startswith("xl/media/") for n in z.namelist())
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001
        return _fail("file.corrupt", f"not a readable workbook ({type(exc).__name__}: {exc})")
    lines = []
    try:
        for ws in wb.worksheets[:XLSX_SHEETS]:
            lines.append(ws.title)
            for row in ws.iter_rows(max_row=XLSX_ROWS, max_col=XLSX_COLS, values_only=True):
                cells = ["" if v is None else str(v) for v in row]
                if any(cells):
                    lines.append("  ".join(cells).rstrip())
    finally:
        wb.close()
    return _content("\n".join(lines), None, has_image, True)


def read_image(path: str) -> dict:
    with open(path, "rb") as fh:
        head = fh.read(16)
    if not head.startswith(_IMAGE_MAGIC) and b"ftyp" not in head:
        return _content(has_image=False, text_layer=False, problems=[[
            "file.wrong_type", "error", "named as an image but is not one"]])
    return _content(has_image=True, text_layer=False)


def read_ofd(path: str) -> dict:
    from .invoice import read_invoice

    try:
        fields = read_invoice(path)
    except ValueError as exc:
        with open(path, "rb") as fh:
            zip_like = fh.read(2) == b"PK"
        code = "file.wrong_type" if "not a readable zip" in str(exc) and not zip_like else "file.corrupt"
        return _fail(code, str(exc).replace(f"{path}: ", ""))
    return _content(has_image=None, text_layer=True, invoice=fields)


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that no library's `except Exception` eats it."""


@contextlib.contextmanager
def _deadline(seconds: float):
    """Interrupt the block after ``seconds`` (Unix, main thread of a process: the CLI and the
    pool's workers); elsewhere no limit."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_content(path: str, kind: str) -> dict:
    """What a reader found in one file; any failure is a problem, never an exception."""
    try:
        with _deadline(READ_TIMEOUT):
            return _read_kind(path, kind)
    except _Timeout:
        return _fail("file.unreadable", f"reading took longer than {READ_TIMEOUT:g} s; not read")


def _read_kind(path: str, kind: str) -> dict:
    try:
        if kind == "pdf":
            return read_pdf(path)
        if kind == "docx":
            return read_docx(path)
        if kind == "xlsx":
            return read_xlsx(path)
        if kind == "ofd":
            return read_ofd(path)
        if kind == "image":
            return read_image(path)
        if kind == "plain":
            return _content()
        return _content(problems=[["file.not_read", "info", "this format is not read; classified by its name only"]])
    except MemoryError:
        return _fail("file.too_large", "the file needs too much memory to read")
    except RecursionError:
        return _fail("file.corrupt", "the file's structure is nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - the one place a reader's failure becomes a problem
        return _fail("file.unreadable", f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------------------------- cache

def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is to be ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "subsidy" / CACHE_FOLDER


@lru_cache(maxsize=1)
def _rules_digest() -> str:
    """The keyword table decides classification, memoised in the cache: a change must miss it."""
    data = Path(__file__).resolve().parent.parent / "data" / "material_types.toml"
    return hashlib.sha256(data.read_bytes()).hexdigest()[:16]


def content_key(path: str) -> str:
    h = hashlib.sha256(f"subsidy-scan {SCANNER_VERSION} {_rules_digest()}\0".encode())
    with open(path, "rb") as fh:
        while chunk := fh.read(2**20):
            h.update(chunk)
    return h.hexdigest()


def _cache_file(key: str, kind: str) -> Path:
    return cache_dir() / key[:2] / f"{key}-{kind}.json"


def _cache_get(key: str, kind: str) -> dict | None:
    try:
        data = json.loads(_cache_file(key, kind).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    content = data.get("content") if isinstance(data, dict) and data.get("version") == SCANNER_VERSION else None
    ok = (isinstance(content, dict) and isinstance(content.get("text"), str)
          and isinstance(content.get("problems"), list)
          and all(isinstance(p, list) and len(p) == 3 and all(isinstance(x, str) for x in p)
                  for p in content["problems"]))
    return content if ok else None  # a damaged or foreign entry is read again


def _cache_put(key: str, kind: str, content: dict) -> None:
    """Atomic write into the cache folder; a cache that cannot be written is no error."""
    if any(p[0] == "file.unreadable" for p in content["problems"]):
        return  # may be transient
    target = _cache_file(key, kind)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"version": SCANNER_VERSION, "kind": kind, "content": content}, fh, ensure_ascii=False)
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# ---------------------------------------------------------------------------------- classifying

@lru_cache(maxsize=1)
def keyword_table() -> tuple[list[tuple[str, list[re.Pattern[str]]]], list[tuple[str, list[re.Pattern[str]], str]]]:
    data = tomllib.loads((Path(__file__).resolve().parent.parent / "data" / "material_types.toml")
                         .read_text(encoding="utf-8"))
    names = [(r["type"], [re.compile(k, re.I) for k in r["keywords"]]) for r in data["name"]]
    texts = [(r["type"], [re.compile(k, re.I) for k in r["all"]], r["reason"]) for r in data["text"]]
    for t in [n[0] for n in names] + [t[0] for t in texts]:
        if t not in MATERIAL_TYPES:
            raise ValueError(f"material_types.toml: unknown type {t!r}")
    return names, texts


def _name_key(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).lower()
    return re.sub(r"[_\-.]+", " ", name).strip()


def by_name(name: str) -> tuple[str, str] | None:
    """(type, matched keyword) from a file or folder name."""
    key = _name_key(name)
    for mtype, patterns in keyword_table()[0]:
        for p in patterns:
            if m := p.search(key):
                return mtype, m.group().strip()
    return None


def by_text(text: str) -> tuple[str, str] | None:
    """(type, reason) from the title (the first of the first three lines that names a type),
    then the content rules."""
    text = unicodedata.normalize("NFKC", text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for title in lines[:3]:  # the first line that names a type: later lines are often the body
        if hit := by_name(title[:80]):
            return hit[0], f"title contains {hit[1]}"
    for mtype, patterns, reason in keyword_table()[1]:
        if all(p.search(text) for p in patterns):
            return mtype, f"text contains {reason}"
    return _invoice_shape(text)


def _invoice_shape(text: str) -> tuple[str, str] | None:
    """Invoices whose labels are garbled still have the shape of one: a number, a date, a total
    equal to its amount in words or beside a valid credit code."""
    if not re.search(r"\d{8}", text) or not re.search(r"[¥壹贰叁肆伍陆柒捌玖]", text):
        return None
    from .invoice import extract_invoice_fields
    f = extract_invoice_fields(text, report_missing=False)
    if f.get("invoice_number") and f.get("issue_date") and f.get("total") and (
            f.get("total_upper") == f["total"] or f.get("seller_credit_code")):
        return "invoice", "text has an invoice's number, date and total"
    return None


def classify(rel: str, content: dict, override: str | None) -> tuple[str, float, str]:
    """(type, confidence, reason): the override, else the name, else the text, else other."""
    if override:
        return override, 1.0, "[materials] in subsidy.toml"
    parts = rel.split("/")
    stem = os.path.splitext(parts[-1])[0]
    name_hit = by_name(stem)
    folder_hit = next((h for h in (by_name(d) for d in reversed(parts[:-1])) if h), None)
    text_hit = _text_hit(content)
    if content.get("invoice") and content["invoice"].get("invoice_number") and not text_hit:
        text_hit = ("invoice", "OFD carries invoice data")
    if name_hit:
        reason = f"name contains {name_hit[1]}"
        if text_hit and text_hit[0] == name_hit[0]:
            return name_hit[0], 0.95, f"{reason}; {text_hit[1]}"
        if text_hit:
            return name_hit[0], 0.6, f"{reason} ({text_hit[1]}: {text_hit[0]}?)"
        return name_hit[0], 0.85, reason
    if text_hit:
        agree = folder_hit and folder_hit[0] == text_hit[0]
        return text_hit[0], 0.9 if agree else 0.75, text_hit[1]
    if folder_hit:
        return folder_hit[0], 0.7, f"folder name contains {folder_hit[1]}"
    return "other", 0.0, "no known keyword in the name or text"


def _text_hit(content: dict) -> tuple[str, str] | None:
    """by_text, memoised in the content so that a cached file is not classified twice."""
    if "text_hit" not in content:
        hit = by_text(content.get("text") or "") if content.get("text") else None
        content["text_hit"] = list(hit) if hit else None
        content["derived_changed"] = True
    hit = content["text_hit"]
    return (hit[0], hit[1]) if hit else None


def derived_fields(mtype: str, content: dict) -> tuple[dict, list[Problem]]:
    """fields_of, memoised per type in the content (and so in the cache, keyed by content)."""
    memo = content.setdefault("fields_by_type", {})
    if mtype not in memo:
        fields, found = fields_of(mtype, content)
        memo[mtype] = [fields, [[p.code, p.severity, p.message] for p in found]]
        content["derived_changed"] = True
    fields, found = memo[mtype]
    return dict(fields), [Problem(c, s, m) for c, s, m in found]


# ---------------------------------------------------------------------------------- fields

_INVOICE_FIELDS = ("invoice_number", "invoice_code", "issue_date", "total", "total_upper", "buyer_name",
                   "buyer_credit_code", "seller_name", "seller_credit_code")


def _invoice_problem(message: str) -> Problem:
    if message.startswith("could not read"):
        return problem("invoice.unreadable_field", message, "warning")
    if "in words" in message:
        return problem("invoice.upper_mismatch", message, "error")
    if "credit code" in message:
        return problem("invoice.bad_credit_code", message, "warning")
    if "embedded data" in message:
        return problem("invoice.inconsistent", message, "warning")
    if "no text layer" in message:
        return problem("file.no_text_layer", message, "info")
    return problem("invoice.problem", message, "warning")


def fields_of(mtype: str, content: dict) -> tuple[dict, list[Problem]]:
    text = content.get("text") or ""
    if mtype == "invoice":
        found = content.get("invoice")
        if found is None and text.strip():
            from .invoice import extract_invoice_fields
            found = extract_invoice_fields(text)
        if not found:
            return {}, []
        fields = {k: found[k] for k in _INVOICE_FIELDS if found.get(k)}
        return fields, [_invoice_problem(m) for m in found.get("problems", [])]
    from .fields import extract_fields
    fields, found = extract_fields(mtype, text)
    return fields, [problem(c, m, s) for c, s, m in found]


# ---------------------------------------------------------------------------------- scanning

def _overrides(overrides: dict[str, str] | None) -> dict[str, str]:
    out = {}
    for path, mtype in (overrides or {}).items():
        key = unicodedata.normalize("NFC", str(path).replace("\\", "/")).removeprefix("./").strip("/")
        out[key] = str(mtype)
    return out


def _read_all(todo: list[tuple[int, str, str]], jobs: int, tick: Callable[[], None]) -> dict[int, dict]:
    """read_content for each (index, path, kind): in a process pool when it pays off."""
    results: dict[int, dict] = {}
    if jobs > 1 and len(todo) > PARALLEL_MIN:
        from concurrent.futures import BrokenExecutor, ProcessPoolExecutor, as_completed
        try:
            with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
                futures = {pool.submit(read_content, path, kind): i for i, path, kind in todo}
                for fut in as_completed(futures):
                    try:
                        results[futures[fut]] = fut.result()
                    except Exception as exc:  # noqa: BLE001 - a worker that died on a hostile file
                        results[futures[fut]] = _fail("file.unreadable", f"the reader crashed ({type(exc).__name__})")
                    tick()
            return results
        except BrokenExecutor:  # a worker died (killed for memory?): the files not read say so
            for i, _, _ in todo:
                if i not in results:
                    results[i] = _fail("file.unreadable", "the reader crashed")
                    tick()
            return results
        except (OSError, NotImplementedError, ImportError):
            pass  # no process pool here (sandbox): read in this process
    for i, path, kind in todo:
        if i not in results:
            results[i] = read_content(path, kind)
            tick()
    return results


def scan_dossier(root: Path, *, overrides: dict[str, str] | None = None, jobs: int | None = None,
                 cache: bool = True, progress: Callable[[int, int], None] | None = None) -> list[ScannedFile]:
    """Every file under ``root`` classified, its fields extracted, its problems listed; sorted
    by path. ``overrides`` is the profile's [materials] table (path = type)."""
    root = Path(root)
    entries = walk(root)
    wanted = _overrides(overrides)
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    if cache and _inside(os.path.realpath(cache_dir()), os.path.realpath(root)):
        cache = False  # never write into the dossier, even by way of the cache
    total, done = len(entries), 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    contents: dict[int, dict] = {}
    keys: dict[int, tuple[str, str]] = {}
    todo: list[tuple[int, str, str]] = []
    for i, e in enumerate(entries):
        if not e.readable:
            contents[i] = _content()
        elif e.size == 0:
            contents[i] = _fail("file.empty", "the file is empty (0 bytes)")
        elif e.size > MAX_FILE_BYTES:
            contents[i] = _fail("file.too_large", f"{e.size // 2**20} MB is more than the "
                                                  f"{MAX_FILE_BYTES // 2**20} MB read; classified by its name only")
        else:
            kind = kind_of(e.fs)
            if cache and kind not in ("other", "plain"):
                try:
                    keys[i] = (content_key(e.fs), kind)
                except OSError as exc:
                    contents[i] = _fail("file.unreadable", exc.strerror or str(exc))
                    tick()
                    continue
                if (hit := _cache_get(*keys[i])) is not None:
                    contents[i] = hit
                    tick()
                    continue
            todo.append((i, e.fs, kind))
            continue
        tick()
    for i, content in _read_all(todo, jobs, tick).items():
        contents[i] = content
        if i in keys:
            _cache_put(*keys[i], content)

    out = []
    for i, e in enumerate(entries):
        content = contents[i]
        rel = shown(e.rel)
        probs = list(e.problems)
        override = wanted.get(unicodedata.normalize("NFC", rel)) or wanted.get(e.rel)
        if override and override not in MATERIAL_TYPES:
            near = difflib.get_close_matches(override, MATERIAL_TYPES, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else " (the types are listed in docs/scan.md)"
            probs.append(problem("materials.unknown_type", f"[materials] gives unknown type {override!r}{hint}"))
            override = None
        probs += [problem(c, m, s) for c, s, m in content["problems"]]
        if not e.readable:
            mtype, conf, reason = "other", 0.0, "not read"
        else:
            mtype, conf, reason = classify(e.rel, content, override)
        fields, found = derived_fields(mtype, content) if e.readable else ({}, [])
        if content.pop("derived_changed", False) and i in keys:
            _cache_put(*keys[i], content)     # a re-check reuses the classification and fields
        probs += [p for p in found if p.code != "file.no_text_layer" or not any(q.code == p.code for q in probs)]
        fields = {k: safe(v) if isinstance(v, str) else v for k, v in fields.items()}
        out.append(ScannedFile(rel, mtype, conf, safe(reason), fields, probs, content.get("pages"),
                               content.get("has_image"), content.get("text_layer"), e.size,
                               content.get("text") or ""))
    return out
