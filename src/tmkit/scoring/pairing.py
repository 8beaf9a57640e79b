"""Pair the units of hypothesis and reference files by key, reporting what does not pair.

A unit is scored only when every file has it (and every reference has it
translated): the number of references then stays fixed, as in sacrebleu's
command line. Everything else lands in `Unmatched`, never silently dropped.

Plain-text files pair by line and stream: `pair_units` yields pairs as it
reads, and the `Unmatched` record is complete once the iterator is exhausted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from tmkit.model.errors import UsageError
from tmkit.scoring.units import KeyedUnit, UnitFile


@dataclass(frozen=True, slots=True)
class Pair:
    label: str
    source: str | None
    #: the texts of the scored files, in file order (hypotheses first, then references)
    texts: tuple[str, ...]
    #: 1-based line of the unit in the first (hypothesis) file, when known
    line: int | None = None


@dataclass(frozen=True, slots=True)
class UnmatchedUnit:
    label: str
    #: the file it was found in first, and its line there
    file: str
    line: int | None
    missing_from: tuple[str, ...]
    #: "missing" (absent from some files) or "untranslated" (empty or fuzzy in a reference)
    reason: str = "missing"

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.label,
            "file": self.file,
            "line": self.line,
            "reason": self.reason,
            "missing_from": list(self.missing_from),
        }


@dataclass(slots=True)
class Unmatched:
    units: list[UnmatchedUnit] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.units)

    def to_dict(self) -> dict[str, Any]:
        by_reason: dict[str, int] = {}
        for unit in self.units:
            by_reason[unit.reason] = by_reason.get(unit.reason, 0) + 1
        return {
            "count": len(self.units),
            "by_reason": dict(sorted(by_reason.items())),
            "units": [u.to_dict() for u in self.units],
        }


def pair_units(
    files: Sequence[UnitFile], n_hypotheses: int, unmatched: Unmatched
) -> Iterator[Pair]:
    """Yield one `Pair` per key that all ``files`` share.

    The first ``n_hypotheses`` files are hypotheses (any text is scored, even an
    empty one); the rest are references, whose units must be translated.
    """
    kinds = {f.kind == "text" for f in files}
    if len(kinds) > 1:
        names = ", ".join(f"{f.path} ({f.kind})" for f in files)
        raise UsageError(f"cannot pair plain text by line with keyed PO/TMX units: {names}")
    if files[0].kind == "text":
        return _pair_lines(files, unmatched)
    return _pair_keys(files, n_hypotheses, unmatched)


def _pair_lines(files: Sequence[UnitFile], unmatched: Unmatched) -> Iterator[Pair]:
    paths = [f.path for f in files]
    for units in zip_longest(*(f.units for f in files)):
        if all(u is not None for u in units):
            yield Pair(units[0].label, None, tuple(u.target for u in units), units[0].line)
            continue
        have = next(i for i, u in enumerate(units) if u is not None)
        unmatched.units.append(
            UnmatchedUnit(
                units[have].label,
                paths[have],
                int(units[have].key[1]),
                tuple(p for p, u in zip(paths, units, strict=True) if u is None),
            )
        )


def _pair_keys(
    files: Sequence[UnitFile], n_hypotheses: int, unmatched: Unmatched
) -> Iterator[Pair]:
    tables: list[dict[tuple[str, str, int], KeyedUnit]] = []
    for f in files:
        tables.append({u.key: u for u in f.units})
    paths = [f.path for f in files]
    pairs: list[Pair] = []
    reported: set[tuple[str, str, int]] = set()
    for table, path in zip(tables, paths, strict=True):
        for key, unit in table.items():
            if key in reported:
                continue
            found = [t.get(key) for t in tables]
            missing = tuple(p for p, u in zip(paths, found, strict=True) if u is None)
            untranslated = tuple(
                p
                for i, (p, u) in enumerate(zip(paths, found, strict=True))
                if i >= n_hypotheses and u is not None and not u.translated
            )
            if not missing and not untranslated:
                if table is tables[0]:
                    pairs.append(
                        Pair(unit.label, unit.source, tuple(u.target for u in found), unit.line)
                    )
                continue
            reported.add(key)
            reason = "missing" if missing else "untranslated"
            unmatched.units.append(
                UnmatchedUnit(unit.label, path, unit.line, missing or untranslated, reason)
            )
    return iter(pairs)
