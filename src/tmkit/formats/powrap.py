"""Line breaking of PO strings the way GNU gettext 0.21 (msgcat, msgmerge) does it.

gettext's ``write-po.c`` wraps each string with libunistring's
``ulc_width_linebreaks``: UAX #14 break opportunities, East-Asian-wide
characters counted as two columns, a break taken only where the next atomic
piece would pass the page width. To write files byte-identical to msgcat
without depending on libunistring at run time, this module carries a table
probed from that library (``tmkit/data/powrap.json``, made by
``tools/gen_powrap_data.py``) and ports its two loops: the break
opportunities (``possible_breaks``) and the width-driven choice among them
(``width_breaks``).

`break_positions` is what the PO writer calls. For the common string, whose
characters the pair tables alone decide and are one or two columns wide (all
of ordinary Japanese and English text), it works per line rather than per
character (`_pair_table_breaks`); other strings take the general loop.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from itertools import accumulate

PROHIBITED, POSSIBLE, MANDATORY = 1, 2, 3
UNDEFINED = 0

_data = json.loads(files("tmkit.data").joinpath("powrap.json").read_text(encoding="ascii"))
CLASSES: list[str] = _data["classes"]
_CLASS_STARTS = [start for start, _ in _data["class_runs"]]
_CLASS_VALUES = [value for _, value in _data["class_runs"]]
_WIDTH_STARTS = [start for start, _ in _data["width_runs"]]
_WIDTH_VALUES = [value for _, value in _data["width_runs"]]
# Pair decisions between classes: before B after A, adjacent and across spaces.
_DIRECT = [[int(v) for v in row] for row in _data["direct"]]
_SPACED = [[int(v) for v in row] for row in _data["spaced"]]
del _data

_BK = CLASSES.index("BK")
_SP = CLASSES.index("SP")
_ZW = CLASSES.index("ZW")
_ZWJ = CLASSES.index("ZWJ")
_CM = CLASSES.index("CM")
_AL = CLASSES.index("AL")
_RI = CLASSES.index("RI")
_HL = CLASSES.index("HL")
_HY = CLASSES.index("HY")
_BA = CLASSES.index("BA")
# Classes whose rules look past the pair before them (marks, joiners, flags, Hebrew + hyphen).
_CONTEXT_CLASSES = frozenset({_BK, _ZW, _ZWJ, _CM, _RI, _HL})


def char_class(ch: str) -> int:
    """Index into CLASSES of the line-break behaviour class of one character."""
    return _CLASS_VALUES[bisect_right(_CLASS_STARTS, ord(ch)) - 1]


_class_cache: dict[str, int] = {}


def _classes(text: str) -> list[int]:
    cache = _class_cache
    try:
        return [cache[ch] for ch in text]
    except KeyError:
        for ch in set(text):
            if ch not in cache:
                cache[ch] = char_class(ch)
        return [cache[ch] for ch in text]


@lru_cache(maxsize=65536)
def char_width(ch: str) -> int:
    """Columns of one character as libunistring's uc_width counts them (-1: control)."""
    cp = ord(ch)
    if 0x20 <= cp < 0x7F:
        return 1
    return _WIDTH_VALUES[bisect_right(_WIDTH_STARTS, cp) - 1]


def possible_breaks(text: str) -> list[int]:
    """Per character: PROHIBITED/POSSIBLE break before it, or MANDATORY (it is a newline)."""
    classes = _classes(text)
    if _CONTEXT_CLASSES.isdisjoint(classes):
        return _pair_breaks(classes)
    result = [PROHIBITED] * len(text)
    last = _BK  # class of the last character that was not a space (marks resolved)
    seen_space = False
    ri_run = 0
    prev = prev2 = _BK  # classes of the two characters just before
    for i, cls in enumerate(classes):
        if i:
            prev2 = prev
            prev = classes[i - 1]
        if cls == _BK:
            result[i] = MANDATORY
            last = _BK
            seen_space = False
            ri_run = 0
            continue
        if cls == _SP:
            seen_space = True
            ri_run = 0
            continue
        if cls == _ZW:
            last = _ZW
            seen_space = False
            ri_run = 0
            continue
        if cls in (_CM, _ZWJ):
            if last == _ZW:
                result[i] = POSSIBLE
                last = _AL
                seen_space = False
                continue
            if seen_space and last != _BK:
                # A mark after spaces stands alone as a letter; the spaces allow the break.
                result[i] = POSSIBLE
                last = _AL
                seen_space = False
                ri_run = 0
                continue
            if last != _BK:
                # Attached to the character before: no break, behaves as it.
                ri_run = 0
                continue
            # At the start of a line a combining mark stands as a letter.
            lookup = _AL
        else:
            lookup = cls
        if last == _BK:
            decision = PROHIBITED
        elif last == _ZW or (seen_space and prev == _ZW):
            decision = POSSIBLE
        elif prev == _ZWJ:
            decision = PROHIBITED
        elif lookup == _RI and last == _RI and not seen_space:
            # Regional indicators pair up into flags: break only between pairs.
            decision = PROHIBITED if ri_run % 2 == 1 else POSSIBLE
        elif prev2 == _HL and prev in (_HY, _BA):
            # A Hebrew letter and a hyphen hold on to what follows.
            decision = PROHIBITED
        else:
            decision = (_SPACED if seen_space else _DIRECT)[last][lookup]
        result[i] = decision
        ri_run = ri_run + 1 if lookup == _RI else 0
        last = lookup
        seen_space = False
    return result


def _pair_breaks(classes: list[int]) -> list[int]:
    """possible_breaks for text made only of classes decided by the pair tables and spaces."""
    result = [PROHIBITED] * len(classes)
    direct, spaced, sp = _DIRECT, _SPACED, _SP
    last = -1
    seen_space = False
    for i, cls in enumerate(classes):
        if cls == sp:
            seen_space = True
            continue
        if last >= 0:
            result[i] = (spaced if seen_space else direct)[last][cls]
        last = cls
        seen_space = False
    return result


def break_positions(
    text: str,
    width: int,
    start_column: int,
    overrides: dict[int, int] | None = None,
    marks: list[int] | None = None,
    cjk: bool = False,
) -> list[int]:
    """Indices of the characters a line break goes before (fast form of `width_breaks`).

    ``overrides`` maps an index to the decision that replaces it. Passing
    ``marks`` (``possible_breaks(text)``) forces the general loop over every
    break opportunity, which the per-line path is checked against. ``cjk``
    counts columns as libunistring does for a legacy CJK charset (`cjk_char_width`).
    """
    if cjk and not text.isascii():
        marks = possible_breaks(text) if marks is None else marks
    if marks is None:
        fast = _pair_table_breaks(text, width, start_column, overrides)
        if fast is not None:
            return fast
        marks = possible_breaks(text)
    if overrides:
        marks = marks.copy()
        for i, decision in overrides.items():
            if decision != UNDEFINED:
                marks[i] = decision
    if text.isascii() and text.isprintable():
        cumulative: list[int] | range = range(len(text) + 1)
    else:
        widths = _widths(text, cjk)
        cumulative = [0, *accumulate(widths)]
    chosen: list[int] = []
    last_index = -1
    last_column = start_column
    piece_start = 0
    for i in [i for i, mark in enumerate(marks) if mark >= POSSIBLE]:
        piece_width = cumulative[i] - cumulative[piece_start]
        if last_index >= 0 and last_column + piece_width > width:
            chosen.append(last_index)
            last_column = 0
        if marks[i] == MANDATORY:
            last_index = -1
            last_column = 0
            piece_start = i + 1
        else:
            last_index = i
            last_column += piece_width
            piece_start = i
    piece_width = cumulative[len(text)] - cumulative[piece_start]
    if last_index >= 0 and last_column + piece_width > width:
        chosen.append(last_index)
    return chosen


# Columns of each character seen so far, clipped at 0 (control characters take none).
_columns: dict[str, int] = {}


def text_width(text: str, cjk: bool = False) -> int:
    """Columns of a whole string: the sum of the non-negative character widths."""
    if text.isascii() and text.isprintable():
        return len(text)
    if cjk:
        return sum(_widths(text, cjk))
    try:
        return sum(map(_columns.__getitem__, text))
    except KeyError:
        for ch in set(text).difference(_columns):
            _columns[ch] = max(char_width(ch), 0)
        return sum(map(_columns.__getitem__, text))


# Characters the pair tables alone decide (no context class): their classes and
# columns, filled as characters are first seen. A lookup that fails is the sign
# of a new character, or of one that needs the full rules.
_pair_class: dict[str, int] = {}
_pair_columns: dict[str, int] = {}
_context_chars: set[str] = set()


def _learn(text: str) -> bool:
    """Sort the new characters of ``text``; True when all of them are pair-table characters."""
    for ch in set(text).difference(_pair_class, _context_chars):
        cls = char_class(ch)
        if cls in _CONTEXT_CLASSES:
            _context_chars.add(ch)
        else:
            _pair_class[ch] = cls
            _pair_columns[ch] = _columns[ch] = max(char_width(ch), 0)
    return _context_chars.isdisjoint(text)


_learn("".join(map(chr, range(0x20, 0x7F))))  # known from the start: no lookup can fail


_wide_pair_ranges: list[tuple[int, int]] = []
_not_wide_run: re.Pattern[str] | None = None


def _narrow_runs(text: str) -> Iterator[re.Match[str]]:
    """The runs of ``text`` that are not wide pair-table characters (few in Japanese text)."""
    global _not_wide_run
    if _not_wide_run is None:
        # Code points where both tables hold still: wide, and a pair-table class.
        points = sorted({*_CLASS_STARTS, *_WIDTH_STARTS})
        for k, first in enumerate(points):
            last = points[k + 1] - 1 if k + 1 < len(points) else 0x10FFFF
            cls = _CLASS_VALUES[bisect_right(_CLASS_STARTS, first) - 1]
            columns = _WIDTH_VALUES[bisect_right(_WIDTH_STARTS, first) - 1]
            if columns == 2 and cls not in _CONTEXT_CLASSES:
                if _wide_pair_ranges and _wide_pair_ranges[-1][1] == first - 1:
                    _wide_pair_ranges[-1] = (_wide_pair_ranges[-1][0], last)
                else:
                    _wide_pair_ranges.append((first, last))
        wide = "".join(re.escape(chr(a)) + "-" + re.escape(chr(b)) for a, b in _wide_pair_ranges)
        _not_wide_run = re.compile(f"[^{wide}]+")
    return _not_wide_run.finditer(text)


def _regions(text: str) -> tuple[list[int], list[int], list[int], int] | None:
    """Column layout of ``text`` as runs of one width: (starts, columns, widths, total).

    Run k starts at character ``starts[k]`` and column ``columns[k]``, and each of
    its characters takes ``widths[k]`` columns. None when some character is not a
    pair-table character of width 1 or 2 (zero-width ones included).
    """
    starts: list[int] = []
    columns: list[int] = []
    widths: list[int] = []
    at = column = 0
    for run in _narrow_runs(text):
        first, end = run.span()
        piece = run.group()
        if not (piece.isascii() and piece.isprintable()):
            for ch in piece:
                if _pair_columns.get(ch) != 1 and (_learn(ch) is False or _columns[ch] != 1):
                    return None
        if first > at:
            starts.append(at)
            columns.append(column)
            widths.append(2)
            column += 2 * (first - at)
        starts.append(first)
        columns.append(column)
        widths.append(1)
        column += end - first
        at = end
    if at < len(text):
        starts.append(at)
        columns.append(column)
        widths.append(2)
        column += 2 * (len(text) - at)
    return starts, columns, widths, column


def _pair_table_breaks(
    text: str, width: int, start_column: int, overrides: dict[int, int] | None
) -> list[int] | None:
    """`break_positions` for the common case, or None when the text needs the full rules.

    Text whose characters the pair tables alone decide (no marks, joiners,
    flags, Hebrew letters or mandatory breaks) and that are one or two columns
    wide allows a break before character i by one table lookup on the classes
    around i. The greedy choice then needs no walk over every opportunity: a
    line that starts at break s ends at the last opportunity b in (s, p], p
    being the furthest index whose column still fits, or, when there is none,
    at the first opportunity after p (a piece wider than the line stands
    alone). Columns come from the runs of equal width (few: Japanese text is
    wide but for some Latin words and numbers), so the work per line is a
    bisection and a short scan back from p.
    """
    n = len(text)
    if text.isascii() and text.isprintable():  # printable ASCII: all pair-table characters
        if n + start_column <= width:
            return []
        starts, columns, widths, total = [0], [0], [1], n
    else:
        regions = _regions(text)
        if regions is None:
            return None
        starts, columns, widths, total = regions
        if total + start_column <= width:
            return []
    blocked: set[int] | tuple[()] = ()
    if overrides:
        if any(d != UNDEFINED and d != PROHIBITED for d in overrides.values()):
            return None
        blocked = {i for i, d in overrides.items() if d == PROHIBITED}
    layout = (starts, columns, widths, total)
    try:
        return _choose_breaks(text, width, start_column, blocked, layout)
    except KeyError:  # a wide character not looked up before
        _learn(text)
        return _choose_breaks(text, width, start_column, blocked, layout)


def _choose_breaks(
    text: str,
    width: int,
    start_column: int,
    blocked: set[int] | tuple[()],
    layout: tuple[list[int], list[int], list[int], int],
) -> list[int]:
    starts, columns, widths, total = layout
    n = len(text)
    classes = _pair_class
    direct, spaced, sp = _DIRECT, _SPACED, _SP
    chosen: list[int] = []
    start = line_column = 0  # the line's first character and its column in the text
    room = width - start_column
    while line_column + room < total:
        # fit: the furthest index whose column still fits on this line
        if room >= 0:
            limit = line_column + room
            k = bisect_right(columns, limit) - 1
            fit = starts[k] + (limit - columns[k]) // widths[k]
        else:
            fit = start
        found = -1
        i = fit
        step = -1
        while True:
            if i <= start:
                # no opportunity fits: the first one after the fitting part
                i = fit + 1 if fit > start else start + 1
                step = 1
            if i >= n:
                break
            cls = classes[text[i]]
            if cls != sp and i not in blocked:
                j = i - 1
                before = classes[text[j]]
                if before != sp:
                    if direct[before][cls] >= POSSIBLE:
                        found = i
                        break
                else:
                    while j >= 0 and classes[text[j]] == sp:
                        j -= 1
                    if j >= 0 and spaced[classes[text[j]]][cls] >= POSSIBLE:
                        found = i
                        break
            i += step
        if found < 0:
            break
        chosen.append(found)
        start = found
        k = bisect_right(starts, found) - 1
        line_column = columns[k] + (found - starts[k]) * widths[k]
        room = width
    return chosen


def _widths(text: str, cjk: bool = False) -> list[int]:
    width = cjk_char_width if cjk else char_width
    return [w if w > 0 else 0 for w in map(width, text)]


#: Python codecs of the charsets libunistring's uc_width treats as legacy CJK encodings.
CJK_CODECS = frozenset({"euc_jp", "gb2312", "gbk", "big5", "euc_kr", "cp949", "johab"})


@lru_cache(maxsize=65536)
def cjk_char_width(ch: str) -> int:
    """`char_width` in a legacy CJK charset: most non-ASCII characters take two columns
    there (libunistring: U+00A1..U+FF60 but U+20A9, when not zero-width)."""
    w = char_width(ch)
    cp = ord(ch)
    if w == 1 and 0xA1 <= cp < 0xFF61 and cp != 0x20A9:
        return 2
    return w


def width_breaks(
    text: str, width: int, start_column: int, overrides: list[int] | None = None
) -> list[bool]:
    """Per character: True where a line break goes before it (port of u8_width_linebreaks).

    ``overrides`` (per character, UNDEFINED or a decision) replaces the UAX #14
    decision, as gettext does to keep escape sequences and format directives whole.
    """
    marks = possible_breaks(text)
    chosen = [False] * len(text)
    last_index = -1
    last_column = start_column
    piece_width = 0
    for i, ch in enumerate(text):
        mark = marks[i]
        if overrides is not None and overrides[i] != UNDEFINED:
            mark = overrides[i]
        if mark in (POSSIBLE, MANDATORY) and last_index >= 0 and last_column + piece_width > width:
            chosen[last_index] = True
            last_column = 0
        if mark == MANDATORY:
            last_index = -1
            last_column = 0
            piece_width = 0
            continue
        if mark == POSSIBLE:
            last_index = i
            last_column += piece_width
            piece_width = 0
        w = char_width(ch)
        if w >= 0:
            piece_width += w
    if last_index >= 0 and last_column + piece_width > width:
        chosen[last_index] = True
    return chosen
