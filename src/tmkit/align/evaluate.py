"""Scoring an alignment against gold links, and the gold sets tmkit keeps.

A *link* is a pair ``(ja sentence index, en sentence index)``; a bead of ``a``
Japanese and ``b`` English sentences implies its ``a * b`` links, and 1-0 / 0-1
beads imply none. Precision, recall and F1 are computed over link sets.

Gold files (``tests/data/align/*.gold.json``) are JSON::

    {"ja": "name-ja.txt", "en": "name-en.txt",
     "ja_sentences": [...], "en_sentences": [...],
     "beads": [[[0], [0]], [[1, 2], [1]], [[3], []], [[], [4]], ...]}

The sentence lists pin the segmentation the indices refer to: a change in
either segmenter shows up as a mismatch instead of as a silent drop in F1.

The interview's gold comes from its PO file instead: the English document is
rebuilt from the PO (`tmkit.ops.rebuild.render_target`), every English sentence of
it is linked to the Japanese segment(s) whose translation it overlaps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tmkit.align.sentences import Side, side_from_text


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int
    correct: int


def score_links(predicted: set[tuple[int, int]], gold: set[tuple[int, int]]) -> Score:
    correct = len(predicted & gold)
    p = correct / len(predicted) if predicted else 0.0
    r = correct / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f, len(predicted), len(gold), correct)


@dataclass(frozen=True, slots=True)
class GoldPair:
    ja: Side
    en: Side
    links: frozenset[tuple[int, int]]
    #: gold beads as (ja indices, en indices), when the gold is kept as beads
    beads: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()


def load_gold(path: str | Path) -> GoldPair:
    """Read a gold file and the two documents it names (relative to the gold file)."""
    from tmkit.formats.text import read_text

    path = Path(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    ja_path, en_path = path.parent / data["ja"], path.parent / data["en"]
    ja = side_from_text(read_text(ja_path).text, str(ja_path), "ja")
    en = side_from_text(read_text(en_path).text, str(en_path), "en")
    for side, key in ((ja, "ja_sentences"), (en, "en_sentences")):
        got = [s.text for s in side.sentences]
        if got != data[key]:
            diff = next(
                (k for k, (a, b) in enumerate(zip(got, data[key], strict=False)) if a != b),
                min(len(got), len(data[key])),
            )
            raise ValueError(f"{path}: {key} differ from the segmentation at index {diff}")
    beads = tuple((tuple(a), tuple(b)) for a, b in data["beads"])
    links = frozenset((i, j) for a, b in beads for i in a for j in b)
    return GoldPair(ja, en, links, beads)


#: Private-use brackets marking where each translation lands in the rebuilt text.
_OPEN, _CLOSE = "\ue000", "\ue001"
