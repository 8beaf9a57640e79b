"""The per-pair checks' early answers (issue 16, fourth round) against their general paths.

Each early answer decides a pair alone only when the general path would decide the same,
which Hypothesis tests on texts mixing ASCII, full-width and kanji numerals, eras, 割,
fractions, Latin tokens in both widths, closers and doubled words:

* `plain_digit_runs`: the values of `ja_numbers` when every quantity is plain digits;
* `writes_digits`: a number it finds in the target is among `en_digit_values`;
* `number.mismatch`: its plain-digits answer is what the general path finds;
* `parse_ja_number`: kanji looked up before the Arabic regex, as its old loop read them;
* `may_hold_latin`: `latin_tokens` finds nothing where it says no;
* `latin.mismatch`, `punctuation.end`, `length.ratio`, `pofilter.doublewords`: the
  same hits as the general paths (kept here, or in the module, as their spec).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.checks.base import CheckContext
from tmkit.checks.latin import _missing, latin_mismatch
from tmkit.checks.length import HIGH, LOW, MIN_SOURCE_CHARS, _letters, length_ratio
from tmkit.checks.numbers import _mismatches, number_mismatch
from tmkit.checks.pofilter import _doublewords, _run
from tmkit.checks.typography import _EN_CLOSERS, _EN_FINAL, _unended, punctuation_end
from tmkit.model.units import Unit
from tmkit.text.normalize import (
    en_digit_values,
    fold_width,
    ja_numbers,
    latin_tokens,
    may_hold_latin,
    parse_ja_number,
    plain_digit_runs,
    writes_digits,
)
from tmkit.text.normalize.latin import _TOKEN_HINT

JA_PIECES = [
    *"0123456789",
    *"０１２３４５６７８９",
    *"〇一二三四五六七八九十百千万億兆",
    ",",
    ".",
    "，",
    "．",
    "年",
    "令和",
    "平成",
    "元",
    "割",
    "分",
    "分の",
    "人",
    "台",
    "つ",
    "第",
    "約",
    "節",
    "の",
    "量子",
    "、",
    "。",
    " ",
    "COVID-",
    "SPring-",
    "H",
    "Ｑ",
    "ｑ",
    "＠",
    "@",
    "\u0663",  # an Arabic-Indic digit: \d, but not ASCII
]
EN_PIECES = [
    *"0123456789",
    ",",
    ".",
    " ",
    "one",
    "two",
    "ten",
    "thousand",
    "million",
    "a",
    "per",
    "half",
    "and a half",
    "in ten",
    "COVID-19",
    "SPring-8",
    "H2O",
    "QST",
    "October",
    "section",
]
ja_texts = st.lists(st.sampled_from(JA_PIECES), max_size=14).map("".join)
# joined with spaces (words) and without (numbers run together: 8,271, 2.5, v12, １２)
en_texts = st.lists(st.sampled_from(EN_PIECES), max_size=12).flatmap(
    lambda pieces: st.sampled_from([" ", ""]).map(lambda glue: glue.join(pieces))
)


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("", []),
        ("量子の研究。", []),
        ("６８０人の量子、第8271節。", ["680", "8271"]),
        ("1791回の環境", ["1791"]),
        ("1人あたり", ["1"]),
        ("七二九年の生命", None),  # kanji numerals: the general path reads them
        ("1,200人", None),  # grouping comma
        ("2.5倍", None),  # decimal
        ("2000万円", None),  # 万
        ("3割", None),
        ("3分の1", None),
        ("令和元年", None),  # an era without a digit
        ("平成29年", None),
        ("2023年", ["2023"]),  # 年 without an era is a plain number
        ("\u0663人", None),  # a digit beyond ASCII
    ],
)
def test_plain_digit_runs_table(text: str, runs: list[str] | None) -> None:
    assert plain_digit_runs(fold_width(text)) == runs


@settings(max_examples=800, deadline=None)
@given(ja_texts)
def test_plain_digit_runs_are_the_facts_values(text: str) -> None:
    runs = plain_digit_runs(fold_width(text))
    if runs is not None:
        assert [set(f.values) for f in ja_numbers(text)] == [{float(r)} for r in runs]


@pytest.mark.parametrize(
    ("text", "digits", "found"),
    [
        ("section 8271.", "8271", True),
        ("8271", "8271", True),
        ("18271", "8271", False),
        ("82710", "8271", False),
        ("8271.5", "8271", False),  # a decimal: unsure, the values are read
        ("1,8271", "8271", False),
        ("8,271", "8", False),  # grouping: read as 8271
        ("8, and 9", "8", True),
        ("v8271", "8271", True),  # the regex reads digits after a letter
        ("007", "7", False),  # 7 after a 0: unsure
        ("650 people", "649", False),
    ],
)
def test_writes_digits_table(text: str, digits: str, found: bool) -> None:
    assert writes_digits(text, digits) == found
    if found:
        assert float(digits) in en_digit_values(text)


ASCII_NUMBER_TEXT = st.lists(st.sampled_from([*"0123456789", ",", ".", " ", "a", "-", "million"]))


@settings(max_examples=1500, deadline=None)
@given(ASCII_NUMBER_TEXT.map("".join), st.from_regex(r"[0-9]{1,4}", fullmatch=True))
def test_writes_digits_finds_only_digit_values(text: str, digits: str) -> None:
    if writes_digits(text, digits):
        assert float(digits) in en_digit_values(text)


@settings(max_examples=800, deadline=None)
@given(ja_texts, en_texts)
def test_number_mismatch_is_its_general_path(source: str, target: str) -> None:
    pair = Unit(source, target, "u1")
    assert list(number_mismatch(pair, CheckContext())) == list(_mismatches(pair, None))


@settings(max_examples=500, deadline=None)
@given(ja_texts)
def test_may_hold_latin_is_the_folded_hint(text: str) -> None:
    assert may_hold_latin(text) == (_TOKEN_HINT.search(fold_width(text)) is not None)
    if not may_hold_latin(text):
        assert latin_tokens(text) == []


def test_may_hold_latin_is_the_folded_hint_for_every_char() -> None:
    for code in range(0x10000):
        ch = chr(code)
        assert may_hold_latin(ch) == (_TOKEN_HINT.search(fold_width(ch)) is not None), hex(code)


@settings(max_examples=500, deadline=None)
@given(ja_texts, en_texts)
def test_latin_mismatch_is_its_general_path(source: str, target: str) -> None:
    pair = Unit(source, target, "u1")
    assert list(latin_mismatch(pair, CheckContext())) == list(_missing(pair, CheckContext()))


def _old_punctuation_end(pair: Unit) -> list:
    """The rule before its early answer: `_final_mark` on both sides, then `_unended`."""
    from tmkit.checks.typography import _JA_CLOSERS, _JA_FINAL, _final_mark

    src_mark = _final_mark(pair.source, _JA_CLOSERS)
    if not src_mark or src_mark not in _JA_FINAL:
        return []
    return list(_unended(pair, src_mark))


END_PIECES = st.lists(
    st.sampled_from([*"。？！?!．.…」』）)】〕”’\"' \u3000\t\nx", "量子", "ok"]), max_size=6
).map("".join)


@settings(max_examples=800, deadline=None)
@given(END_PIECES, END_PIECES)
def test_punctuation_end_is_its_general_path(source: str, target: str) -> None:
    pair = Unit(source, target, "u1")
    assert list(punctuation_end(pair, CheckContext())) == _old_punctuation_end(pair)


def test_no_english_final_mark_is_a_closer() -> None:
    # what lets punctuation.end take the target's last char as its final mark
    assert not set(_EN_FINAL) & set(_EN_CLOSERS)


@settings(max_examples=500, deadline=None)
@given(ja_texts, en_texts)
def test_length_ratio_is_the_ratio_of_letters(source: str, target: str) -> None:
    src, tgt = _letters(source), _letters(target)
    ratio = None if src < MIN_SOURCE_CHARS else tgt / src
    hits = list(length_ratio(Unit(source, target, "u1"), CheckContext()))
    assert bool(hits) == (ratio is not None and not LOW <= ratio <= HIGH)


DOUBLE_PIECES = ["the", "The", "had", "a", "a.", "A", ".", "x", "\n", "<b>", "</b>", "x<b>"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(DOUBLE_PIECES), max_size=8).map(" ".join))
def test_doublewords_is_pofilters_test_and_message(target: str) -> None:
    message = _run("doublewords", "", target)
    expected = [message] if message else []
    assert [h.message for h in _doublewords(Unit("", target, "u1"), CheckContext())] == expected


def _old_parse_ja_number(expr: str) -> float | None:
    """`parse_ja_number` before kanji were looked up ahead of the Arabic regex (its spec)."""
    from tmkit.text.normalize import BIG_UNITS, KANJI_DIGITS, SMALL_UNITS
    from tmkit.text.normalize.numbers_ja import _ARABIC_RE

    expr = fold_width(expr)
    total, section, digit, pos = 0.0, 0.0, None, 0
    while pos < len(expr):
        ch = expr[pos]
        m = _ARABIC_RE.match(expr, pos)
        if m:
            if digit is not None:
                return None
            digit = float(m.group().replace(",", ""))
            pos = m.end()
            continue
        if ch in KANJI_DIGITS:
            digit = KANJI_DIGITS[ch] if digit is None else digit * 10 + KANJI_DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        elif ch in BIG_UNITS:
            part = section + (digit or 0)
            total += (part if part else 1) * BIG_UNITS[ch]
            section = 0
            digit = None
        else:
            return None
        pos += 1
    return total + section + (digit or 0)


NUMERAL_CHARS = st.sampled_from([*"0123456789０１２３〇零一二三九十百千万萬億兆,.，．x", "\u0663"])


@settings(max_examples=800, deadline=None)
@given(st.lists(NUMERAL_CHARS, max_size=8).map("".join))
def test_parse_ja_number_is_its_old_loop(text: str) -> None:
    assert parse_ja_number(text) == _old_parse_ja_number(text)


def test_no_kanji_numeral_is_a_digit() -> None:
    # what lets parse_ja_number look kanji up before trying the Arabic regex
    from tmkit.text.normalize import _KANJI_DIGITS_AND_UNITS

    assert not any(re.match(r"\d", ch) for ch in _KANJI_DIGITS_AND_UNITS)


def _old_same_as_source(pair: Unit) -> list:
    from tmkit.checks.translation import _JAPANESE

    if pair.target.strip() == pair.source.strip() and _JAPANESE.search(pair.source):
        return ["identical"]
    return []


BLANKS = [" ", "\t", "\n", "\u3000", "\u00a0", "\u2003", "\u202f", "\u205f", "\x85"]


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.sampled_from([*BLANKS, "abc", "3", "量子", "。", "ＱＳＴ", "x"]), max_size=6).map(
        "".join
    ),
    st.lists(st.sampled_from([*BLANKS, "abc", "3", "量子", "x"]), max_size=6).map("".join),
)
def test_same_as_source_is_its_general_path(source: str, target: str) -> None:
    from tmkit.checks.translation import same_as_source

    for pair in (
        Unit(source, target, "u1"),
        Unit(source, source, "u1"),
        Unit(target, source, "u1"),
    ):
        found = ["identical" for _ in same_as_source(pair, CheckContext())]
        assert found == _old_same_as_source(pair)


def test_no_blank_is_japanese() -> None:
    # what lets same-as-source pass an ASCII target at once
    from tmkit.checks.translation import _JAPANESE

    blanks = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert not any(_JAPANESE.search(ch) for ch in blanks)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*EN_PIECES, "１２", "，", "３"]), max_size=10).map(" ".join))
def test_en_digit_values_is_its_old_loop(text: str) -> None:
    from tmkit.text.normalize import _EN_DIGITS, _EN_SCALES
    from tmkit.text.normalize.numbers_ja import _parse_arabic

    old: set[float] = set()
    for number, scale in _EN_DIGITS.findall(fold_width(text)):
        old.add(_parse_arabic(number))
        if scale:
            old.add(_parse_arabic(number) * _EN_SCALES[scale.lower()])
    assert en_digit_values(text) == old


def _old_number_spans(pair: Unit) -> list[tuple[int, int]]:
    """The spans number.mismatch reported when it dropped facts inside tokens first and
    then the ones among the target's digits (its spec before the two were swapped)."""
    from tmkit.text.normalize import LATIN_WORD_CHARS, en_readings, fact_in, number_in

    facts = ja_numbers(pair.source)
    folded = fold_width(pair.source)
    if any(f.start and folded[f.start - 1] in LATIN_WORD_CHARS for f in facts):
        words = [(t.start, t.end) for t in latin_tokens(pair.source) if t.kind == "word"]
        facts = [f for f in facts if not any(s <= f.start and f.end <= e for s, e in words)]
    digits = en_digit_values(pair.target)
    facts = [f for f in facts if not number_in(f.values, digits)]
    readings = en_readings(pair.target)
    return [(f.start, f.end) for f in facts if not fact_in(f, readings)]


@settings(max_examples=800, deadline=None)
@given(ja_texts, en_texts)
def test_number_mismatch_drops_facts_in_either_order(source: str, target: str) -> None:
    pair = Unit(source, target, "u1")
    hits = number_mismatch(pair, CheckContext())
    assert [h.span for h in hits] == _old_number_spans(pair)
