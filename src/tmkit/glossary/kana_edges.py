"""The matcher the checks and the translator notes use: MeCab-checked kana edges."""

from __future__ import annotations

from typing import Any


def _is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30ff" and ch not in "・゠"


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

            def splits_kana(pos: int) -> bool:
                return 0 < pos < len(text) and _is_kana(text[pos - 1]) and _is_kana(text[pos])

            if not any(splits_kana(h.start) or splits_kana(h.end) for h in hits):
                return hits
            if self._kana_cuts is None:
                self._kana_cuts = MecabBoundaries()
            cuts = self._kana_cuts(text)
            return [
                h
                for h in hits
                if (not splits_kana(h.start) or h.start in cuts)
                and (not splits_kana(h.end) or h.end in cuts)
            ]

    return KanaEdgeMatcher(glossary)
