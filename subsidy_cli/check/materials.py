"""Completeness: every material a programme requires for its modes, and the files behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..profile import Profile
from ..rules import Material, Programme


@dataclass
class MaterialStatus:
    type: str
    label_zh: str
    label_en: str
    clause: str
    modes: tuple[str, ...]
    required: bool
    files: list[str] = field(default_factory=list)
    missing_formats: list[str] = field(default_factory=list)
    online: bool = False
    stamped: bool = False

    def to_json(self, lang: str) -> dict:
        return {"type": self.type, "label": self.label_en if lang == "en" else self.label_zh,
                "clause": self.clause, "modes": list(self.modes), "required": self.required,
                "satisfied": bool(self.files) or not self.required, "files": self.files,
                "missing_formats": self.missing_formats, "online": self.online}


def usable(f) -> bool:
    """A file whose reading failed (empty, corrupt, encrypted …) satisfies nothing."""
    return f.read_failure() is None


def modes_of(prog: Programme, profile: Profile) -> list[str]:
    """The modes whose materials apply: by a profile value, by contract kinds, else "default"."""
    spec = prog.modes or {}
    all_modes = sorted({m for mat in prog.materials for m in mat.modes})
    if "from" in spec:
        value = profile.get(spec["from"])
        return [value] if value in all_modes else all_modes
    if "kinds" in spec:
        kinds = {c.kind for c in profile.contracts}
        hit = [mode for mode, ks in spec["kinds"].items() if kinds & set(ks)]
        return hit or all_modes
    return ["default"]


def _required(mat: Material, profile: Profile) -> bool:
    cond = mat.required_if
    if not cond:
        return not mat.online
    return any(_holds(c, profile) for c in cond.get("any", [cond]))


def _holds(cond: dict, profile: Profile) -> bool:
    """One condition of ``required_if``: a value equals, or a value is stated (non-empty)."""
    value = profile.get(cond["path"])
    if cond.get("present"):
        return bool(value)
    return value == cond["equals"]


def material_status(prog: Programme, profile: Profile, files: list) -> list[MaterialStatus]:
    modes = set(modes_of(prog, profile))
    out: list[MaterialStatus] = []
    seen: dict[tuple, MaterialStatus] = {}
    for mat in prog.materials:
        if not modes & set(mat.modes):
            continue
        key = (mat.type, mat.label["zh"])
        if key in seen:
            continue
        types = {mat.type, *mat.alternatives}
        hits = [f.path for f in files if f.type in types and usable(f)]
        status = MaterialStatus(mat.type, mat.label["zh"], mat.label["en"], mat.clause,
                                tuple(m for m in mat.modes if m in modes), _required(mat, profile),
                                hits, online=mat.online, stamped=mat.stamped)
        if hits and mat.formats:
            have = {h.rsplit(".", 1)[-1].lower() for h in hits}
            status.missing_formats = [fmt for fmt in mat.formats if fmt not in have]
        seen[key] = status
        out.append(status)
    return out
