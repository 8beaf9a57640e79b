"""Allowed word forms of a target term, as a glossary entry declares them.

By default a target term matches as written, with the plural and possessive endings
of its last word (`tmkit.glossary.matcher`). An entry may allow more, in a term note
line (TBX ``<note>`` or ``<termNote type="tmkit:forms">``, CSV ``forms`` column)::

    tmkit:forms sensitive, sensitively     # explicit derived forms
    tmkit:forms sensitiv*                  # a wildcard: * is any run of letters
    tmkit:forms lemma                      # every word of the term, any inflection
                                           # (also a line "tmkit:lemma")

A target term written with ``*`` (``sensitiv*``) is itself a wildcard.
Items are separated by commas, semicolons or ``|`` (or by spaces when the line has
none of those). ``lemma`` matches each word of a multi-word term in any inflection
of any of its lemmas ("beam of charged particle" = "beams of charged particles"):
the inflections come from lemminflect, an English lemmatiser whose word lists ship
inside its wheel (no model download at run time, unlike spaCy or NLTK's WordNet),
and which, unlike simplemma, also *generates* the inflections of a lemma, which is
what matching a term written in its base form needs. Derived forms (sensitive for
sensitivity) are never guessed: only an entry that lists them accepts them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

FORMS_NOTE = "tmkit:forms"
LEMMA_KEYWORDS = frozenset({"lemma", "lemmas", "lemmatised", "lemmatized", "inflections"})
#: a note line of its own that asks for lemmatised matching (tmkit:lemma)
LEMMA_NOTES = frozenset(f"tmkit:{k}" for k in LEMMA_KEYWORDS | {"lemmatise", "lemmatize"})
#: at most this many spellings are generated for one lemmatised multi-word term
MAX_LEMMA_FORMS = 256
_SEPARATORS = re.compile(r"[,;|]")


@dataclass(frozen=True, slots=True)
class FormSpec:
    forms: tuple[str, ...] = ()  # explicit spellings
    patterns: tuple[str, ...] = ()  # wildcard patterns (with *)
    lemma: bool = False

    def __bool__(self) -> bool:
        return bool(self.forms or self.patterns or self.lemma)


def form_spec(note: str) -> FormSpec:
    """The forms a term note allows (empty when it has no ``tmkit:forms`` line)."""
    if "tmkit:" not in note:
        return FormSpec()
    forms: list[str] = []
    patterns: list[str] = []
    lemma = False
    for line in note.splitlines():
        line = line.strip()
        if line.lower() in LEMMA_NOTES:
            lemma = True
            continue
        if not line.startswith(FORMS_NOTE):
            continue
        rest = line[len(FORMS_NOTE) :].lstrip(" :=")
        items = _SEPARATORS.split(rest) if _SEPARATORS.search(rest) else rest.split()
        for item in (i.strip() for i in items):
            if not item:
                continue
            if item.lower() in LEMMA_KEYWORDS:
                lemma = True
            elif "*" in item:
                patterns.append(item)
            else:
                forms.append(item)
    return FormSpec(tuple(forms), tuple(patterns), lemma)


@lru_cache(maxsize=4096)
def word_forms(word: str) -> tuple[str, ...]:
    """``word``, its lemmas and every inflection of them (lowercase, sorted)."""
    from lemminflect import getAllInflections, getAllLemmas

    low = word.lower()
    if not low.isalpha():
        return (low,)
    out = {low}
    lemmas = {lemma for found in getAllLemmas(low).values() for lemma in found} or {low}
    for lemma in lemmas:
        out.add(lemma.lower())
        for spellings in getAllInflections(lemma).values():
            out.update(s.lower() for s in spellings)
    return tuple(sorted(out))


def lemma_forms(term: str) -> list[str]:
    """Every spelling of ``term`` with each word in any of its forms (capped)."""
    words = term.split(" ")
    choices = [word_forms(w) for w in words]
    out = []
    for combo in itertools.islice(itertools.product(*choices), MAX_LEMMA_FORMS):
        out.append(" ".join(combo))
    return out


def preload() -> None:
    """Load lemminflect's tables now (about a second), so building a matcher pays for
    it rather than the first pair that needs a lemmatised term."""
    word_forms("forms")


class LemmaPattern:
    """Every word of a term in any of its forms, as one regex over normalised target
    text, compiled on first use (most concepts of a big glossary are never looked for)."""

    def __init__(self, term: str) -> None:
        self.term = term
        self._regex: re.Pattern[str] | None = None

    def finditer(self, text: str):
        if self._regex is None:
            words = self.term.lower().replace("-", " ").split()
            body = " ".join(
                "(?:"
                + "|".join(re.escape(f) for f in sorted(word_forms(w), key=len, reverse=True))
                + ")"
                for w in words
            )
            self._regex = re.compile(rf"(?<!\w){body}(?!\w)")
        return self._regex.finditer(text)


def wildcard_regex(pattern: str) -> re.Pattern[str]:
    """A wildcard form as a regex over normalised target text (lowercase, hyphens as
    spaces): ``*`` is any run of letters, and the match must be whole words."""
    norm = pattern.lower().replace("-", " ")
    body = r"\w*".join(re.escape(part) for part in norm.split("*"))
    return re.compile(rf"(?<!\w){body}(?!\w)")
