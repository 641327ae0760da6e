"""The commented ``subsidy.toml`` that ``subsidy init`` writes (and ``draft`` fills): one per
language, the keys identical, the comments in the reader's language (Chinese by default)."""

from __future__ import annotations

from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"
FILES = {"zh": _DATA / "subsidy.template.toml", "en": _DATA / "subsidy.template.en.toml"}


def template_text(lang: str = "zh") -> str:
    return FILES.get(lang, FILES["zh"]).read_text("utf-8")


def template_texts() -> list[str]:
    """Every language's template: a profile written by ``init --lang en`` is still init's."""
    return [path.read_text("utf-8") for path in FILES.values()]
