"""Text normalisation shared by the checks (and later the aligner).

Sections, each self-contained (other engineers may add ``fold_ja…`` helpers for
glossary matching in a section of their own):

1. Width folding (offset-preserving).
2. Japanese numbers: Arabic and kanji numerals, 万/億/兆 scaling, 割, fractions,
   Japanese eras (平成29年 = 2017) → `ja_numbers`.
3. English numbers: digits, grouping commas, scale words (20 million), number
   words and ordinals (eight, twenty-first), month names, Roman numerals → `en_numbers`.
4. Latin tokens: URLs, e-mail addresses and Latin-script words inside Japanese
   text (3GeV → GeV) → `latin_tokens`, and a finder that ignores URLs → `find_latin`.
5. Glossary folding: NFKC, width, dashes, whitespace, with an offset map back to
   the original → `fold_ja`, `fold_en` (used by `tmkit.glossary.matcher`).

Both number extractors are deliberately asymmetric: the Japanese side extracts
only what is clearly a quantity (a kanji numeral must be followed by a counter),
the English side accepts every reading a translator might use. A check then asks
"is every source number among the target readings?", so a missed source number
costs recall and a generous target reading costs little.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# ---------------------------------------------------------------------------
# 1. Width folding
# ---------------------------------------------------------------------------

_FULLWIDTH_OFFSET = 0xFF01 - 0x21
# One translate table: the checks fold each text a dozen times, so this must not be a
# per-character Python loop.
_WIDTH_TABLE = {code: code - _FULLWIDTH_OFFSET for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WIDE = re.compile("[\uff01-\uff5e\u3000]")


def fold_width(text: str) -> str:
    """Full-width ASCII (ＡＢＣ１２３，．) and the ideographic space to ASCII, one char for one.

    Unlike NFKC this never changes the length, so offsets into the folded text
    are offsets into the original.
    """
    if text.isascii() or not _WIDE.search(text):
        return text
    return text.translate(_WIDTH_TABLE)


# ---------------------------------------------------------------------------
# 2. Japanese numbers
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NumberFact:
    """One quantity of the source: any of ``values`` in the target satisfies it."""

    text: str
    start: int
    end: int
    values: frozenset[float]
    #: a count of one thing (1台, 1人, 1年間): English may say a/an/each/per/single
    unit_one: bool = False


KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "億": 10**8, "兆": 10**12}

#: era name → Gregorian year of its first year (元年)
ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}

_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_KANJI_NUM_CHARS = "".join(KANJI_DIGITS) + "".join(SMALL_UNITS)
_NUM_EXPR = re.compile(
    rf"(?:{_ARABIC}|[{_KANJI_NUM_CHARS}])(?:{_ARABIC}|[{_KANJI_NUM_CHARS}万萬億兆])*"
)
_ERA = re.compile(rf"({'|'.join(ERAS)})\s*(元|{_ARABIC}|[{_KANJI_NUM_CHARS}]+)\s*年")
_FRACTION = re.compile(
    rf"({_ARABIC}|[{_KANJI_NUM_CHARS}]+)\s*分の\s*({_ARABIC}|[{_KANJI_NUM_CHARS}]+)"
)
_WARI = re.compile(rf"({_ARABIC}|[{_KANJI_NUM_CHARS}]+)割(?:({_ARABIC}|[{_KANJI_NUM_CHARS}]+)分)?")

#: what may follow a kanji-only numeral for it to count as a quantity. Kept
#: conservative on purpose: 一部, 十分, 四国, 五輪, 千葉 must not read as numbers.
KANJI_COUNTERS = (
    "か月",
    "ヶ月",
    "カ月",
    "ケ月",
    "ヵ月",
    "か国",
    "カ国",
    "ヶ国",
    "か所",
    "カ所",
    "箇所",
    "周年",
    "世紀",
    "種類",
    "パーセント",
    "人",
    "名",
    "年",
    "月",
    "日",
    "歳",
    "才",
    "回",
    "件",
    "個",
    "つ",
    "倍",
    "割",
    "度",
    "社",
    "台",
    "本",
    "枚",
    "点",
    "位",
    "週",
    "時",
    "秒",
    "期",
    "代",
    "機",
    "基",
    "階",
    "章",
    "条",
    "号",
    "次",
    "校",
    "冊",
    "円",
    "%",
    "万",
    "億",
    "兆",
)
#: kanji that may stand right before a kanji numeral (第三, 約五十, 計二十)
_KANJI_PREFIX_OK = set("第約計各全")
_CJK_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")


def _parse_arabic(token: str) -> float:
    return float(token.replace(",", ""))


def parse_ja_number(expr: str) -> float | None:
    """Value of a Japanese numeral expression: 2000万 → 2e7, 二千三百 → 2300, 二〇二三 → 2023.

    Returns None when the expression is not a well-formed number.
    """
    expr = fold_width(expr)
    total = 0.0
    section = 0.0
    digit: float | None = None
    pos = 0
    arabic = re.compile(_ARABIC)
    while pos < len(expr):
        ch = expr[pos]
        m = arabic.match(expr, pos)
        if m:
            if digit is not None:
                return None
            digit = _parse_arabic(m.group())
            pos = m.end()
            continue
        if ch in KANJI_DIGITS:
            # consecutive kanji digits are positional: 二〇二三 = 2023
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


def _has_arabic(text: str) -> bool:
    return any(c.isdigit() and c.isascii() for c in text)


def _followed_by_counter(text: str, end: int) -> bool:
    rest = text[end : end + 5]
    return any(rest.startswith(c) for c in KANJI_COUNTERS)


def ja_numbers(text: str) -> list[NumberFact]:
    """The quantities a faithful English translation must carry over."""
    folded = fold_width(text)
    facts: list[NumberFact] = []
    taken = [False] * len(folded)

    def claim(start: int, end: int) -> bool:
        if any(taken[start:end]):
            return False
        for i in range(start, end):
            taken[i] = True
        return True

    for m in _ERA.finditer(folded):
        raw = m.group(2)
        n = 1.0 if raw == "元" else parse_ja_number(raw)
        if n is None or not claim(m.start(), m.end()):
            continue
        year = ERAS[m.group(1)] + n - 1
        facts.append(
            NumberFact(text[m.start() : m.end()], m.start(), m.end(), frozenset({year, n}))
        )

    for m in _FRACTION.finditer(folded):
        den, num = parse_ja_number(m.group(1)), parse_ja_number(m.group(2))
        if den is None or num is None or den == 0 or not claim(m.start(), m.end()):
            continue
        pct = 100 * num / den
        readings = {den, pct, round(pct), num / den}
        facts.append(NumberFact(text[m.start() : m.end()], m.start(), m.end(), frozenset(readings)))
        if num != 1:
            readings = {num, pct, round(pct), num / den}
            facts.append(
                NumberFact(text[m.start() : m.end()], m.start(), m.end(), frozenset(readings))
            )

    for m in _WARI.finditer(folded):
        whole = parse_ja_number(m.group(1))
        part = parse_ja_number(m.group(2)) if m.group(2) else 0.0
        if whole is None or part is None:
            continue
        if not _has_arabic(m.group(1)) and m.start() > 0:
            prev = folded[m.start() - 1]
            if _CJK_IDEOGRAPH.match(prev) and prev not in _KANJI_PREFIX_OK:
                continue
        if not claim(m.start(), m.end()):
            continue
        pct = whole * 10 + part
        facts.append(
            NumberFact(text[m.start() : m.end()], m.start(), m.end(), frozenset({pct, pct / 100}))
        )

    for m in _NUM_EXPR.finditer(folded):
        start, end = m.start(), m.end()
        expr = m.group()
        # a trailing comma/period belongs to the sentence, not the number
        while expr and expr[-1] in ",.":
            expr = expr[:-1]
            end -= 1
        if not expr or any(taken[start:end]):
            continue
        value = parse_ja_number(expr)
        if value is None:
            continue
        if not _has_arabic(expr):
            prev = folded[start - 1] if start > 0 else ""
            if prev and _CJK_IDEOGRAPH.match(prev) and prev not in _KANJI_PREFIX_OK:
                continue  # 統一, 唯一, 数十, 何千: part of a word or vague
            if prev in _KANJI_DIGITS_AND_UNITS:
                continue
            if (
                prev != "第"
                and not _followed_by_counter(folded, end)
                and not expr.endswith(tuple(BIG_UNITS))
            ):
                continue
            if value == 1:
                continue  # 一人, 一度, 一つ: English says "a", "once", "alone"
            if expr in BIG_UNITS or expr[0] in BIG_UNITS:
                continue
        claim(start, end)
        unit_one = value == 1 and _followed_by_counter(folded, end)
        facts.append(NumberFact(text[start:end], start, end, frozenset({value}), unit_one))
    facts.sort(key=lambda f: (f.start, f.end))
    return facts


_KANJI_DIGITS_AND_UNITS = set(KANJI_DIGITS) | set(SMALL_UNITS) | set(BIG_UNITS)

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

_EN_DIGITS = re.compile(
    rf"(?<![\d.,])({_ARABIC})(?:\s*-?\s*(thousand|million|billion|trillion)\b)?", re.IGNORECASE
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


def en_numbers(text: str) -> set[float]:
    """Every number a reader could see in an English text, with generous readings."""
    text = fold_width(text)
    values: set[float] = set()
    for m in _EN_DIGITS.finditer(text):
        value = _parse_arabic(m.group(1))
        values.add(value)
        if m.group(2):
            values.add(value * _EN_SCALES[m.group(2).lower()])
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
    for v in value_set:
        for r in readings:
            if v == r or abs(v - r) <= 1e-9 * max(abs(v), abs(r), 1.0):
                return True
    return False


# ---------------------------------------------------------------------------
# 4. Latin tokens
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LatinToken:
    text: str
    start: int
    end: int
    kind: str  # "url" | "email" | "word"


_URL = re.compile(r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-+&'./][A-Za-z0-9]+)*")
_URL_TRAILING = ".,;:!?)]'\""
#: markup and placeholders are not words: <b>, </b>, %d, %1$s, %(name)s, {0}, {name}
_CODES = re.compile(
    r"<[^<>]*>|%(?:\d+\$|\([A-Za-z_]\w*\))?[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcsp@]"
    r"|\{[A-Za-z_0-9]*\}"
)


def _addresses(folded: str) -> list[LatinToken]:
    found: list[LatinToken] = []
    for m in _EMAIL.finditer(folded):
        found.append(LatinToken(m.group(), m.start(), m.end(), "email"))
    for m in _URL.finditer(folded):
        text = m.group()
        end = m.end()
        while text and text[-1] in _URL_TRAILING:
            text = text[:-1]
            end -= 1
        if any(t.start < end and m.start() < t.end for t in found):
            continue
        found.append(LatinToken(text, m.start(), end, "url"))
    return found


def mask_addresses(text: str) -> str:
    """``text`` with URLs and e-mail addresses blanked out (same length)."""
    folded = fold_width(text)
    chars = list(folded)
    for tok in _addresses(folded):
        for i in range(tok.start, tok.end):
            chars[i] = " "
    return "".join(chars)


def latin_tokens(text: str) -> list[LatinToken]:
    """URLs, e-mail addresses and Latin-script words of a (Japanese) text, in order."""
    folded = fold_width(text)
    tokens = _addresses(folded)
    masked = _CODES.sub(lambda m: " " * len(m.group()), mask_addresses(text))
    for m in _LATIN_WORD.finditer(masked):
        word = m.group()
        end = m.end()
        while word and word[-1] in ".'":
            word = word[:-1]
            end -= 1
        tokens.append(LatinToken(word, m.start(), end, "word"))
    tokens.sort(key=lambda t: t.start)
    return tokens


def find_latin(token: LatinToken, target: str) -> bool:
    """Is ``token`` (from the source) present in ``target``?

    URLs compare without a trailing slash and scheme case; e-mails case-insensitively;
    words case-sensitively on Latin word boundaries, outside URLs and e-mails, with an
    optional plural s (NPO → NPOs).
    """
    folded = fold_width(target)
    if token.kind == "url":
        want = token.text.rstrip("/").lower()
        return any(t.text.rstrip("/").lower() == want for t in _addresses(folded)) or (
            want in folded.lower()
        )
    if token.kind == "email":
        return token.text.lower() in folded.lower()
    masked = mask_addresses(target)
    pattern = rf"(?<![A-Za-z0-9]){re.escape(token.text)}(?:e?s)?(?![A-Za-z0-9])"
    return re.search(pattern, masked) is not None


# ---------------------------------------------------------------------------
# 5. Glossary folding: NFKC with an offset map (used by tmkit.glossary.matcher)
# ---------------------------------------------------------------------------

# Dashes a writer uses for a hyphen; folded to "-" so JT‐60SA = JT-60SA. NFKC keeps them.
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"), "-")
# Apostrophes folded to "'" on the English side (Koyasu’s = Koyasu's).
_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u2032\uff07"), "'")
_DASH_CLASS = "\u2010-\u2013\u2212\ufe63\uff0d"
_APOSTROPHE_CLASS = "\u2018\u2019\u02bc\u2032\uff07"
# What folding changes in text that is already NFKC.
_SPECIAL_JA = re.compile(rf"\s+|[{_DASH_CLASS}]")
_SPECIAL_EN = re.compile(rf"\s{{2,}}|[^\S ]|[{_DASH_CLASS}{_APOSTROPHE_CLASS}]")
_ALNUM_ASCII = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A folded copy of ``original`` and, per folded char, where it came from.

    ``starts[i]``/``ends[i]`` are the original offsets of the char (or cluster) that
    produced folded char ``i``; both are None when folding changed nothing but
    could not change offsets (identity map).
    """

    text: str
    original: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded ``text[start:end]`` (end exclusive, end > start)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def fold_ja(text: str) -> FoldedText:
    """Japanese-side folding for glossary matching: NFKC (full/half width, ㈱, ｶﾞ),
    dashes to "-", and whitespace dropped except one space between two ASCII letters
    or digits (小安 重夫 = 小安重夫, but QST X stays two words)."""
    return _fold(text, drop_spaces=True)


def fold_en(text: str) -> FoldedText:
    """English-side folding: NFKC, dashes to "-", curly apostrophes to "'"; a run of
    whitespace becomes one space."""
    return _fold(text, drop_spaces=False)


def _fold(text: str, drop_spaces: bool) -> FoldedText:
    if not unicodedata.is_normalized("NFKC", text):
        return _fold_clusters(text, drop_spaces)
    # Already NFKC (the common case): copy the runs between the few places that change.
    special = _SPECIAL_JA if drop_spaces else _SPECIAL_EN
    if not special.search(text):
        return FoldedText(text, text)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    n = len(text)
    for m in special.finditer(text):
        start, end = m.span()
        out.append(text[pos:start])
        starts.extend(range(pos, start))
        ends.extend(range(pos + 1, start + 1))
        pos = end
        ch = text[start]
        if not ch.isspace():
            out.append(ch.translate(_HYPHENS).translate(_APOSTROPHES))
            starts.append(start)
            ends.append(end)
        elif not drop_spaces or (
            start > 0 and text[start - 1] in _ALNUM_ASCII and end < n and text[end] in _ALNUM_ASCII
        ):
            out.append(" ")
            starts.append(start)
            ends.append(end)
    out.append(text[pos:])
    starts.extend(range(pos, n))
    ends.extend(range(pos + 1, n + 1))
    return FoldedText("".join(out), text, starts, ends)


@functools.cache
def _attention() -> re.Pattern[str]:
    """Chars the cluster fold cannot copy as they are: those NFKC changes on their own,
    marks that join the char before them, whitespace, dashes and apostrophes, and every
    char outside the BMP (rare; the per-cluster rule handles them). Computed once per
    process from this Python's Unicode tables (about 40 ms), only when needed."""
    codes = [
        code
        for code in range(0xA0, 0x10000)
        if not 0xD800 <= code <= 0xDFFF
        and (_combines(ch := chr(code)) or unicodedata.normalize("NFKC", ch) != ch)
    ]
    ranges: list[str] = []
    first = last = codes[0]
    for code in [*codes[1:], -1]:
        if code == last + 1:
            last = code
            continue
        ranges.append(f"\\u{first:04x}" + (f"-\\u{last:04x}" if last > first else ""))
        first = last = code
    return re.compile(
        f"[{''.join(ranges)}\\s{_DASH_CLASS}{_APOSTROPHE_CLASS}\\U00010000-\\U0010ffff]"
    )


def _fold_clusters(text: str, drop_spaces: bool) -> FoldedText:
    """Fold text that is not NFKC: runs of chars NFKC keeps are copied whole (identity
    offsets); each other cluster or whitespace run goes through `_fold_one`."""
    attention = _attention()
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    last = ""  # the last folded char so far
    while i < n:
        m = attention.search(text, i)
        j = m.start() if m else n
        if i < j < n and _combines(text[j]):
            j -= 1  # the char before a mark is the base of that mark's cluster
        if j > i:
            out.append(text[i:j])
            starts.extend(range(i, j))
            ends.extend(range(i + 1, j + 1))
            last = text[j - 1]
            i = j
            if i == n:
                break
        i, last = _fold_one(text, i, drop_spaces, out, starts, ends, last)
    return FoldedText("".join(out), text, starts, ends)


def _fold_one(
    text: str,
    i: int,
    drop_spaces: bool,
    out: list[str],
    starts: list[int],
    ends: list[int],
    last: str,
) -> tuple[int, str]:
    """Fold the whitespace run or the cluster at ``i``; return where the next one starts
    and the last folded char."""
    n = len(text)
    if text[i].isspace():
        j = i + 1
        while j < n and text[j].isspace():
            j += 1
        if not drop_spaces or (
            last in _ALNUM_ASCII
            and j < n
            and unicodedata.normalize("NFKC", text[j])[:1] in _ALNUM_ASCII
        ):
            out.append(" ")
            starts.append(i)
            ends.append(j)
            last = " "
        return j, last
    # A cluster: this char and the (compatibility) combining marks after it.
    j = i + 1
    while j < n and _combines(text[j]):
        j += 1
    folded = unicodedata.normalize("NFKC", text[i:j])
    folded = folded.translate(_HYPHENS)
    if not drop_spaces:
        folded = folded.translate(_APOSTROPHES)
    out.append(folded)
    starts.extend([i] * len(folded))
    ends.extend([j] * len(folded))
    return j, folded[-1] if folded else last


def _combines(ch: str) -> bool:
    """True for a mark NFKC composes with the char before it (゙, ｶﾞ's ﾞ, U+0301...)."""
    if unicodedata.combining(ch):
        return True
    code = ord(ch)
    return code in (0xFF9E, 0xFF9F) or 0x3099 <= code <= 0x309A
