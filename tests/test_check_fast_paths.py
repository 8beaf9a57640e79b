"""The checker's shortcuts (issue 16) decide exactly what the long way decides.

Each shortcut is tested against its definition, with Hypothesis inputs:

* a check's ``triggers``/``needs``: without those characters (or codes, notes) the
  check finds nothing, so the runner may skip it;
* pofilter doublewords' pre-test: when it says "no double", pofilter agrees;
* `consistency.normalise`: equal to the per-character definition it replaced;
* the full-width run in `fold_ja`/`fold_en`: equal to folding cluster by cluster;
* `en_digit_values` ⊆ `en_readings` (a number found among the digits is found);
* `parse_ja_number`'s plain-digits path: equal to the general parse.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.checks import iter_checks
from tmkit.checks.base import CheckContext
from tmkit.checks.consistency import MIN_TARGET_WORDS, enough_words, normalise
from tmkit.model.units import Unit
from tmkit.text.normalize import (
    FoldedText,
    en_digit_values,
    en_readings,
    fold_en,
    fold_ja,
    fold_width,
    folding,
    parse_ja_number,
)

PIECES = [
    "量子",
    "研究",
    "を進める",
    "、",
    "。",
    "（",
    "）",
    "ＱＳＴ",
    "１２",
    "3",
    "二十",
    "人",
    "年",
    "the",
    "The",
    " ",
    "  ",
    "\t",
    "\n",
    "\\n",
    "{0}",
    "{name}",
    "%d",
    "%",
    "<b>",
    "</b>",
    "<",
    "(",
    ")",
    "[",
    "]",
    '"',
    "“",
    "”",
    "'",
    "QST",
    "https://www.qst.go.jp/",
    "a@b.jp",
    "-",
    ".",
    "_",
    "\u0301",
    "ｶﾞ",
    "٣",
]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def _old_normalise(text: str, keep_spaces: bool) -> str:
    """The per-character definition `normalise` replaced (kept here as its spec)."""
    out: list[str] = []
    digit = False
    for ch in fold_width(text).casefold():
        cat = unicodedata.category(ch)
        if cat == "Nd":
            if not digit:
                out.append("#")
            digit = True
            continue
        digit = False
        if cat[0] in "PSZ" or ch.isspace():
            if keep_spaces and out and out[-1] != " ":
                out.append(" ")
            continue
        out.append(ch)
    return "".join(out).strip()


ascii_texts = st.text(st.characters(max_codepoint=127), max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, st.text(max_size=20), ascii_texts), st.booleans())
def test_normalise_is_the_per_character_definition(text: str, keep_spaces: bool) -> None:
    assert normalise(text, keep_spaces) == _old_normalise(text, keep_spaces)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(max_size=20), ascii_texts))
def test_width_letters_and_digits_shortcuts_keep_their_definitions(text: str) -> None:
    """fold_width (wide runs only), length's letter count (bytes for ASCII) and
    _EN_DIGITS (lookahead first) against their plain definitions."""
    from tmkit.checks.length import _letters
    from tmkit.text.normalize import mask_addresses, numbers_en, width

    assert fold_width(text) == text.translate(width._WIDTH_TABLE)
    plain = re.sub(r"[\W_]+", "", mask_addresses(text))
    assert _letters(text) == len(plain)
    plain_digits = re.compile(numbers_en._EN_DIGITS.pattern.removeprefix("(?=\\d)"), re.IGNORECASE)
    assert numbers_en._EN_DIGITS.findall(text) == plain_digits.findall(text)


GATED = [c for c in iter_checks() if c.scope == "pair" and (c.triggers or c.needs)]


def test_some_checks_are_gated() -> None:
    assert {"pofilter.tabs", "brackets.unbalanced", "code.missing", "code.markup", "fuzzy"} <= {
        c.id for c in GATED
    }


@pytest.mark.parametrize("check", GATED, ids=lambda c: c.id)
@settings(max_examples=150, deadline=None)
@given(source=texts, target=texts)
def test_a_gated_check_finds_nothing_without_what_it_needs(check, source, target) -> None:
    if check.triggers:
        strip = re.compile("[" + re.escape(check.triggers) + "]")
        source, target = strip.sub("", source), strip.sub("", target)
    notes = () if check.needs == "notes" else ("#. tmkit: inline-markup",)
    if check.needs == "empty" and not target.strip():
        target += "x"  # what such a check lacks is a translated pair (fuzzy: a mark)
    pair = Unit(source, target, "u1", notes=notes)
    if check.needs == "content":
        assert pair.source_content is None
    assert list(check.func(pair, CheckContext())) == []


def _mapped(folded: FoldedText) -> tuple[str, str, list[tuple[int, int]]]:
    """A fold as its users see it: the texts and each folded char's original span (an
    identity map may be kept as lists or as None)."""
    every = range(len(folded.text))
    return folded.text, folded.original, [folded.span(i, i + 1) for i in every]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_full_width_runs_fold_like_clusters(text: str) -> None:
    fast = (fold_ja(text), fold_en(text))
    original = folding._WIDE_RUN
    folding._WIDE_RUN = re.compile("(?!)")  # never matches: every char its own cluster
    try:
        slow = (fold_ja(text), fold_en(text))
    finally:
        folding._WIDE_RUN = original
    assert [_mapped(f) for f in fast] == [_mapped(f) for f in slow]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_digit_values_are_readings(text: str) -> None:
    assert en_digit_values(text) <= en_readings(text)[0]


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[0-9]{1,12}", fullmatch=True))
def test_plain_digits_parse_as_the_general_parse(digits: str) -> None:
    value = 0.0 + 0.0 + float(digits)  # what the loop adds up for one Arabic run
    assert parse_ja_number(digits) == value
    grouped = f"{int(digits):,}"  # 1,234: not plain digits, so the loop reads it
    assert parse_ja_number(grouped) == value


def test_a_check_its_run_switches_off_is_never_called() -> None:
    from tmkit.checks.base import Check
    from tmkit.checks.run import run_checks

    calls: list[Unit] = []

    def probe(pair: Unit, ctx: CheckContext) -> tuple[()]:
        calls.append(pair)
        return ()

    check = Check("x.probe", "warning", "probe", probe, when=lambda ctx: "probe" in ctx.options)
    ctx = CheckContext(extra_checks=[check])
    pairs = [Unit("量子", "quantum", "u1")]
    run_checks(pairs, ctx, select=["x"])
    assert calls == []
    ctx.options["probe"] = True
    run_checks(pairs, ctx, select=["x"])
    assert calls == pairs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1、2", "##"),  # two numbers stay two when the comma between them goes
        ("１。２", "##"),
        ("第1節。", "第#節"),
        ("量子、科学。", "量子科学"),
        ("（量子）・科学", "量子科学"),
        ("12#3", "##"),  # "#" is a separator: the placeholder is not
    ],
)
def test_source_normalisation_drops_separators_after_marking_numbers(
    text: str, expected: str
) -> None:
    assert normalise(text, False) == expected == _old_normalise(text, False)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(max_size=40), ascii_texts))
def test_enough_words_counts_the_words_of_a_normalised_target(text: str) -> None:
    target = normalise(text, True)
    assert enough_words(target) == (len(target.split()) >= MIN_TARGET_WORDS)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(max_size=30)))
def test_glossary_lowering_lowers_ascii_letters_only(text: str) -> None:
    from tmkit.glossary.matcher import ascii_lower

    assert ascii_lower(text) == text.translate(
        str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
    )


def test_glossary_lowering_keeps_lone_surrogates_and_wide_letters() -> None:
    from tmkit.glossary.matcher import ascii_lower

    assert ascii_lower("QST\ud800Ｑİ") == "qst\ud800Ｑİ"
