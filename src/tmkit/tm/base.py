"""The `TranslationMemory` protocol, the entry and hit it deals in, and the conflict rule.

Every back end (`tmkit.tm.memory` in memory, `tmkit.tm.sqlite`, `tmkit.tm.postgres`)
answers the same questions the same way:

* ``exact(source, context)``: the unit with that source and context, else one
  with that source (earliest added first);
* ``fuzzy(source, threshold, limit)``: units whose source scores at least
  ``threshold`` against it (`tmkit.text.fuzzy.score`), best first, ties to the
  earliest added unit: exactly what brute force over every unit returns;
* ``find``: exact, then the best fuzzy match (what pretranslation asks);
* ``add(entries, prefer)``: new units, and a policy for a unit whose key
  (source, context, project) is known with another target.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

DEFAULT_THRESHOLD = 75.0

Prefer = Literal["newest", "first", "keep-both"]
PREFER_CHOICES: tuple[Prefer, ...] = ("newest", "first", "keep-both")


@dataclass(frozen=True, slots=True)
class TmEntry:
    """One unit of a memory: a source, its translation, and where it came from.

    Dates are TMX dates (``20261202T101500Z``), which sort as strings.
    """

    source: str
    target: str
    context: str | None = None
    origin: str | None = None
    project: str | None = None
    creator: str | None = None
    created: str | None = None
    changed: str | None = None


@dataclass(frozen=True, slots=True)
class TmHit:
    entry: TmEntry
    kind: Literal["context", "source", "fuzzy"]
    score: float = 100.0

    @property
    def exact(self) -> bool:
        return self.kind != "fuzzy"


@dataclass(frozen=True, slots=True)
class Conflict:
    """A known key met with another target: what was kept and what was not."""

    source: str
    context: str | None
    kept: str
    other: str
    origin: str | None
    #: "replaced" (the new target won), "dropped" (the old one stayed) or "kept-both"
    outcome: str


@dataclass(slots=True)
class AddReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    kept_both: int = 0
    dropped: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
            f"{self.kept_both} kept both, {self.dropped} dropped; {len(self.conflicts)} conflicts"
        )


def entry_date(entry: TmEntry) -> str:
    return entry.changed or entry.created or ""


def newer(incoming: TmEntry, known: TmEntry) -> bool:
    """``newest`` policy: does ``incoming`` replace ``known``?

    The later change date wins; on equal dates the greater target does, so that
    the outcome never depends on the order two imports ran in.
    """
    a, b = entry_date(incoming), entry_date(known)
    if a != b:
        return a > b
    return incoming.target > known.target


def check_prefer(prefer: str) -> Prefer:
    from tmkit.model.errors import UsageError

    if prefer not in PREFER_CHOICES:
        raise UsageError(f"--prefer must be one of {', '.join(PREFER_CHOICES)}, not {prefer!r}")
    return prefer  # type: ignore[return-value]


@runtime_checkable
class TranslationMemory(Protocol):
    """What merge, update, build, stats and the ``tm`` commands need of a memory."""

    def languages(self) -> tuple[str | None, str | None]:
        """(source, target) languages, None where the memory does not say."""
        ...

    def add(self, entries: Iterable[TmEntry], prefer: Prefer = "newest") -> AddReport: ...

    def exact(self, source: str, context: str | None = None) -> TmHit | None: ...

    def fuzzy(
        self, source: str, threshold: float = DEFAULT_THRESHOLD, limit: int | None = 1
    ) -> list[TmHit]: ...

    def find(
        self, source: str, context: str | None = None, threshold: float = DEFAULT_THRESHOLD
    ) -> TmHit | None: ...

    def __iter__(self) -> Iterator[TmEntry]: ...

    def __len__(self) -> int: ...


def find(
    memory: TranslationMemory, source: str, context: str | None, threshold: float
) -> TmHit | None:
    """Exact (with context, then without), then the best fuzzy match."""
    hit = memory.exact(source, context)
    if hit is not None:
        return hit
    best = memory.fuzzy(source, threshold, 1)
    return best[0] if best else None


class ChainedMemory:
    """Several memories asked in order: an exact match in any beats a fuzzy one, and
    among fuzzy matches the best score wins, ties to the earlier memory."""

    def __init__(self, memories: list[TranslationMemory]) -> None:
        self.memories = memories

    def languages(self) -> tuple[str | None, str | None]:
        for m in self.memories:
            langs = m.languages()
            if any(langs):
                return langs
        return None, None

    def add(self, entries: Iterable[TmEntry], prefer: Prefer = "newest") -> AddReport:
        return self.memories[0].add(entries, prefer)

    def exact(self, source: str, context: str | None = None) -> TmHit | None:
        for m in self.memories:
            hit = m.exact(source, context)
            if hit is not None and hit.kind == "context":
                return hit
        for m in self.memories:
            hit = m.exact(source, None)
            if hit is not None:
                return TmHit(hit.entry, "source")
        return None

    def fuzzy(
        self, source: str, threshold: float = DEFAULT_THRESHOLD, limit: int | None = 1
    ) -> list[TmHit]:
        hits = [
            (h, i) for i, m in enumerate(self.memories) for h in m.fuzzy(source, threshold, limit)
        ]
        hits.sort(key=lambda p: (-p[0].score, p[1]))  # stable: each memory's own order kept
        out = [h for h, _ in hits]
        return out if limit is None else out[:limit]

    def find(
        self, source: str, context: str | None = None, threshold: float = DEFAULT_THRESHOLD
    ) -> TmHit | None:
        return find(self, source, context, threshold)

    def __iter__(self) -> Iterator[TmEntry]:
        for m in self.memories:
            yield from m

    def __len__(self) -> int:
        return sum(len(m) for m in self.memories)

    def close(self) -> None:
        for m in self.memories:
            getattr(m, "close", lambda: None)()
