"""Fuzzy matching of segments: a character-bigram index, rescored with rapidfuzz.

The score is ``rapidfuzz.fuzz.ratio`` on NFKC-normalised text, i.e.
``200 * LCS / (n1 + n2)`` where LCS is the longest common subsequence and
``n1``, ``n2`` the lengths. The index only decides which units are worth
scoring; it never changes a score, and it is *complete*: every unit whose
ratio reaches the threshold is scored. That makes `FuzzyIndex.best` return
exactly what brute force over all units would (ties: the earliest unit).

Why the filter is complete (the q-gram count lemma, for q = 2 and the Indel
distance that ``ratio`` is built on): align a unit ``s2`` to the query ``s1``
along an LCS of length ``L``. ``s1`` loses ``n1 - L`` characters and gains
``n2 - L``. A deleted character spoils at most 2 of ``s1``'s bigrams, an
insertion at most 1 (the bigram spanning the gap), and every bigram not
spoilt occurs in ``s2`` as well, at its own position. So the two strings
share at least ``(n1 - 1) - 2(n1 - L) - (n2 - L) = 3L - n1 - n2 - 1``
bigrams, counted as multisets. For ``ratio >= t`` the LCS is at least
``L_min = ceil(t (n1 + n2) / 200)``, which gives, for each unit length
``n2``, a number ``need(n2)`` of bigrams any match must share. Bigrams are
indexed with their occurrence number (the 2nd ``ます`` is its own key) so
that a plain count of shared keys is the multiset count.

Candidates come from a prefix filter: if a match must share ``k`` of the
query's ``m`` keys, it shares at least one of any ``m - k + 1`` of them, so
only the postings of the rarest ``m - k + 1`` keys are read. Lengths for
which ``need <= 0`` (very short strings, low thresholds) cannot be filtered
and their units are scanned outright, so the result stays exact.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from tmkit.text.normalize.width import fold_width

#: score slack when turning a threshold into a minimum LCS, so that float rounding in
#: rapidfuzz can never make the bound stricter than its own ``score >= threshold``
_EPSILON = 1e-7
_CODE_BITS = 21  # Unicode code points fit in 21 bits
_OWNER_BITS = 21  # units per index before falling back to a slower sort
#: candidates scored first in `FuzzyIndex.best` to raise the threshold for the rest
_PROBE = 24
#: candidates from the prefix filter past which more postings are read to drop some
_TIGHTEN_FROM = 2_000
_NEVER = np.iinfo(np.int64).max // 4
_EMPTY = np.empty(0, dtype=np.int64)
#: a score found raises the filter's threshold to that score minus this, so that
#: float rounding can never make the filter drop a unit that scores it exactly
_SLACK = 1e-6


def normalize(text: str) -> str:
    """The form texts are compared in: NFKC (full-width Latin and digits → ASCII, etc.)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    # Japanese text is mostly NFKC but for full-width ASCII (１２, ＱＳＴ) and the
    # ideographic space, whose NFKC is the ASCII char `fold_width` gives (a regex pass,
    # where NFKC decomposes and recomposes the whole text): when what it gives is NFKC,
    # it is the text's NFKC (those chars decompose to ASCII, which composes with nothing
    # before it; tests/test_fuzzy.py holds it to unicodedata)
    folded = fold_width(text)
    if folded is not text and unicodedata.is_normalized("NFKC", folded):
        return folded
    return unicodedata.normalize("NFKC", text)


def score(a: str, b: str) -> float:
    """The match score of two texts, 0–100 (``fuzz.ratio`` on their NFKC forms)."""
    return fuzz.ratio(normalize(a), normalize(b))


@dataclass(frozen=True, slots=True)
class FuzzyMatch:
    """A unit of the index (its position in the texts given) and its score."""

    index: int
    score: float


def _bigrams(codes: np.ndarray) -> np.ndarray:
    """Bigram codes (``first << 21 | second``) of a code-point array."""
    return (codes[:-1].astype(np.int64) << _CODE_BITS) | codes[1:].astype(np.int64)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


class FuzzyIndex:
    """An index over texts (normalised on the way in) answering best-match queries."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts: list[str] = [normalize(t) for t in texts]
        n = len(self.texts)
        self.lengths = np.fromiter((len(t) for t in self.texts), dtype=np.int64, count=n)
        # units grouped by length, for the lengths that must be scanned outright
        self._by_length = np.argsort(self.lengths, kind="stable")
        self._max_length = int(self.lengths.max()) if n else 0
        self._length_starts = np.searchsorted(
            self.lengths[self._by_length], np.arange(self._max_length + 2)
        )
        codes = _code_points("".join(self.texts))
        owners = np.repeat(np.arange(n, dtype=np.int64), self.lengths)
        if len(codes) > 1:
            inside = owners[:-1] == owners[1:]  # no bigram straddles two texts
            grams = _bigrams(codes)[inside]
            owners = owners[:-1][inside]
            del inside
        else:
            grams, owners = np.empty(0, np.int64), owners[:0]
        del codes
        # postings per bigram, ascending by unit; one unit's repeats of a bigram are adjacent
        if n < (1 << _OWNER_BITS):
            grams <<= _OWNER_BITS
            grams |= owners
            del owners
            grams.sort()
            owners = grams & ((1 << _OWNER_BITS) - 1)
            grams >>= _OWNER_BITS
        else:
            order = np.lexsort((owners, grams))
            grams, owners = grams[order], owners[order]
        self._owners = owners.astype(np.int32)
        new_gram = np.ones(len(grams), dtype=bool)
        new_gram[1:] = grams[1:] != grams[:-1]
        self._starts = np.flatnonzero(new_gram)
        self._grams = grams[self._starts]
        self._ends = np.append(self._starts[1:], len(grams))
        # units containing each bigram (document frequency), to read rare bigrams first
        new_unit = new_gram.copy()
        new_unit[1:] |= owners[1:] != owners[:-1]
        self._frequency = np.add.reduceat(new_unit, self._starts) if len(grams) else grams

    def __len__(self) -> int:
        return len(self.texts)

    # -- saving and loading (a memory store caches its index beside itself) --

    _ARRAYS = ("lengths", "_by_length", "_length_starts", "_owners", "_starts", "_grams")
    _ARRAYS += ("_ends", "_frequency")

    def arrays(self) -> dict[str, np.ndarray]:
        """The index's arrays, for `from_arrays` (the texts are kept by the caller)."""
        return {name.lstrip("_"): getattr(self, name) for name in self._ARRAYS}

    @classmethod
    def from_arrays(cls, texts: Sequence[str], arrays: dict[str, np.ndarray]) -> FuzzyIndex:
        """An index from `arrays` of one built over ``texts`` (already normalised)."""
        index = cls.__new__(cls)
        index.texts = texts  # type: ignore[assignment]  # any sequence of str will do
        for name in cls._ARRAYS:
            # plain arrays over the same memory: slicing a np.memmap runs Python code
            # (tens of microseconds), and a lookup slices postings hundreds of times
            setattr(index, name, arrays[name.lstrip("_")].view(np.ndarray))
        index._max_length = int(index.lengths.max()) if len(index.lengths) else 0
        return index

    # -- queries ------------------------------------------------------------

    def best(self, query: str, threshold: float = 75.0) -> FuzzyMatch | None:
        """The highest-scoring unit with score >= threshold; ties go to the earliest unit."""
        q = self._query(normalize(query))
        # a cheap probe first: the units holding the query's rarest bigrams. Their
        # best score is a threshold every true best match also reaches, and a
        # higher threshold filters far harder (the bound is complete for any one).
        # rapidfuzz itself is always called with the caller's threshold, as brute
        # force would be: only the filter uses the raised one.
        raised = threshold
        probe = self._probe(q)
        if len(probe):
            found = self._extract_one(q.text, probe, threshold)
            if found is not None:
                raised = max(raised, found.score - _SLACK)
        units, bound = self._candidates(q, raised)
        if len(units) > _PROBE:
            # still many: score the most promising few to raise it again
            chosen = np.sort(np.argsort(-bound, kind="stable")[:_PROBE])
            found = self._extract_one(q.text, units[chosen], threshold)
            if found is not None and found.score - _SLACK > raised:
                raised = found.score - _SLACK
                keep = bound >= self._need_by_length(q.n1, raised)[self.lengths[units]]
                units = units[keep]
        return self._extract_one(q.text, units, threshold)

    def matches(
        self, query: str, threshold: float = 75.0, limit: int | None = None
    ) -> list[FuzzyMatch]:
        """Every unit with score >= threshold, best first (score descending, then index)."""
        q = self._query(normalize(query))
        candidates = self._candidates(q, threshold)[0].tolist()
        if not candidates:
            return []
        found = process.extract(
            q.text,
            _texts_at(self.texts, candidates),
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=threshold,
            limit=None,
        )
        out = sorted(
            (FuzzyMatch(candidates[pos], sc) for _, sc, pos in found),
            key=lambda m: (-m.score, m.index),
        )
        return out if limit is None else out[:limit]

    def _extract_one(self, query: str, units: np.ndarray, threshold: float) -> FuzzyMatch | None:
        """rapidfuzz over ``units`` (ascending), so that a tie goes to the earliest."""
        if len(units) == 0:
            return None
        ids = units.tolist()
        found = process.extractOne(
            query,
            _texts_at(self.texts, ids),
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=threshold,
        )
        return None if found is None else FuzzyMatch(ids[found[2]], found[1])

    # -- the filter ---------------------------------------------------------

    def _query(self, text: str) -> _Query:
        grams, counts = np.unique(_bigrams(_code_points(text)), return_counts=True)
        if len(self._grams) == 0:
            zeros = np.zeros(len(grams), dtype=np.int64)
            return _Query(text, grams, counts, zeros, zeros, zeros)
        pos = np.searchsorted(self._grams, grams)
        pos_clipped = np.minimum(pos, len(self._grams) - 1)
        present = (pos < len(self._grams)) & (self._grams[pos_clipped] == grams)
        return _Query(
            text,
            grams,
            counts,
            np.where(present, self._starts[pos_clipped], 0),
            np.where(present, self._ends[pos_clipped], 0),
            np.where(present, self._frequency[pos_clipped], 0),
        )

    def _probe(self, q: _Query) -> np.ndarray:
        """Units holding one of the query's rarest bigrams (a few dozen at most)."""
        chunks = []
        size = 0
        for i in q.order.tolist():
            if q.ends[i] == q.starts[i]:
                continue
            # a few units of each are enough: any score found is a lower bound on the
            # best one, and a common bigram's whole postings would cost more than the probe saves
            take = min(int(q.ends[i] - q.starts[i]), _PROBE - size)
            chunks.append(self._owners[q.starts[i] : q.starts[i] + take])
            size += take
            if size >= _PROBE or len(chunks) >= 3:
                break
        if not chunks:
            return _EMPTY
        return np.unique(np.concatenate(chunks)).astype(np.int64)

    def _need_by_length(self, n1: int, threshold: float) -> np.ndarray:
        """For each unit length: the bigrams a unit must share to reach ``threshold``.

        Lengths that cannot reach it at all get a number no unit can share.
        """
        t = min(float(threshold), 100.0)
        n2 = np.arange(self._max_length + 1, dtype=np.int64)
        lcs_min = np.maximum(np.ceil((t - _EPSILON) * (n1 + n2) / 200).astype(np.int64), 0)
        need = 3 * lcs_min - n1 - n2 - 1
        need[lcs_min > np.minimum(n1, n2)] = _NEVER
        return need

    def _candidates(self, q: _Query, threshold: float) -> tuple[np.ndarray, np.ndarray]:
        """Unit ids (ascending) that may reach ``threshold``, a superset of the true matches,
        with an upper bound on the bigrams each shares with the query (`_NEVER` where
        the unit was not counted but scanned outright)."""
        n = len(self.texts)
        if n == 0:
            return _EMPTY, _EMPTY
        if threshold <= 0:
            return np.arange(n), np.full(n, _NEVER)
        if q.n1 == 0:
            # rapidfuzz scores two empty strings 100 and empty vs non-empty 0
            units = np.sort(self._units_of_lengths([0]))
            return units, np.full(len(units), _NEVER)
        need = self._need_by_length(q.n1, threshold)
        scan = np.flatnonzero(need <= 0)
        counted = need[need > 0]
        counted = counted[counted < _NEVER]
        parts = []
        if len(scan):
            units = self._units_of_lengths(scan.tolist())
            parts.append((units, np.full(len(units), _NEVER)))
        if len(counted):
            # scanned lengths are already in; count only the others
            parts.append(self._filtered(q, int(counted.min()), np.where(need > 0, need, _NEVER)))
        if not parts:
            return _EMPTY, _EMPTY
        if len(parts) == 1:
            return parts[0]
        units = np.concatenate([p[0] for p in parts])
        bound = np.concatenate([p[1] for p in parts])
        order = np.argsort(units, kind="stable")
        return units[order], bound[order]

    def _units_of_lengths(self, lengths: Sequence[int]) -> np.ndarray:
        chunks = [
            self._by_length[self._length_starts[k] : self._length_starts[k + 1]]
            for k in lengths
            if k <= self._max_length
        ]
        return np.sort(np.concatenate(chunks)) if chunks else _EMPTY

    def _filtered(
        self, q: _Query, k_min: int, need_by_length: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Units (ascending) that may share enough bigrams (as multisets) with the query
        for their length, and an upper bound on how many they share."""
        # prefix filter: a match shares >= k_min of the query's m bigrams, so it
        # shares one of any m - k_min + 1 of them; read the rarest bigrams until
        # that many occurrences are covered
        covered = np.cumsum(q.counts[q.order])
        n_read = int(np.searchsorted(covered, q.m - k_min + 1)) + 1
        chunks = [self._owners[q.starts[i] : q.ends[i]] for i in q.order[:n_read].tolist()]
        chunks = [c for c in chunks if len(c)]
        if not chunks:
            return _EMPTY, _EMPTY
        read = np.concatenate(chunks)
        # a unit shares at most its entries among the bigrams read (an entry per
        # occurrence) plus every occurrence of the bigrams not read
        unread = q.m - int(covered[min(n_read, len(covered)) - 1])
        if len(read) * 16 < len(self.texts):
            units, entries = np.unique(read, return_counts=True)
            bound = entries + unread
            keep = bound >= need_by_length[self.lengths[units]]
            return units[keep].astype(np.int64), bound[keep]
        # many entries: count them densely. Every candidate's count reaches at least
        # k_min - unread, so a scan for that picks the few to test against their own
        # length's need (a per-unit gather over the whole index would cost more than
        # the rest of the lookup)
        counts = np.bincount(read, minlength=len(self.texts))
        units, bound = self._select(counts, unread, k_min, need_by_length)
        if len(units) > _TIGHTEN_FROM and n_read < len(q.order):
            # many candidates: reading more lists tightens every bound (the unread share
            # shrinks), and a candidate to rescore costs as much as ~1000 posting entries.
            # Read the next lists, up to as many entries again as were read.
            more = q.order[n_read:].tolist()
            sizes = np.cumsum([int(q.ends[i] - q.starts[i]) for i in more])
            take = int(np.searchsorted(sizes, min(len(read), 1000 * len(units)), side="right"))
            if take:
                extra = np.concatenate([self._owners[q.starts[i] : q.ends[i]] for i in more[:take]])
                counts += np.bincount(extra, minlength=len(self.texts))
                unread -= int(covered[n_read + take - 1] - covered[n_read - 1])
                units, bound = self._select(counts, unread, k_min, need_by_length)
        return units, bound

    def _select(
        self, counts: np.ndarray, unread: int, k_min: int, need_by_length: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Units whose bound (``counts`` plus the ``unread`` share) reaches their
        length's need, and that bound."""
        floor = k_min - unread
        units = np.flatnonzero(counts >= floor) if floor > 0 else np.arange(len(counts))
        bound = counts[units] + unread
        keep = bound >= need_by_length[self.lengths[units]]
        return units[keep], bound[keep]


def _texts_at(texts: Sequence[str], ids: list[int]) -> list[str]:
    """``[texts[i] for i in ids]``, through ``texts.take`` where the sequence has one
    (a saved index decodes its texts in one go, not one by one)."""
    take = getattr(texts, "take", None)
    return take(ids) if take is not None else [texts[i] for i in ids]


class _Query:
    """A normalised query and where its bigrams' postings lie."""

    __slots__ = ("counts", "ends", "frequency", "grams", "m", "n1", "order", "starts", "text")

    def __init__(
        self,
        text: str,
        grams: np.ndarray,
        counts: np.ndarray,
        starts: np.ndarray,
        ends: np.ndarray,
        frequency: np.ndarray,
    ) -> None:
        self.text = text
        self.n1 = len(text)
        self.grams = grams
        self.counts = counts
        self.m = int(counts.sum())
        self.starts = starts
        self.ends = ends
        self.frequency = frequency
        #: bigrams from the rarest to the most frequent (absent ones first)
        self.order = np.argsort(frequency, kind="stable")
