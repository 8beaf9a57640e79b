"""Glossary rules: `glossary.missing`, `glossary.forbidden`, `glossary.source-variant`.

* ``glossary.missing`` (error): a concept's Japanese term is in the source and the
  target has none of its preferred or admitted English renderings.
* ``glossary.forbidden`` (error): the target holds a deprecated or superseded
  English rendering of a concept whose Japanese term is in the source.
* ``glossary.source-variant`` (info): the source uses a non-preferred Japanese
  variant (超電導 where 超伝導 is preferred).

Matching (`TermIndex`), and the traps it avoids:

* Source: every Japanese term of every concept, found leftmost-longest without
  overlaps, so 大学院教授会 is one term when the glossary has it and 教授会 inside it
  is not asked for separately. A kana/kanji match must start and end on a morpheme
  boundary (fugashi + ipadic): 原子 is not inside 原子力, がん is not inside がんばる.
  Latin-script terms need Latin word boundaries. URLs and e-mails are masked.
* Target: case-insensitive (unless the term is marked case-sensitive), on word
  boundaries, outside URLs and e-mail addresses (a URL containing "qst" does not
  render QST); the words of a multi-word term may be joined by any spaces or
  hyphens; each word may take an English inflection (Council → Councils,
  facility → facilities, QST → QST's). Overlapping target matches are resolved
  longest-first, so "quantum beam science" (preferred) does not also count as the
  deprecated "quantum beam", and an allowed term inside a longer forbidden one
  does not count as rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from tmkit.checks.base import CheckContext, Hit, Pair, check
from tmkit.normalize import fold_width, mask_addresses

_LATIN = re.compile(r"[A-Za-z0-9]")
_WORD_SPLIT = re.compile(r"[\s\-‐‑–]+")


@dataclass(frozen=True, slots=True)
class SourceHit:
    concept: Any
    term: Any
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TargetHit:
    term: Any
    start: int
    end: int


@cache
def _tagger() -> Any:
    import fugashi
    import ipadic

    return fugashi.GenericTagger(ipadic.MECAB_ARGS)


def morpheme_boundaries(text: str) -> set[int]:
    """Character offsets where a morpheme starts or ends (ipadic)."""
    bounds = {0, len(text)}
    pos = 0
    for word in _tagger()(text):
        surface = word.surface
        found = text.find(surface, pos)
        if found < 0:
            continue
        bounds.add(found)
        pos = found + len(surface)
        bounds.add(pos)
    return bounds


def _inflect(word: str) -> str:
    """A regex for an English word and its regular inflections."""
    w = re.escape(word)
    if not word[-1:].isalpha():
        return w
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        stem = re.escape(word[:-1])
        return rf"(?:{w}|{stem}ies)(?:'s|')?"
    if word.endswith("is") and len(word) > 3:  # analysis → analyses
        stem = re.escape(word[:-2])
        return rf"(?:{w}|{stem}es)(?:'s|')?"
    return rf"{w}(?:s|es)?(?:'s|')?"


@cache
def target_pattern(text: str, case_sensitive: bool) -> re.Pattern[str]:
    words = [w for w in _WORD_SPLIT.split(text.strip()) if w]
    if not words:
        return re.compile(r"(?!x)x")
    parts = [re.escape(w) for w in words[:-1]] + [_inflect(words[-1])]
    body = r"[\s\-‐‑–]+".join(parts)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", flags)


class TermIndex:
    """All source terms of a glossary, indexed for leftmost-longest matching."""

    def __init__(self, glossary: Any, source_lang: str = "ja", target_lang: str = "en") -> None:
        self.glossary = glossary
        self.source_lang = source_lang
        self.target_lang = target_lang
        self._by_text: dict[str, list[tuple[Any, Any]]] = {}
        for concept in glossary.concepts:
            for term in concept.terms_in(source_lang):
                key = self._key(term.text, term.case_sensitive)
                if key:
                    self._by_text.setdefault(key, []).append((concept, term))
        self._automaton = self._build()

    @staticmethod
    def _key(text: str, case_sensitive: bool = False) -> str:
        folded = fold_width(text).strip()
        return folded if case_sensitive else folded.lower()

    def _build(self) -> Any:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for key in self._by_text:
            automaton.add_word(key, key)
        if len(automaton):
            automaton.make_automaton()
        return automaton

    def source_hits(self, source: str) -> list[SourceHit]:
        """Leftmost-longest, non-overlapping term occurrences in a Japanese source."""
        if not self._by_text:
            return []
        folded = mask_addresses(source)
        lowered = folded.lower()
        candidates: list[tuple[int, int, str]] = []
        for end_index, key in self._automaton.iter(lowered):
            start = end_index - len(key) + 1
            candidates.append((start, end_index + 1, key))
        if not candidates:
            return []
        bounds: set[int] | None = None
        accepted: list[tuple[int, int, str]] = []
        for start, end, key in candidates:
            if _LATIN.search(key):
                before = folded[start - 1 : start]
                after = folded[end : end + 1]
                if (key[0].isalnum() and before and _LATIN.match(before)) or (
                    key[-1].isalnum() and after and _LATIN.match(after)
                ):
                    continue
            if not _LATIN.match(key[0]) or not _LATIN.match(key[-1]):
                if bounds is None:
                    bounds = morpheme_boundaries(folded)
                ok_start = _LATIN.match(key[0]) or start in bounds
                ok_end = _LATIN.match(key[-1]) or end in bounds
                if not (ok_start and ok_end):
                    continue
            accepted.append((start, end, key))
        # longest first, then leftmost: 大学院教授会 beats 教授会 inside it
        accepted.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        chosen: list[tuple[int, int, str]] = []
        for cand in accepted:
            if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
                chosen.append(cand)
        chosen.sort()
        hits: list[SourceHit] = []
        for start, end, key in chosen:
            for concept, term in self._by_text[key]:
                if term.case_sensitive and folded[start:end] != fold_width(term.text).strip():
                    continue
                hits.append(SourceHit(concept, term, start, end))
        return hits

    def target_hits(self, target: str, concept: Any) -> tuple[list[TargetHit], list[TargetHit]]:
        """(allowed, forbidden) renderings of ``concept`` in ``target``, overlaps resolved."""
        masked = mask_addresses(target)
        found: list[tuple[int, int, int, Any]] = []  # start, end, allowed?1:0, term
        for term in concept.terms_in(self.target_lang):
            if not (term.allowed or term.forbidden):
                continue
            pattern = target_pattern(fold_width(term.text), term.case_sensitive)
            for m in pattern.finditer(masked):
                found.append((m.start(), m.end(), 1 if term.allowed else 0, term))
        # longest first; on a tie the allowed term wins
        found.sort(key=lambda f: (-(f[1] - f[0]), -f[2], f[0]))
        chosen: list[tuple[int, int, int, Any]] = []
        for cand in found:
            if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
                chosen.append(cand)
        chosen.sort(key=lambda f: f[0])
        allowed = [TargetHit(t, s, e) for s, e, a, t in chosen if a]
        forbidden = [TargetHit(t, s, e) for s, e, a, t in chosen if not a]
        return allowed, forbidden


def build_matcher(glossary: Any) -> TermIndex:
    """The matcher the glossary checks use (``CheckContext.glossary``)."""
    return TermIndex(glossary, glossary.source_lang or "ja", glossary.target_lang or "en")


def _index(ctx: CheckContext) -> TermIndex | None:
    g = ctx.glossary
    if g is None:
        return None
    if not isinstance(g, TermIndex):
        g = ctx.glossary = build_matcher(g)
    return g


def _concepts_in_source(index: TermIndex, source: str) -> dict[str, list[SourceHit]]:
    by_concept: dict[str, list[SourceHit]] = {}
    for hit in index.source_hits(source):
        by_concept.setdefault(hit.concept.id, []).append(hit)
    return by_concept


def _preferred(concept: Any, lang: str) -> str:
    terms = concept.preferred_terms(lang) or concept.allowed_terms(lang)
    return " | ".join(t.text for t in terms)


@check(
    "glossary.missing",
    severity="error",
    summary="A glossary term is in the source but none of its allowed renderings is in the target.",
    needs_glossary=True,
)
def glossary_missing(pair: Pair, ctx: CheckContext) -> Iterator[Hit]:
    index = _index(ctx)
    if index is None:
        return
    for hits in _concepts_in_source(index, pair.source).values():
        concept = hits[0].concept
        if not concept.allowed_terms(index.target_lang):
            continue
        allowed, _ = index.target_hits(pair.target, concept)
        if allowed:
            continue
        expected = _preferred(concept, index.target_lang)
        first = hits[0]
        yield Hit(
            f"{pair.source[first.start : first.end]!r} should be rendered as {expected!r}",
            span=(first.start, first.end),
            span_side="source",
            expected=expected,
        )


@check(
    "glossary.forbidden",
    severity="error",
    summary="The target uses a deprecated or superseded rendering of a glossary term.",
    needs_glossary=True,
)
def glossary_forbidden(pair: Pair, ctx: CheckContext) -> Iterator[Hit]:
    index = _index(ctx)
    if index is None:
        return
    for hits in _concepts_in_source(index, pair.source).values():
        concept = hits[0].concept
        _, forbidden = index.target_hits(pair.target, concept)
        expected = _preferred(concept, index.target_lang) or None
        for hit in forbidden:
            yield Hit(
                f"{pair.target[hit.start : hit.end]!r} is {hit.term.status} for "
                f"{pair.source[hits[0].start : hits[0].end]!r}"
                + (f"; use {expected!r}" if expected else ""),
                span=(hit.start, hit.end),
                expected=expected,
            )


@check(
    "glossary.source-variant",
    severity="info",
    summary="The source uses a non-preferred variant of a glossary term (超電導 for 超伝導).",
    needs_glossary=True,
)
def glossary_source_variant(pair: Pair, ctx: CheckContext) -> Iterator[Hit]:
    index = _index(ctx)
    if index is None:
        return
    for hit in index.source_hits(pair.source):
        preferred = hit.concept.preferred_terms(index.source_lang)
        if hit.term.status == "preferred" or not preferred:
            continue
        if any(fold_width(p.text) == fold_width(hit.term.text) for p in preferred):
            continue
        wanted = " | ".join(p.text for p in preferred)
        yield Hit(
            f"source uses {hit.term.status} variant {pair.source[hit.start : hit.end]!r}; "
            f"preferred: {wanted!r}",
            span=(hit.start, hit.end),
            span_side="source",
            expected=wanted,
        )
