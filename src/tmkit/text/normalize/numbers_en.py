"""English numbers: digits, number words, ordinals, scales, months, roman numerals."""

from __future__ import annotations

import re

from tmkit.text.normalize.numbers_ja import _ARABIC_REST, NumberFact
from tmkit.text.normalize.width import fold_width

# ---------------------------------------------------------------------------
# 3. English numbers
# ---------------------------------------------------------------------------

_EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
}
_EN_SCALES = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
#: words that stand for a number on their own, with every reading they may carry
_EN_SPECIAL: dict[str, tuple[float, ...]] = {
    "once": (1,),
    "twice": (2,),
    "thrice": (3,),
    "both": (2,),
    "pair": (2,),
    "couple": (2,),
    "dozen": (12,),
    "dozens": (12,),
    "decade": (10,),
    "decades": (10,),
    "half": (2, 50, 0.5),
    "halves": (2, 50, 0.5),
    "quarter": (4, 25, 0.25),
    "quarters": (4, 25, 0.25),
    "single": (1,),
    "century": (100,),
    "centuries": (100,),
    "double": (2,),
    "doubled": (2,),
    "doubles": (2,),
    "doubling": (2,),
    "triple": (3,),
    "tripled": (3,),
    "triples": (3,),
    "tripling": (3,),
    "quadruple": (4,),
    "quadrupled": (4,),
    "halved": (2, 50, 0.5),
    "halve": (2, 50, 0.5),
    "none": (0,),
    "no": (0,),
}
MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_ROMAN = {
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}

# `_ARABIC` not after a digit, "." or ",", with its first digit taken before that test:
# a pattern that starts with a digit lets the engine skip to the digits of a text, where
# one that starts with a look-around is tried at every char
_EN_DIGITS = re.compile(
    rf"(\d(?<![\d.,]\d){_ARABIC_REST})(?:\s*-?\s*(thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_EN_WORD = re.compile(r"[A-Za-z]+")


def _word_value(word: str) -> tuple[float, str] | None:
    """(value, kind) of one number word; kind is unit, ordinal or scale."""
    w = word.lower()
    if w in _EN_UNITS:
        return float(_EN_UNITS[w]), "unit"
    if w in _EN_ORDINALS:
        return float(_EN_ORDINALS[w]), "ordinal"
    if w.endswith("s") and w[:-1] in _EN_ORDINALS:  # thirds, fifths
        return float(_EN_ORDINALS[w[:-1]]), "ordinal"
    if w in _EN_SCALES:
        return float(_EN_SCALES[w]), "scale"
    if w.endswith("s") and w[:-1] in _EN_SCALES:  # "millions of"
        return float(_EN_SCALES[w[:-1]]), "scale"
    return None


def _words_to_values(words: list[str]) -> set[float]:
    """Read a run of number words: 'two thousand and twenty-three' → 2023.

    Also yields each word's own value so that a partial reading still counts.
    """
    values: set[float] = set()
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        parsed = _word_value(word)
        if parsed is None:
            continue
        value, kind = parsed
        values.add(value)
        seen = True
        if kind == "scale":
            if value == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * value
                current = 0
        else:
            current += value
    if seen:
        values.add(total + current)
    return values


def en_digit_values(text: str) -> set[float]:
    """The numbers an English text writes in digits (3, 1,200, 2.5 million): a part of
    `en_numbers`, enough to settle most source numbers without reading number words."""
    values: set[float] = set()
    # English is mostly ASCII (folds to itself) and says most numbers without a scale
    # word: each told with no call but float's
    for number, scale in _EN_DIGITS.findall(text if text.isascii() else fold_width(text)):
        value = float(number.replace(",", "")) if "," in number else float(number)
        values.add(value)
        if scale:
            values.add(value * _EN_SCALES[scale.lower()])
    return values


_ASCII_DIGITS = "0123456789"
#: the digits as a set: ``"" in`` it is False (the slice past the end), where
#: ``"" in _ASCII_DIGITS`` would be True
_DIGIT_CHARS = frozenset(_ASCII_DIGITS)
#: what may not stand before the first digit of a number `_EN_DIGITS` reads
_NOT_BEFORE = _ASCII_DIGITS + ".,"


def writes_digits(text: str, digits: str) -> bool:
    r"""Does the ASCII ``text`` write ``digits`` (plain ASCII digits) as a whole number that
    `_EN_DIGITS` reads, so that ``float(digits)`` is among `en_digit_values` (text)?

    A substring search instead of reading every number of the text: an occurrence counts
    when no digit, "." or "," stands before it (the regex's look-behind) and it goes on
    neither with a digit nor with a "," or "." and a digit (grouping, decimals). False
    also when unsure (``007`` for 7, a number next to a comma): the caller then reads the
    values. Only for ASCII text, where ``\d`` is [0-9]."""
    size = len(digits)
    start = text.find(digits)
    while start >= 0:
        end = start + size
        if (start == 0 or text[start - 1] not in _NOT_BEFORE) and (
            end == len(text)
            or (
                text[end] not in _ASCII_DIGITS
                and not (text[end] in ".," and text[end + 1 : end + 2] in _DIGIT_CHARS)
            )
        ):
            return True
        start = text.find(digits, start + 1)
    return False


def en_numbers(text: str) -> set[float]:
    """Every number a reader could see in an English text, with generous readings."""
    text = fold_width(text)
    values = en_digit_values(text)
    # runs of number words, joined by spaces, hyphens or "and"
    run: list[str] = []
    last_end = -1
    for m in _EN_WORD.finditer(text):
        word = m.group()
        low = word.lower()
        gap = text[last_end : m.start()] if last_end >= 0 else ""
        is_number_word = _word_value(word) is not None
        joins = gap.strip(" -") == ""
        if is_number_word:
            if run and not joins:
                values |= _words_to_values(run)
                run = []
            run.append(word)
            last_end = m.end()
            continue
        if low == "and" and run and joins:
            last_end = m.end()
            continue
        if run:
            values |= _words_to_values(run)
            run = []
        last_end = m.end()
        if low in _EN_SPECIAL:
            values.update(float(v) for v in _EN_SPECIAL[low])
        elif low.endswith("fold") and (fold := _word_value(low[:-4])) is not None:
            values.add(fold[0])  # threefold, tenfold
        elif low in MONTHS and (word[0].isupper() or low != "may"):
            values.add(float(MONTHS[low]))
        elif word in _ROMAN:
            values.add(float(_ROMAN[word]))
    if run:
        values |= _words_to_values(run)
    return values


#: words that render a count of one thing (1台あたり = per unit, 1つ = a, 1回 = once)
UNIT_ONE_WORDS = frozenset(
    [
        "a",
        "an",
        "one",
        "each",
        "per",
        "every",
        "single",
        "sole",
        "once",
        "apiece",
        "annual",
        "annually",
        "yearly",
        "daily",
        "monthly",
        "weekly",
        "hourly",
    ]
)
_UNIT_ONE = re.compile(r"\b(?:" + "|".join(sorted(UNIT_ONE_WORDS)) + r")\b", re.IGNORECASE)
# "three in ten", "3 out of 10": a share of ten is a percentage (3割)
_IN_TEN = re.compile(r"\b([A-Za-z]+|\d+) (?:in|out of) (?:ten|10)\b", re.IGNORECASE)
# "one and a half", "2 and a half"
_AND_A_HALF = re.compile(r"\b([A-Za-z]+|\d+) and a half\b", re.IGNORECASE)


def _one_value(token: str) -> float | None:
    if token.isdigit():
        return float(token)
    parsed = _word_value(token)
    return parsed[0] if parsed and parsed[1] == "unit" else None


def en_readings(text: str) -> tuple[set[float], bool]:
    """`en_numbers` plus the shares and halves said in words, and whether the text has a
    word that renders a count of one (a, each, per, single ...)."""
    text = fold_width(text)
    values = en_numbers(text)
    for pattern, scale, offset in ((_IN_TEN, 10.0, 0.0), (_AND_A_HALF, 1.0, 0.5)):
        for m in pattern.finditer(text):
            value = _one_value(m.group(1))
            if value is not None:
                values.add(value * scale + offset)
    return values, _UNIT_ONE.search(text) is not None


def fact_in(fact: NumberFact, readings: tuple[set[float], bool]) -> bool:
    """Does an English text with ``readings`` (`en_readings`) carry the source quantity?"""
    values, unit_one = readings
    return number_in(fact.values, values) or (fact.unit_one and unit_one)


def number_in(value_set: frozenset[float] | set[float], readings: set[float]) -> bool:
    """True when any of ``value_set`` equals one of ``readings`` (to float precision)."""
    if not readings or not value_set.isdisjoint(readings):
        return bool(readings) and bool(value_set)  # an exact match (the common case), or none
    for v in value_set:
        for r in readings:
            if v == r or abs(v - r) <= 1e-9 * max(abs(v), abs(r), 1.0):
                return True
    return False
