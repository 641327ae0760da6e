"""The content cache: what a reader found in a file, keyed by the file's bytes.

One JSON file per content in ``$XDG_CACHE_HOME/subsidy/scan-v1/``, keyed by the SHA-256 of the
file, the scanner version and the keyword table. Writes are atomic; a cache that cannot be
written, or a damaged or foreign entry, is no error (the file is read again).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..usercache import cache_home, open_regular, write_json

SCANNER_VERSION = "2.1"             # part of every cache key: bump when a reader, the classifier or the field extraction changes
CACHE_FOLDER = "scan-v1"
# What this process's scans did, for tests and benchmarks: entries found and missed, entries
# written, files read (scan_dossier: each file not found in the cache, whether in a worker or not),
# files taken from a dossier's index (scan/index.py) without hashing them.
STATS = {"hits": 0, "misses": 0, "writes": 0, "reads": 0, "indexed": 0}


def cache_dir() -> Path:
    return cache_home() / CACHE_FOLDER


@lru_cache(maxsize=1)
def _rules_digest() -> str:
    """The keyword table decides classification, memoised in the cache: a change must miss it."""
    data = Path(__file__).resolve().parent.parent / "data" / "material_types.toml"
    return hashlib.sha256(data.read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _engines() -> str:
    """Which optional readers are installed: a scan read without OCR must be read again once
    the OCR extra is there."""
    from . import ocr
    from .readers import qr

    return f"ocr={ocr.available()} qr={qr.available()}"


def content_key(path: str) -> str:
    h = hashlib.sha256(f"subsidy-scan {SCANNER_VERSION} {_rules_digest()} {_engines()}\0".encode())
    with open_regular(path) as fh:
        while chunk := fh.read(2**20):
            h.update(chunk)
    return h.hexdigest()


def _cache_file(key: str, kind: str) -> Path:
    return cache_dir() / key[:2] / f"{key}-{kind}.json"


def cache_get(key: str, kind: str) -> dict | None:
    try:
        with open_regular(_cache_file(key, kind)) as fh:
            data = json.loads(fh.read(64 * 2**20).decode("utf-8"))
    except (OSError, ValueError):
        STATS["misses"] += 1
        return None
    content = data.get("content") if isinstance(data, dict) and data.get("version") == SCANNER_VERSION else None
    ok = valid_content(content)
    STATS["hits" if ok else "misses"] += 1
    return content if ok else None  # a damaged or foreign entry is read again


def valid_content(content) -> bool:
    """Whether a stored content has the shape a reader gives (else it is read again)."""
    return (isinstance(content, dict) and isinstance(content.get("text"), str)
            and isinstance(content.get("problems"), list)
            and all(isinstance(p, list) and len(p) == 3 and all(isinstance(x, str) for x in p)
                    for p in content["problems"]))


def transient(content: dict) -> bool:
    """A failure that may pass (the file could not be opened): never kept."""
    return any(p[0] == "file.unreadable" for p in content["problems"])


def cache_put(key: str, kind: str, content: dict) -> bool:
    """Atomic write into the cache folder; a cache that cannot be written is no error (False)."""
    if not transient(content) and write_json(_cache_file(key, kind),
                                             {"version": SCANNER_VERSION, "kind": kind, "content": content}):
        STATS["writes"] += 1
        return True
    return False
