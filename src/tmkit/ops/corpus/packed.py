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
from typing import Any

from tmkit.model.bulk import collector_paused
from tmkit.model.findings import Finding
from tmkit.model.units import Unit

Row = tuple[Any, ...]


def pack_findings(findings: Iterable[Finding]) -> list[Row]:
    shared: dict[str, str] = {}
    share = shared.setdefault
    return [
        (
            f.rule,
            f.severity,
            share(f.message, f.message),
            f.unit,
            f.file if f.file is None else share(f.file, f.file),
            f.line,
            f.source,
            f.target,
            f.span,
            f.expected,
            f.span_side,
        )
        for f in findings
    ]


def unpack_findings(rows: Iterable[Row]) -> list[Finding]:
    with collector_paused():
        return [Finding(*row) for row in rows]


def pack_unit(u: Unit) -> Row:
    """What a corpus check and its finding read of a unit: no inline-code content,
    notes or flags (partitions wait on disk until every shard is read)."""
    return (u.source, u.target, u.id, u.file, u.line, u.state, u.ignored)


def unpack_units(rows: Iterable[Row]) -> list[Unit]:
    with collector_paused():
        return [Unit(*row) for row in rows]
