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

from tmkit.align.sentences import Side, side_from_document, side_from_text, splitter


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


def interview_gold(source: str | Path, po: str | Path) -> tuple[GoldPair, str]:
    """Gold links for a source document and its PO translation; also the rebuilt English.

    Every translatable segment must have a translation in ``po``.
    """
    from tmkit.formats.po import read_po
    from tmkit.formats.text import read_text
    from tmkit.ops.rebuild import render_target, translations
    from tmkit.text.structure import parse_document

    text = read_text(source).text
    doc = parse_document(text, str(source), splitter("ja"))
    table = translations(read_po(po))
    order = [seg.id for _b, seg in doc.translatable_segments()]
    missing = [sid for sid in order if sid not in table]
    if missing:
        raise ValueError(f"{po}: no translation for {len(missing)} segments ({missing[0]} …)")
    marked = render_target(doc, {sid: f"{_OPEN}{k}{_CLOSE}" for k, sid in enumerate(order)})
    pieces: list[str] = []
    spans: list[tuple[int, int]] = [(0, 0)] * len(order)
    pos = 0
    length = 0
    while True:
        start = marked.find(_OPEN, pos)
        if start < 0:
            pieces.append(marked[pos:])
            break
        stop = marked.index(_CLOSE, start)
        pieces.append(marked[pos:start])
        length += start - pos
        k = int(marked[start + 1 : stop])
        translation = table[order[k]]
        spans[k] = (length, length + len(translation))
        pieces.append(translation)
        length += len(translation)
        pos = stop + 1
    english = "".join(pieces)
    ja = side_from_document(doc, text, "ja")
    en = side_from_text(english, str(po), "en")
    links = set()
    k = 0
    for sentence in en.sentences:
        # spans are in document order, as are the sentences: walk both once
        while k < len(spans) and spans[k][1] <= sentence.start:
            k += 1
        q = k
        while q < len(spans) and spans[q][0] < sentence.end:
            if spans[q][1] > sentence.start:
                links.add((q, sentence.index))
            q += 1
    return GoldPair(ja, en, frozenset(links)), english
