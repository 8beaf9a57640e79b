"""The glossary matcher: one engine for `tmkit check` and `extract --glossary`.

Source side (Japanese): every source-language term of every concept (preferred,
admitted and deprecated variants alike) goes into one Aho-Corasick automaton over
`fold_ja` keys (NFKC, width, dashes, whitespace dropped; ASCII case-insensitive
unless the term is case-sensitive). Hits are then filtered and resolved:

- a term that starts or ends with an ASCII letter or digit matches only on a
  Latin token boundary there (QST not inside QSTX or 3QST);
- no hit inside a URL or e-mail address (https://www.qst.go.jp/ yields no QST);
- optionally (``mecab=True``; off by default), both edges of a hit between two
  Japanese characters must fall on a MeCab (ipadic) token boundary: that stops
  京都 inside 東京都 and 日本 inside 日本人, but on the interview it removed about
  seven true hits for each false one (未来 in 未来社会, 世界 in 世界中, 大学 in
  東京大学...) and does not help 教授会 inside 大学院教授会 (MeCab cuts 大学院|教授|会).
  Measured by ``benchmarks/bench_glossary.py --boundaries``. The better fix for a
  compound is to list it: longest match then wins;
- longest match wins, leftmost first: 機構 does not fire inside a matched
  量子科学技術研究開発機構.

Target side (English): a second automaton over every target-language term,
normalised (`fold_en`, lowercase unless the term is case-sensitive, hyphens read as
spaces so heavy-ion = heavy ion), run once per target text. A hit needs a word
boundary before it and one of the allowed endings after the last word (-s, -es,
's, s', and -y → -ies/-ies'/-y's), then a word boundary. Multi-word terms match
as a whole. Where two terms of the concept match the same span, the one whose own
spelling (separators) matches exactly wins, so a variant listed as deprecated is
reported as deprecated, not accepted as a spelling of the preferred term. An entry
may allow more forms (`tmkit.glossary.forms`: listed, wildcard or lemmatised); those
match as the term itself.

Short CJK terms (≤ 3 characters, or abbreviations) count only where they stand as a
word of their own: `tmkit.glossary.boundaries` (草原研究 holds no 原研).

The three glossary rules (`missing`, `forbidden`, `source_variant`) are plain
functions here returning `GlossaryFinding`; `tmkit.checks` wraps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import ahocorasick

from tmkit.glossary import boundaries as word_boundaries
from tmkit.glossary.boundaries import SHORT_TERM_TYPES, is_short
from tmkit.glossary.forms import LemmaPattern
from tmkit.glossary.forms import preload as preload_lemmas
from tmkit.glossary.targets import _ending, _target_keys, _TargetKey, _TargetText, inner_regex
from tmkit.model.errors import InputError
from tmkit.model.glossary import ALLOWED_STATUSES, FORBIDDEN_STATUSES, Concept, Glossary, Term
from tmkit.text.normalize import FoldedText, fold_ja, fold_width, has_address_hint, mask_addresses

_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_UPPER = re.compile("[A-Z]")


def ascii_lower(text: str) -> str:
    """``text`` with A-Z lowered and every other char as it is (str.lower would lower
    other scripts too, and may change the length): bytes.lower() lowers A-Z only, in one
    pass in C, where a translate table looks every char up."""
    if not _ASCII_UPPER.search(text):
        return text
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


# pyahocorasick (2.3.1) frees its trie recursively, one C frame per character of a key:
# a key of ~600,000 characters overflows an 8 MiB stack (SIGSEGV when the matcher is
# freed), less on smaller thread stacks. No real term comes near this bound.
MAX_TERM_CHARS = 1000


def _holds_any(text: str, parts: tuple[str, ...]) -> bool:
    # a loop, not any() over a generator: asked for every rendering of a multi-word term
    for part in parts:  # noqa: SIM110
        if part in text:
            return True
    return False


def _is_japanese(ch: str) -> bool:
    """Kana, CJK ideographs, 々〆ヵヶ and the prolonged sound mark: chars MeCab must split."""
    code = ord(ch)
    return (
        0x3040 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or ch in "々〆"
    )


# Result types are NamedTuples: immutable, and cheap to create in the hot loop.


class SourceHit(NamedTuple):
    concept: Concept
    term: Term
    start: int  # offsets into the original source text
    end: int
    text: str  # the original source text of the hit


class TargetHit(NamedTuple):
    term: Term
    start: int  # offsets into the original target text
    end: int
    status: str
    text: str


class ConceptCheck(NamedTuple):
    """What the target must do for one concept the source mentions."""

    concept: Concept
    source_hits: tuple[SourceHit, ...]
    required: tuple[Term, ...]  # allowed renderings: preferred first, then admitted
    allowed_found: tuple[TargetHit, ...]
    forbidden_found: tuple[TargetHit, ...]

    @property
    def rendered(self) -> bool:
        return bool(self.allowed_found) or not self.required


class GlossaryFinding(NamedTuple):
    rule: str  # glossary.missing | glossary.forbidden | glossary.source-variant
    severity: str  # error | info
    message: str
    concept: Concept
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    expected: tuple[str, ...] = ()


@dataclass(slots=True)
class _SourceKey:
    """One folded source key; several concepts may share a term."""

    length: int
    latin_start: bool
    latin_end: bool
    # (concept, term, exact folded spelling when the term is case-sensitive)
    entries: list[tuple[Concept, Term, str | None]] = field(default_factory=list)
    # Spellings a match must have when every term of the key is case-sensitive.
    case_forms: frozenset[str] = frozenset()
    # Does a match need a look at its context (Latin edges, case)? Set once built.
    checked: bool = False
    # A short CJK term (or an abbreviation): its hits must stand as words of their own.
    short: bool = False
    abbreviation: bool = False


_STATUS_RANK = {"preferred": 0, "admitted": 1, "deprecated": 2, "superseded": 3}


def _best_per_concept(
    entries: list[tuple[Concept, Term, str | None]],
) -> list[tuple[Concept, Term, str | None]]:
    """One term per concept and spelling: two terms that fold alike (小安 重夫, 小安重夫)
    are one match, reported as the better status, so no variant is claimed."""
    best: dict[tuple[str, str | None], tuple[Concept, Term, str | None]] = {}
    for entry in entries:
        concept, term, exact = entry
        seen = best.get((concept.id, exact))
        if seen is None or _STATUS_RANK[term.status] < _STATUS_RANK[seen[1].status]:
            best[(concept.id, exact)] = entry
    return list(best.values())


class MecabBoundaries:
    """Token boundaries by MeCab with ipadic (the dictionary sacrebleu's ja-mecab uses)."""

    def __init__(self) -> None:
        import fugashi
        import ipadic

        self._tagger = fugashi.GenericTagger(ipadic.MECAB_ARGS + " -Owakati")

    def __call__(self, text: str) -> set[int]:
        cuts = {0, len(text)}
        cursor = 0
        for token in self._tagger.parse(text).split():
            start = text.find(token, cursor)
            if start < 0:  # MeCab never rewrites surfaces; be safe anyway
                continue
            cuts.add(start)
            cursor = start + len(token)
            cuts.add(cursor)
        return cuts


class GlossaryMatcher:
    """Find a glossary's concepts in source text and their renderings in target text."""

    def __init__(self, glossary: Glossary, *, mecab: bool = False, boundaries: bool = True) -> None:
        self.glossary = glossary
        self.mecab = mecab
        self.word_edges = boundaries
        self._boundaries: MecabBoundaries | None = MecabBoundaries() if mecab else None
        self._automaton: Any = ahocorasick.Automaton()
        self._keys: dict[str, _SourceKey] = {}
        for concept in glossary.concepts:
            for term in concept.terms_in(glossary.source_lang):
                folded = fold_ja(term.text).text
                if not folded:
                    continue
                key = ascii_lower(folded)  # as sources are lowered
                if len(key) > MAX_TERM_CHARS:
                    raise InputError(
                        f"glossary: concept {concept.id!r}: a term of {len(key)} characters;"
                        f" terms are limited to {MAX_TERM_CHARS}"
                    )
                entry = self._keys.get(key)
                if entry is None:
                    entry = _SourceKey(
                        len(key), folded[0] in _ASCII_ALNUM, folded[-1] in _ASCII_ALNUM
                    )
                    self._keys[key] = entry
                    self._automaton.add_word(key, key)
                entry.entries.append((concept, term, folded if term.case_sensitive else None))
        for entry in self._keys.values():
            entry.entries = _best_per_concept(entry.entries)
            if all(exact is not None for _, _, exact in entry.entries):
                entry.case_forms = frozenset(exact for _, _, exact in entry.entries if exact)
            if boundaries:
                types = {term.term_type for _, term, _ in entry.entries}
                entry.abbreviation = bool(types & SHORT_TERM_TYPES)
                entry.short = any(is_short(key, t) for t in types)
            entry.checked = (
                entry.latin_start or entry.latin_end or bool(entry.case_forms) or entry.short
            )
        if self._keys:
            self._automaton.make_automaton()
        # Per concept, its target terms as normalised keys; found with str.find, since
        # only the few concepts a source mentions are ever looked for in its target.
        self._target_keys: dict[str, list[_TargetKey]] = {}
        self._required: dict[str, tuple[Term, ...]] = {}
        self._source_preferred: dict[str, tuple[Term, ...]] = {}
        # Wildcard forms (tmkit:forms sensitiv*) as regexes, for the few concepts with any.
        self._target_patterns: dict[str, list[tuple[re.Pattern[str], Term]]] = {}
        for concept in glossary.concepts:
            keys = []
            patterns: list[tuple[re.Pattern[str], Term]] = []
            for t in concept.terms_in(glossary.target_lang):
                keys.extend(_target_keys(t, patterns))
            if patterns:
                self._target_patterns[concept.id] = patterns
            self._target_keys[concept.id] = keys
            self._required[concept.id] = concept.allowed_terms(glossary.target_lang)
            self._source_preferred[concept.id] = concept.preferred_terms(glossary.source_lang)
        if any(isinstance(p, LemmaPattern) for ps in self._target_patterns.values() for p, _ in ps):
            preload_lemmas()

    # ------------------------------------------------------------ source side

    def source_hits(self, text: str) -> list[SourceHit]:
        """Concept mentions in ``text``: leftmost-longest, spans into the original text."""
        if not self._keys or not text:
            return []
        folded = fold_ja(text)
        low = ascii_lower(folded.text)
        if self._boundaries is None and not has_address_hint(text):
            # Fast path: the automaton's own leftmost-longest scan. Valid as long as no
            # chosen match needs a check (Latin edge, case): filtering away a match that
            # was not chosen cannot change which ones are.
            longest = []
            for last, key in self._automaton.iter_long(low):
                entry = self._keys[key]
                if entry.checked:
                    break
                longest.append((last + 1 - entry.length, last + 1, entry))
            else:
                return self._hits(longest, folded)
        return self._hits(self._resolve(self._candidates(low, folded), folded), folded)

    def _candidates(self, low: str, folded: FoldedText) -> list[tuple[int, int, _SourceKey]]:
        ftext = folded.text
        candidates: list[tuple[int, int, _SourceKey]] = []
        for last, key in self._automaton.iter(low):
            entry = self._keys[key]
            start, end = last + 1 - entry.length, last + 1
            if entry.latin_start and start > 0 and ftext[start - 1] in _ASCII_ALNUM:
                continue
            if entry.latin_end and end < len(ftext) and ftext[end] in _ASCII_ALNUM:
                continue
            if entry.case_forms and ftext[start:end] not in entry.case_forms:
                continue
            if entry.short and not word_boundaries.accepts(ftext, start, end, entry.abbreviation):
                continue
            candidates.append((start, end, entry))
        return candidates

    def _resolve(
        self, candidates: list[tuple[int, int, _SourceKey]], folded: FoldedText
    ) -> list[tuple[int, int, _SourceKey]]:
        """Filter (addresses, MeCab edges), then leftmost-longest without overlaps."""
        if candidates and has_address_hint(folded.original):
            candidates = self._outside_addresses(candidates, folded)
        if candidates and self._boundaries is not None:
            candidates = self._on_token_boundaries(candidates, folded.text)
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        chosen = []
        taken_until = 0
        for start, end, entry in candidates:
            if start >= taken_until:
                chosen.append((start, end, entry))
                taken_until = end
        return chosen

    def _hits(
        self, chosen: list[tuple[int, int, _SourceKey]], folded: FoldedText
    ) -> list[SourceHit]:
        ftext, text, starts, ends = folded  # (folded text, original, offset maps)
        hits: list[SourceHit] = []
        for start, end, entry in chosen:
            # `FoldedText.span` spelled out: asked for every hit of every source
            if starts is None or ends is None:
                o_start, o_end = start, end
            else:
                o_start, o_end = starts[start], ends[end - 1]
            surface = text[o_start:o_end]
            for concept, term, exact in entry.entries:
                if exact is None or ftext[start:end] == exact:
                    hits.append(SourceHit(concept, term, o_start, o_end, surface))
        return hits

    def _outside_addresses(
        self, candidates: list[tuple[int, int, _SourceKey]], folded: FoldedText
    ) -> list[tuple[int, int, _SourceKey]]:
        # mask_addresses blanks addresses in the width-folded text, keeping offsets.
        plain = fold_width(folded.original)
        masked = mask_addresses(folded.original)
        spans = [folded.span(s, e) for s, e, _ in candidates]
        return [
            c
            for c, (o_start, o_end) in zip(candidates, spans, strict=True)
            if masked[o_start:o_end] == plain[o_start:o_end]
        ]

    def _on_token_boundaries(
        self, candidates: list[tuple[int, int, _SourceKey]], ftext: str
    ) -> list[tuple[int, int, _SourceKey]]:
        def inside_word(pos: int) -> bool:
            return (
                0 < pos < len(ftext) and _is_japanese(ftext[pos - 1]) and _is_japanese(ftext[pos])
            )

        if not any(inside_word(s) or inside_word(e) for s, e, _ in candidates):
            return candidates
        assert self._boundaries is not None
        cuts = self._boundaries(ftext)
        return [
            (s, e, entry)
            for s, e, entry in candidates
            if (not inside_word(s) or s in cuts) and (not inside_word(e) or e in cuts)
        ]

    # ------------------------------------------------------------ target side

    def target_hits(self, text: str, concept: Concept) -> list[TargetHit]:
        """Renderings of ``concept`` (any target-language term) in ``text``, longest first wins."""
        if not text or concept.id not in self._target_keys:
            return []
        return self._target_hits(_TargetText(text), concept)

    def _target_hits(self, target: _TargetText, concept: Concept) -> list[TargetHit]:
        norm = target.norm
        found: list[tuple[int, int, int, int, Term]] = []
        for key in self._target_keys.get(concept.id, ()):
            start = norm.find(key.key)
            while start >= 0:
                end = start + len(key.key)
                stop = _ending(norm, start, end, key.suffixes)
                if stop is not None and (
                    key.case_form is None
                    or target.masked[start:end].replace("-", " ") == key.case_form
                ):
                    exact = 1 if target.lower[start:end] == key.spelling else 0
                    found.append((start, stop, exact, 1 if key.term.forbidden else 0, key.term))
                start = norm.find(key.key, start + 1)
            if (
                key.inner is not None
                and key.last_word in norm
                and key.first_stem in norm
                and _holds_any(norm, key.inflected_hints)
            ):
                for m in inner_regex(key.inner).finditer(norm):
                    start, end = m.span()
                    if end - start == len(key.key):
                        continue  # the plain spelling: found above
                    stop = _ending(norm, start, end, key.suffixes)
                    if stop is not None:
                        found.append((start, stop, 0, 1 if key.term.forbidden else 0, key.term))
        for pattern, term in self._target_patterns.get(concept.id, ()):
            for m in pattern.finditer(norm):
                found.append((m.start(), m.end(), 0, 1 if term.forbidden else 0, term))
        if not found:
            return []
        if len(found) > 1:  # most targets render a concept once: nothing to order
            found.sort(key=lambda f: (f[0], f[0] - f[1], -f[2], -f[3]))
        hits: list[TargetHit] = []
        taken_until = 0
        for start, end, _exact, _forbidden, term in found:
            if start < taken_until:
                continue
            taken_until = end
            o_start, o_end = target.folded.span(start, end)
            hits.append(
                TargetHit(term, o_start, o_end, term.status, target.original[o_start:o_end])
            )
        return hits

    # ------------------------------------------------------------ both

    def source_preferred(self, concept: Concept) -> tuple[Term, ...]:
        """The concept's preferred source-language terms."""
        return self._source_preferred.get(concept.id) or concept.preferred_terms(
            self.glossary.source_lang
        )

    def check_pair(self, source: str, target: str) -> list[ConceptCheck]:
        """Per concept the source mentions, in order of first mention: what the target does."""
        found_hits = self.source_hits(source)
        if not found_hits:
            return []
        groups: Iterable[list[SourceHit]]
        if len(found_hits) == 1:  # most sources that name a concept name one, once
            groups = (found_hits,)
        else:
            hits_by_concept: dict[str, list[SourceHit]] = {}
            for hit in found_hits:
                hits_by_concept.setdefault(hit.concept.id, []).append(hit)
            groups = hits_by_concept.values()
        prepared = _TargetText(target) if target else None
        checks: list[ConceptCheck] = []
        for hits in groups:
            concept = hits[0].concept
            found = (
                self._target_hits(prepared, concept)
                if prepared
                and (self._target_keys[concept.id] or concept.id in self._target_patterns)
                else []
            )
            allowed, forbidden = _by_status(found) if found else ((), ())
            checks.append(
                ConceptCheck(concept, tuple(hits), self._required[concept.id], allowed, forbidden)
            )
        return checks


def _by_status(found: list[TargetHit]) -> tuple[tuple[TargetHit, ...], tuple[TargetHit, ...]]:
    """(allowed, forbidden) renderings among ``found``, in order (a hit's status is its
    term's: `Term.allowed` and `Term.forbidden` without a property call per hit)."""
    if len(found) == 1:  # the common case: one rendering
        hit = found[0]
        return (
            (hit,) if hit.status in ALLOWED_STATUSES else (),
            (hit,) if hit.status in FORBIDDEN_STATUSES else (),
        )
    return (
        tuple(h for h in found if h.status in ALLOWED_STATUSES),
        tuple(h for h in found if h.status in FORBIDDEN_STATUSES),
    )
