"""More checker shortcuts (issue 16, third round), each against its definition.

* `_ending`'s early return: the same stop as trying every allowed ending;
* a multi-word rendering's inflection hints: wherever the inner regex finds an
  inflected rendering (longer than the plain key), the text holds a hint, so a text
  without one may skip the regex;
* `_splits_kana` by set look-ups: the two-kana regex it replaced;
* `has_address_hint`: the regex it stands for;
* the English digits regex that starts with a digit: the look-around form it replaced;
* counters by one ``startswith`` over the tuple: the five-char window it replaced;
* the number rule's Latin-token gate: a number it lets through is inside no token.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.glossary.kana_edges import _splits_kana
from tmkit.glossary.matcher import _holds_any
from tmkit.glossary.targets import _SUFFIXES, _Y_SUFFIXES, _ending, _target_key, inner_regex
from tmkit.model.glossary import Term
from tmkit.text.normalize import (
    KANJI_COUNTERS,
    LATIN_WORD_CHARS,
    _followed_by_counter,
    fold_width,
    has_address_hint,
    ja_numbers,
    latin_tokens,
)
from tmkit.text.normalize.numbers_en import _EN_DIGITS
from tmkit.text.normalize.numbers_ja import _ARABIC

NORM = st.text(alphabet="abcesiy' _.-1", max_size=14)
WORDS = st.lists(st.sampled_from(["beam", "box", "facility", "key", "ion", "of", "a1", "gas"]))


def _ending_by_definition(norm: str, start: int, end: int, suffixes: tuple[str, ...]) -> int | None:
    def word_char(ch: str) -> bool:
        return ch.isalnum() or ch == "_"

    if start > 0 and word_char(norm[start - 1]):
        return None
    for suffix in suffixes:
        stop = end + len(suffix)
        if norm.startswith(suffix, end) and (stop == len(norm) or not word_char(norm[stop])):
            return stop
    return None


@settings(max_examples=500, deadline=None)
@given(NORM, st.data(), st.sampled_from([_SUFFIXES, _Y_SUFFIXES, ("",)]))
def test_ending_is_the_loop_over_every_ending(norm: str, data, suffixes) -> None:
    start = data.draw(st.integers(0, len(norm)))
    end = data.draw(st.integers(start, len(norm)))
    assert _ending(norm, start, end, suffixes) == _ending_by_definition(norm, start, end, suffixes)


INFLECTIONS = ["", "s", "es", "'s", "s'", "es'", "ies", "ies'", "y's", "y"]


@settings(max_examples=400, deadline=None)
@given(WORDS.filter(lambda w: len(w) >= 2), st.lists(st.sampled_from(INFLECTIONS)), st.text("ab ."))
def test_an_inflected_rendering_holds_a_hint(words, endings, noise) -> None:
    key = _target_key(Term(" ".join(words), "en", "preferred"))
    assert key is not None and key.inner is not None
    padded = endings + [""] * len(words)
    inflected = [
        w[:-1] + e if e and e[0] in "iy" and w.endswith("y") else w + e
        for w, e in zip(words, padded, strict=False)
    ]
    norm = noise + " ".join([*inflected[:-1], words[-1]]) + noise
    spans = [m.span() for m in inner_regex(key.inner).finditer(norm)]
    if any(end - start > len(key.key) for start, end in spans):
        assert _holds_any(norm, key.inflected_hints)


_KANA_PAIR = re.compile("[\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff]{2}")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="あがゟアヺー・゠漢a ", max_size=8), st.data())
def test_kana_edges_are_the_two_kana_regex(text: str, data) -> None:
    pos = data.draw(st.integers(0, len(text)))
    assert _splits_kana(text, pos) == (pos > 0 and _KANA_PAIR.match(text, pos - 1) is not None)


_ADDRESS_HINT = re.compile(r"@|://|www\.", re.IGNORECASE)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="wW.:/@ ab語", max_size=12))
def test_address_hint_is_the_regex(text: str) -> None:
    assert has_address_hint(text) == (_ADDRESS_HINT.search(text) is not None)


_EN_DIGITS_BY_DEFINITION = re.compile(
    rf"(?=\d)(?<![\d.,])({_ARABIC})(?:\s*-?\s*(thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789,. -aMmillonthousandb\u0661", max_size=24))
def test_english_digits_are_the_look_around_form(text: str) -> None:
    assert _EN_DIGITS.findall(text) == _EN_DIGITS_BY_DEFINITION.findall(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*KANJI_COUNTERS[:8], "3", "人", "か", "月", "x"]), max_size=6))
def test_counters_are_the_five_char_window(parts: list[str]) -> None:
    text = "".join(parts)
    for end in range(len(text) + 1):
        rest = text[end : end + 5]
        assert _followed_by_counter(text, end) == any(rest.startswith(c) for c in KANJI_COUNTERS)


PIECES = ["COVID-19", "SPring-8", "H2O", "v1.2", "3", "１２", "第", "人", "、", " ", "a", "Q", "."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_a_number_after_no_token_char_is_in_no_token(source: str) -> None:
    folded = fold_width(source)
    words = [(t.start, t.end) for t in latin_tokens(source) if t.kind == "word"]
    for fact in ja_numbers(source):
        if not (fact.start and folded[fact.start - 1] in LATIN_WORD_CHARS):
            assert not any(s <= fact.start and fact.end <= e for s, e in words)
