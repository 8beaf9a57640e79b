"""Sentence alignment of existing Japanese/English document pairs (``tmkit align``).

    from tmkit.align import align_sides
    alignment = align_sides(ja_side, en_side)   # files: tmkit.ops.align.align_files
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
from tmkit.align.sentences import Sentence, Side, side_from_text

__all__ = [
    "INTERVIEW_MODEL",
    "AlignOptions",
    "AlignedBead",
    "Alignment",
    "Sentence",
    "Side",
    "SimilarityScorer",
    "align_sides",
    "gale_church",
    "side_from_text",
]
