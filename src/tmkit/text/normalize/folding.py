"""Folding for term matching, with a map back to the original text's positions."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from tmkit.text.normalize.width import fold_width

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
#: every char ``\\s`` matches (the ones `str.isspace` accepts): a char class is one test
#: per char, where the alternations above try each branch at every position
_WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
#: a text _SPECIAL_JA finds nothing in has none of these chars
_SPECIAL_JA_CHARS = re.compile(f"[{re.escape(_WHITESPACE)}{_DASH_CLASS}]")
#: nor _SPECIAL_EN, when it has no two spaces in a row either
_SPECIAL_EN_CHARS = re.compile(
    f"[{re.escape(_WHITESPACE.replace(' ', ''))}{_DASH_CLASS}{_APOSTROPHE_CLASS}]"
)
_ALNUM_ASCII = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


class FoldedText(NamedTuple):
    """A folded copy of ``original`` and, per folded char, where it came from.

    ``starts[i]``/``ends[i]`` are the original offsets of the char (or cluster) that
    produced folded char ``i``; both are None when every folded char comes from the
    char at its own offset (identity map: nothing folded, or width folding only).
    A named tuple: made for every source and target the glossary check reads, it costs
    half a frozen dataclass.
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
        return _fold_wide(text) or _fold_clusters(text, drop_spaces)
    # Already NFKC (the common case): copy the runs between the few places that change.
    if drop_spaces:
        if not _SPECIAL_JA_CHARS.search(text):
            return FoldedText(text, text)
        special = _SPECIAL_JA
    else:
        if "  " not in text and not _SPECIAL_EN_CHARS.search(text):
            return FoldedText(text, text)
        special = _SPECIAL_EN
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
        wide = _WIDE_RUN.match(text, i)
        if wide is not None:
            # full-width ASCII (ＱＳＴ, １２３): NFKC is the ASCII char, one for one, so a
            # whole run folds in one translate unless a mark joins its last char
            j = wide.end()
            if j < n and _combines(text[j]):
                j -= 1
            if j > i:
                out.append(text[i:j].translate(_WIDE_TO_ASCII))
                starts.extend(range(i, j))
                ends.extend(range(i + 1, j + 1))
                last = out[-1][-1]
                i = j
                continue
        i, last = _fold_one(text, i, drop_spaces, out, starts, ends, last)
    return FoldedText("".join(out), text, starts, ends)


def _fold_wide(text: str) -> FoldedText | None:
    """The fold of a text whose only chars NFKC changes are full-width ASCII (６４９,
    ＱＳＴ) and that holds nothing else to fold: those chars one for one, the rest as it
    is: what `_fold_clusters` makes of it (spaces dropped or not: it has none), without
    its walk. None for any other text."""
    if not _WIDE_RUN.search(text):
        return None
    # `fold_width` folds the full-width chars so (the checks after this one read its
    # result remembered); an ideographic space it folds too is a blank, refused below
    plain = fold_width(text)
    # the rest must be what the walk copies as it is: NFKC, and no mark, blank, dash or
    # apostrophe (a mark after a digit makes a cluster of the two)
    if not unicodedata.is_normalized("NFKC", plain) or _attention().search(plain):
        return None
    return FoldedText(plain, text)  # one char for one: the identity map, as no lists


#: written X X*, not X+: the engine skips ahead to a char of a leading class, but tries
#: a leading repeat at every position
_WIDE_RUN = re.compile("[\uff01-\uff5e][\uff01-\uff5e]*")
#: NFKC of each full-width ASCII char, which is its ASCII char (tests pin this)
_WIDE_TO_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


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
