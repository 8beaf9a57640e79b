"""`number.mismatch`: every quantity of the Japanese source is in the English target.

Normalisation lives in `tmkit.text.normalize`: full-width digits and grouping commas,
kanji numerals, 万/億/兆 scaling (2000万円 = 20 million yen = 20,000,000 yen),
割 (2割 = 20%), fractions (3分の1 = a third), dates (2023年10月23日 = October 23,
2023 = 23 October 2023), eras (平成29年 = 2017, 令和元年 = 2019), 年度 (= FY),
English number words and ordinals (8年 = eight years, 第3 = third), a count of one
thing said with an article or "per" (1台あたり = per unit, 1つ = a), shares of ten
(3割 = three in ten) and halves (1.5倍 = one and a half times).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.model.units import Unit
from tmkit.text.normalize import (
    LATIN_WORD_CHARS,
    en_digit_values,
    en_readings,
    fact_in,
    fold_width,
    ja_numbers,
    latin_tokens,
    number_in,
    plain_digit_runs,
    writes_digits,
)


def _show(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


@check(
    "number.mismatch",
    severity="error",
    summary="A source number (digits, kanji, 万/億, 割, date, era) is missing in the target.",
)
def number_mismatch(pair: Unit, ctx: CheckContext) -> Iterable[Hit]:
    # Most sources say each quantity in plain digits that the target writes in digits
    # too: that is settled on the values alone, without making facts or tokens (every
    # fact's value is among the target's, so the general path below finds nothing).
    # An ASCII target is first searched for the same digits (no number to read).
    runs = plain_digit_runs(fold_width(pair.source))
    digits = None
    if runs is not None:
        if not runs:
            return ()
        target = pair.target
        if target.isascii() and all(writes_digits(target, run) for run in runs):
            return ()
        digits = en_digit_values(target)
        if all(float(run) in digits for run in runs):
            return ()
    return _mismatches(pair, digits)


def _mismatches(pair: Unit, digits: set[float] | None) -> Iterator[Hit]:
    facts = ja_numbers(pair.source)
    if not facts:
        return
    # The target's numbers in digits are a part of its readings, so a fact found among
    # them is found: only the rest needs the full reading (number words, shares ...).
    # (Taken out before the facts inside tokens below: both only drop facts, each fact
    # on its own, so the order changes nothing but what the token test has to look at.)
    if digits is None:
        digits = en_digit_values(pair.target)
    facts = [f for f in facts if not number_in(f.values, digits)]
    if not facts:
        return
    # digits inside a Latin token (COVID-19, SPring-8, H2O) are latin.mismatch's business.
    # A token starts with a letter and a fact with a digit or a kanji, so a fact inside
    # one follows a char of it: the tokens are needed only after such a char.
    folded = fold_width(pair.source)
    if any(f.start and folded[f.start - 1] in LATIN_WORD_CHARS for f in facts):
        words = [(t.start, t.end) for t in latin_tokens(pair.source) if t.kind == "word"]
        facts = [f for f in facts if not any(s <= f.start and f.end <= e for s, e in words)]
        if not facts:
            return
    readings = en_readings(pair.target)
    for fact in facts:
        if not fact_in(fact, readings):
            wanted = " or ".join(_show(v) for v in sorted(fact.values, reverse=True)[:2])
            yield Hit(
                f"number {fact.text!r} ({wanted}) not found in the translation",
                span=(fact.start, fact.end),
                span_side="source",
                expected=wanted,
            )
