"""The review's segments in parts, each part made once for what it shows.

The page's segment data (`tmkit.report.html_data`) is a list of parts, each a
function of its own segments. Here a part is a run of segments: one starts with
each document (the file of a segment's first reference; not in a short part) and,
inside a document, before each segment whose unit id's CRC-32 is 0 modulo
`PART_SPAN`. An edit then moves no boundary but its own: the parts around it stay as
they were.

`make_parts` keys each part by all its data is made of, per segment: the entry's
fields that the page shows or counts (not its line in the PO), its findings without
their messages (the page gives those apart: a consistency finding's message names
lines of other documents), the spans they mark, and its chrF. The glossary, whose
marks the parts show, is the setting of the cache table they are kept in
(`tmkit.ops.build_cache`). A part is made from its key's contents alone (entries and
findings rebuilt from them), so a part read from the cache is the one a full build
makes. With each part go its counts for the summary, and each segment's glossary
marks: a part made anew takes those of its unchanged segments from the stored parts
this build did not use (the ones it replaces), instead of matching the glossary again.
"""

from __future__ import annotations

import hashlib
import marshal
import operator
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from tmkit.model.catalog import Message
from tmkit.model.findings import Finding
from tmkit.ops import review  # `review._term_marks` looked up when called (tests count the calls)
from tmkit.ops.review import (
    Segment,
    _mark_findings,
    _mark_terms,
    _target_text,
    bins,
)
from tmkit.report.html_data import Part, encode_part
from tmkit.report.html_plots import BINS

#: a part ends, inside a document, before a unit id whose CRC-32 this divides: about
#: this many segments a part (a part costs the page a few hundred bytes of maps; the
#: fewer segments, the less a changed one makes anew)
PART_SPAN = 512
#: the fewest segments a part has before a new document starts another
_DOCUMENT_SPAN = PART_SPAN // 8


@dataclass(slots=True)
class Parts:
    """The parts of a review with their messages, and what the summary counts of them."""

    #: each part with the messages of its findings, in order
    parts: list[tuple[Part, list[str]]] = field(default_factory=list)
    segments: int = 0
    translated: int = 0
    fuzzy: int = 0
    empty: int = 0
    #: source characters of the plain entries (one source each)
    source_chars: int = 0
    #: the entries with other sources (plural, inline markup), counted by the caller
    others: list[Message] = field(default_factory=list)
    qa_bins: list[int] = field(default_factory=lambda: [0] * BINS)

    def add(self, value: tuple[Any, ...], run: range, said: list[str], messages) -> None:
        text, tables, (translated, fuzzy, empty, chars, qa_bins, others) = value[:3]
        self.parts.append((Part(text, tables), said))
        self.segments += len(run)
        self.translated += translated
        self.fuzzy += fuzzy
        self.empty += empty
        self.source_chars += chars
        self.others += [messages[run.start + j] for j in others]
        self.qa_bins = [a + b for a, b in zip(self.qa_bins, qa_bins, strict=True)]


def runs(messages: Sequence[Message], units: Sequence[str]) -> Iterator[range]:
    """The parts' runs of ``messages`` (see the module's docstring); ``units``: their
    unit ids. A document starts a part only after `_DOCUMENT_SPAN` segments: entries
    whose documents alternate (or many small documents) make no parts of a few
    segments."""
    start, document = 0, None
    crc32 = zlib.crc32
    for i, m in enumerate(messages):
        refs = m.references
        here = (refs[0].rpartition(":")[0] or refs[0]) if refs else document
        if here != document:
            document = here
            if i - start >= _DOCUMENT_SPAN:
                yield range(start, i)
                start = i
                continue
        if i > start and crc32(units[i].encode("utf-8")) % PART_SPAN == 0:
            yield range(start, i)
            start = i
    if start < len(messages):
        yield range(start, len(messages))


#: what the page shows or counts of an entry (rebuilt by `_message`); not its line
_fields = operator.attrgetter(
    "msgctxt",
    "msgid",
    "msgid_plural",
    "msgstr",
    "msgstr_plural",
    "references",
    "extracted_comments",
    "translator_comments",
    "flags",
)


def _message(fields: tuple[Any, ...]) -> Message:
    ctxt, msgid, plural, msgstr, forms, refs, extracted, comments, flags = fields
    return Message(
        msgid=msgid,
        msgstr=msgstr,
        msgctxt=ctxt,
        msgid_plural=plural,
        msgstr_plural=dict(forms),
        translator_comments=list(comments),
        extracted_comments=list(extracted),
        references=list(refs),
        flags=list(flags),
    )


def _finding(f: Finding, source: str, target: str) -> tuple[Any, ...]:
    """What the page shows of a finding but its message: the span only when it marks
    the text (measured on it, inside it; as `_mark_findings` decides)."""
    span = f.span
    if span is not None:
        text, measured = (source, f.source) if f.span_side == "source" else (target, f.target)
        start, end = span
        if (measured is not None and measured != text) or not 0 <= start < end <= len(text):
            span = None
        else:
            span = (start, end)
    return (f.rule, f.severity, f.expected, span, f.span_side)


#: a part's key contents: its entries' fields, the findings of each (by its index in
#: the part, `_finding`) and their chrF (None without a reference)
Contents = tuple[list[tuple[Any, ...]], dict[int, tuple[Any, ...]], list[Any] | None]


def _contents(
    messages: Sequence[Message],
    run: range,
    placed: dict[int, list[Finding]],
    chrf: dict[int, float] | None,
) -> tuple[Contents, list[str]]:
    """A run's key contents, and the messages of its findings in order. ``placed``
    holds only the run's segments that have findings."""
    found: dict[int, tuple[Any, ...]] = {}
    said: list[str] = []
    for i in sorted(placed):
        m = messages[i]
        source, target = m.msgid, _target_text(m)
        found[i - run.start] = tuple([_finding(f, source, target) for f in placed[i]])
        said += [f.message for f in placed[i]]
    fields = list(map(_fields, messages[run.start : run.stop]))
    return (fields, found, None if chrf is None else [chrf.get(i) for i in run]), said


def _key(contents: Contents) -> bytes:
    # marshal version 2 writes no back-references: equal contents, equal bytes
    return hashlib.blake2b(marshal.dumps(contents, 2), digest_size=16).digest()


def _placed_by_run(
    placed: dict[int, list[Finding]], found_runs: Iterable[range]
) -> Iterator[tuple[range, dict[int, list[Finding]]]]:
    """Each run with the findings of its segments (``placed``, by index)."""
    at = sorted(placed)
    k = 0
    for run in found_runs:
        mine = {}
        while k < len(at) and at[k] < run.stop:
            mine[at[k]] = placed[at[k]]
            k += 1
        yield run, mine


class _EarlierMarks:
    """The glossary marks of the segments of parts the cache holds and this build did
    not use (most often the parts that the changed ones replace), by text key."""

    def __init__(self, values: Iterable[tuple[Any, ...]]) -> None:
        self._at: dict[bytes, tuple[int, int]] = {}
        self._values = list(values)
        self._decoded: dict[int, tuple[Any, ...]] = {}
        for n, value in enumerate(self._values):
            keys = value[3]
            for j in range(0, len(keys), 16):
                self._at[keys[j : j + 16]] = (n, j // 16)

    def get(self, key: bytes) -> tuple[Any, ...] | None:
        found = self._at.get(key)
        if found is None:
            return None
        n, j = found
        marks = self._decoded.get(n)
        if marks is None:
            marks = self._decoded[n] = marshal.loads(self._values[n][4])
        return marks[j]


def _make(contents: Contents, matcher: Any, earlier: Any) -> tuple[Any, ...]:
    """A part from its key's contents: ``(json, tables, counts, mark keys, marks)``, the
    last two each segment's glossary marks (for the parts made after it is replaced)."""
    from tmkit.formats.convert import INLINE_COMMENT, INLINE_FLAG
    from tmkit.ops.build_cache import text_key
    from tmkit.scoring import qa_score
    from tmkit.scoring.qa import source_characters

    segments = []
    translated = fuzzy = empty = chars = 0
    qas = []
    others = []
    keys, all_marks = [], []
    same: dict[str, str] = {}  # one string object per class and title: written once
    every_field, found, chrfs = contents
    for j, fields in enumerate(every_field):
        m = _message(fields)
        seg = Segment(m, m.msgid, _target_text(m), chrf=None if chrfs is None else chrfs[j])
        seg.findings = [
            Finding(rule, severity, "", span=span, expected=expected, span_side=side)
            for rule, severity, expected, span, side in found.get(j, ())
        ]
        marks: tuple[Any, ...] = ()
        if matcher is not None and seg.source:
            key = text_key(seg.source, seg.target)
            marks = earlier.get(key) if earlier is not None else None
            if marks is None:
                marks = review._term_marks(seg.source, seg.target, matcher)
            keys.append(key)
            all_marks.append(
                tuple(
                    (a, b, c, same.setdefault(css, css), same.setdefault(t, t))
                    for a, b, c, css, t in marks
                )
            )
            _mark_terms(seg, marks)
        _mark_findings(seg)
        own = source_characters([seg.source])
        qas.append(qa_score(seg.findings, own).score if seg.findings else 100.0)
        translated += m.translated
        fuzzy += m.fuzzy
        empty += not seg.target
        notes = (*m.extracted_comments, *m.translator_comments)
        if m.msgid_plural is None and INLINE_FLAG not in m.flags and INLINE_COMMENT not in notes:
            chars += own
        else:
            others.append(j)  # plural or inline markup: other sources (`messages_units`)
        segments.append(seg)
    part = encode_part(segments)
    counts = (translated, fuzzy, empty, chars, tuple(bins(qas)), tuple(others))
    return part.json, part.tables, counts, b"".join(keys), marshal.dumps(tuple(all_marks))


def make_parts(
    messages: Sequence[Message],
    units: Sequence[str],
    placed: dict[int, list[Finding]],
    chrf: dict[int, float] | None,
    matcher: Any,
    kept: Any = None,
) -> Parts:
    """The parts of ``messages`` (``units``: their unit ids; ``placed``: the findings of
    each, by index; ``chrf``: each one's chrF, by index). ``kept``: a table of the
    build cache (`tmkit.ops.build_cache`) of parts by their key, for this glossary."""
    out = Parts()
    every = _placed_by_run(placed, runs(messages, units))
    if kept is None:
        for run, mine in every:
            contents, said = _contents(messages, run, mine, chrf)
            out.add(_make(contents, matcher, None), run, said, messages)
        return out
    # the parts the cache holds first; then those to make, their glossary marks taken
    # from the stored parts this build did not use (when there are any: not in a full
    # build, which makes each part as it comes)
    earlier = bool(kept.stored)
    found: list[tuple[range, list[str], Any]] = []
    missing: dict[int, tuple[bytes, Contents]] = {}
    for run, mine in every:
        contents, said = _contents(messages, run, mine, chrf)
        key = _key(contents)
        value = kept.get(key)
        if value is None and not earlier:
            value = kept.put(key, _make(contents, matcher, None))
        if value is None:
            missing[len(found)] = (key, contents)
        found.append((run, said, value))
        del contents
    if missing:
        unused = _EarlierMarks(v for k, v in kept.stored.items() if k not in kept.used)
        for at, (key, contents) in missing.items():
            run, said, _ = found[at]
            found[at] = (run, said, kept.put(key, _make(contents, matcher, unused)))
    for run, said, value in found:
        out.add(value, run, said, messages)
    return out
