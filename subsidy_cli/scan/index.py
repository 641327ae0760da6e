"""A dossier's index: each file's stat signature with what was read in it, in one cache file.

A re-check of an unchanged dossier then neither hashes its files nor opens one cache entry per
file (300 files: 17 ms of hashing and 35 ms of small reads, against 3 ms for this one file).

One JSON file per dossier folder (named by the folder's real path) in
``$XDG_CACHE_HOME/subsidy/scan-v1/dossiers/``. A file's entry is used only when its size, its
modification and change times (ns), its inode and device are the ones recorded: a program can set
a modification time back, not a change time, so a file rewritten in place is always hashed and
read again. A file changed less than ``RACY_SECONDS`` before the index is written is not recorded
(a coarse file-system clock could hide a second change in the same tick, the "racy git" case).
``--no-cache`` bypasses the index as it does the cache. The index also keeps what each file's and
folder's name says (classify.by_name), made with the same keyword table: a re-check compiles none
of its patterns.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from .cache import (SCANNER_VERSION, _engines, _rules_digest, cache_dir, open_regular, transient, valid_content,
                    write_json)
from .classify import by_name, names_of, remember_names

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
        self.old_names: dict = {}               # by_name of every file's and folder's name, last time
        self.dirty = False
        try:
            with open_regular(self.file) as fh:
                data = json.loads(fh.read(256 * 2**20).decode("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == _tag() and isinstance(data.get("files"), dict):
            self.old = data["files"]
            names = data.get("names")
            if isinstance(names, dict) and all(hit is None or (isinstance(hit, list) and len(hit) == 2
                                                               and all(isinstance(x, str) for x in hit))
                                               for hit in names.values()):
                self.old_names = {name: tuple(hit) if hit else None for name, hit in names.items()}
                remember_names(self.old_names)

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
        if not _encodable(rel):
            return                              # an undecodable name: hashed every time
        self.new[rel] = [stamp, key, kind, content]
        self.dirty = self.dirty or changed

    def save(self, rels: list[str]) -> None:
        """Write the index if anything differs; ``rels``: every file of the dossier, whose names'
        classification by name it keeps."""
        names = {name: by_name(name) for rel in rels for name in names_of(rel) if _encodable(name)}
        if self.dirty or self.new.keys() != self.old.keys() or names != self.old_names:
            write_json(self.file, {"version": _tag(), "files": self.new, "names": names})


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
