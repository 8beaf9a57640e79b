"""The interview as an alignment gold set: its Japanese source and its PO translation.

Kept in ops because it opens files and rebuilds the English document; the
scoring of links is `tmkit.align.evaluate`.
"""

from __future__ import annotations

from pathlib import Path

from tmkit.align.evaluate import _CLOSE, _OPEN, GoldPair
from tmkit.align.sentences import side_from_document, side_from_text, splitter


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
