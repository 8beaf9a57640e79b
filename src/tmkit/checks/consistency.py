"""Corpus-wide consistency: `consistency.target` and `consistency.source`.

Xbench's two inconsistency checks, over every file of a run (``tmkit check a.po
b.po``) and, as a reference, over translation memories (``--tm memory.tmx``):

* `consistency.target`: the same source is translated differently elsewhere;
* `consistency.source`: the same translation is used for different sources.

Only translated, non-fuzzy pairs take part. Texts are compared normalised: width
folded, case folded, punctuation and whitespace dropped, and every run of digits
read as one number placeholder, so "ＱＳＴ。" = "QST", "3人が参加" = "5人が参加"
and "The beam." = "the beam". `consistency.source` looks only at targets of four
words or more: short replies ("Yes.", "I see.") rightly render many different
Japanese sources. Each occurrence gets its own finding, whose message quotes the
other renderings and names where they are (``file:line``; five of each at most,
then how many more), memory entries included; memory entries themselves are
never reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.model.units import State, Unit
from tmkit.text.normalize import fold_width

MIN_TARGET_WORDS = 4
#: ``CheckContext.options`` key: reference pairs (from --tm) that take part unreported
TM_PAIRS = "consistency.tm_pairs"
#: at most this many other locations are named in one message
MAX_PLACES = 5
#: at most this many other renderings are quoted in one message (a corpus can hold
#: thousands: every number differs while the normalised texts are one)
MAX_TEXTS = 5


#: a run of digits (one number placeholder), or a run of chars that are not letters
#: or digits: the separators (punctuation, symbols, spaces) are among them
_PIECES = re.compile(r"(\d+)|[\W_]+")
_SEPARATORS: dict[str, bool] = {}


def _separator(ch: str) -> bool:
    sep = _SEPARATORS.get(ch)
    if sep is None:
        sep = _SEPARATORS[ch] = unicodedata.category(ch)[0] in "PSZ" or ch.isspace()
    return sep


#: the separators of everyday text (ASCII, CJK and full-width punctuation, spaces)
_COMMON_SEPARATORS = "".join(
    ch
    for code in (
        *range(0x09, 0x0E),
        *range(0x20, 0x7F),
        0xA0,
        *range(0x2010, 0x2028),
        *range(0x3000, 0x3040),
        0x30FB,
        *range(0xFF01, 0xFF66),
    )
    if not (ch := chr(code)).isalnum() and ch != "_" and _separator(ch)
)
# The runs below are written X X* rather than X+: the regex engine skips ahead to a
# char of a class a pattern starts with, and tries a pattern that starts with a
# repeat (or an alternation of classes) at every position (a fifth slower here).
#: text with none of these (nor "_") has only word chars and common separators: the
#: fast path
_NOT_COMMON = re.compile(rf"[^\w{re.escape(_COMMON_SEPARATORS)}]")
_SEPARATOR = f"[{re.escape(_COMMON_SEPARATORS)}]"
_SEPARATOR_RUN = re.compile(f"{_SEPARATOR}{_SEPARATOR}*")
_ANY_SEPARATOR = re.compile(_SEPARATOR)
_DIGIT_RUN = re.compile(r"\d\d*")
#: in ASCII text: the separators (to turn into spaces), and every char the fast path
#: takes (letters, digits, separators: deleting them leaves nothing), as bytes
_ASCII_SEPARATORS = bytes(ord(ch) for ch in _COMMON_SEPARATORS if ch.isascii())
_ASCII_DIGITS = b"0123456789"
#: separators to spaces and digits to "#" ("#" is a separator: every "#" left is a digit)
_ASCII_TO_SPACE_AND_HASH = bytes.maketrans(
    _ASCII_SEPARATORS + _ASCII_DIGITS, b" " * len(_ASCII_SEPARATORS) + b"#" * len(_ASCII_DIGITS)
)
_ASCII_COMMON = _ASCII_SEPARATORS + bytes(c for c in range(128) if chr(c).isalnum())


def normalise(text: str, keep_spaces: bool) -> str:
    """Case, width, punctuation, whitespace and digits folded (see the module doc).

    Digit runs (category Nd, what ``\\d`` is) become "#"; a run of separators
    becomes one space (or nothing); the rare marks and control chars are kept."""
    if text.isascii():  # most English: width and case fold to lower(), bytes do the rest
        raw = text.lower().encode("ascii")
        if not raw.translate(None, _ASCII_COMMON):
            # each separator a space and each digit "#", a run of "#" made one (each
            # replace halves it: no regex), then split/join: runs become one space
            spaced = raw.translate(_ASCII_TO_SPACE_AND_HASH).decode("ascii")
            while "##" in spaced:
                spaced = spaced.replace("##", "#")
            return (" " if keep_spaces else "").join(spaced.split())
    return _normalise(text, keep_spaces)


def _normalise(text: str, keep_spaces: bool) -> str:
    """`normalise` for any text (the ASCII short way must agree with it)."""
    folded = fold_width(text).casefold()
    if "_" not in folded and not _NOT_COMMON.search(folded):
        if not keep_spaces:
            # a source: every separator goes. Digit runs are marked NUL first (neither a
            # separator nor in such text; "#" is a separator), so 1、2 stays two numbers;
            # the commas and full stops of Japanese go by str.replace, the regex runs
            # only for the rarer separators left.
            marked = _DIGIT_RUN.sub("\0", folded)
            if "、" in marked:
                marked = marked.replace("、", "")
            if "。" in marked:
                marked = marked.replace("。", "")
            if _ANY_SEPARATOR.search(marked):
                marked = _SEPARATOR_RUN.sub("", marked)
            return marked.replace("\0", "#").strip()
        # three passes in C; NUL (not in such text) marks where separators were
        marked = _DIGIT_RUN.sub("#", _SEPARATOR_RUN.sub("\0", folded))
        return marked.replace("\0", " ").strip()

    def piece(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return "#"
        run = m.group()
        if all(map(_separator, run)):
            return " " if keep_spaces else ""
        out: list[str] = []
        space_ok = m.start() > 0
        for ch in run:
            if not _separator(ch):
                out.append(ch)
                space_ok = True
            elif keep_spaces and space_ok:
                out.append(" ")
                space_ok = False
        return "".join(out)

    return _PIECES.sub(piece, folded).strip()


def norm_source(text: str) -> str:
    """A source as the rules compare it (and as a corpus partitions by it)."""
    return normalise(text, keep_spaces=False)


def norm_target(text: str) -> str:
    """A target as the rules compare it (and as a corpus partitions by it)."""
    return normalise(text, keep_spaces=True)


def enough_words(target: str) -> bool:
    """Has a normalised target `MIN_TARGET_WORDS` words or more? `normalise` leaves one
    space between words and none at the ends, so the spaces are counted (no list made:
    asked of every target of a run)."""
    return target.count(" ") >= MIN_TARGET_WORDS - 1


def _norms(pairs: list[Unit], ctx: CheckContext) -> tuple[Callable[[str], str], ...]:
    """`norm_source` and `norm_target`, remembered for this run's texts: the two rules
    read every text of the same pairs, so each text is normalised once, not twice.

    Kept in ``ctx.cache`` for the last list of pairs only (the results are pure functions
    of the text, so an earlier list's entries would be right, merely kept too long)."""
    memo = ctx.cache.get(_NORMS)
    if memo is None or memo[0] is not pairs:
        memo = ctx.cache[_NORMS] = (pairs, _remembered(norm_source), _remembered(norm_target))
    return memo[1], memo[2]


def _remembered(norm: Callable[[str], str]) -> Callable[[str], str]:
    known: dict[str, str] = {}

    def remembered(text: str) -> str:
        found = known.get(text)
        if found is None:
            found = known[text] = norm(text)
        return found

    return remembered


_NORMS = "consistency.norms"


def _participants(pairs: list[Unit], ctx: CheckContext) -> list[tuple[Unit, bool]]:
    """(pair, reported?) for every translated, non-fuzzy pair, memory pairs last."""
    tm = ctx.options.get(TM_PAIRS, ())
    # `Unit.translated` and `Unit.fuzzy` spelled out: no property call per pair (each
    # rule asks for every pair of the run)
    return [(p, True) for p in pairs if p.state is not _FUZZY and p.target.strip()] + [
        (p, False) for p in tm if p.state is not _FUZZY and p.target.strip()
    ]


_FUZZY = State.FUZZY


def _place(p: Unit) -> str:
    return f"{p.file or '?'}:{p.line}" if p.line else (p.file or p.id)


def _elsewhere(others: list[Unit]) -> str:
    places = sorted({_place(p) for p in others})
    more = f" and {len(places) - MAX_PLACES} more" if len(places) > MAX_PLACES else ""
    return ", ".join(places[:MAX_PLACES]) + more


def _quote(texts: list[str]) -> str:
    more = f" and {len(texts) - MAX_TEXTS} more" if len(texts) > MAX_TEXTS else ""
    return "; ".join(repr(t) for t in texts[:MAX_TEXTS]) + more


def _disagreements(
    group: list[tuple[Unit, bool]], norm: dict[int, str], side: str
) -> Iterator[tuple[Unit, list[str], str]]:
    """(pair, other texts, where they are) for each reported pair of a group whose compared
    side (``norm``: normalised text by ``id(pair)``) differs somewhere in the group.

    Pairs are bucketed by their normalised text and the "others" computed once per
    bucket, so a group of n pairs costs n times its number of variants, not n²
    (a corpus holds groups of thousands: numbers fold to one placeholder)."""
    variants: dict[str, list[Unit]] = {}
    for p, _ in group:
        variants.setdefault(norm[id(p)], []).append(p)
    if len(variants) < 2:
        return
    cache: dict[str, tuple[list[str], str]] = {}
    for p, reported in group:
        if not reported:
            continue
        mine = norm[id(p)]
        if mine not in cache:
            others = [q for text, qs in variants.items() if text != mine for q in qs]
            cache[mine] = (sorted({getattr(q, side).strip() for q in others}), _elsewhere(others))
        texts, where = cache[mine]
        yield p, texts, where


@check(
    "consistency.target",
    severity="warning",
    summary="The same source is translated differently elsewhere (in any file or the TM).",
    scope="corpus",
)
def consistency_target(pairs: list[Unit], ctx: CheckContext) -> Iterator[tuple[Unit, Hit]]:
    groups: dict[str, list[tuple[Unit, bool]]] = defaultdict(list)
    sources, targets = _norms(pairs, ctx)
    for p, reported in _participants(pairs, ctx):
        groups[sources(p.source)].append((p, reported))
    for group in groups.values():
        if len(group) < 2:
            continue  # one pair cannot disagree with itself: its target need not be read
        norm = {id(p): targets(p.target) for p, _ in group}
        for p, texts, where in _disagreements(group, norm, "target"):
            yield (
                p,
                Hit(
                    f"same source translated differently elsewhere: {_quote(texts)} ({where})",
                    span=(0, len(p.target)),
                    expected=texts[0],
                ),
            )


@check(
    "consistency.source",
    severity="warning",
    summary="The same translation is used for different sources (in any file or the TM).",
    scope="corpus",
)
def consistency_source(pairs: list[Unit], ctx: CheckContext) -> Iterator[tuple[Unit, Hit]]:
    groups: dict[str, list[tuple[Unit, bool]]] = defaultdict(list)
    sources, targets = _norms(pairs, ctx)
    for p, reported in _participants(pairs, ctx):
        target = targets(p.target)
        if enough_words(target):
            groups[target].append((p, reported))
    for group in groups.values():
        if len(group) < 2:
            continue
        norm = {id(p): sources(p.source) for p, _ in group}
        for p, texts, where in _disagreements(group, norm, "source"):
            yield (
                p,
                Hit(
                    f"same translation used for a different source: {_quote(texts)} ({where})",
                    span=(0, len(p.source)),
                    span_side="source",
                ),
            )
