"""Scan a dossier folder: what each file is, what it says, and what is wrong with it.

Every file is walked (``walk``), read as little as needed (``readers``: the first pages of a
PDF, the first rows of a workbook), cached by content (``cache``), classified by name and then by
text (``classify``) and its fields extracted (``extract``). Applicants' files are untrusted: a
zero-byte file, a renamed text file, a zip bomb, an encrypted or broken PDF, an undecodable name
or a link loop each become a Problem, never a traceback. Reading runs in a process pool for
larger dossiers. Nothing is ever written into the dossier.
"""

from __future__ import annotations

import difflib
import os
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import readers
from .cache import STATS, cache_dir, cache_get, cache_put, content_key
from .classify import TYPES, classify
from .extract import derived_fields
from .index import DossierIndex, stamp_of
from .problems import Problem, problem, safe
from .readers.content import content as _content, fail as _fail
from .seal import SCANNED_STAMPED_TYPES, STAMPED_TYPES, seal_of_image, seal_of_pdf
from .walk import inside, path_key, shown, walk

MAX_FILE_BYTES = 256 * 2**20        # larger files are not read
FULL_READ = "pdf-all"               # the cache's kind for a PDF's first pages read in full (readers.pdf FIRST_PAGE_FIELDS)


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
    seal: dict | None = None                    # stamped materials' PDFs and images: scan/seal.py
    ocr: str | None = None                      # "done": text by OCR; "missing": needed, extra not installed
    text: str = field(default="", repr=False)   # the start of the text read (cached); not in JSON
    page_starts: list[int] | None = field(default=None, repr=False)   # PDF: where each page's text begins
    digest: str | None = field(default=None, repr=False)   # the content cache's key: equal bytes, equal digest

    def read_failure(self) -> Problem | None:
        """Why the file could not be read at all (empty, corrupt, encrypted …), or None: such a
        file satisfies nothing and gives no values."""
        return next((p for p in self.problems if p.severity == "error" and p.code.startswith("file.")), None)

    def to_json(self, lang: str = "zh") -> dict:
        """The file in JSON; the reason and the problems' messages in the reader's language."""
        from .classify import reason_text
        out = {"path": self.path, "type": self.type, "confidence": self.confidence,
               "reason": reason_text(self.reason, lang),
               "fields": self.fields, "problems": [p.to_json(lang) for p in self.problems]}
        if self.pages is not None:
            out["pages"] = self.pages
        if self.has_image is not None:
            out["has_image"] = self.has_image
        if self.seal is not None:
            out["seal"] = self.seal
        if self.ocr == "done":
            out["ocr"] = True
        return out


def ocr_missing(files: list[ScannedFile]) -> bool:
    """Whether some file needed OCR (no text layer, an image) and the extra is not installed."""
    return any(f.ocr == "missing" for f in files)


def _failed(content: dict) -> bool:
    return any(p[1] == "error" for p in content.get("problems", []))


def _seal(path: str, content: dict) -> dict | None:
    """The seal verdict of a PDF or image, memoised in the content (and so in the cache)."""
    if "seal" not in content:
        kind = readers.kind_of(path)
        if kind == "pdf":
            content["seal"] = seal_of_pdf(path, scanned=not content.get("text_layer"))
        elif kind == "image":
            content["seal"] = seal_of_image(path)
        else:
            content["seal"] = None
        content["derived_changed"] = True
    return content["seal"]


def _overrides(overrides: dict[str, str] | None) -> dict[str, str]:
    out = {}
    for path, mtype in (overrides or {}).items():
        out[path_key(path)] = str(mtype)
    return out


# What reading costs in one process (read_content timed on 641 PDFs and 13 DOCX of the samples and
# the 3,000-page dossier: a PDF 13 ms + 0.1 s a MB, a DOCX 11 ms; bench/bench_scans.py: an OCR page
# 2.5-5 s).
# A process pool pays only when the estimated work is well above the cost of starting its workers.
POOL_MIN_SECONDS = 1.0              # estimated serial work before a pool is started
PDF_SECONDS, PDF_SECONDS_PER_MB = 0.013, 0.1
OFFICE_SECONDS = 0.015
OCR_PAGE_SECONDS = 2.5
LIKELY_SCAN_BYTES = 96 * 1024       # a PDF this large may be a scan (OCR of its first page)


def _prime() -> None:
    """Before the workers are forked: what this process needs for classification anyway (the
    keyword table, its patterns, the extractors and theirs), made once here and inherited by
    every worker instead of made again in each (measured: a worker's first file took 186 ms,
    its next ones 8 ms)."""
    from .classify import by_name, by_text
    from .extract import EXTRACTORS, extract_fields

    by_name("合同")
    by_text("合同")
    for mtype in EXTRACTORS:
        extract_fields(mtype, "合同 发票 结算单 金额 ¥1.00 2024年1月1日")


class _LazyPool:
    """A process pool started at the first call of ``get()``, not before: a small dossier is
    read in this process and never pays for workers."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.executor = None
        self.failed = False

    def get(self):
        if self.executor is None and not self.failed:
            from concurrent.futures import ProcessPoolExecutor
            try:
                self.executor = ProcessPoolExecutor(max_workers=self.jobs)
            except (OSError, NotImplementedError, ImportError):
                self.failed = True   # no process pool here (sandbox): read in this process
        return self.executor

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown()
            self.executor = None


_SHARED: list[_LazyPool] = []      # a pool shared by several scans (a portfolio check), see shared_pool()


class shared_pool:
    """``with shared_pool(jobs):`` every scan inside reads through one process pool, started
    when the first scan's work pays for it and then kept for the others (a consultancy's
    portfolio: many dossiers, one pool, one cache)."""

    def __init__(self, jobs: int | None):
        self.jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
        self.pool: _LazyPool | None = None

    def __enter__(self):
        if self.jobs > 1:
            self.pool = _LazyPool(self.jobs)
            _SHARED.append(self.pool)
        return self

    def __exit__(self, *exc):
        if self.pool is not None:
            _SHARED.remove(self.pool)
            self.pool.close()
        return False


def estimate_seconds(todo: list[tuple[int, str, str]], ocr: bool) -> float:
    """Serial reading time of ``todo`` guessed from kinds and bytes, OCR pages above all."""
    total = 0.0
    for _, path, kind in todo:
        try:
            size = os.stat(path).st_size
        except OSError:
            size = 0
        if kind == "pdf":
            total += PDF_SECONDS + PDF_SECONDS_PER_MB * size / 2**20
            if ocr and size >= LIKELY_SCAN_BYTES:
                total += OCR_PAGE_SECONDS
        elif kind == "image":
            total += OCR_PAGE_SECONDS if ocr else OFFICE_SECONDS
        elif kind in ("docx", "xlsx", "ofd"):
            total += OFFICE_SECONDS                 # notes and formats not read cost nothing
    return total


def _read_all(todo: list[tuple[int, str, str]], jobs: int, tick: Callable[[], None],
              keys: dict[int, str] | None = None, written: set[int] | None = None) -> dict[int, dict]:
    """read_content for each (index, path, kind): in this process while the work is small, in
    a process pool (the shared one, else one of ``jobs`` workers) once it pays off: when the
    estimate says so at the start, or when the files read so far show the rest will take long
    (a scan read by OCR). A worker writes what it read to the cache under ``keys[index]`` (in
    parallel, not in this process after all the reading) and the index goes into ``written``."""
    STATS["reads"] += len(todo)
    results: dict[int, dict] = {}
    pool = _SHARED[-1] if _SHARED else (_LazyPool(min(jobs, len(todo))) if jobs > 1 and len(todo) > 1 else None)
    own = pool is not None and not _SHARED
    try:
        pending = list(todo)
        if pool is not None:
            from .ocr import available
            ocr = available()
            # A pool already running (a portfolio's) costs nothing more to use.
            if pool.executor is None and estimate_seconds(pending, ocr) < POOL_MIN_SECONDS:
                started, done = 0.0, 0
                while len(pending) > 1:
                    i, path, kind = pending.pop(0)
                    results[i] = readers.read_content(path, kind)
                    tick()
                    if not done:            # the first file also pays for importing its reader
                        started = time.perf_counter()
                    done += 1
                    spent = time.perf_counter() - started
                    if done > 1 and spent >= POOL_MIN_SECONDS / 2 and spent / (done - 1) * len(pending) >= POOL_MIN_SECONDS:
                        break               # slower than estimated (a scan read by OCR): the rest in the pool
            if len(pending) > 1 and pool.executor is None:
                _prime()
            if len(pending) > 1 and (executor := pool.get()) is not None:
                _read_in_pool(executor, pending, results, tick, keys or {}, written if written is not None else set())
        for i, path, kind in pending:
            if i not in results:
                results[i] = readers.read_content(path, kind)
                tick()
        return results
    finally:
        if own:
            pool.close()


def _read_and_put(path: str, kind: str, key: str | None) -> tuple[dict, bool]:
    """In a worker: read one file and write it to the cache under ``key`` (None: no cache)."""
    found = readers.read_content(path, kind)
    return found, key is not None and cache_put(key, kind, found)


def _read_in_pool(executor, todo: list[tuple[int, str, str]], results: dict[int, dict],
                  tick: Callable[[], None], keys: dict[int, str], written: set[int]) -> None:
    from concurrent.futures import BrokenExecutor, as_completed
    try:
        futures = {executor.submit(_read_and_put, path, kind, keys.get(i)): i for i, path, kind in todo}
        for fut in as_completed(futures):
            try:
                results[futures[fut]], put = fut.result()
                if put:
                    written.add(futures[fut])
            except Exception as exc:  # noqa: BLE001 - a worker that died on a hostile file
                results[futures[fut]] = _fail("file.unreadable", f"the reader crashed ({type(exc).__name__})")
            tick()
    except BrokenExecutor:  # a worker died (killed for memory?): the files not read say so
        for i, _, _ in todo:
            if i not in results:
                results[i] = _fail("file.unreadable", "the reader crashed")
                tick()


def _type_of(rel: str, content: dict, override: str | None, link: str | None) -> tuple[str, float, str]:
    """(type, confidence, reason): [materials] first, then a ``file =`` link, then classify."""
    if link and not override:
        return link, 1.0, "file = link in subsidy.toml"
    return classify(rel, content, override)


def scan_dossier(root: Path, *, overrides: dict[str, str] | None = None, linked: dict[str, str] | None = None,
                 jobs: int | None = None,
                 cache: bool = True, progress: Callable[[int, int], None] | None = None) -> list[ScannedFile]:
    """Every file under ``root`` classified, its fields extracted, its problems listed; sorted
    by path. ``overrides`` is the profile's [materials] table (path = type); ``linked`` the types
    its ``file =`` links give (a payment's file is a payment proof), [materials] winning."""
    root = Path(root)
    entries = walk(root)
    wanted = _overrides(overrides)
    links = _overrides(linked)
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    if cache and inside(os.path.realpath(cache_dir()), os.path.realpath(root)):
        cache = False  # never write into the dossier, even by way of the cache
    total, done = len(entries), 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    contents: dict[int, dict] = {}
    keys: dict[int, tuple[str, str]] = {}
    index = DossierIndex(root) if cache else None       # unchanged files: no hashing, one read
    indexed: set[int] = set()
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
            kind = readers.kind_of(e.fs)
            if cache and kind not in ("other", "plain"):
                if e.stat is not None and (known := index.known(e.rel, kind, stamp_of(e.stat))):
                    keys[i], contents[i] = (known[0], kind), known[1]
                    indexed.add(i)
                    STATS["indexed"] += 1
                    tick()
                    continue
                try:
                    keys[i] = (content_key(e.fs), kind)
                except OSError as exc:
                    contents[i] = _fail("file.unreadable", exc.strerror or str(exc))
                    tick()
                    continue
                if (hit := cache_get(*keys[i])) is not None:
                    contents[i] = hit
                    tick()
                    continue
            todo.append((i, e.fs, kind))
            continue
        tick()
    written: set[int] = set()               # read and written to the cache by a worker
    for i, content in _read_all(todo, jobs, tick, {i: k[0] for i, k in keys.items()}, written).items():
        contents[i] = content
        if i not in written:
            content["derived_changed"] = True   # written to the cache once, below, with its fields

    out = []
    for i, e in enumerate(entries):
        content = contents[i]
        rel = shown(e.rel)
        probs = list(e.problems)
        override = wanted.get(unicodedata.normalize("NFC", rel)) or wanted.get(e.rel)
        if override and override not in TYPES:
            near = difflib.get_close_matches(override, TYPES, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else " (the types are listed in docs/scan.md)"
            probs.append(problem("materials.unknown_type", f"[materials] gives unknown type {override!r}{hint}",
                                 type=safe(override), hint=near[0] if near else ""))
            override = None
        if not e.readable:
            mtype, conf, reason = "other", 0.0, "not read"
        else:
            link = links.get(unicodedata.normalize("NFC", rel)) or links.get(e.rel)
            mtype, conf, reason = _type_of(e.rel, content, override, link)
            if content.get("first_page_only") not in (None, mtype):
                # Read from its first page as the type its title names; the dossier says otherwise
                # (its name, folder, [materials] or a link): its first pages in full, cached apart
                # (kind "pdf-all") so that the first-page read stays what these bytes give.
                content = cache_get(keys[i][0], FULL_READ) if i in keys else None
                if content is None:
                    STATS["reads"] += 1
                    content = readers.read_content(e.fs, "pdf", all_pages=True)
                    content["derived_changed"] = True
                mtype, conf, reason = _type_of(e.rel, content, override, link)
        probs += [problem(c, m, s) for c, s, m in content["problems"]]
        fields, found = derived_fields(mtype, content) if e.readable else ({}, [])
        stamped = mtype in STAMPED_TYPES or (mtype in SCANNED_STAMPED_TYPES and not content.get("text_layer"))
        seal = _seal(e.fs, content) if e.readable and stamped and not _failed(content) else None
        base = contents[i]                   # what the reader gives these bytes: cached and indexed
        if content is not base and content.pop("derived_changed", False) and i in keys:
            cache_put(keys[i][0], FULL_READ, content)
        grew = base.pop("derived_changed", False)
        if grew and i in keys:
            cache_put(*keys[i], base)        # a re-check reuses the classification and fields
        if index is not None and i in keys and e.stat is not None:
            index.record(e.rel, keys[i][1], stamp_of(e.stat), keys[i][0], base, grew or i not in indexed)
        probs += [p for p in found if p.code != "file.no_text_layer" or not any(q.code == p.code for q in probs)]
        fields = {k: safe(v) if isinstance(v, str) else v for k, v in fields.items()}
        out.append(ScannedFile(rel, mtype, conf, safe(reason), fields, probs, content.get("pages"),
                               content.get("has_image"), content.get("text_layer"), e.size, seal,
                               content.get("ocr"), content.get("text") or "", content.get("page_starts"),
                               keys[i][0] if i in keys else None))
    if index is not None:
        index.save([e.rel for e in entries])
    return out
