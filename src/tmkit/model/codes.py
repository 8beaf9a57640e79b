"""Inline codes in markup documents (HTML, Markdown): runs of text and tags → segments → back.

No file syntax here: a markup reader (`tmkit.formats.html`, `tmkit.formats.markdown`)
turns each block of its document into a *run* of `Text` and `Code` items, keeping
the raw source of each; `segment_run` makes the run's sentences with the splitter
it is given; `render` writes the document back with translations in place.

Codes follow TMX: an element that wraps text becomes a ``bpt``/``ept`` pair
(``i`` numbers the pairs of a segment), an element that holds no translatable
text (``<br>``, ``<img>``, inline ``<code>``, a ``translate="no"`` span) one
``ph`` (``x`` numbers them). Each code's content is its native markup, so a
reviewer sees ``<a href=…>`` and the code checks can compare URLs.

Rules (README "Markup documents"):

* a pair wrapping a whole run or sentence (a ``<strong>`` around a paragraph) and
  a *weak* placeholder at its edge (a ``<br>``, a comment) stay outside the
  segment, as skeleton; other placeholders (an image, inline code) stay in the
  sentence they touch, except at a run's edge behind whitespace (a back link);
  a placeholder marked ``follows`` (a footnote reference) goes with the sentence
  before a break;
* a paired code whose sentences would be split apart keeps those sentences
  together in one segment (the tag is never cut in two);
* whitespace outside ``pre`` is collapsed to one space for translators (and a
  line break between two CJK characters is dropped); the skeleton between
  blocks keeps the original indentation byte for byte;
* rebuilding, every code comes from the *source* (a translator cannot break a
  tag or change an attribute); codes the translator dropped are put back (opens
  at the start, closes and placeholders at the end) and reported; a target with
  paired codes out of order gets its codes placed the same way;
* a run none of whose segments is translated is written exactly as read
  (entities and all); an untranslated segment among translated ones is written
  from its source text, re-encoded, and reported.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from tmkit.model.document import Block, Document, Location, Role, Segment
from tmkit.model.memory import Content, Inline, content_to_markup

CodeKind = Literal["open", "close", "ph", "drop"]


@dataclass(slots=True)
class Text:
    """Translatable text: ``text`` decoded (entities resolved), ``raw`` as written."""

    text: str
    raw: str


@dataclass(slots=True)
class Code:
    """A tag in a run. ``pair`` links an open to its close; ``drop`` items (ruby
    readings) are kept in the source and left out of segments and targets."""

    kind: CodeKind
    raw: str
    pair: int = 0
    #: a placeholder a translator never needs to place (a line break, a comment): at a
    #: segment's edge it stays outside; other placeholders (an image, inline code) stay in
    weak: bool = False
    #: at a sentence break, belongs to the sentence before (a footnote reference)
    follows: bool = False


Item = Text | Code


@dataclass(slots=True)
class Slot:
    """One run of a markup document: its source bytes and how it is rebuilt.

    ``parts`` are skeleton strings (codes kept outside segments, whitespace
    between sentences) and the run's segments, in order.
    """

    raw: str
    parts: list[str | Segment] = field(default_factory=list)
    #: an attribute value: quotes are escaped too
    attribute: bool = False
    #: the quote around an attribute value in the source (``'`` is escaped as well)
    quote: str = '"'
    #: text put before the run when it is rebuilt (a Markdown line's prefix)
    prefix: str = ""
    suffix: str = ""

    @property
    def segments(self) -> list[Segment]:
        return [p for p in self.parts if isinstance(p, Segment)]


@dataclass(slots=True)
class Lang:
    """A ``lang``/``xml:lang`` attribute value naming the source language."""

    raw: str


Piece = str | Slot | Lang


@dataclass(slots=True)
class MarkupDocument(Document):
    """A document read from markup: the model's blocks plus the skeleton to rebuild it."""

    format: str = ""
    pieces: list[Piece] = field(default_factory=list)
    encoding: str = "utf-8"
    bom: bytes = b""
    #: notes made while reading (recovered broken markup), ``line: message``
    notes: list[str] = field(default_factory=list)
    #: inline tags holding translatable attributes or ``lang``: raw tag → its pieces
    natives: dict[str, list[Piece]] = field(default_factory=dict)

    def text(self) -> str:
        """The source text exactly as read."""
        return "".join(p if isinstance(p, str) else p.raw for p in self.pieces)


class SegmentIds:
    """Segment ids as `tmkit.text.structure` makes them (a hash of the text; repeats
    numbered), for readers used without the text layer's id maker."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        base = "s" + hashlib.blake2b(text.encode("utf-8"), digest_size=5).hexdigest()
        n = self.seen[base] = self.seen.get(base, 0) + 1
        return base if n == 1 else f"{base}-{n}"


# --- whitespace ---------------------------------------------------------------

_SPACES = re.compile(r"[ \t\n\r\f]+")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def collapse(text: str) -> str:
    """HTML whitespace collapsed to one space; a line break between two CJK characters goes."""

    def one(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        if "\n" in m.group() and s > 0 and e < len(text) and _wide(text[s - 1]) and _wide(text[e]):
            return ""
        return " "

    return _SPACES.sub(one, text)


# --- runs → segments ----------------------------------------------------------


def _strong(it: Item) -> bool:
    return isinstance(it, Code) and it.kind == "ph" and not it.weak


def _hold(items: list[Item], lo: int, a: int, b: int, hi: int, block: bool) -> tuple[int, int]:
    """Widen ``[a, b)`` over the placeholders next to it that a translator may need to
    move. At a block's edges only those touching a word are held (not a back link
    after a space); between sentences, whitespace does not stop it."""
    k = a - 1
    while k >= lo and not (
        block and items[a].text[:1].isspace() if isinstance(items[a], Text) else False
    ):
        it = items[k]
        if _strong(it):
            a = k
        elif not (isinstance(it, Text) and not it.text.strip() and not block):
            break
        k -= 1
    k = b
    while k < hi and not (
        block and items[b - 1].text[-1:].isspace() if isinstance(items[b - 1], Text) else False
    ):
        it = items[k]
        if _strong(it):
            b = k + 1
        elif not (isinstance(it, Text) and not it.text.strip() and not block):
            break
        k += 1
    return a, b


def _trim(items: list[Item], lo: int, hi: int, block: bool = False) -> tuple[int, int]:
    """Narrow ``items[lo:hi]`` to start at the first word and end after the last,
    without separating an open code from its close (see `_hold` for placeholders)."""
    words = [k for k in range(lo, hi) if isinstance(items[k], Text) and items[k].text.strip()]
    if not words:
        return hi, hi
    a, b = _hold(items, lo, words[0], words[-1] + 1, hi, block)
    while True:
        inside_pairs = {it.pair for it in items[a:b] if isinstance(it, Code) and it.kind != "ph"}
        na = a
        for k in range(lo, a):
            it = items[k]
            if isinstance(it, Code) and it.kind == "open" and it.pair in inside_pairs:
                na = min(na, k)
        nb = b
        for k in range(b, hi):
            it = items[k]
            if isinstance(it, Code) and it.kind in ("close", "drop") and it.pair in inside_pairs:
                nb = max(nb, k + 1)
        if (na, nb) == (a, b):
            return a, b
        a, b = na, nb


def _plain(items: list[Item]) -> tuple[str, list[int]]:
    """The run's translatable text (whitespace collapsed) and each item's offset in it."""
    out: list[str] = []
    offsets: list[int] = []
    length = 0
    for it in items:
        offsets.append(length)
        if isinstance(it, Text):
            out.append(it.text)
            length += len(it.text)
    joined = "".join(out)
    return joined, offsets


def _content(items: list[Item]) -> tuple[Content, str]:
    """TMX content of a segment's items, and its plain text (both whitespace-collapsed)."""
    parts: list[str | Inline] = []
    numbers: dict[int, int] = {}
    counter = 0
    for it in items:
        if isinstance(it, Text):
            parts.append(it.text)
            continue
        if it.kind == "drop":
            continue
        if it.kind == "ph":
            counter += 1
            parts.append(Inline("ph", {"x": str(counter)}, (it.raw,)))
        elif it.kind == "open":
            counter += 1
            numbers[it.pair] = counter
            parts.append(Inline("bpt", {"i": str(counter)}, (it.raw,)))
        else:
            parts.append(Inline("ept", {"i": str(numbers.get(it.pair, 0))}, (it.raw,)))
    merged: list[str | Inline] = []
    for p in parts:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] += p
        else:
            merged.append(p)
    text = collapse("".join(p if isinstance(p, str) else "\x00" for p in merged))
    # put the collapsed text back around the codes (\x00 marks where each code was)
    pieces = text.split("\x00")
    content: list[str | Inline] = []
    codes = [p for p in merged if isinstance(p, Inline)]
    for k, piece in enumerate(pieces):
        if piece:
            content.append(piece)
        if k < len(codes):
            content.append(codes[k])
    # a space on both sides of a code, or at the edges, is one space / none
    for k in range(1, len(content)):
        prev, cur = content[k - 1], content[k]
        if isinstance(cur, str) and cur.startswith(" ") and k >= 2:
            before = content[k - 2]
            if isinstance(prev, Inline) and isinstance(before, str) and before.endswith(" "):
                content[k] = cur[1:]
    if content and isinstance(content[0], str):
        content[0] = content[0].lstrip()
    if content and isinstance(content[-1], str):
        content[-1] = content[-1].rstrip()
    final = tuple(p for p in content if p != "")
    plain = "".join(p for p in final if isinstance(p, str))
    return final, plain


def _make_segment(items: list[Item], ids: Callable[[str], str], where: Location) -> Segment:
    content, plain = _content(items)
    if any(isinstance(p, Inline) for p in content):
        text = content_to_markup(content)
        return Segment(ids(text), text, where, content=content)
    return Segment(ids(plain), plain, where)


def segment_run(
    items: list[Item],
    split: Callable[[str], list[str]],
    ids: Callable[[str], str],
    where: Location,
    attribute: bool = False,
) -> Slot:
    """The slot of one run: its sentences (see the module rules) and the skeleton between."""
    slot = Slot(raw="".join(it.raw for it in items), attribute=attribute)
    slot.parts = _parts(items, split, ids, where, depth=0)
    return slot


def _parts(
    items: list[Item],
    split: Callable[[str], list[str]],
    ids: Callable[[str], str],
    where: Location,
    depth: int,
) -> list[str | Segment]:
    parts: list[str | Segment] = []
    a, b = _trim(items, 0, len(items), block=depth == 0)
    if a >= b:
        return ["".join(it.raw for it in items)]
    body, lead, trail_ws = _peel(items[a:b])
    head = "".join(it.raw for it in items[:a]) + lead
    tail = trail_ws + "".join(it.raw for it in items[b:])
    plain, offsets = _plain(body)
    flat = collapse(plain)
    # split the collapsed text, then map the breaks back onto ``plain``
    pieces = split(flat) if flat.strip() else [flat]
    breaks: list[int] = []
    pos = 0
    for piece in pieces[:-1]:
        pos += len(piece)
        breaks.append(pos)
    groups = _group(body, offsets, _map_breaks(plain, flat, breaks))
    if head:
        parts.append(head)
    for n, group in enumerate(groups):
        ga, gb = _trim(group, 0, len(group))
        if ga >= gb:
            parts.append("".join(it.raw for it in group))
            continue
        inner, first_ws, last_ws = _peel(group[ga:gb])
        lead = "".join(it.raw for it in group[:ga]) + first_ws
        if lead:
            parts.append(lead)
        if len(breaks) > 0 and len(groups) < len(pieces) and depth < 8 and (ga or gb < len(group)):
            # sentences kept together by a pair now trimmed off: split them again
            parts.extend(_parts(inner, split, ids, where, depth + 1))
        else:
            seg = _make_segment(inner, ids, where)
            parts.append(seg if seg.text else "".join(it.raw for it in inner))
        trail = last_ws + "".join(it.raw for it in group[gb:])
        if n < len(groups) - 1 and not _spaced(trail, groups[n + 1]):
            # sentences the source wrote without a space get one (the target is English)
            trail = trail.rstrip() + " " if trail.strip() else " "
        if trail:
            parts.append(trail)
    if tail:
        parts.append(tail)
    return parts


_WS = " \t\n\r\f"


def _spaced(trail: str, following: list[Item]) -> bool:
    """Whether the source has whitespace between two sentences (else a joiner goes in)."""
    if trail and trail[-1].isspace():
        return True
    first = following[0] if following else None
    return isinstance(first, Text) and first.text[:1].isspace()


def _peel(items: list[Item]) -> tuple[list[Item], str, str]:
    """Whitespace at the very start and end of a run of items, taken off as skeleton
    (so a rebuilt block keeps the source's line breaks and indentation)."""
    items = list(items)
    lead = trail = ""
    if items and isinstance(items[0], Text):
        first = items[0]
        n = len(first.text) - len(first.text.lstrip(_WS))
        if n and first.raw.startswith(first.text[:n]):
            lead = first.text[:n]
            items[0] = Text(first.text[n:], first.raw[n:])
    if items and isinstance(items[-1], Text):
        last = items[-1]
        n = len(last.text) - len(last.text.rstrip(_WS))
        if n and last.raw.endswith(last.text[-n:]):
            trail = last.text[-n:]
            items[-1] = Text(last.text[:-n], last.raw[:-n])
    return items, lead, trail


def _map_breaks(plain: str, flat: str, breaks: list[int]) -> list[int]:
    """Offsets in ``flat`` (collapsed) → offsets in ``plain``."""
    if plain == flat or not breaks:
        return breaks
    out: list[int] = []
    i = j = 0
    targets = iter(breaks)
    want = next(targets, None)
    while want is not None:
        if j == want:
            out.append(i)
            want = next(targets, None)
            continue
        # advance one collapsed character: a run of whitespace in plain ↦ " " or "" in flat
        if i < len(plain) and plain[i] in " \t\n\r\f":
            k = i
            while k < len(plain) and plain[k] in " \t\n\r\f":
                k += 1
            if j < len(flat) and flat[j] == " ":
                j += 1
            i = k
        else:
            i += 1
            j += 1
    return out


def _group(body: list[Item], offsets: list[int], breaks: list[int]) -> list[list[Item]]:
    """Items cut at sentence breaks; sentences a paired code would straddle stay together."""
    cuts: list[tuple[int, int]] = []  # (item index, char offset inside that item)
    texts = [k for k, it in enumerate(body) if isinstance(it, Text) and it.text]
    starts = [offsets[k] for k in texts]
    for brk in breaks:
        # the text item with offset < brk <= offset + len: the last one starting before brk
        n = bisect.bisect_left(starts, brk) - 1
        if n >= 0:
            k = texts[n]
            cuts.append((k, brk - offsets[k]))
    groups: list[list[Item]] = [[]]
    by_item: dict[int, list[int]] = {}
    for k, c in cuts:
        by_item.setdefault(k, []).append(c)
    for k, it in enumerate(body):
        inner = by_item.get(k, [])
        if not inner or not isinstance(it, Text):
            groups[-1].append(it)
            continue
        start = 0
        for c in inner:
            piece = it.text[start:c]
            groups[-1].append(_slice(it, start, c, piece))
            groups.append([])
            start = c
        rest = it.text[start:]
        if rest:
            groups[-1].append(_slice(it, start, len(it.text), rest))
    groups = [g for g in groups if g]
    # closes that sit at a group's head belong to the previous sentence
    for n in range(1, len(groups)):
        while (
            groups[n]
            and isinstance(groups[n][0], Code)
            and (groups[n][0].kind == "close" or groups[n][0].follows)
        ):
            groups[n - 1].append(groups[n].pop(0))
    groups = [g for g in groups if g]
    # keep together the sentences a pair straddles
    merged: list[list[Item]] = []
    open_pairs: set[int] = set()
    for g in groups:
        if merged and open_pairs:
            merged[-1].extend(g)
        else:
            merged.append(list(g))
        for it in g:
            if isinstance(it, Code) and it.kind == "open":
                open_pairs.add(it.pair)
            elif isinstance(it, Code) and it.kind in ("close", "drop"):
                open_pairs.discard(it.pair)
    return merged


def _slice(it: Text, start: int, end: int, piece: str) -> Text:
    """Part of a text item; its raw is exact when the text had no entities, else re-encoded."""
    if it.raw == it.text:
        return Text(piece, piece)
    if start == 0 and end == len(it.text):
        return it
    return Text(piece, escape_html(piece))


def escape_html(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\xa0", "&nbsp;")
    return text.replace('"', "&quot;") if quote else text


def add_block(
    doc: MarkupDocument, slot: Slot, role: Role, context: str = "", line: int = 0
) -> None:
    """Record a slot's segments as one block of the document model."""
    doc.pieces.append(slot)
    segments = slot.segments
    if segments:
        doc.blocks.append(Block(role=role, segments=segments, line=line, context=context))
