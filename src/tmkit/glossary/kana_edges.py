"""The matcher the checks and the translator notes use: MeCab-checked kana edges."""

from __future__ import annotations

from typing import Any

#: kana (hiragana and katakana with ー, not ・ or ゠): where a hit's edge falls between
#: two of them, it cuts a run of kana. A set: two look-ups per edge cost less than a
#: regex match, and every source hit's two edges are asked.
_KANA = frozenset(
    chr(code) for code in (*range(0x3041, 0x30A0), *range(0x30A1, 0x30FB), *range(0x30FC, 0x3100))
)


def _splits_kana(text: str, pos: int) -> bool:
    """Is ``pos`` between two kana of ``text``?"""
    return pos > 0 and text[pos - 1] in _KANA and text[pos : pos + 1] in _KANA


def build_matcher(glossary: Any) -> Any:
    """The matcher the glossary checks use (``CheckContext.glossary``).

    `tmkit.glossary.matcher.GlossaryMatcher` with one refinement: a source hit whose edge
    cuts a run of kana (がん inside がんばる, レーザー inside a longer katakana word)
    must fall on a MeCab token boundary there: a kana term glued to more kana is
    almost always a different word. Short terms inside kanji compounds (原研 in
    草原研究) are the matcher's own business: `tmkit.glossary.boundaries`.
    """
    from tmkit.glossary.matcher import GlossaryMatcher, MecabBoundaries

    class KanaEdgeMatcher(GlossaryMatcher):
        _kana_cuts: Any = None

        def source_hits(self, text: str) -> list[Any]:
            hits = super().source_hits(text)
            if not hits:
                return hits
            split = _splits_kana
            for h in hits:
                if split(text, h.start) or split(text, h.end):
                    break
            else:
                return hits
            if self._kana_cuts is None:
                self._kana_cuts = MecabBoundaries()
            cuts = self._kana_cuts(text)
            return [
                h
                for h in hits
                if (not split(text, h.start) or h.start in cuts)
                and (not split(text, h.end) or h.end in cuts)
            ]

    return KanaEdgeMatcher(glossary)
