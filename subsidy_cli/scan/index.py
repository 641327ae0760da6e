"""A dossier's index: each file's stat signature with what was read in it, in one cache file.

A re-check of an unchanged dossier then neither hashes its files nor opens one cache entry per
file (300 files: 17 ms of hashing and 35 ms of small reads, against 3 ms for this one file).

One JSON file per dossier folder (named by the folder's real path) in
``$XDG_CACHE_HOME/subsidy/scan-v1/dossiers/``. A file's entry is used only when its size, its
modification and change times (ns), its inode and device are the ones recorded: a program can set
a modification time back, not a change time, so a file rewritten in place is always hashed and
read again. A file changed less than ``RACY_SECONDS`` before the index is written is not recorded
(a coarse file-system clock could hide a second change in the same tick, the "racy git" case).
``--no-cache`` bypasses the index as it does the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from .cache import (SCANNER_VERSION, _engines, _rules_digest, cache_dir, open_regular, transient, valid_content,
                    write_json)

INDEX_VERSION = "1"
RACY_SECONDS = 2.0


def stamp_of(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _tag() -> str:
    """What the recorded contents depend on besides the files: the same parts as a cache key."""
    return f"{INDEX_VERSION} {SCANNER_VERSION} {_rules_digest()} {_engines()}"


def _index_file(root: Path) -> Path:
    real = os.fsencode(os.path.realpath(root))
    return cache_dir() / "dossiers" / f"{hashlib.sha256(real).hexdigest()[:32]}.json"


class DossierIndex:
    """``known(rel, kind, stamp)`` gives (key, content) recorded for an unchanged file;
    ``record`` notes what this scan found; ``save`` writes it when anything differs."""

    def __init__(self, root: Path):
        self.file = _index_file(root)
        self.old: dict[str, list] = {}
        self.new: dict[str, list] = {}
        self.dirty = False
        try:
            with open_regular(self.file) as fh:
                data = json.loads(fh.read(256 * 2**20).decode("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == _tag() and isinstance(data.get("files"), dict):
            self.old = data["files"]

    def known(self, rel: str, kind: str, stamp: list[int]) -> tuple[str, dict] | None:
        entry = self.old.get(rel)
        if (isinstance(entry, list) and len(entry) == 4 and entry[0] == stamp and entry[2] == kind
                and isinstance(entry[1], str) and valid_content(entry[3])):
            return entry[1], entry[3]
        return None

    def record(self, rel: str, kind: str, stamp: list[int], key: str, content: dict, changed: bool) -> None:
        """Keep a file's entry (``changed``: not as the index had it, or its memo grew)."""
        if transient(content):
            return                              # may pass: read again next time
        if time.time_ns() - max(stamp[1], stamp[2]) < RACY_SECONDS * 1e9:
            self.dirty = True                   # too fresh to trust its times: hashed next time
            return
        try:
            rel.encode("utf-8")
        except UnicodeEncodeError:
            return                              # an undecodable name: hashed every time
        self.new[rel] = [stamp, key, kind, content]
        self.dirty = self.dirty or changed

    def save(self) -> None:
        if self.dirty or self.new.keys() != self.old.keys():
            write_json(self.file, {"version": _tag(), "files": self.new})
