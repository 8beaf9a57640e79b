"""The glossary matcher: one engine for `tmkit check` and `extract --glossary`.

Source side (Japanese): every source-language term of every concept (preferred,
admitted and deprecated variants alike) goes into one Aho-Corasick automaton over
`fold_ja` keys (NFKC, width, dashes, whitespace dropped; ASCII case-insensitive
unless the term is case-sensitive). Hits are then filtered and resolved:

- a term that starts or ends with an ASCII letter or digit matches only on a
  Latin token boundary there (QST not inside QSTX or 3QST);
- no hit inside a URL or e-mail address (https://www.qst.go.jp/ yields no QST);
- optionally, both edges of a hit between two Japanese characters must fall on a
  MeCab (ipadic) token boundary: 京都 does not fire inside 東京都, 日本 not inside
  日本語, 東京都 not inside 東京都市大学. Compounds MeCab splits (量子/科学/…/機構)
  still match, since only the edges are checked. On by default: see
  ``benchmarks/bench_glossary.py --boundaries`` for the measurement;
- longest match wins, leftmost first: 機構 does not fire inside a matched
  量子科学技術研究開発機構.

Target side (English): per term, a regex over `fold_en` text with word boundaries,
case-insensitive unless the term is case-sensitive, tolerating inflection of the
last word (-s, -es, -ies, 's, s') and hyphen/space variants (heavy-ion =
heavy ion). Where two terms of the concept match the same span, the one whose own
spelling (separators) matches exactly wins, so a variant listed as deprecated is
reported as deprecated, not accepted as a spelling of the preferred term.

The three glossary rules (`missing`, `forbidden`, `source_variant`) are plain
functions here returning `GlossaryFinding`; `tmkit.checks` wraps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import ahocorasick

from tmkit.model.glossary import Concept, Glossary, Term
from tmkit.normalize import FoldedText, fold_en, fold_ja, fold_width, mask_addresses

_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ADDRESS_HINT = re.compile(r"://|www\.|@", re.IGNORECASE)


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


@dataclass(frozen=True, slots=True)
class SourceHit:
    concept: Concept
    term: Term
    start: int  # offsets into the original source text
    end: int
    text: str  # the original source text of the hit


@dataclass(frozen=True, slots=True)
class TargetHit:
    term: Term
    start: int  # offsets into the original target text
    end: int
    status: str
    text: str


@dataclass(frozen=True, slots=True)
class ConceptCheck:
    """What the target must do for one concept the source mentions."""

    concept: Concept
    source_hits: tuple[SourceHit, ...]
    required: tuple[Term, ...]  # allowed renderings: preferred first, then admitted
    allowed_found: tuple[TargetHit, ...]
    forbidden_found: tuple[TargetHit, ...]

    @property
    def rendered(self) -> bool:
        return bool(self.allowed_found) or not self.required


@dataclass(frozen=True, slots=True)
class GlossaryFinding:
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
    entries: list[tuple[Concept, Term, str | None]] = field(default_factory=list)
    # (concept, term, exact folded spelling when the term is case-sensitive)


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

    def __init__(self, glossary: Glossary, *, mecab: bool = True) -> None:
        self.glossary = glossary
        self.mecab = mecab
        self._boundaries: MecabBoundaries | None = MecabBoundaries() if mecab else None
        self._automaton: Any = ahocorasick.Automaton()
        self._keys: dict[str, _SourceKey] = {}
        for concept in glossary.concepts:
            for term in concept.terms_in(glossary.source_lang):
                folded = fold_ja(term.text).text
                if not folded:
                    continue
                key = folded.translate(_ASCII_LOWER)
                entry = self._keys.get(key)
                if entry is None:
                    entry = _SourceKey(
                        len(key), folded[0] in _ASCII_ALNUM, folded[-1] in _ASCII_ALNUM
                    )
                    self._keys[key] = entry
                    self._automaton.add_word(key, key)
                entry.entries.append((concept, term, folded if term.case_sensitive else None))
        if self._keys:
            self._automaton.make_automaton()
        self._target_patterns: dict[tuple[str, bool], _TargetPattern] = {}

    # ------------------------------------------------------------ source side

    def source_hits(self, text: str) -> list[SourceHit]:
        if not self._keys or not text:
            return []
        folded = fold_ja(text)
        ftext = folded.text
        low = ftext.translate(_ASCII_LOWER)
        candidates: list[tuple[int, int, _SourceKey]] = []
        for last, key in self._automaton.iter(low):
            entry = self._keys[key]
            start, end = last + 1 - entry.length, last + 1
            if entry.latin_start and start > 0 and ftext[start - 1] in _ASCII_ALNUM:
                continue
            if entry.latin_end and end < len(ftext) and ftext[end] in _ASCII_ALNUM:
                continue
            candidates.append((start, end, entry))
        if not candidates:
            return []
        if _ADDRESS_HINT.search(text):
            candidates = self._outside_addresses(candidates, folded)
        if self._boundaries is not None:
            candidates = self._on_token_boundaries(candidates, ftext)
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        hits: list[SourceHit] = []
        taken_until = 0
        for start, end, entry in candidates:
            if start < taken_until:
                continue
            matched = [
                (concept, term)
                for concept, term, exact in entry.entries
                if exact is None or ftext[start:end] == exact
            ]
            if not matched:
                continue
            taken_until = end
            o_start, o_end = folded.span(start, end)
            hits.extend(
                SourceHit(concept, term, o_start, o_end, text[o_start:o_end])
                for concept, term in matched
            )
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
        terms = concept.terms_in(self.glossary.target_lang)
        if not terms or not text:
            return []
        return self._target_hits(_TargetText(text), terms)

    def _target_hits(self, target: _TargetText, terms: Iterable[Term]) -> list[TargetHit]:
        found: list[tuple[int, int, int, int, Term]] = []
        for term in terms:
            pattern = self._pattern(term)
            if pattern.stem not in target.lower:
                continue
            for m in pattern.loose.finditer(target.masked):
                exact = 1 if pattern.strict.fullmatch(m.group()) else 0
                forbidden = 1 if term.forbidden else 0
                found.append((m.start(), m.end(), exact, forbidden, term))
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

    def _pattern(self, term: Term) -> _TargetPattern:
        key = (term.text, term.case_sensitive)
        pattern = self._target_patterns.get(key)
        if pattern is None:
            pattern = self._target_patterns[key] = _TargetPattern.compile(term)
        return pattern

    # ------------------------------------------------------------ both

    def check_pair(self, source: str, target: str) -> list[ConceptCheck]:
        """Per concept the source mentions, in order of first mention: what the target does."""
        hits_by_concept: dict[str, list[SourceHit]] = {}
        for hit in self.source_hits(source):
            hits_by_concept.setdefault(hit.concept.id, []).append(hit)
        if not hits_by_concept:
            return []
        prepared = _TargetText(target) if target else None
        checks: list[ConceptCheck] = []
        for hits in hits_by_concept.values():
            concept = hits[0].concept
            terms = concept.terms_in(self.glossary.target_lang)
            found = self._target_hits(prepared, terms) if prepared and terms else []
            checks.append(
                ConceptCheck(
                    concept=concept,
                    source_hits=tuple(hits),
                    required=concept.allowed_terms(self.glossary.target_lang),
                    allowed_found=tuple(h for h in found if h.term.allowed),
                    forbidden_found=tuple(h for h in found if h.term.forbidden),
                )
            )
        return checks


class _TargetText:
    """A target string prepared once for all its concepts: folded, addresses masked."""

    __slots__ = ("folded", "lower", "masked", "original")

    def __init__(self, text: str) -> None:
        self.original = text
        self.folded = fold_en(text)
        masked = self.folded.text
        if _ADDRESS_HINT.search(masked):
            masked = mask_addresses(masked)
        self.masked = masked
        self.lower = masked.lower()


_INFLECT_Y = re.compile(r"[^aeiouAEIOU]y$")


@dataclass(frozen=True, slots=True)
class _TargetPattern:
    stem: str  # a lowercase literal every match contains: a cheap pre-filter
    loose: re.Pattern[str]  # separators may vary: heavy-ion = heavy ion
    strict: re.Pattern[str]  # the term's own separators

    @classmethod
    def compile(cls, term: Term) -> _TargetPattern:
        folded = fold_en(term.text).text
        parts = re.split(r"([\s-]+)", folded)
        words, seps = parts[0::2], parts[1::2]
        *head, last = words
        if last[-1:].isalpha():
            if _INFLECT_Y.search(last):
                last_re = re.escape(last[:-1]) + r"(?:y's|y|ies'|ies)"
            else:
                last_re = re.escape(last) + r"(?:es'|es|s'|s|'s)?"
        else:
            last_re = re.escape(last)
        flags = 0 if term.case_sensitive else re.IGNORECASE

        def build(sep_res: list[str]) -> str:
            body = "".join(re.escape(w) + s for w, s in zip(head, sep_res, strict=True))
            return r"(?<![\w])" + body + last_re + r"(?![\w])"

        loose = build([r"[\s-]+"] * len(seps))
        strict = build([r"\s+" if sep.isspace() else re.escape(sep) for sep in seps])
        stem = max(words, key=len).lower()
        if len(words) == 1 and _INFLECT_Y.search(last):
            stem = stem[:-1]
        return cls(stem, re.compile(loose, flags), re.compile(strict, flags))


# ---------------------------------------------------------------- the glossary rules


def glossary_findings(matcher: GlossaryMatcher, source: str, target: str) -> list[GlossaryFinding]:
    """All three rules for one pair, in source order."""
    checks = matcher.check_pair(source, target)
    return missing(checks, target) + forbidden(checks) + source_variant(matcher, checks)


def missing(checks: list[ConceptCheck], target: str) -> list[GlossaryFinding]:
    """glossary.missing (error): the source names a concept, the target has no allowed term."""
    if not target.strip():
        return []  # untranslated is another rule's business
    out = []
    for check in checks:
        if check.rendered:
            continue
        hit = check.source_hits[0]
        expected = tuple(t.text for t in check.required)
        out.append(
            GlossaryFinding(
                "glossary.missing",
                "error",
                f"{hit.text} should be rendered as {_either(expected)}",
                check.concept,
                source_span=(hit.start, hit.end),
                expected=expected,
            )
        )
    return out


def forbidden(checks: list[ConceptCheck]) -> list[GlossaryFinding]:
    """glossary.forbidden (error): a deprecated or superseded rendering in the target."""
    out = []
    for check in checks:
        expected = tuple(t.text for t in check.required)
        for hit in check.forbidden_found:
            use = f"; use {_either(expected)}" if expected else ""
            out.append(
                GlossaryFinding(
                    "glossary.forbidden",
                    "error",
                    f"{hit.text!r} is a {hit.status} term{use}",
                    check.concept,
                    source_span=(check.source_hits[0].start, check.source_hits[0].end),
                    target_span=(hit.start, hit.end),
                    expected=expected,
                )
            )
    return out


def source_variant(matcher: GlossaryMatcher, checks: list[ConceptCheck]) -> list[GlossaryFinding]:
    """glossary.source-variant (info): the source uses a non-preferred variant of a term."""
    lang = matcher.glossary.source_lang
    out = []
    for check in checks:
        preferred = tuple(t.text for t in check.concept.preferred_terms(lang))
        for hit in check.source_hits:
            if hit.term.status == "preferred" or not preferred:
                continue
            out.append(
                GlossaryFinding(
                    "glossary.source-variant",
                    "info",
                    f"source uses the {hit.term.status} variant {hit.text}; "
                    f"the preferred term is {_either(preferred)}",
                    check.concept,
                    source_span=(hit.start, hit.end),
                    expected=preferred,
                )
            )
    return out


def _either(texts: tuple[str, ...]) -> str:
    quoted = [repr(t) for t in texts]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
