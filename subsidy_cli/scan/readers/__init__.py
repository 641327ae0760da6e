"""One reader per format, each returning the same content dict: the text of the first pages,
the page count, whether there is an image, whether there is a text layer, and problems.

Any failure inside a reader becomes a problem, never an exception; a file taking more than
READ_TIMEOUT seconds is stopped. Each reader imports its library (pypdf, python-docx, openpyxl)
only when it runs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading

from .content import content, fail

# The readers are imported when the first file of their kind is read, not with this package: a
# re-check served from the cache, and the start of every command, never load them (the OFD
# reader alone brings the invoice extractors, ~35 ms). ``readers.read_pdf`` etc. still work.
_LAZY = {"read_pdf": (".pdf", "read_pdf"), "read_docx": (".office", "read_docx"),
         "read_xlsx": (".office", "read_xlsx"), "read_ofd": (".ofd", "read_ofd_content"),
         "read_image": (".image", "read_image")}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module, __name__), attr)
        globals()[name] = value
        return value
    raise AttributeError(name)


def _reader(name: str):
    return globals()[name] if name in globals() else __getattr__(name)

READ_TIMEOUT = 60.0                 # seconds one file may take (a crafted PDF can loop for ever)
KINDS = {
    ".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".ofd": "ofd",
    ".jpg": "image", ".jpeg": "image", ".png": "image", ".gif": "image", ".bmp": "image",
    ".tif": "image", ".tiff": "image", ".webp": "image", ".heic": "image",
    ".txt": "plain", ".csv": "plain", ".md": "plain",   # notes (a README), never a material's text
}


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


def read_content(path: str, kind: str, all_pages: bool = False) -> dict:
    """What a reader found in one file; any failure is a problem, never an exception.
    ``all_pages``: a PDF's first pages all read, even when the first holds everything."""
    from ..cache import open_regular
    try:
        open_regular(path).close()      # a pipe swapped in after the listing: at once, not after the time limit
    except OSError as exc:
        return fail("file.unreadable", exc.strerror or "not a regular file")
    try:
        with _deadline(READ_TIMEOUT):
            found = _read_kind(path, kind, all_pages)
            if not any(p[1] == "error" for p in found["problems"]):
                _early_derived(path, kind, found)
            return found
    except _Timeout:
        return fail("file.unreadable", f"reading took longer than {READ_TIMEOUT:g} s; not read")


def _early_derived(path: str, kind: str, found: dict) -> None:
    """The seal check and the fields of the type the file's name or title gives, here (in the
    worker process, when there is a pool) rather than after classification: both are memoised in
    the content, and dossier.py computes whatever the final type still needs."""
    from ..classify import by_name, by_text
    from ..extract import derived_fields
    from ..seal import SCANNED_STAMPED_TYPES, STAMPED_TYPES, seal_of_image, seal_of_pdf

    hit = by_name(os.path.splitext(os.path.basename(path))[0])
    if hit is None and found.get("text"):
        hit = found["text_hit"] if "text_hit" in found else by_text(found["text"])
    mtype = hit[0] if hit else None
    if kind in ("pdf", "image") and (mtype in STAMPED_TYPES or (mtype in SCANNED_STAMPED_TYPES and not found.get("text_layer"))):
        found["seal"] = seal_of_pdf(path, scanned=not found.get("text_layer")) if kind == "pdf" else seal_of_image(path)
    if mtype:
        try:
            derived_fields(mtype, found)
        except Exception:  # noqa: BLE001 - an extractor's bug shows where it always did, in dossier.py
            found.pop("fields_by_type", None)
        found.pop("derived_changed", None)


def _read_kind(path: str, kind: str, all_pages: bool = False) -> dict:
    try:
        if kind == "pdf" and all_pages:
            return _reader("read_pdf")(path, all_pages=True)
        if kind in ("pdf", "docx", "xlsx", "ofd", "image"):
            return _reader(f"read_{kind}")(path)
        if kind == "plain":
            return content()
        return content(problems=[["file.not_read", "info", "this format is not read; classified by its name only"]])
    except MemoryError:
        return fail("file.too_large", "the file needs too much memory to read")
    except RecursionError:
        return fail("file.corrupt", "the file's structure is nested too deeply to read")
    except (OSError, AssertionError) as exc:     # the system, or a bug of ours: may pass, never cached
        return fail("file.unreadable", f"{type(exc).__name__} while reading" +
                    (f": {exc.strerror}" if isinstance(exc, OSError) and exc.strerror else ""))
    except Exception as exc:  # noqa: BLE001 - the one place a reader's failure becomes a problem
        # A library failing on a file's content is a damaged file. The message names the failure's
        # kind only: its text may hold memory addresses, which would change the output run to run.
        return fail("file.corrupt", f"not readable as {kind} ({type(exc).__name__})")
