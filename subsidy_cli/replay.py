"""A re-check of an unchanged dossier answered from its last result, before anything is imported.

``subsidy check DIR --format json`` (or ``junit``; one dossier, to stdout, cache on) records what
it printed (stdout, stderr, exit code) with a signature of everything that result depends on:

- the command line as given and the working folder (relative paths, options, language);
- every entry under the dossier, hidden ones and ``subsidy.toml`` included: its path, mode, size,
  modification and change times (ns), inode and device, whether this user may read it; the
  folders' own stamps too; the folder the command names must still resolve to the one checked;
- the package's own files (code and rules data) by the same stamps, the optional readers installed
  (which module file, its stamps), the Python version, the user, the encodings of stdout and
  stderr, the ``SUBSIDY_*`` environment.

The next run with the same command line in the same folder computes the signature again (a walk
and a few hundred stats: 2-4 ms for 300 files) and, when nothing differs, prints the recorded
output and exits with the recorded code, without importing typer, pypdf or the rules engine
(``entry.py``). A change time cannot be set back by a program, so a file rewritten in place with
its old size and modification time is a change.

Anything unusual means no record and no replay, and the check runs in full: a symbolic link in
the dossier, an entry changed less than ``RACY_SECONDS`` before (a coarse clock could hide a second
change), an entry that cannot be listed or stat'ed, a file that could not be read (a failure that
may pass), folders nested deeper than the scanner walks,
``--no-cache``, a cache folder inside the dossier, or the dossier changing while it was checked.
The record lives in ``$XDG_CACHE_HOME/subsidy/results-v1/``; nothing is ever written into a dossier.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
import zlib

from .usercache import home_folder, inside, open_regular

VERSION = 1
FOLDER = "results-v1"
RACY_SECONDS = 2.0
MAX_DEPTH = 64                      # as scan/walk.py: deeper folders are not replayed
MAX_ENTRIES = 20000                 # a folder this large is checked in full each time
FORMATS = ("json", "junit")         # outputs that do not depend on the terminal
# Optional readers whose presence or version changes what a scan finds.
_MODULES = ("pypdf", "pypdfium2", "zxingcpp", "rapidocr", "onnxruntime", "numpy", "PIL", "docx", "openpyxl")

ARGV: list[str] | None = None       # the command line of this process, set by entry.main


class _No(Exception):
    """Something makes this dossier's result unsafe to record or replay."""


def _entry_file(argv: list[str], cwd: str) -> str:
    name = json.dumps([argv, cwd], ensure_ascii=True)
    return os.path.join(home_folder(), FOLDER, f"{zlib.crc32(name.encode()):08x}.json")


def _stamp(st: os.stat_result) -> str:
    return f"{st.st_mode:o} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino} {st.st_dev}"


def _tree(top: str, out: list[str], now_ns: int | None, depth: int = 0, rel: str = "") -> None:
    """Every entry under ``top`` with its stamps, sorted; _No for a link, a fresh change
    (``now_ns``), an unreadable entry, too deep or too many."""
    if depth > MAX_DEPTH:
        raise _No
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        raise _No from exc
    for e in entries:
        if e.name == "__pycache__" and now_ns is None:
            continue                        # the package's compiled files: not its code
        try:
            st = e.stat(follow_symlinks=False)
        except OSError as exc:
            raise _No from exc
        if stat.S_ISLNK(st.st_mode) or (now_ns is not None and now_ns - max(st.st_mtime_ns, st.st_ctime_ns)
                                         < RACY_SECONDS * 1e9):
            raise _No
        readable = "" if now_ns is None else "r" if os.access(e.path, os.R_OK) else "-"
        out.append(f"{rel}{e.name}\0{_stamp(st)}{readable}")
        if len(out) > MAX_ENTRIES:
            raise _No
        if stat.S_ISDIR(st.st_mode):
            _tree(e.path, out, now_ns, depth + 1, f"{rel}{e.name}/")


def signature(dossier: str) -> str | None:
    """All a check's result depends on besides its command line; None when it cannot be trusted."""
    from importlib.util import find_spec

    parts = [sys.version, str(os.geteuid() if hasattr(os, "geteuid") else ""), " ".join(str(getattr(f, a, None)) for f in (sys.stdout, sys.stderr) for a in ("encoding", "errors")),
             json.dumps(sorted((k, v) for k, v in os.environ.items() if k.startswith("SUBSIDY_")))]
    try:
        now = time.time_ns()
        root = os.stat(dossier)
        if not stat.S_ISDIR(root.st_mode) or now - max(root.st_mtime_ns, root.st_ctime_ns) < RACY_SECONDS * 1e9:
            return None
        parts.append(f"{os.path.realpath(dossier)}\0{_stamp(root)}")
        _tree(dossier, parts, now)
        parts.append("package")
        _tree(os.path.dirname(os.path.abspath(__file__)), parts, None)
    except (_No, OSError, ValueError):
        return None
    for name in _MODULES:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = getattr(spec, "origin", None)
        try:
            parts.append(f"{name}\0{origin}\0{_stamp(os.stat(origin)) if origin else ''}")
        except OSError:
            parts.append(f"{name}\0{origin}\0?")
    return "\n".join(parts)


def _usable(dossier: str) -> bool:
    """The cache is not inside the dossier (it is never written there, nor read from there)."""
    return not inside(os.path.realpath(home_folder()), os.path.realpath(dossier))


def replay(argv: list[str]) -> int | None:
    """Print the recorded result of this exact ``subsidy check`` and give its exit code, when
    nothing it depends on has changed; None (nothing printed) otherwise."""
    if not argv or argv[0] != "check" or "--no-cache" in argv or sys.stdout is None or sys.stderr is None:
        return None
    try:
        cwd = os.getcwd()
        with open_regular(_entry_file(argv, cwd)) as fh:       # a pipe planted there: no hang
            entry = json.loads(fh.read(64 * 2**20).decode("utf-8"))
        if not (isinstance(entry, dict) and entry.get("v") == VERSION and entry.get("argv") == argv
                and entry.get("cwd") == cwd and isinstance(entry.get("dossier"), str)
                and isinstance(entry.get("given"), str) and isinstance(entry.get("code"), int)
                and isinstance(entry.get("stdout"), str) and isinstance(entry.get("stderr"), str)):
            return None
        # The folder the command names must still be the one recorded (a link repointed, a
        # "link/.." path): the recorded real path is what was checked.
        if os.path.realpath(os.path.join(cwd, entry["given"])) != entry["dossier"]:
            return None
        if not _usable(entry["dossier"]) or signature(entry["dossier"]) != entry.get("signature"):
            return None
    except Exception:  # noqa: BLE001 - a missing, damaged or odd record: the check runs in full
        return None
    try:
        sys.stderr.write(entry["stderr"])
        sys.stdout.write(entry["stdout"])
        sys.stdout.flush()
    except OSError:                     # the reader went away (a closed pipe): exit 1 quietly, as
        try:                            # click ends the full run
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    return entry["code"]


class Recorder:
    """``Recorder(dossier)`` before the check reads anything; ``done(stdout, stderr, code)``
    after it printed: the result is recorded when the dossier was the same from start to end."""

    def __init__(self, dossier) -> None:
        self.given = str(dossier)
        self.dossier = os.path.realpath(dossier)    # what the system opens: links and ".." resolved
        self.argv = ARGV
        try:
            self.cwd = os.getcwd()
        except OSError:                 # the working folder was deleted: nothing to key a record on
            self.argv = None
        self.before = signature(self.dossier) if self.argv is not None and _usable(self.dossier) else None

    def done(self, stdout: str, stderr: str, code: int, transient: bool = False) -> bool:
        """Record, unless the dossier changed meanwhile or ``transient``: a failure that may pass
        (a file that could not be read) is never replayed, as the scan cache never keeps it."""
        if transient or self.before is None or signature(self.dossier) != self.before:
            return False
        from .usercache import write_json
        from pathlib import Path
        return write_json(Path(_entry_file(self.argv, self.cwd)),
                          {"v": VERSION, "argv": self.argv, "cwd": self.cwd, "dossier": self.dossier,
                           "given": self.given, "signature": self.before, "stdout": stdout, "stderr": stderr,
                           "code": code})
