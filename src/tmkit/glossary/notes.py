"""``extract --glossary``: the terms a segment holds, as ``#.`` comments for translators.

Poedit, Lokalize and po-mode show extracted comments beside the entry, so the
required English (and the renderings to avoid) is in front of the translator
while they type. The matcher is the same engine `tmkit check` enforces with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tmkit.model.glossary import Glossary

PREFIX = "glossary: "


def term_notes(glossary: Glossary, matcher: Any = None) -> Callable[[str], list[str]]:
    """A function giving one comment line per concept found in a segment, in order
    (``matcher``: the glossary's, when the caller has built it already)."""
    from tmkit.glossary.kana_edges import build_matcher

    matcher = matcher if matcher is not None else build_matcher(glossary)
    target = glossary.target_lang

    #: concept id → what follows its term in a note (None: no English term to give)
    tails: dict[str, str | None] = {}

    def tail(concept) -> str | None:
        if concept.id not in tails:
            allowed = [t.text for t in concept.allowed_terms(target)]
            avoid = [t.text for t in concept.forbidden_terms(target)]
            text = f" = {' | '.join(dict.fromkeys(allowed))}" if allowed else None
            if text is not None and avoid:
                text += f" (not: {', '.join(dict.fromkeys(avoid))})"
            tails[concept.id] = text
        return tails[concept.id]

    def notes(text: str) -> list[str]:
        lines: list[str] = []
        seen: set[str] = set()
        for hit in matcher.source_hits(text):
            concept = hit.concept
            if concept.id in seen:
                continue
            seen.add(concept.id)
            rest = tail(concept)
            if rest is not None:
                lines.append(f"{PREFIX}{hit.text}{rest}")
        return lines

    return notes
