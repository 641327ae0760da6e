"""Find the line of a key in a TOML file, for error messages.

tomllib gives values but no positions. This scanner reads the text once, lazily (only when an
error needs a line), and maps key paths such as ``("contracts", 2, "deliveries", 1, "amount")``
to the line that writes them, falling back to the nearest ancestor it can place.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*((?:[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*'))*)\s*=")


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_\-]+)", text)
    return [a or b or c for a, b, c in parts]


class LineMap:
    """Key path -> 1-based line number."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self._where: dict[tuple, int] = {}
        self._braces: dict[int, list[int]] = {}     # array start line -> line of each inline table
        counters: dict[tuple, int] = {}
        prefix: tuple = ()
        for no, line in enumerate(self.lines, start=1):
            m = _HEADER.match(line)
            if m and not _KEY.match(line):
                path = tuple(_split_key(m.group(2)))
                if m.group(1) == "[[":
                    idx = counters.get(path, -1) + 1
                    counters[path] = idx
                    prefix = path + (idx,)
                else:
                    prefix = self._with_indexes(path, counters)
                self._where.setdefault(prefix, no)
                continue
            k = _KEY.match(line)
            if k:
                self._where.setdefault(prefix + tuple(_split_key(k.group(1))), no)

    @staticmethod
    def _with_indexes(path: tuple, counters: dict[tuple, int]) -> tuple:
        """``[contracts.x]`` after ``[[contracts]]`` means the last contract's ``x``."""
        out: tuple = ()
        for part in path:
            out += (part,)
            if out in counters:
                out += (counters[out],)
        return out

    def line_of(self, path: tuple) -> int | None:
        """The line writing ``path``, else the nearest ancestor's (inline items counted by brace)."""
        path = tuple(path)
        for cut in range(len(path), 0, -1):
            head = path[:cut]
            if head in self._where:
                line = self._where[head]
                rest = path[cut:]
                if rest and isinstance(rest[0], int):
                    return self._nth_brace(line, rest[0]) or line
                return line
        return None

    def _nth_brace(self, start: int, index: int) -> int | None:
        """Line of the ``index``-th inline table of an array that starts on line ``start`` (the
        array is read once, so thousands of entries with errors cost one pass, not one each)."""
        if start not in self._braces:
            found: list[int] = []
            for no in range(start, len(self.lines) + 1):
                text = self.lines[no - 1]
                if no > start and (_KEY.match(text) or _HEADER.match(text)):
                    break
                found += [no] * text.count("{")
            self._braces[start] = found
        found = self._braces[start]
        return found[index] if 0 <= index < len(found) else None
