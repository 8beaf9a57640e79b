"""`spelling`: words of the English target that a Hunspell dictionary does not know.

The dictionary is the distribution's Hunspell one (Debian: ``hunspell-en-us``, in
/usr/share/hunspell), read by spylls, a pure-Python port of Hunspell: it installs
from PyPI as a plain wheel (no C library or compiler, unlike the ``hunspell`` and
``cyhunspell`` bindings, whose builds need libhunspell headers) and handles the
affix rules, so "accelerators" and "irradiated" are known from their stems. With
no dictionary for the target language the rule finds nothing (it is off).

Not checked: URLs, e-mail addresses, markup and placeholders, anything with a digit
(COVID-19, 3GeV), all-capital acronyms (QST, ITER), words of the source text (a
Latin name kept as is), every word of the glossary's terms (target terms, their
allowed forms, Latin source terms), the project word list, and a capitalised word
inside a sentence that the dictionary does not know (a name: Koyasu, Nishina).

The rule runs when asked for: a checklist with a ``[spelling]`` table (unless it
says ``enabled = false``), or ``check --select spelling``. It is not on by default,
since it would add findings to every existing project (names, coinages) the day
it ships; where no dictionary is installed it finds nothing either way.

Options (``CheckContext.options``, set from a checklist's ``[spelling]`` table):
``spelling.on``, ``spelling.off`` (``enabled = false``), ``spelling.lang`` (default ``en_US``, then
any ``en_*``), ``spelling.words`` (a set of extra words), ``spelling.dictionary`` (a
path to a .dic/.aff pair without the extension).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.model.units import Unit
from tmkit.text.normalize import latin_tokens

DICTIONARY_DIRS = (
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/Library/Spelling",
)
_PARTS = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
_APOSTROPHES = str.maketrans("\u2019\u2018\u02bc\uff07", "'" * 4)
_SENTENCE_END = frozenset(".!?:\"“”'‘’(")


def find_dictionary(lang: str) -> Path | None:
    """The Hunspell dictionary (path without extension) for ``lang`` (en, en-US, en_GB)."""
    wanted = lang.replace("-", "_")
    dirs = [d for d in os.environ.get("DICPATH", "").split(os.pathsep) if d]
    dirs += list(DICTIONARY_DIRS)
    candidates = [wanted] if "_" in wanted else []
    primary = wanted.split("_")[0]
    candidates += [f"{primary}_US", f"{primary}_GB", primary]
    for name in candidates:
        for d in dirs:
            base = Path(d) / name
            if base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file():
                return base
    for d in dirs:  # any regional variant
        for dic in sorted(Path(d).glob(f"{primary}_*.dic")) if Path(d).is_dir() else ():
            if dic.with_suffix(".aff").is_file():
                return dic.with_suffix("")
    return None


class Speller:
    """A Hunspell dictionary with a memo of the words looked up."""

    def __init__(self, base: Path) -> None:
        from spylls.hunspell import Dictionary

        self.path = base
        self._dictionary = Dictionary.from_files(str(base))
        self._known: dict[str, bool] = {}
        self._suggested: dict[str, str | None] = {}

    def known(self, word: str) -> bool:
        found = self._known.get(word)
        if found is None:
            found = self._known[word] = bool(self._dictionary.lookup(word))
        return found

    #: spylls can take a second on a word with no close match: a run suggests this many
    MAX_SUGGESTIONS = 50

    def suggest(self, word: str) -> str | None:
        if word in self._suggested:
            return self._suggested[word]
        if len(self._suggested) >= self.MAX_SUGGESTIONS:
            return None
        found = next((str(s) for s in self._dictionary.suggest(word)), None)
        self._suggested[word] = found
        return found


@lru_cache(maxsize=8)
def speller_for(lang: str = "en_US", path: str | None = None) -> Speller | None:
    base = Path(path) if path else find_dictionary(lang)
    return Speller(base) if base is not None else None


def _glossary_words(glossary: Any) -> frozenset[str]:
    """Every Latin word of every term of the glossary (and of its allowed forms)."""
    if glossary is None:
        return frozenset()
    glossary = getattr(glossary, "glossary", glossary)  # a matcher holds its glossary
    words: set[str] = set()
    for concept in glossary.concepts:
        for term in concept.terms:
            for text in (term.text, term.note if "tmkit:forms" in term.note else ""):
                words.update(w.lower() for w in _PARTS.findall(text))
    return frozenset(words)


def _skip_set(ctx: CheckContext) -> frozenset[str]:
    key = ("spelling", "skip")
    found = ctx.cache.get(key)
    if found is None:
        extra = {w.lower() for w in ctx.options.get("spelling.words", ())}
        found = ctx.cache[key] = _glossary_words(ctx.glossary) | frozenset(extra)
    return found


def _inside_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in _SENTENCE_END


def unknown_words(
    text: str, source: str, speller: Speller, skip: frozenset[str]
) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word of ``text`` the dictionary does not know."""
    text = text.translate(_APOSTROPHES)  # Isn’t = Isn't (one char for one: offsets hold)
    in_source = {t.text.lower() for t in latin_tokens(source) if t.kind == "word"}
    for token in latin_tokens(text):
        if token.kind != "word" or any(c.isdigit() for c in token.text):
            continue
        if token.text.lower() in in_source:
            continue
        for m in _PARTS.finditer(token.text):
            word = m.group()
            if word.endswith(("'s", "'S")):
                word = word[:-2]
            acronym = word.isupper() or (word[-1] == "s" and word[:-1].isupper())  # QSTs
            if len(word) < 2 or acronym or word.lower() in skip:
                continue
            if word.lower() in in_source or speller.known(word):
                continue
            start = token.start + m.start()
            if word[0].isupper() and _inside_sentence(text, start):
                continue  # a name the dictionary does not have
            yield start, start + len(word), word


@check(
    "spelling",
    severity="warning",
    when=lambda ctx: bool(ctx.options.get("spelling.on")) and not ctx.options.get("spelling.off"),
    summary="A target word is not in the Hunspell dictionary (on with a checklist's [spelling] "
    "table or --select spelling; off where no dictionary is installed).",
)
def spelling(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.options.get("spelling.on") or ctx.options.get("spelling.off"):
        return
    speller = speller_for(
        ctx.options.get("spelling.lang", "en_US"), ctx.options.get("spelling.dictionary")
    )
    if speller is None:
        return
    skip = _skip_set(ctx)
    for start, end, word in unknown_words(pair.target, pair.source, speller, skip):
        suggestion = speller.suggest(word)
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        yield Hit(
            f"{word!r} is not in the {speller.path.name} dictionary{hint}",
            span=(start, end),
            expected=suggestion,
        )
