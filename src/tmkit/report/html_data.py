"""The segments of the review page as data: one JSON block, made of parts.

A part is a run of segments (`tmkit.ops.review_parts` cuts them: at each document,
and inside one at points its unit ids choose). Each part is encoded on its own, and
what it encodes depends on its own segments only: it names its strings (classes,
glossary titles, rules, files, labels) by indexes into small tables of its own, and
a finding's message, which may name lines of other documents, not at all. So
`tmkit build` keeps each part's JSON in its build cache, and a page after one
changed document is its unchanged parts as they were, plus the few made anew.

The page puts the parts together (`page_data`): each repeated string once in the
page's tables, and per part six short lists mapping its own indexes onto those (the
sixth gives each of its findings' messages in order). That costs the page a few
bytes per distinct string per part, where a table per part would repeat the strings.

The block is ``{"chrf", "lang", "severities", "classes", "titles", "rules", "files",
"labels", "messages", "parts"}``; each part is ``[classes, titles, rules, files,
labels, messages, styles, segs]``:

* the first six map the part's indexes onto the page's tables;
* ``styles`` is flat: a class index, then a title reference or a list of them (a
  number ``n >= 0``, the part's title ``n``; ``-1 - k``, the part's ``k``-th
  finding, written "rule: message"), for each style;
* each segment is ``[unit, source, target, refs, labels, notes, findings, fuzzy,
  chrf, comment]``, trailing fields at their default (empty, 0, null) left out:

  * texts are a string, or a list of pieces (a string, or ``[text, style]``); a
    text free of private-use characters is always a string, its marked pieces each
    between a style mark and U+F8FF (`unpack_text`);
  * refs are ``file, line`` pairs in one flat list, or one number ``d`` for the
    common case of a single reference in the file of the previous segment's last
    one (in the part), ``d`` lines further;
  * labels and notes index the labels (one index alone when there is one);
  * findings are ``[rule, severity(, expected)]``, severity an index into
    ``severities``; their messages are the part's sixth list, in order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tmkit.model.findings import SEVERITIES

#: the tables a part names strings in, in the order of its maps on the page
TABLES = ("classes", "titles", "rules", "files", "labels")


@dataclass(frozen=True, slots=True)
class Part:
    """A run of segments as the page stores it: a function of those segments alone."""

    #: ``styles,segs``: the items of its JSON list (safe inside ``<script>``), which the
    #: page writes as they are (a big string, never copied)
    json: str
    #: per table of `TABLES`, the strings the part names by its own indexes
    tables: tuple[tuple[str, ...], ...]


class _Table:
    """Values interned once: the JSON names them by index."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.index)
        return found

    def values(self) -> list[Any]:
        return list(self.index)


_SEVERITY_CODE = {s: i for i, s in enumerate(SEVERITIES)}

#: the default of each optional segment field, by position
_DEFAULTS: dict[int, Any] = {3: [], 4: [], 5: [], 6: [], 7: 0, 8: None, 9: ""}


def _is_default(index: int, value: Any) -> bool:
    default = _DEFAULTS.get(index, ...)
    return value is None if default is None else type(value) is type(default) and value == default


def _json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # inside <script>, only "</script" or "<!--" could end or bend the block: no "<" at all
    return text.replace("<", "\\u003c")


def encode_part(segments: Iterable[Any]) -> Part:
    """The segments (`tmkit.ops.review.Segment`) as one part of the page.

    A mark's title is a string, or the index of one of its segment's findings.
    """
    classes, titles, rules, files, labels = (_Table() for _ in TABLES)
    styles = _Table()
    findings_before = [0]  # the part's findings before the current segment

    def ref(title: Any) -> int:
        if isinstance(title, int):
            return -1 - (findings_before[0] + title)
        return titles(title)

    def style(value: tuple[str, tuple[Any, ...]]) -> int:
        css, names = value
        refs = tuple(ref(t) for t in names)
        return styles((classes(css), refs[0] if len(refs) == 1 else refs))

    def text(pieces: list[Any]) -> Any:
        return pack_text([(t, None if st is None else style(st)) for t, st in pieces])

    last: list[Any] = [None, 0]  # the file and line of the previous segment's last reference

    def refs(values: list[str]) -> Any:
        flat: list[Any] = []
        for value in values:
            path, _, line = value.rpartition(":")
            if path and line.isdigit():
                flat += [files(path), int(line)]
            else:
                flat += [files(value), None]
        if len(flat) == 2 and flat[0] == last[0] and flat[1] is not None and flat[1] >= last[1]:
            out: Any = flat[1] - last[1]
        else:
            out = flat
        for k in range(0, len(flat), 2):
            if flat[k + 1] is not None:
                last[:] = flat[k : k + 2]
        return out

    def indexes(values: list[str]) -> Any:
        found = [labels(c) for c in values]
        return found[0] if len(found) == 1 else found

    segs = []
    for seg in segments:
        m = seg.message
        row = [
            seg.unit,
            text(seg.source_pieces()) if seg.source else "",
            text(seg.target_pieces()) if seg.target else "",
            refs(m.references),
            indexes(seg.labels),
            indexes(seg.notes),
            [
                [rules(f.rule), _SEVERITY_CODE.get(f.severity, 2)]
                + ([f.expected] if f.expected is not None else [])
                for f in seg.findings
            ],
            1 if m.fuzzy else 0,
            round(seg.chrf, 1) if seg.chrf is not None else None,
            seg.comment,
        ]
        findings_before[0] += len(seg.findings)
        # trailing fields at their default are left out (a tenth of a 100k page)
        while len(row) > 3 and _is_default(len(row) - 1, row[-1]):
            row.pop()
        segs.append(row)
    flat: list[Any] = []
    for css, names in styles.values():
        flat += [css, list(names) if isinstance(names, tuple) else names]
    return Part(
        _json([flat, segs])[1:-1],
        tuple(tuple(t.values()) for t in (classes, titles, rules, files, labels)),
    )


def page_data(
    parts: Sequence[tuple[Part, Sequence[str]]], chrf: bool, languages: tuple[str, str]
) -> Iterator[str]:
    """The page's data block, in pieces: ``parts`` are each part with the messages of
    its findings, in order."""
    tables = {name: _Table() for name in TABLES}
    messages = _Table()
    maps = []
    for part, said in parts:
        found = [
            [tables[name](v) for v in values]
            for name, values in zip(TABLES, part.tables, strict=True)
        ]
        found.append([messages(x) for x in said])
        maps.append(_json(found)[1:-1])
    head = {
        "chrf": chrf,
        "lang": list(languages),
        "severities": list(SEVERITIES),
        **{name: table.values() for name, table in tables.items()},
        "messages": messages.values(),
    }
    yield f'<script type="application/json" id="review-data">{_json(head)[:-1]},"parts":['
    for n, ((part, _), mapped) in enumerate(zip(parts, maps, strict=True)):
        yield f"{',' if n else ''}[{mapped},"
        yield part.json
        yield "]"
    yield "]}</script>\n"


#: marked pieces inside a text string: a style mark (U+E000 + style, or for a style
#: past 6,143 U+F800 + style // 6144 then U+E000 + style % 6144), the text, U+F8FF;
#: 6 bytes a mark where a list of pieces took about 13
_PRIVATE = re.compile("[\ue000-\uf8ff]")
_LOW, _HIGH, _END = 0xE000, 0xF800, "\uf8ff"
_SPAN = _HIGH - _LOW


def _style_mark(index: int) -> str:
    if index < _SPAN:
        return chr(_LOW + index)
    return chr(_HIGH + index // _SPAN) + chr(_LOW + index % _SPAN)


def pack_text(pieces: list[tuple[str, int | None]]) -> Any:
    """Pieces (text, style index or None) as stored: a string when it can be one."""
    if any(_PRIVATE.search(t) for t, _ in pieces):
        return [t if st is None else [t, st] for t, st in pieces]
    if len(pieces) == 1 and pieces[0][1] is None:
        return pieces[0][0]
    return "".join(t if st is None else _style_mark(st) + t + _END for t, st in pieces)


def unpack_text(value: Any) -> Any:
    """A stored text as the list of pieces it stands for (what the page's script does)."""
    if not isinstance(value, str) or not _PRIVATE.search(value):
        return value
    out: list[Any] = []
    at = 0
    while (found := _PRIVATE.search(value, at)) is not None:
        if found.start() > at:
            out.append(value[at : found.start()])
        code = ord(value[found.start()])
        if code >= _HIGH:
            style = (code - _HIGH) * _SPAN + ord(value[found.start() + 1]) - _LOW
            start = found.start() + 2
        else:
            style, start = code - _LOW, found.start() + 1
        end = value.index(_END, start)
        out.append([value[start:end], style])
        at = end + 1
    if at < len(value):
        out.append(value[at:])
    return out


__all__ = ["TABLES", "Part", "encode_part", "pack_text", "page_data", "unpack_text"]
