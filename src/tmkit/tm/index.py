"""The fuzzy index of a stored memory: a saved base plus the units added since.

A store's fuzzy lookups are `tmkit.text.fuzzy.FuzzyIndex` lookups, so they are
exact by the same proof, on every back end. Building the index costs seconds per
100k units, so it is saved beside the store (``tm.db-index/`` for SQLite, the
user's cache directory for PostgreSQL) and reused:

* Unit ids grow in commit order (writers hold the store's write lock), and a
  unit's source never changes once stored (newest-wins replaces targets only).
  So the base, built over every unit up to some id, stays right while units are
  only added. Units added since are indexed in a few smaller segments (merged
  two by two up to `MERGE_LIMIT` units) and a short tail scored by brute force.
  Every part covers a run of ascending ids, so taking the best part by part, a
  later part winning only with a strictly higher score, keeps the earliest-unit
  tie rule.
* Deleting units bumps the store's *epoch*; a base of another epoch is dropped.
* A reader never rebuilds the base because of writes: a new unit costs it a few
  microseconds (its share of a segment build). The base is built by the first
  reader of a store that has none (one process at a time, under a lock file; the
  others then load what it saved), and rebuilt by a writer (`StoreIndex.save`,
  run by ``tm import`` after its commit) once the units added since it are many
  (`DELTA_LIMIT`, or a tenth of the base). Readers pick a newer saved base up
  when they next index a segment.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from tmkit.text.fuzzy import FuzzyIndex, FuzzyMatch, normalize

try:
    import fcntl
except ImportError:  # no flock (Windows): every process builds its own base
    fcntl = None  # type: ignore[assignment]

#: a writer rebuilds the saved base once the units added since hold this many (or a
#: tenth of the base)
DELTA_LIMIT = 50_000
#: index the newest units once there are more than this many (below, brute force is quick)
TAIL_LIMIT = 2_000
#: segments stop merging at this size (a bigger merge would stall the lookup that pays it)
MERGE_LIMIT = 8_000
#: seconds to wait for another process building the base before building one's own
BUILD_WAIT = 600.0


#: the codec's own function: `str(data, "utf-32-le")` costs three times as much a text
_decode = codecs.utf_32_le_decode


class PackedTexts(Sequence[str]):
    """Texts kept as one array of code points, decoded on access (so that loading a
    saved index of a million units costs a memory map, not a million strings)."""

    def __init__(self, codes: np.ndarray, offsets: np.ndarray) -> None:
        # plain arrays over the same memory: numpy's memmap class costs microseconds a slice
        self.codes, self.offsets = codes.view(np.ndarray), offsets.view(np.ndarray)
        self._bytes = memoryview(np.ascontiguousarray(self.codes)).cast("B")

    @classmethod
    def pack(cls, texts: list[str]) -> PackedTexts:
        codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum([len(t) for t in texts], out=offsets[1:])
        return cls(codes, offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i):  # type: ignore[override]
        start, end = int(self.offsets[i]), int(self.offsets[i + 1])
        return _decode(self._bytes[4 * start : 4 * end])[0]

    def take(self, ids: list[int]) -> list[str]:
        """The texts at ``ids``, decoded in one pass (what a lookup's candidates need)."""
        at = np.asarray(ids, dtype=np.int64)
        starts = (self.offsets[at] * 4).tolist()
        ends = (self.offsets[at + 1] * 4).tolist()
        data, decode = self._bytes, _decode
        return [decode(data[a:b])[0] for a, b in zip(starts, ends, strict=True)]


@dataclass(frozen=True, slots=True)
class Hit:
    """A unit id of the store and its score."""

    id: int
    score: float


class _Segment:
    """A `FuzzyIndex` over a run of units with ascending ids."""

    __slots__ = ("ids", "index")

    def __init__(self, index: FuzzyIndex, ids: np.ndarray) -> None:
        self.index, self.ids = index, ids

    @classmethod
    def build(cls, texts: list[str], ids: np.ndarray) -> _Segment:
        return cls(FuzzyIndex(texts), ids)

    def __len__(self) -> int:
        return len(self.ids)


def with_news(
    found: list[Hit],
    news: Sequence[tuple[int, str]],
    query: str,
    threshold: float,
    limit: int | None,
) -> list[Hit]:
    """The hits of a lookup over every unit up to some id, brought up to date with
    ``news``, units of greater ids: the same list a lookup over all of them gives
    (score descending, the earlier unit first on a tie)."""
    q = normalize(query)
    ids = [unit_id for unit_id, _ in news]
    texts = [normalize(text) for _, text in news]
    if limit == 1:
        best = _best_after(found[0] if found else None, q, ids, texts, threshold)
        return [best] if best is not None else []
    return _ranked(found + _hits_in(q, ids, texts, threshold), limit)


def _best_after(
    best: Hit | None, q: str, ids: Sequence[int], texts: list[str], threshold: float
) -> Hit | None:
    """``best`` against units of greater ids (``texts`` normalised), scored by brute
    force: one of them wins only with a strictly higher score (ties: the earlier unit)."""
    if not texts:
        return best
    cutoff = threshold if best is None else best.score
    extra = process.extractOne(q, texts, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff)
    if extra is None or (best is not None and extra[1] <= best.score):
        return best
    return Hit(ids[extra[2]], extra[1])


def _hits_in(q: str, ids: Sequence[int], texts: list[str], threshold: float) -> list[Hit]:
    """Every unit of ``texts`` (normalised) scoring ``threshold`` or more, by brute force."""
    extra = process.extract(
        q, texts, scorer=fuzz.ratio, processor=None, score_cutoff=threshold, limit=None
    )
    return [Hit(ids[pos], sc) for _, sc, pos in extra]


def _ranked(hits: list[Hit], limit: int | None) -> list[Hit]:
    """Best first: score descending, then the earlier unit."""
    hits.sort(key=lambda h: (-h.score, h.id))
    return hits if limit is None else hits[:limit]


class StoreIndex:
    """Fuzzy lookups over a store's units, given how to read them.

    ``read_units(after)`` yields ``(id, normalised source)`` for every unit with a
    greater id, ascending; ``cache_dir`` (None: no cache) holds saved bases.

    Units added since the base are kept as a few more indexes of growing size
    (merged two by two, as a log-structured tree does) and a short tail scored
    by brute force, so a reader under a steady writer indexes little at a time.
    """

    def __init__(
        self, read_units: Callable[[int], Iterable[tuple[int, str]]], cache_dir: Path | None
    ) -> None:
        self._read_units = read_units
        self._cache_dir = cache_dir
        #: the store's epoch this index is of (None: not loaded yet)
        self.epoch: str | None = None
        #: the saved base first, then newer segments; ids ascend across them
        self._segments: list[_Segment] = []
        self._tail_ids: list[int] = []
        self._tail_texts: list[str] = []

    @property
    def last_id(self) -> int:
        if self._tail_ids:
            return self._tail_ids[-1]
        for segment in reversed(self._segments):
            if len(segment):
                return int(segment.ids[-1])
        return 0

    def refresh(self, epoch: str, last_id: int) -> None:
        """Bring the index up to a store whose epoch and greatest unit id are these."""
        if epoch != self.epoch:
            self.epoch, self._segments = epoch, []
            self._tail_ids, self._tail_texts = [], []
            base = self._load(epoch, last_id)
            if base is None and last_id > TAIL_LIMIT:
                base = self._build_base(epoch, last_id)
            if base is not None:
                self._segments = [base]
        if last_id > self.last_id:
            self.absorb(self._read_units(self.last_id))

    def absorb(self, units: Iterable[tuple[int, str]]) -> None:
        """Take units added to the store (ids ascending, all above `last_id`)."""
        for unit_id, text in units:
            self._tail_ids.append(unit_id)
            self._tail_texts.append(normalize(text))
        if len(self._tail_ids) <= TAIL_LIMIT:
            return
        newer = self._load(self.epoch or "", self.last_id, above=self._base_last())
        if newer is not None:
            # a writer saved a newer base: it covers most of what we hold
            self._segments, self._tail_ids, self._tail_texts = [newer], [], []
            self.absorb(self._read_units(self.last_id))
            return
        self._segments.append(
            _Segment.build(self._tail_texts, np.array(self._tail_ids, dtype=np.int64))
        )
        self._tail_ids, self._tail_texts = [], []
        # merge the newest segments while the last is as large as the one before
        while (
            len(self._segments) > 2
            and len(self._segments[-1]) >= len(self._segments[-2])
            and len(self._segments[-1]) + len(self._segments[-2]) <= MERGE_LIMIT
        ):
            b, a = self._segments.pop(), self._segments.pop()
            texts = list(a.index.texts) + list(b.index.texts)
            self._segments.append(_Segment.build(texts, np.concatenate([a.ids, b.ids])))

    def _base_last(self) -> int:
        if self._segments and len(self._segments[0]):
            return int(self._segments[0].ids[-1])
        return 0

    # -- lookups ----------------------------------------------------------------

    def best(self, query: str, threshold: float) -> Hit | None:
        q = normalize(query)
        best: Hit | None = None
        # segments in id order; a later one must score strictly higher (ties: earlier
        # unit), and what was found raises the next one's threshold
        for segment in self._segments:
            found = segment.index.best(q, threshold if best is None else best.score)
            if found is not None and (best is None or found.score > best.score):
                best = Hit(int(segment.ids[found.index]), found.score)
        return _best_after(best, q, self._tail_ids, self._tail_texts, threshold)

    def matches(self, query: str, threshold: float, limit: int | None) -> list[Hit]:
        q = normalize(query)
        hits: list[Hit] = []
        for segment in self._segments:
            found: list[FuzzyMatch] = segment.index.matches(q, threshold, limit)
            hits += [Hit(int(segment.ids[m.index]), m.score) for m in found]
        if self._tail_texts:
            hits += _hits_in(q, self._tail_ids, self._tail_texts, threshold)
        return _ranked(hits, limit)

    # -- the saved base -----------------------------------------------------------

    def save(self, epoch: str, last_id: int, units_since: Callable[[int], int]) -> bool:
        """A writer's upkeep after its commit: rebuild and save the base when there is
        none or the units added since it (``units_since(its last id)``) are many.

        Readers go on meanwhile with what they hold; the next segment they index
        picks the new base up. True when a base was saved.
        """
        if self._cache_dir is None or last_id <= TAIL_LIMIT:
            return False  # a store this small is scored by brute force
        with self._build_lock():
            saved = self._load(epoch, last_id)
            if saved is not None:
                size, behind = len(saved), units_since(int(saved.ids[-1]) if len(saved) else 0)
                if behind <= max(DELTA_LIMIT, size // 10):
                    return False
            self._build_and_save(epoch)
        return True

    def _path(self, epoch: str) -> Path | None:
        return None if self._cache_dir is None else self._cache_dir / f"index-{epoch}"

    def _load(self, epoch: str, last_id: int, above: int = -1) -> _Segment | None:
        """The saved base of ``epoch`` (None: none, or none covering more than ``above``)."""
        path = self._path(epoch)
        if path is None or not (path / "ids.npy").is_file():
            return None
        try:
            ids = np.load(path / "ids.npy", mmap_mode="r")
            end = int(ids[-1]) if len(ids) else 0
            if end > last_id or end <= above:
                # a base from units since deleted, or no newer than the one held
                return None
            arrays = {p.stem: np.load(p, mmap_mode="r") for p in path.glob("*.npy")}
            arrays.pop("ids")
            texts = PackedTexts(arrays.pop("codes"), arrays.pop("offsets"))
            return _Segment(FuzzyIndex.from_arrays(texts, arrays), ids)
        except (OSError, ValueError, KeyError):
            return None  # an unreadable cache is rebuilt, never trusted

    def _build_base(self, epoch: str, last_id: int) -> _Segment:
        """The first reader of a store without a saved base builds and saves one; the
        others wait for it and load it instead of building their own."""
        if self._cache_dir is None:
            return self._build(0)[0]
        with self._build_lock():
            saved = self._load(epoch, last_id)
            if saved is not None:
                return saved
            return self._build_and_save(epoch)

    def _build(self, after: int) -> tuple[_Segment, PackedTexts]:
        ids: list[int] = []
        texts: list[str] = []
        for unit_id, text in self._read_units(after):
            ids.append(unit_id)
            texts.append(normalize(text))
        index = FuzzyIndex(texts)
        packed = PackedTexts.pack(index.texts)
        return _Segment(index, np.array(ids, dtype=np.int64)), packed

    def _build_and_save(self, epoch: str) -> _Segment:
        segment, packed = self._build(0)
        path = self._path(epoch)
        if path is not None:
            # a read-only place: each reader builds its own
            with contextlib.suppress(OSError):
                self._save(path, segment.ids, packed, segment.index)
        return segment

    @contextlib.contextmanager
    def _build_lock(self) -> Iterator[None]:
        """One process at a time builds a base for this cache (none where locks fail)."""
        fd = None
        with contextlib.suppress(OSError):
            assert self._cache_dir is not None
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self._cache_dir / "build.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if fd is not None and fcntl is not None:
                deadline = time.monotonic() + BUILD_WAIT
                while True:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except OSError:
                        if time.monotonic() > deadline:
                            break  # a stuck builder: build our own rather than wait forever
                        time.sleep(0.05)
            yield
        finally:
            if fd is not None:
                os.close(fd)  # closing releases the lock

    def _save(self, path: Path, ids: np.ndarray, packed: PackedTexts, index: FuzzyIndex) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".index-", dir=path.parent))
        try:
            arrays = {**index.arrays(), "ids": ids, "codes": packed.codes}
            arrays["offsets"] = packed.offsets
            for name, array in arrays.items():
                np.save(tmp / f"{name}.npy", np.ascontiguousarray(array))
            old = path.with_name(path.name + f".old-{os.getpid()}")
            if path.exists():
                path.rename(old)  # readers holding it keep their memory maps
            tmp.rename(path)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        # bases of other epochs are of no use to anyone now
        for other in path.parent.glob("index-*"):
            if other.name != path.name and not other.name.startswith(path.name + ".old"):
                shutil.rmtree(other, ignore_errors=True)
