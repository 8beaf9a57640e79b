"""Glossaries: concepts with terms per language. No file syntax here.

The data categories are the TBX-Basic ones tmkit carries: administrative status,
part of speech, term type, definition, notes, subject field, plus a tmkit flag for
case-sensitive terms, and per term whether its rendering was verified and where
(the source: a publisher's page title). Text fields hold normalised text: formats collapse runs of
whitespace to one space; a note may hold several lines (one per TBX ``<note>``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from tmkit.model.languages import normalize_language, same_language

Status = Literal["preferred", "admitted", "deprecated", "superseded"]
STATUSES: tuple[str, ...] = ("preferred", "admitted", "deprecated", "superseded")
# Deprecated and superseded terms must not be used in a translation.
FORBIDDEN_STATUSES: frozenset[str] = frozenset({"deprecated", "superseded"})
ALLOWED_STATUSES: frozenset[str] = frozenset({"preferred", "admitted"})

PARTS_OF_SPEECH: tuple[str, ...] = ("noun", "verb", "adjective", "adverb", "properNoun", "other")
# The TBX-Basic termType picklist.
TERM_TYPES: tuple[str, ...] = (
    "fullForm",
    "acronym",
    "abbreviation",
    "shortForm",
    "variant",
    "phrase",
)


@lru_cache(maxsize=1024)  # asked for every term of every concept, of a few tags
def lang_matches(tag: str, wanted: str) -> bool:
    """BCP 47 tags: the same language and script; a region in ``wanted`` must match exactly."""
    if "-" in wanted or "_" in wanted:
        if normalize_language(tag) == normalize_language(wanted):
            return True
        if _has_region(wanted):
            return False
    return same_language(tag, wanted)


def _has_region(tag: str) -> bool:
    return any(len(part) == 2 or part.isdigit() for part in normalize_language(tag).split("-")[1:])


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    lang: str
    status: Status = "admitted"
    part_of_speech: str = ""
    term_type: str = ""
    note: str = ""
    case_sensitive: bool = False
    #: the rendering was checked against the named body's own usage
    verified: bool = False
    #: where it was checked (publisher and page title), one line per source
    source: str = ""

    @property
    def allowed(self) -> bool:
        return self.status in ALLOWED_STATUSES

    @property
    def forbidden(self) -> bool:
        return self.status in FORBIDDEN_STATUSES


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    terms: tuple[Term, ...] = ()
    definition: str = ""
    note: str = ""
    subject_field: str = ""

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if lang_matches(t.lang, lang))

    def preferred_terms(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms_in(lang) if t.status == "preferred")

    def admitted_terms(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms_in(lang) if t.status == "admitted")

    def allowed_terms(self, lang: str) -> tuple[Term, ...]:
        """Preferred then admitted terms: the renderings a translation may use."""
        return self.preferred_terms(lang) + self.admitted_terms(lang)

    def forbidden_terms(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms_in(lang) if t.forbidden)

    @property
    def languages(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for t in self.terms:
            seen.setdefault(t.lang, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Glossary:
    concepts: tuple[Concept, ...] = ()
    source_lang: str = "ja"
    target_lang: str = "en"
    _by_id: dict[str, Concept] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((c.id, c) for c in self.concepts)

    def concept(self, concept_id: str) -> Concept:
        return self._by_id[concept_id]

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self):
        return iter(self.concepts)


def clean_text(text: str) -> str:
    """One line: runs of whitespace become one space, ends stripped (XML layout is not content)."""
    return " ".join(text.split())


def clean_note(text: str) -> str:
    """Several lines, each cleaned with `clean_text`; empty lines dropped."""
    lines = (clean_text(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
