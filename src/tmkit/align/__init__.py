"""Sentence alignment of existing Japanese/English document pairs (``tmkit align``).

    from tmkit.align import align_files
    alignment = align_files("ja.txt", "en.txt")
    for bead in alignment.beads: ...

Modules: `sentences` (documents → paragraphs of sentences), `length` (the
Gale–Church length model and its fit), `anchors` (numbers, dates, Latin
tokens, glossary terms, ?/!), `dp` (banded bead DP with posteriors),
`aligner` (the two passes and the Gale–Church baseline), `output` (PO and
TMX views of an alignment), `evaluate` (link P/R/F1 and gold sets).
"""

from __future__ import annotations

from tmkit.align.aligner import (
    INTERVIEW_MODEL,
    AlignedBead,
    Alignment,
    AlignOptions,
    SimilarityScorer,
    align_sides,
    gale_church,
)
from tmkit.align.sentences import Sentence, Side, read_side

__all__ = [
    "INTERVIEW_MODEL",
    "AlignOptions",
    "AlignedBead",
    "Alignment",
    "Sentence",
    "Side",
    "SimilarityScorer",
    "align_files",
    "align_sides",
    "gale_church",
    "read_side",
]


def align_files(
    ja_path: str,
    en_path: str,
    options: AlignOptions | None = None,
    glossary: str | None = None,
    encoding: str = "auto",
) -> Alignment:
    """Read, segment and align two documents; ``glossary`` is a TBX/CSV path.

    Raises `tmkit.model.errors.InputError` for a missing, unreadable, binary or empty document.
    """
    from tmkit.model.errors import InputError

    ja = read_side(ja_path, "ja", encoding)
    en = read_side(en_path, "en", encoding)
    for side in (ja, en):
        if not side.sentences:
            raise InputError("no sentences to align (the document is empty)", side.path)
    matcher = None
    if glossary is not None:
        from tmkit.formats import io
        from tmkit.glossary.matcher import GlossaryMatcher

        matcher = GlossaryMatcher(io.read(glossary, kind="glossary"))
    return align_sides(ja, en, options, matcher=matcher)
