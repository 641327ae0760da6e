"""The user's cache folder (``$XDG_CACHE_HOME/subsidy``, else ``~/.cache/subsidy``) and the two
ways into it: a read that never blocks and an atomic JSON write. What is cached there is
always recomputable: a missing, damaged or unwritable cache is never an error.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
TYPE_CHECKING = False               # typing costs 2 ms to import; pathlib only when a Path is made
if TYPE_CHECKING:
    from pathlib import Path


# The commands' cache policy, innermost last: (--no-cache given, the real paths of the folders the
# command reads). The cache is not used when it is off or would lie inside one of those folders.
_POLICY: list[tuple[bool, tuple[str, ...]]] = []


@contextlib.contextmanager
def unused(flag: bool = True, folders=()):
    """Within the block the TOML cache is neither read nor written when ``flag`` (``--no-cache``)
    or when it lies inside one of ``folders`` (the dossiers read: never written into). The
    scanner's own cache is switched by its ``cache`` argument and its own guard."""
    _POLICY.append((flag, tuple(os.path.realpath(f) for f in folders)))
    try:
        yield
    finally:
        _POLICY.pop()


def in_use(*folders) -> bool:
    """Whether the TOML cache may be used: not off, and not inside a folder being read (the
    command's, and ``folders``)."""
    off, protected = _POLICY[-1] if _POLICY else (False, ())
    if off:
        return False
    home = os.path.realpath(home_folder())
    return not any(inside(home, f) for f in (*protected, *(os.path.realpath(f) for f in folders)))


def inside(path: str, root: str) -> bool:
    """Whether ``path`` is ``root`` or lies under it (both real paths)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def home_folder() -> str:
    """``cache_home()`` as a string, without importing pathlib (replay.py runs before anything)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is to be ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "subsidy")


def cache_home() -> Path:
    from pathlib import Path
    return Path(home_folder())


def open_regular(path):
    """Open a regular file for reading without ever blocking: a file swapped for a named pipe after
    the folder was listed (or a pipe planted in the cache) is an OSError, not a hang."""
    import stat
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(22, "not a regular file")
    except OSError:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


_FOLDERS: set[str] = set()          # folders this process made or found (no mkdir per write)
_TEMPS = itertools.count()


def write_json(target: Path, data, default=None) -> bool:
    """Write ``data`` as JSON to ``target`` atomically (a temporary file beside it, then a rename);
    False when the cache cannot be written. The temporary file is this process's own (pid and a
    counter, created exclusively, mode 0600 as mkstemp makes it), without tempfile's random names:
    300 cache entries of a cold check took ~100 ms with mkstemp and mkdir each time."""
    tmp = None
    try:
        text = json.dumps(data, ensure_ascii=False, default=default)   # the C encoder; json.dump is Python's
        folder = str(target.parent)
        if folder not in _FOLDERS:
            os.makedirs(folder, exist_ok=True)
            _FOLDERS.add(folder)
        while True:
            tmp = os.path.join(folder, f".{target.name}.{os.getpid()}.{next(_TEMPS)}.tmp")
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
                break
            except FileExistsError:
                continue                # left by an earlier process with this pid: the next name
            except FileNotFoundError:
                if folder not in _FOLDERS:
                    raise
                _FOLDERS.discard(folder)    # removed since (the cache cleared): made again, once
                os.makedirs(folder, exist_ok=True)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
        return True
    except (OSError, TypeError, ValueError):
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False
