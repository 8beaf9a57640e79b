"""Findings and units as plain tuples, for the trip between processes.

A `Finding` or a `Unit` is a frozen slotted dataclass: pickle saves it through
Python-level ``__getstate__``/``__setstate__``, about 12 µs a finding each way,
and a corpus check returns hundreds of thousands of findings (consistency gives
one per unit of a group that disagrees). As tuples they pickle in C, about ten
times faster, and the client builds the findings again with the collector
paused. Equal messages and file names are made one object first, so pickle
writes each once (a consistency group's findings share their message): 100k
consistency findings take 15 MB instead of 55 MB.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from operator import eq
from typing import Any

from tmkit.model.bulk import collector_paused
from tmkit.model.findings import SEVERITY_RANK, Finding, sort_key
from tmkit.model.units import Unit

Row = tuple[Any, ...]


def order_rows(findings: Iterable[Finding]) -> list[Row]:
    """Findings as rows that are their own sort key: `sort_key`'s fields first, then
    the rest of the finding, then a mask of the fields that were None (so no None is
    ever compared). Sorting such rows is the corpus order (`in_corpus_order`), and
    the client of a Dask run only has to sort the rows of every task together (each
    task's rows come sorted, so the sort merges runs) and build each finding once."""
    shared: dict[str, str] = {}
    share = shared.setdefault
    rank = SEVERITY_RANK.get
    return [
        (
            "" if f.file is None else share(f.file, f.file),
            -1 if f.line is None else f.line,
            f.unit or "",
            rank(f.severity, 9),
            f.rule,
            f.span or (-1, -1),
            share(f.message, f.message),
            f.severity,
            f.source or "",
            f.target or "",
            f.expected or "",
            f.span_side,
            (f.file is None)
            | (f.line is None) << 1
            | (f.unit is None) << 2
            | (f.span is None) << 3
            | (f.source is None) << 4
            | (f.target is None) << 5
            | (f.expected is None) << 6,
        )
        for f in findings
    ]


_SET = {name: getattr(Finding, name).__set__ for name in Finding.__slots__}


def _from_row(
    r: Row,
    new: Any = object.__new__,
    cls: type = Finding,
    rule: Any = _SET["rule"],
    severity: Any = _SET["severity"],
    message: Any = _SET["message"],
    unit: Any = _SET["unit"],
    file: Any = _SET["file"],
    line: Any = _SET["line"],
    source: Any = _SET["source"],
    target: Any = _SET["target"],
    span: Any = _SET["span"],
    expected: Any = _SET["expected"],
    span_side: Any = _SET["span_side"],
) -> Finding:
    """The finding of an `order_rows` row. Its fields are set through the slots
    directly: the frozen dataclass's ``__init__`` (``object.__setattr__`` per field)
    took 1 µs a finding, and a Dask client builds millions of them at the end of a
    run, alone (the test compares the two ways field by field)."""
    m = r[12]
    f = new(cls)
    rule(f, r[4])
    severity(f, r[7])
    message(f, r[6])
    unit(f, None if m & 4 else r[2])
    file(f, None if m & 1 else r[0])
    line(f, None if m & 2 else r[1])
    source(f, None if m & 16 else r[8])
    target(f, None if m & 32 else r[9])
    span(f, None if m & 8 else r[5])
    expected(f, None if m & 64 else r[10])
    span_side(f, r[11])
    return f


def findings_of_rows(rows: Iterable[Row]) -> list[Finding]:
    with collector_paused():
        return [_from_row(r) for r in rows]


def tie_key(f: Finding) -> tuple[Any, ...]:
    """What orders findings whose `sort_key` is equal (as `order_rows` rows do)."""
    return order_rows([f])[0][7:]


def in_corpus_order(findings: list[Finding]) -> list[Finding]:
    """``findings`` sorted by `sort_key`, findings of equal keys by the rest of their
    fields: a total order, so that every engine and partitioning gives one order."""
    with collector_paused():
        keys = list(map(sort_key, findings))
        order = sorted(range(len(keys)), key=keys.__getitem__)
        ranked = [keys[i] for i in order]
        out = [findings[i] for i in order]
        del keys, order
        # equal keys are rare (two findings of one rule at one place): sorted apart
        ties = [i for i, same in enumerate(map(eq, ranked, islice(ranked, 1, None))) if same]
        for i in ties:
            if i and ranked[i - 1] == ranked[i]:
                continue  # inside a run of equal keys already sorted
            j = i + 1
            while j + 1 < len(ranked) and ranked[j + 1] == ranked[i]:
                j += 1
            out[i : j + 1] = sorted(out[i : j + 1], key=tie_key)
        return out


def pack_unit(u: Unit) -> Row:
    """What a corpus check and its finding read of a unit: no inline-code content,
    notes or flags (partitions wait on disk until every shard is read)."""
    return (u.source, u.target, u.id, u.file, u.line, u.state, u.ignored)


def unpack_units(rows: Iterable[Row]) -> list[Unit]:
    with collector_paused():
        return [Unit(*row) for row in rows]
