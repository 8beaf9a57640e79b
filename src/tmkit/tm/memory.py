"""The in-memory back end: a memory read from files (TMX, PO, …) and held in dicts,
with `tmkit.text.fuzzy.FuzzyIndex` built over its sources the first time a fuzzy
lookup needs it. Right for one translator and one run; `tmkit.tm.sqlite` and
`tmkit.tm.postgres` keep a memory between runs and share it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from tmkit.tm.base import (
    DEFAULT_THRESHOLD,
    AddReport,
    Conflict,
    Prefer,
    TmEntry,
    TmHit,
    check_prefer,
    newer,
)

if TYPE_CHECKING:
    from tmkit.text.fuzzy import FuzzyIndex


class MemoryLookup:
    """Exact lookups by (context, source) and by source, and a fuzzy index over sources.

    Built from entries, the first of several with one key wins (``prefer="first"``);
    `add` takes the other policies. Exact lookups compare texts as given.
    """

    def __init__(
        self,
        entries: Iterable[TmEntry] = (),
        source_lang: str | None = None,
        target_lang: str | None = None,
    ) -> None:
        self.source_lang, self.target_lang = source_lang, target_lang
        #: every unit, in the order added (a replaced one keeps its place)
        self.units: list[TmEntry] = []
        #: (context, source, project) → its unit, for the conflict policies
        self._by_key: dict[tuple[str | None, str, str | None], int] = {}
        #: (context, source) → the first unit with them, whatever its project
        self._by_context: dict[tuple[str | None, str], int] = {}
        self._by_source: dict[str, int] = {}
        self._entries: list[TmEntry] | None = None
        self._index: FuzzyIndex | None = None
        self.add(entries, "first")

    # -- the protocol ---------------------------------------------------------

    def languages(self) -> tuple[str | None, str | None]:
        return self.source_lang, self.target_lang

    def add(self, entries: Iterable[TmEntry], prefer: Prefer = "newest") -> AddReport:
        check_prefer(prefer)
        report = AddReport()
        for e in entries:
            key = (e.context, e.source, e.project)
            position = self._by_key.get(key)
            if position is None:
                self._by_key[key] = len(self.units)
                self._by_context.setdefault((e.context, e.source), len(self.units))
                self._by_source.setdefault(e.source, len(self.units))
                self.units.append(e)
                report.added += 1
                continue
            known = self.units[position]
            if known.target == e.target:
                report.unchanged += 1
            elif prefer == "keep-both":
                self.units.append(e)
                report.kept_both += 1
                report.conflicts.append(
                    Conflict(e.source, e.context, known.target, e.target, e.origin, "kept-both")
                )
            elif prefer == "newest" and newer(e, known):
                self.units[position] = e
                report.replaced += 1
                report.conflicts.append(
                    Conflict(e.source, e.context, e.target, known.target, e.origin, "replaced")
                )
            else:
                report.dropped += 1
                report.conflicts.append(
                    Conflict(e.source, e.context, known.target, e.target, e.origin, "dropped")
                )
        self._entries, self._index = None, None
        return report

    def exact(self, source: str, context: str | None = None) -> TmHit | None:
        position = self._by_context.get((context, source))
        if position is not None:
            return TmHit(self.units[position], "context")
        position = self._by_source.get(source)
        return None if position is None else TmHit(self.units[position], "source")

    def fuzzy(
        self, source: str, threshold: float = DEFAULT_THRESHOLD, limit: int | None = 1
    ) -> list[TmHit]:
        entries = self.entries
        if not entries:
            return []
        if limit == 1:
            best = self.index.best(source, threshold)
            return [] if best is None else [TmHit(entries[best.index], "fuzzy", best.score)]
        found = self.index.matches(source, threshold, limit)
        return [TmHit(entries[m.index], "fuzzy", m.score) for m in found]

    def find(
        self, source: str, context: str | None = None, threshold: float = DEFAULT_THRESHOLD
    ) -> TmHit | None:
        hit = self.exact(source, context)
        if hit is not None:
            return hit
        best = self.fuzzy(source, threshold, 1)
        return best[0] if best else None

    def __iter__(self) -> Iterator[TmEntry]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.entries)

    def close(self) -> None:
        pass

    # -- the fuzzy index --------------------------------------------------------

    @property
    def entries(self) -> list[TmEntry]:
        """The first unit of each distinct source, in order: what fuzzy lookups see
        (a later unit with the same source could never win a tie)."""
        if self._entries is None:
            self._entries = [self.units[p] for p in sorted(self._by_source.values())]
        return self._entries

    @property
    def index(self) -> FuzzyIndex:
        # numpy: imported only when fuzzy matching is needed
        from tmkit.text.fuzzy import FuzzyIndex

        if self._index is None:
            self._index = FuzzyIndex(e.source for e in self.entries)
        return self._index
