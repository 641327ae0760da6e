"""Walking a dossier folder: every file, sorted, with link and name problems; never leaves it.

Hidden files, Office lock files, file-manager junk and the root's ``subsidy.toml`` are skipped;
a link is followed only when its target is inside the folder.
"""

from __future__ import annotations

import errno
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..usercache import inside
from .problems import Problem, problem

MAX_DEPTH = 64                      # folder nesting walked
_JUNK = {"Thumbs.db", "desktop.ini", "__MACOSX"}   # made by file managers, never a material


@dataclass
class Entry:
    rel: str                      # relative path, POSIX, may hold surrogate escapes
    fs: str                       # path to open
    size: int = 0
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    stat: os.stat_result | None = None      # of the file read (a link's target), for the dossier index


def shown(rel: str) -> str:
    """A path for people and JSON: undecodable bytes as \\x escapes."""
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def path_key(path: str) -> str:
    """A path someone wrote (a ``[materials]`` key, a ``file =`` value) as the scanner names files:
    NFC, POSIX separators, no ./ prefix, no leading or trailing slash."""
    return unicodedata.normalize("NFC", str(path).replace("\\", "/")).removeprefix("./").strip("/")


def walk(root: Path) -> list[Entry]:
    """Files under root, sorted by path, with link and name problems; never leaves root."""
    root_real = os.path.realpath(root)
    out: list[Entry] = []

    def visit(fs_dir: str, rel_dir: str, ancestors: frozenset[str]) -> None:
        if len(ancestors) > MAX_DEPTH:
            out.append(Entry(rel_dir, fs_dir, 0, [problem("file.unreadable", f"folders nested more than {MAX_DEPTH} deep; not read")], False))
            return
        try:
            with os.scandir(fs_dir) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            out.append(Entry(rel_dir or ".", fs_dir, 0, [problem("file.unreadable", f"folder cannot be listed: {exc.strerror}")], False))
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
                    out.append(Entry(rel, e.path, 0, probs, False))
                    continue
                if not inside(target, root_real):
                    probs.append(problem("file.link_outside", "the link points outside the dossier folder; not followed"))
                    out.append(Entry(rel, e.path, 0, probs, False))
                    continue
                if os.path.isdir(target) and target in ancestors:
                    probs.append(problem("file.link_loop", "the link points to a folder that contains it; not followed"))
                    out.append(Entry(rel, e.path, 0, probs, False))
                    continue
                if not os.path.isdir(target):
                    try:  # open the checked target, not the link, which could change meanwhile
                        st = os.stat(target)
                    except OSError as exc:
                        probs.append(problem("file.unreadable", exc.strerror or str(exc)))
                        out.append(Entry(rel, target, 0, probs, False))
                        continue
                    if os.path.isfile(target):
                        out.append(Entry(rel, target, st.st_size, probs, stat=st))
                        continue
            try:
                if e.is_dir():
                    visit(e.path, rel, ancestors | {os.path.realpath(e.path)})
                    continue
                if not e.is_file():
                    probs.append(problem("file.unreadable", "not a regular file"))
                    out.append(Entry(rel, e.path, 0, probs, False))
                    continue
                st = e.stat()
                out.append(Entry(rel, e.path, st.st_size, probs, stat=st))
            except OSError as exc:
                probs.append(problem("file.unreadable", exc.strerror or str(exc)))
                out.append(Entry(rel, e.path, 0, probs, False))

    visit(str(root), "", frozenset({root_real}))
    return sorted(out, key=lambda x: x.rel)
