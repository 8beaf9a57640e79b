"""Japanese numbers: Arabic, kanji and mixed forms, eras, fractions, 割, with counters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tmkit.text.normalize.width import fold_width

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

#: an Arabic number after its first digit: 1,234,567 or 1234, with decimals
_ARABIC_REST = r"(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"
_ARABIC = r"\d" + _ARABIC_REST
_KANJI_NUM_CHARS = "".join(KANJI_DIGITS) + "".join(SMALL_UNITS)
_NUM_EXPR = re.compile(
    rf"(?:{_ARABIC}|[{_KANJI_NUM_CHARS}])(?:{_ARABIC}|[{_KANJI_NUM_CHARS}万萬億兆])*"
)
_ERA = re.compile(rf"({'|'.join(ERAS)})\s*(元|{_ARABIC}|[{_KANJI_NUM_CHARS}]+)\s*年")
_FRACTION = re.compile(
    rf"({_ARABIC}|[{_KANJI_NUM_CHARS}]+)\s*分の\s*({_ARABIC}|[{_KANJI_NUM_CHARS}]+)"
)
#: what every pattern above needs: a digit, a kanji numeral or 元 (令和元年)
_NUMERAL = re.compile(rf"[\d{_KANJI_NUM_CHARS}元]")
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


_ARABIC_RE = re.compile(_ARABIC)


def _parse_arabic(token: str) -> float:
    return float(token.replace(",", ""))


def parse_ja_number(expr: str) -> float | None:
    """Value of a Japanese numeral expression: 2000万 → 2e7, 二千三百 → 2300, 二〇二三 → 2023.

    Returns None when the expression is not a well-formed number.
    """
    return _parse_folded(fold_width(expr))


def _parse_folded(expr: str) -> float | None:
    """`parse_ja_number` of an expression folded already (what `ja_numbers` reads: folding
    it again would cost a call and a place among `fold_width`'s recent texts)."""
    if expr.isascii() and expr.isdigit():
        return float(expr)  # plain digits (the common case): what the loop below gives
    total = 0.0
    section = 0.0
    digit: float | None = None
    pos = 0
    arabic = _ARABIC_RE
    while pos < len(expr):
        ch = expr[pos]
        # no kanji numeral is a digit (\d): they are looked up before the regex is tried
        if ch not in _KANJI_DIGITS_AND_UNITS:
            m = arabic.match(expr, pos)
            if m:
                if digit is not None:
                    return None
                digit = _parse_arabic(m.group())
                pos = m.end()
                continue
            return None
        if ch in KANJI_DIGITS:
            # consecutive kanji digits are positional: 二〇二三 = 2023
            digit = KANJI_DIGITS[ch] if digit is None else digit * 10 + KANJI_DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:  # a big unit
            part = section + (digit or 0)
            total += (part if part else 1) * BIG_UNITS[ch]
            section = 0
            digit = None
        pos += 1
    return total + section + (digit or 0)


def _has_arabic(text: str) -> bool:
    return _ASCII_DIGIT.search(text) is not None


_ASCII_DIGIT = re.compile("[0-9]")


def _followed_by_counter(text: str, end: int) -> bool:
    return text.startswith(KANJI_COUNTERS, end)  # the tuple tried in C


def ja_numbers(text: str) -> list[NumberFact]:
    """The quantities a faithful English translation must carry over."""
    folded = fold_width(text)
    if not _NUMERAL.search(folded):
        return []
    facts: list[NumberFact] = []
    # spans taken by an era, fraction or 割 (a few at most: no per-character array)
    taken: list[tuple[int, int]] = []
    free, claim = _free, _claim  # module functions: no closures to make for every text

    # each pattern needs its own character (年, 分の, 割): most text has not all three
    for m in _ERA.finditer(folded) if "年" in folded else ():
        raw = m.group(2)
        n = 1.0 if raw == "元" else _parse_folded(raw)
        if n is None or not claim(taken, m.start(), m.end()):
            continue
        year = ERAS[m.group(1)] + n - 1
        facts.append(
            NumberFact(text[m.start() : m.end()], m.start(), m.end(), frozenset({year, n}))
        )

    for m in _FRACTION.finditer(folded) if "分の" in folded else ():
        den, num = _parse_folded(m.group(1)), _parse_folded(m.group(2))
        if den is None or num is None or den == 0 or not claim(taken, m.start(), m.end()):
            continue
        pct = 100 * num / den
        readings = {den, pct, round(pct), num / den}
        facts.append(NumberFact(text[m.start() : m.end()], m.start(), m.end(), frozenset(readings)))
        if num != 1:
            readings = {num, pct, round(pct), num / den}
            facts.append(
                NumberFact(text[m.start() : m.end()], m.start(), m.end(), frozenset(readings))
            )

    for m in _WARI.finditer(folded) if "割" in folded else ():
        whole = _parse_folded(m.group(1))
        part = _parse_folded(m.group(2)) if m.group(2) else 0.0
        if whole is None or part is None:
            continue
        if not _has_arabic(m.group(1)) and m.start() > 0:
            prev = folded[m.start() - 1]
            if _CJK_IDEOGRAPH.match(prev) and prev not in _KANJI_PREFIX_OK:
                continue
        if not claim(taken, m.start(), m.end()):
            continue
        pct = whole * 10 + part
        facts.append(
            NumberFact(text[m.start() : m.end()], m.start(), m.end(), frozenset({pct, pct / 100}))
        )

    for start, end, expr in _numerals(folded):
        # a trailing comma/period belongs to the sentence, not the number
        while expr and expr[-1] in ",.":
            expr = expr[:-1]
            end -= 1
        # numerals found here do not overlap one another: only the spans above count
        if not expr or (taken and not free(taken, start, end)):
            continue
        if expr.isdigit() and expr.isascii():
            # plain digits (649, 7: most numbers): what the general path below decides
            value = float(expr)
            unit_one = value == 1 and _followed_by_counter(folded, end)
            facts.append(NumberFact(text[start:end], start, end, frozenset((value,)), unit_one))
            continue
        value = _parse_folded(expr)
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
        unit_one = value == 1 and _followed_by_counter(folded, end)
        facts.append(NumberFact(text[start:end], start, end, frozenset({value}), unit_one))
    if taken:  # else every fact came from the scan above, in order already
        facts.sort(key=lambda f: (f.start, f.end))
    return facts


_KANJI_DIGITS_AND_UNITS = set(KANJI_DIGITS) | set(SMALL_UNITS) | set(BIG_UNITS)

#: a run of the chars `_NUM_EXPR` is made of, starting where a match of it can start
_NUM_RUN = re.compile(rf"[\d{_KANJI_NUM_CHARS}][\d,.{_KANJI_NUM_CHARS}万萬億兆]*")


def plain_digit_runs(folded: str) -> list[str] | None:
    """The numbers of `ja_numbers` of a width-folded text whose every quantity is a run of
    plain ASCII digits, as those runs (one per fact, in order, each fact's one value their
    float; [] when it has none), read without making the facts. None when the text holds
    anything only `ja_numbers` reads: a kanji numeral, a grouping comma, a decimal,
    万/億, an era, a fraction or 割 (the general path then).

    Most source numbers are plain digits, and `number.mismatch` asks only whether every
    one is among the target's: for such a source, these runs are all it needs."""
    if "割" in folded or "分の" in folded or ("年" in folded and _ERA.search(folded)):
        return None  # the spans ja_numbers reads before the numerals
    runs = _NUM_RUN.findall(folded)
    if runs:
        joined = "".join(runs)  # one test for all: each run is whole digits, or not
        if not (joined.isdigit() and joined.isascii()):
            return None
    return runs


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap none of the ``taken`` spans?"""
    return not any(s < end and start < e for s, e in taken)


def _claim(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Take [start, end) unless it overlaps a taken span (an empty span: always)."""
    if start >= end:
        return True
    if not _free(taken, start, end):
        return False
    taken.append((start, end))
    return True


def _numerals(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each `_NUM_EXPR` match, found faster: a run without "," or
    "." is one match whole (every char of it continues the expression); only the rare
    run with one is scanned by `_NUM_EXPR` (which never matches across runs)."""
    found: list[tuple[int, int, str]] = []
    for run in _NUM_RUN.finditer(folded):
        text = run.group()
        if "," in text or "." in text:
            found.extend(
                (m.start(), m.end(), m.group())
                for m in _NUM_EXPR.finditer(folded, run.start(), run.end())
            )
        else:
            found.append((*run.span(), text))
    return found
