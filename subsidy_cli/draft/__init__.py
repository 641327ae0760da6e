"""`subsidy draft`: the profile written from the documents (issue 12).

``draft_dossier`` scans a dossier with the scanner ``scan`` and ``check`` use (and its cache) and
returns the drafted facts (``facts.Draft``), each with its source; ``write.draft_toml`` renders them
as a commented ``subsidy.toml``; ``merge.merge_draft`` adds them to an existing profile without
changing what a person wrote.
"""

from .build import draft_dossier, draft_from
from .facts import Draft, DraftContract, Fact, Source, ToCheck

__all__ = ["Draft", "DraftContract", "Fact", "Source", "ToCheck", "draft_dossier", "draft_from"]
