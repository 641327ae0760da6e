"""TOML parsed once per version of a text and kept as JSON in the user's cache: the package's own
data (programme rules, plan rules, keyword table, form maps) and the company's profile.

tomllib is pure Python: the nine files a check reads took 22 ms to parse on every run, their
JSON 1 ms (measured on this machine). The cache entry is named by the SHA-256 of the text, so an
edited file is parsed again; what is returned is exactly what ``tomllib.loads`` gives (dates,
datetimes and times are tagged in the JSON and come back as the same objects), and the callers
validate it as before. A TOML error is raised by tomllib as before and nothing is cached. The
profile's entry sits beside the scanner's cache of the same dossier's documents, and like it is
never written inside the folder the file is in (``avoid``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from pathlib import Path

from .usercache import cache_home, in_use, open_regular, write_json

FOLDER = "data-v1"
_TAG = "\u0000toml"                  # a key no data file of ours has (a NUL can only be escaped in)
_TYPES = {"datetime": dt.datetime, "date": dt.date, "time": dt.time}


def _encode(value):
    for name, kind in _TYPES.items():       # datetime first: a datetime is also a date
        if isinstance(value, kind):
            return {_TAG: name, "iso": value.isoformat()}
    raise TypeError(f"not TOML data: {type(value).__name__}")


def _decode(obj: dict):
    if _TAG in obj:
        return _TYPES[obj[_TAG]].fromisoformat(obj["iso"])
    return obj


def loads(text: str, avoid: Path | None = None) -> dict:
    """``tomllib.loads(text)``, served from the cache when this text was parsed before; without
    the cache when it would lie inside the folder ``avoid``."""
    if not in_use(*([avoid] if avoid is not None else [])):
        return tomllib.loads(text)
    key = hashlib.sha256(f"{FOLDER}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    target = cache_home() / FOLDER / key[:2] / f"{key}.json"
    try:
        with open_regular(target) as fh:
            data = json.loads(fh.read(16 * 2**20).decode("utf-8"), object_hook=_decode)
        if isinstance(data, dict):
            return data
    except (OSError, ValueError, KeyError, TypeError):
        pass                                 # missing or damaged: parsed again
    data = tomllib.loads(text)
    write_json(target, data, default=_encode)
    return data
