"""Lexical anchors: what a sentence and its translation should share.

Each sentence is reduced once to a small `Features` record:

* numbers and dates, read by the checker's normalisation (`tmkit.text.normalize`:
  万/億, 割, eras, dates on the Japanese side; digits, number words, months
  on the English side), so 2016年 anchors to "2016" and 7年間 to "seven years";
* Latin tokens of the Japanese text (QST, ITER, URLs), looked for among the
  English text's Latin tokens (plural s allowed, as the checker does);
* glossary concepts: a Japanese term of a concept and any of its English terms;
* question and exclamation marks;
* discourse markers of contrast and consequence: a Japanese sentence opening
  with しかし or そのため is usually rendered with "but"/"however" or
  "so"/"therefore", often joined to the sentence before (a 2-1 bead).

`AnchorWeights.cost` turns the features of a bead (the union over its
sentences) into a cost in the same unit as the length model (nats): a shared
anchor lowers it, a Japanese anchor with no English counterpart raises it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tmkit.align.translit import english_keys, japanese_keys
from tmkit.text.normalize import en_numbers, ja_numbers, latin_tokens

_QUESTION_JA = frozenset("？?")
# Sentence-opening connectives, and the English words that usually render them.
_JA_CONTRAST = re.compile(r"(?:しかし|しかしながら|だが|ところが|ただし|それでも|けれども|一方)")
_JA_CONSEQUENCE = re.compile(r"(?:そのため|そこで|したがって|従って|だから|その結果|このため)")
_EN_CONTRAST = re.compile(
    r"\b(?:but|however|yet|although|though|still|nevertheless|whereas)\b", re.I
)
_EN_CONSEQUENCE = re.compile(r"\b(?:so|therefore|thus|hence|consequently|as a result)\b", re.I)
_EXCLAIM_JA = frozenset("！!")


@dataclass(frozen=True, slots=True)
class Features:
    """The anchors of one sentence (or one paragraph: the union of its sentences')."""

    #: Japanese: one value set per quantity; English: one set with every reading
    numbers: tuple[frozenset[float], ...] = ()
    #: English only: the values written with digits (each should come from the source)
    digits: frozenset[float] = frozenset()
    #: Japanese: Latin tokens to look for; English: the Latin tokens present
    latin: frozenset[str] = frozenset()
    #: glossary concept ids (Japanese: mentioned; English: rendered)
    concepts: frozenset[str] = frozenset()
    questions: int = 0
    exclamations: int = 0
    #: (contrast, consequence) discourse markers
    markers: tuple[int, int] = (0, 0)
    #: consonant skeletons of loanwords and names (`tmkit.align.translit`)
    translit: frozenset[str] = frozenset()


EMPTY = Features()


def union(items: Iterable[Features]) -> Features:
    items = list(items)
    if len(items) == 1:
        return items[0]
    if not items:
        return EMPTY
    return Features(
        numbers=tuple(v for f in items for v in f.numbers),
        digits=frozenset().union(*(f.digits for f in items)),
        latin=frozenset().union(*(f.latin for f in items)),
        concepts=frozenset().union(*(f.concepts for f in items)),
        questions=sum(f.questions for f in items),
        exclamations=sum(f.exclamations for f in items),
        translit=frozenset().union(*(f.translit for f in items)),
        markers=(sum(f.markers[0] for f in items), sum(f.markers[1] for f in items)),
    )


class ConceptFinder:
    """Glossary concepts of Japanese text, and their English renderings.

    Wraps `tmkit.glossary.matcher.GlossaryMatcher`; the English side only looks for the
    concepts the Japanese document mentions (``limit_to``), since only those can anchor.
    """

    def __init__(self, matcher) -> None:  # GlossaryMatcher; kept untyped to import lazily
        self.matcher = matcher
        self._concepts: dict[str, object] = {}

    def japanese(self, text: str) -> frozenset[str]:
        ids = set()
        for hit in self.matcher.source_hits(text):
            self._concepts.setdefault(hit.concept.id, hit.concept)
            ids.add(hit.concept.id)
        return frozenset(ids)

    def english(self, text: str) -> frozenset[str]:
        return frozenset(
            cid
            for cid, concept in self._concepts.items()
            if self.matcher.target_hits(text, concept)
        )


def japanese_features(text: str, concepts: ConceptFinder | None = None) -> Features:
    return Features(
        numbers=tuple(f.values for f in ja_numbers(text)),
        latin=frozenset(_latin_keys(text, japanese=True)),
        concepts=concepts.japanese(text) if concepts else frozenset(),
        questions=sum(1 for ch in text if ch in _QUESTION_JA),
        exclamations=sum(1 for ch in text if ch in _EXCLAIM_JA),
        translit=japanese_keys(text),
        markers=(
            1 if _JA_CONTRAST.match(text) else 0,
            1 if _JA_CONSEQUENCE.match(text) else 0,
        ),
    )


def english_features(text: str, concepts: ConceptFinder | None = None) -> Features:
    readings = en_numbers(text)
    return Features(
        numbers=(frozenset(readings),) if readings else (),
        digits=frozenset(_digit_values(text)),
        latin=frozenset(_latin_keys(text, japanese=False)),
        concepts=concepts.english(text) if concepts else frozenset(),
        questions=text.count("?"),
        exclamations=text.count("!"),
        translit=english_keys(text),
        markers=(len(_EN_CONTRAST.findall(text)), len(_EN_CONSEQUENCE.findall(text))),
    )


_POSSESSIVE = ("'s", "’s", "s'", "’")


def _latin_keys(text: str, japanese: bool) -> set[str]:
    """Latin tokens as anchor keys: hyphens dropped (JT-60SA = JT60SA), possessives
    stripped (QST's = QST); in English also each hyphen part (X-rays → X, rays).

    Japanese text keeps only tokens that say something: two characters or more,
    or a capital letter (a lone "a" in a list is no anchor).
    """
    keys: set[str] = set()
    for token in latin_tokens(text):
        word = token.text
        if token.kind != "word":
            keys.add(word.rstrip("/").lower())
            continue
        for ending in _POSSESSIVE:
            if word.endswith(ending) and len(word) > len(ending) + 1:
                word = word[: -len(ending)]
                break
        joined = word.replace("-", "").replace("‐", "")
        if japanese:
            if len(joined) >= 2:
                keys.add(joined)
            continue
        keys.add(joined)
        if "-" in word:
            keys.update(part for part in word.split("-") if part)
    return keys


def _digit_values(text: str) -> set[float]:
    # Numbers the English wrote in digits; the generous readings (words, months)
    # are for matching only, since "one" or "may" often translate no number at all.
    values: set[float] = set()
    for token in text.replace(",", "").split():
        stripped = token.strip("()[]\"'“”‘’.,;:!?%$¥€£")
        if stripped and stripped.replace(".", "", 1).isdigit():
            values |= en_numbers(stripped)
    return values


def _latin_found(token: str, english: frozenset[str]) -> bool:
    return token in english or token + "s" in english or token + "es" in english


@dataclass(frozen=True, slots=True)
class AnchorWeights:
    """Costs in nats; rewards are subtracted, misses added."""

    number_match: float = 1.5
    # Misses are priced from the interview's 180 true pairs: 79 of 79 Japanese
    # quantities and 85 of 86 Latin tokens reappear in their translation, and only
    # 2 of 56 English digit numbers have no source. A miss is thus strong evidence
    # (about -log(1/60) nats) against a pairing.
    number_miss: float = 3.0
    english_digit_miss: float = 2.5
    latin_match: float = 1.0
    latin_miss: float = 2.5
    concept_match: float = 0.6
    concept_miss: float = 0.2
    mark_match: float = 1.0
    #: a Japanese ？/！ the English lacks, and the other way round (English often asks
    #: "Could you tell us …?" where Japanese requests with 教えてください, unmarked)
    mark_miss_en: float = 0.6
    mark_miss_ja: float = 0.2
    #: a loanword or name whose skeleton the English shares (or lacks: many
    #: katakana words are not borrowed from English, so a miss costs little)
    translit_match: float = 0.8
    translit_miss: float = 0.1
    #: a Japanese opening connective with its English marker in the bead (no miss
    #: cost: English often leaves the connection implicit)
    marker_match: float = 0.7

    def cost(self, ja: Features, en: Features) -> float:
        total = 0.0
        if ja.numbers:
            readings = en.numbers[0] if len(en.numbers) == 1 else frozenset().union(*en.numbers)
            for values in ja.numbers:
                if not values.isdisjoint(readings):
                    total -= self.number_match
                else:
                    total += self.number_miss
        if en.digits:
            source = frozenset().union(*ja.numbers) if ja.numbers else frozenset()
            total += self.english_digit_miss * len(en.digits - source)
        for token in ja.latin:
            total += -self.latin_match if _latin_found(token, en.latin) else self.latin_miss
        if ja.concepts:
            found = len(ja.concepts & en.concepts)
            total -= self.concept_match * found
            total += self.concept_miss * (len(ja.concepts) - found)
        if ja.markers != (0, 0):
            shared = min(ja.markers[0], en.markers[0]) + min(ja.markers[1], en.markers[1])
            total -= self.marker_match * shared
        if ja.translit:
            found = len(ja.translit & en.translit)
            total -= self.translit_match * found
            total += self.translit_miss * (len(ja.translit) - found)
        for a, b in ((ja.questions, en.questions), (ja.exclamations, en.exclamations)):
            if a or b:
                shared = min(a, b)
                total -= self.mark_match * shared
                total += self.mark_miss_en * (a - shared) + self.mark_miss_ja * (b - shared)
        return total


def matched_anchors(ja: Features, en: Features) -> tuple[int, int]:
    """(shared, unshared) anchor counts of a bead, for confidence and reports."""
    shared = unshared = 0
    readings = frozenset().union(*en.numbers) if en.numbers else frozenset()
    for values in ja.numbers:
        if values.isdisjoint(readings):
            unshared += 1
        else:
            shared += 1
    source = frozenset().union(*ja.numbers) if ja.numbers else frozenset()
    unshared += len(en.digits - source)
    for token in ja.latin:
        if _latin_found(token, en.latin):
            shared += 1
        else:
            unshared += 1
    shared += len(ja.translit & en.translit)
    a, b = ja.questions, en.questions
    shared += min(a, b)
    unshared += max(a, b) - min(a, b)
    return shared, unshared


def features_of(
    texts: Sequence[str], japanese: bool, concepts: ConceptFinder | None = None
) -> list[Features]:
    make = japanese_features if japanese else english_features
    return [make(t, concepts) for t in texts]
