"""translate-toolkit pofilter tests that are right for a Japanese source.

Reused (run through `translate.filters.checks.StandardChecker`, id ``pofilter.<name>``):
  printf, pythonbraceformat  placeholders must survive whatever the language;
  escapes, newlines, tabs    control characters are language-neutral;
  xmltags                    inline markup must be kept;
  doublewords                "the the" in the English (with English's valid doubles
                             such as "had had", "that that" allowed); its test and
                             message are pofilter's, done here for a target without
                             tags (tests/test_check_plain_paths.py holds them equal).

Turned off, and why (tmkit has a Japanese-aware rule instead, or the test assumes
a Latin-script source):
  untranslated, unchanged, blank  → `untranslated`, `same-as-source` (unchanged
      also fires on Latin-only sources such as "ITER", which rightly stay);
  short, long                     → `length.ratio`, calibrated for JA→EN (English
      is 2–4 times longer in characters, so pofilter's ratios misfire);
  numbers, urls, emails, acronyms → `number.mismatch`, `latin.mismatch` (pofilter
      knows no kanji numerals, 万/億, eras or full-width digits);
  startpunc, endpunc, purepunc, puncspacing, sentencecount → `punctuation.end`
      (。 has no space after it and sentences are not counted by ". ");
  singlequoting, doublequoting, brackets → `quotes.unbalanced`,
      `brackets.unbalanced` (「」 and （） become "" and () in English);
  startwhitespace, endwhitespace, doublespacing → `whitespace`;
  startcaps, simplecaps           Japanese has no letter case;
  accelerators, variables, options, functions, filepaths, validchars,
  kdecomments, credits, simpleplurals, compendiumconflicts: software-UI tests that
      misfire on prose ("&" and "$" in running text);
  musttranslatewords, notranslatewords → the glossary rules;
  spellcheck                      needs dictionaries that are not installed offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from operator import eq

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.model.findings import Severity
from tmkit.model.units import Unit

#: English doubles that are grammatical ("He had had enough", "that that").
VALID_DOUBLE_WORDS = ["had", "that", "is", "do", "bye", "very", "no", "ha", "yes"]


@cache
def _checker():  # type: ignore[no-untyped-def]
    from translate.filters.checks import StandardChecker

    checker = StandardChecker()
    checker.config.lang.validdoublewords = VALID_DOUBLE_WORDS
    return checker


def _run(name: str, source: str, target: str) -> str | None:
    """The failure message of pofilter test ``name``, or None when it passes."""
    from translate.filters.checks.exceptions import FilterFailure

    try:
        ok = getattr(_checker(), name)(source, target)
    except FilterFailure as failure:
        return "; ".join(str(m) for m in failure.messages)
    return None if ok else f"pofilter {name} failed"


#: pofilter's printf pattern takes any \\w as the type letter, so "40%の" reads as a
#: placeholder in Japanese; run printf only when the source has an ASCII one.
_PRINTF = re.compile(
    r"%(?:\d+\$|\([A-Za-z_]\w*\))?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?"
    r"[diouxXeEfFgGaAcspn@]"
)
_GATES = {"printf": lambda source: _PRINTF.search(source) is not None}
#: a test can fail only when the source or target holds one of these characters
#: (pofilter's own patterns need them: a printf "%", a brace "{", a tag "<"...)
_TRIGGERS = {
    "printf": "%",
    "pythonbraceformat": "{",
    "escapes": "\\",
    "newlines": "\n\r",
    "tabs": "\t",
    "xmltags": "<",
}


def _doubled(target: str) -> str | None:
    """The first word pofilter's doublewords reports in ``target``, or None. Its words
    are the lowercased target without "." split on whitespace, after filters that
    change nothing here but tags (when no accelerator or variable markers are
    configured: `_plain_filters`): so for a text without "<" this is its test itself."""
    words = target.replace(".", "").lower().split()
    if not any(map(eq, words, words[1:])):
        return None  # no word follows itself at all (compared in C, not a loop)
    last = ""
    for word in words:
        if word == last and word not in VALID_DOUBLE_WORDS:
            return word
        last = word
    return None


def _doublewords(pair: Unit, ctx: CheckContext) -> Iterable[Hit]:
    """pofilter's doublewords, its test done here: pofilter itself runs only on a target
    with a tag (its XML filter's business), or when its filters are not the plain ones."""
    target = pair.target
    if "<" in target or not _plain_filters():
        message = _run("doublewords", pair.source, target)
        return (Hit(message),) if message else ()
    word = _doubled(target)
    if word is None:
        return ()  # most targets
    return (Hit(f"The word '{word}' is repeated"),)  # pofilter's message (a test holds it)


def _register(name: str, severity: Severity, summary: str) -> None:
    gate = _GATES.get(name)

    def run(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
        if gate is not None and not gate(pair.source):
            return
        message = _run(name, pair.source, pair.target)
        if message:
            yield Hit(message)

    func = _doublewords if name == "doublewords" else run
    check(f"pofilter.{name}", severity=severity, summary=summary, triggers=_TRIGGERS.get(name, ""))(
        func
    )


@cache
def _plain_filters() -> bool:
    """pofilter's accelerator and variable filters are off (so `_doubled` is exact)."""
    checker = _checker()
    return not checker.accfilters and not checker.removevarfilter


REUSED: list[tuple[str, Severity, str]] = [
    ("printf", "error", "printf placeholders (%s, %1$d) differ (translate-toolkit)."),
    ("pythonbraceformat", "error", "Python {placeholders} differ (translate-toolkit)."),
    ("escapes", "error", "Backslash escapes differ (translate-toolkit)."),
    ("newlines", "warning", "Line breaks differ (translate-toolkit)."),
    ("tabs", "warning", "Tabs differ (translate-toolkit)."),
    ("xmltags", "error", "XML/HTML tags differ (translate-toolkit)."),
    ("doublewords", "warning", "A word is repeated in the translation (translate-toolkit)."),
]

for _name, _severity, _summary in REUSED:
    _register(_name, _severity, _summary)
