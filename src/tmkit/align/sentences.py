"""Documents → paragraphs of sentences, with character offsets, for alignment.

Both sides go through the same structure parser as ``tmkit extract``
(`tmkit.text.structure.parse_document`), so the Japanese sentences of an alignment
are exactly the msgids ``extract`` would produce: one paragraph per non-blank
line, block markers (the interviewer's ``── ``, list numbers) left out, and
untranslated blocks (navigation boilerplate) skipped on both sides.

Japanese is split by tmkit's Japanese rules, English by the English rules of
the same SRX file (`tmkit.text.segment.default_rules("en")`: abbreviations such as
Dr./e.g./U.S., decimals, closing quotes kept with their sentence).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tmkit.model import Document
from tmkit.text.segment import Segmenter, default_rules
from tmkit.text.structure import parse_document, split_lines


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one side. ``start``/``end`` are offsets into the document text."""

    index: int
    text: str
    paragraph: int
    line: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Side:
    """One document of the pair, as the aligner sees it."""

    path: str
    lang: str
    sentences: tuple[Sentence, ...]
    #: per paragraph, the ``(first, stop)`` range of its sentence indices
    paragraphs: tuple[tuple[int, int], ...]

    def paragraph_text(self, p: int) -> list[str]:
        first, stop = self.paragraphs[p]
        return [s.text for s in self.sentences[first:stop]]


@lru_cache(maxsize=4)
def splitter(lang: str) -> Segmenter:
    """tmkit's segmenter for ``ja`` or ``en`` (any other tag gets the English rules)."""
    primary = lang.split("-")[0].split("_")[0].lower()
    return Segmenter(default_rules("ja" if primary == "ja" else "en"))


def side_from_document(doc: Document, text: str, lang: str) -> Side:
    """Sentences of ``doc`` (parsed from ``text``) grouped by block, with offsets into ``text``."""
    line_starts = [0]
    for line in split_lines(text):
        line_starts.append(line_starts[-1] + len(line))
    sentences: list[Sentence] = []
    paragraphs: list[tuple[int, int]] = []
    for block in doc.blocks:
        if not block.translatable:
            continue
        first = len(sentences)
        for seg in block.segments:
            if not seg.text:
                continue
            start = line_starts[seg.location.line - 1] + seg.location.col - 1
            sentences.append(
                Sentence(
                    len(sentences),
                    seg.text,
                    len(paragraphs),
                    seg.location.line,
                    start,
                    start + len(seg.text),
                )
            )
        if len(sentences) > first:
            paragraphs.append((first, len(sentences)))
    return Side(doc.path, lang, tuple(sentences), tuple(paragraphs))


def side_from_text(text: str, path: str, lang: str) -> Side:
    """Parse and segment one document's text."""
    doc = parse_document(text, path, splitter(lang))
    return side_from_document(doc, text, lang)
