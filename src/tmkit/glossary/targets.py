"""The English side of term matching: the target text folded for matching, each term's
keys (its plural, possessive and allowed forms) and where a rendering ends."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tmkit.glossary.forms import LemmaPattern, form_spec, wildcard_regex
from tmkit.model.glossary import Term
from tmkit.text.normalize import fold_en, has_address_hint, mask_addresses

_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# pyahocorasick (2.3.1) frees its trie recursively, one C frame per character of a key:
# a key of ~600,000 characters overflows an 8 MiB stack (SIGSEGV when the matcher is
# freed), less on smaller thread stacks. No real term comes near this bound.
MAX_TERM_CHARS = 1000


class _TargetText:
    """A target string prepared once for all its concepts.

    ``folded`` is `fold_en` (one space per whitespace run, dashes and apostrophes
    folded); ``masked`` blanks URLs and e-mail addresses; ``lower`` lowercases it
    char for char; ``norm`` also reads hyphens as spaces (heavy-ion = heavy ion).
    All four share offsets, mapped to the original by ``folded.span``.
    """

    __slots__ = ("folded", "lower", "masked", "norm", "original")

    def __init__(self, text: str) -> None:
        self.original = text
        self.folded = fold_en(text)
        masked = self.folded.text
        if has_address_hint(masked):
            masked = mask_addresses(masked)
        self.masked = masked
        self.lower = _lower_1to1(masked)
        self.norm = self.lower.replace("-", " ")


_INFLECT_Y = re.compile(r"[^aeiou]y$")
# Tried longest first; the first that ends on a word boundary wins.
_SUFFIXES = ("es'", "'s", "s'", "es", "s", "")
_Y_SUFFIXES = ("ies'", "y's", "ies", "y")
#: the first chars of the non-empty endings
_SUFFIX_STARTS = frozenset(suffix[0] for suffix in (*_SUFFIXES, *_Y_SUFFIXES) if suffix)


def _lower_1to1(text: str) -> str:
    """Lowercase without changing the length (İ would become two chars in str.lower)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True, slots=True)
class _TargetKey:
    """A target term normalised for search: lowercase, hyphens as spaces, no final -y."""

    key: str
    suffixes: tuple[str, ...]  # allowed endings after the key, longest first
    spelling: str  # lowercase with the term's own separators: ranks exact spellings first
    case_form: str | None  # the key in the term's case, for case-sensitive terms
    term: Term
    #: multi-word terms: the key with plural/possessive endings allowed on every word
    #: but the last (whose ending `_ending` checks), so "beams of charged particles"
    #: renders "beam of charged particle"; None for one word or a case-sensitive term.
    #: A regex source, compiled by `inner_regex` the first time a text holds the last
    #: word: a glossary of thousands of terms then costs no compile for the unused ones.
    inner: str | None = None
    last_word: str = ""
    #: what ``inner`` needs literally besides the last word: its first word's stem
    first_stem: str = ""
    #: what a text must hold for ``inner`` to match anything but the plain key (which
    #: str.find has found): an inner word followed by the start of one of its endings.
    #: Most targets that name a multi-word term hold none, and skip the regex.
    inflected_hints: tuple[str, ...] = ()


_INNER: dict[str, re.Pattern[str]] = {}


def inner_regex(source: str) -> re.Pattern[str]:
    """The compiled `_TargetKey.inner` (kept for the run)."""
    pattern = _INNER.get(source)
    if pattern is None:
        pattern = _INNER[source] = re.compile(source)
    return pattern


def _target_keys(term: Term, patterns: list[tuple[re.Pattern[str], Term]]) -> list[_TargetKey]:
    """The term's own key, plus one per form its entry allows (`tmkit.glossary.forms`);
    wildcard forms go to ``patterns``."""
    if "*" in term.text:  # the term is a wildcard itself: sensitiv*
        patterns.append((wildcard_regex(fold_en(term.text).text), term))
        return []
    key = _target_key(term)
    keys = [key] if key else []
    if "tmkit:" not in term.note:
        return keys
    spec = form_spec(term.note)
    if not spec:
        return keys
    spellings = list(spec.forms)
    if spec.lemma:
        patterns.append((LemmaPattern(fold_en(term.text).text), term))  # type: ignore[arg-type]
    seen = {k.key for k in keys}
    for spelling in spellings:
        form = _target_key(replace(term, text=spelling))
        if form is not None and form.key not in seen:
            seen.add(form.key)
            keys.append(replace(form, spelling="", term=term))
    patterns.extend((wildcard_regex(p), term) for p in spec.patterns)
    return keys


def _target_key(term: Term) -> _TargetKey | None:
    folded = fold_en(term.text).text
    if not folded:
        return None
    lower = _lower_1to1(folded)
    if lower[-1:].isalpha() and _INFLECT_Y.search(lower):
        cut, suffixes = 1, _Y_SUFFIXES  # facility: facility's, facilities, facilities'
    elif lower[-1:].isalpha():
        cut, suffixes = 0, _SUFFIXES  # beam: beams, beam's, beams'; box: boxes
    else:
        cut, suffixes = 0, ("",)
    spelling = lower[: len(lower) - cut]
    case_form = folded[: len(folded) - cut].replace("-", " ") if term.case_sensitive else None
    key = spelling.replace("-", " ")
    words = key.split(" ")
    if len(words) < 2 or case_form is not None:
        return _TargetKey(key, suffixes, spelling, case_form, term)
    inner = " ".join(_inflected(w) for w in words[:-1]) + " " + re.escape(words[-1])
    first = words[0]
    stem = first[:-1] if first[-1:].isalpha() and _INFLECT_Y.search(first) else first
    hints = tuple(hint for word in words[:-1] for hint in _inflection_hints(word))
    return _TargetKey(key, suffixes, spelling, None, term, inner, words[-1], stem, hints)


def _inflected(word: str) -> str:
    """A regex for one inner word of a term with its plural/possessive endings."""
    if not word[-1:].isalpha():
        return re.escape(word)
    if _INFLECT_Y.search(word):
        return re.escape(word[:-1]) + "(?:ies'|y's|ies|y)"
    return re.escape(word) + "(?:es'|'s|s'|es|s)?"


def _inflection_hints(word: str) -> tuple[str, ...]:
    """What a text holds where `_inflected` (word) matches with a non-empty ending: the
    word (or its stem) and the first char of each ending (es' 's s' es s; ies' ies y's)."""
    if not word[-1:].isalpha():
        return ()
    if _INFLECT_Y.search(word):
        return (word[:-1] + "ie", word[:-1] + "y'")
    return (word + "e", word + "'", word + "s")


def _ending(norm: str, start: int, end: int, suffixes: tuple[str, ...]) -> int | None:
    """Where a match of [start, end) with an allowed ending stops on word boundaries, or None."""
    # a word char is alphanumeric or "_", tested inline: this runs for every key found
    # in every target
    if start > 0 and ((ch := norm[start - 1]).isalnum() or ch == "_"):
        return None
    n = len(norm)
    # Most renderings end at a space or a stop: a char no ending starts with leaves
    # only the empty ending ("" is last in a tuple that allows it), no loop to run.
    if end == n:
        return end if suffixes[-1] == "" else None
    ch = norm[end]
    if ch not in _SUFFIX_STARTS:
        return end if suffixes[-1] == "" and not (ch.isalnum() or ch == "_") else None
    for suffix in suffixes:
        stop = end + len(suffix)
        if norm.startswith(suffix, end) and (
            stop == n or not ((ch := norm[stop]).isalnum() or ch == "_")
        ):
            return stop
    return None
