"""One guard for the zip containers the tool opens (XLSX ledgers, DOCX forms, scanned OOXML/OFD).

Size headers in a zip can lie: a 1.5 MB file that claims a few kilobytes may inflate to gigabytes.
So the guard decompresses every member as a stream and counts the bytes as they come, stopping at
a limit; it never trusts ``file_size``. Any library (openpyxl, python-docx) opens the file only
after the guard has passed it.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from .messages import CodedError

MAX_UNZIPPED = 256 * 1024 * 1024     # bytes decompressed from one container
MAX_MEMBERS = 10_000                 # parts in one container
CHUNK = 1024 * 1024


class ZipProblem(CodedError):
    """A container that must not be opened: a message code and its parameters."""


def check_zip(path: str | Path, max_bytes: int | None = None, max_members: int | None = None) -> None:
    """Raise ZipProblem unless ``path`` is a readable zip whose members really decompress to at
    most ``max_bytes`` in all (counted while decompressing)."""
    max_bytes = MAX_UNZIPPED if max_bytes is None else max_bytes
    max_members = MAX_MEMBERS if max_members is None else max_members
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            if len(members) > max_members:
                raise ZipProblem("zip.too_many_members", count=len(members), limit=max_members)
            total = 0
            for info in members:
                with z.open(info) as f:
                    while chunk := f.read(CHUNK):
                        total += len(chunk)
                        if total > max_bytes:
                            raise ZipProblem("zip.bomb", limit=max_bytes // (1024 * 1024))
    except ZipProblem:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
            RuntimeError, OSError) as exc:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression method
        raise ZipProblem("zip.unreadable", error=type(exc).__name__) from None
