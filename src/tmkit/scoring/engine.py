"""Sufficient statistics in streamed chunks, across processes.

sacrebleu's corpus scores are functions of per-segment statistics summed over
the corpus. Each chunk of pairs goes to a worker that runs the metric's own
``_extract_corpus_statistics`` on it; the parent adds the results up and calls
the metric's ``_compute_score_from_stats`` once, so the figure is the one
sacrebleu computes, without sacrebleu's whole-corpus reference cache.

Integer statistics (BLEU, chrF) are summed per chunk in the worker, since
integer addition does not care about order. TER's average reference length is
a float, so its per-segment statistics come back and are added in corpus
order, exactly as sacrebleu's ``sum_of_lists`` does.

Only a bounded window of chunks is in flight, so memory stays flat however
long the input is. Small inputs are computed in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from tmkit.scoring.chrf_stats import chrf_family, chrf_statistics
from tmkit.scoring.metrics import MetricSpec, build_metric
from tmkit.scoring.sacrebleu_private import quiet, segment_statistics

#: pairs per chunk sent to a worker
CHUNK_SIZE = 2000
#: below this many pairs, starting processes costs more than it saves
PARALLEL_THRESHOLD = 6000
#: chunks in flight per worker (bounds memory)
WINDOW_PER_WORKER = 2

#: metrics whose statistics include floats, so they must be added in corpus order
ORDERED_SUM = frozenset({"ter"})

Chunk = tuple[list[str], list[list[str]]]


@dataclass(slots=True)
class MetricStats:
    spec: MetricSpec
    #: the corpus totals (None until a segment was added)
    totals: list[Any] | None = None
    #: per-segment statistics, when asked for (CI, segment scores)
    segments: list[list[Any]] | None = None
    count: int = 0

    def add_sum(self, chunk_total: list[Any], n: int) -> None:
        if self.totals is None:
            self.totals = list(chunk_total)
        else:
            self.totals = [a + b for a, b in zip(self.totals, chunk_total, strict=True)]
        self.count += n

    def add_in_order(self, seg_stats: list[list[Any]]) -> None:
        # sacrebleu.utils.sum_of_lists: start from the first value's type, add in order;
        # a single segment is used as it is.
        for seg in seg_stats:
            if self.totals is None:
                zero = type(seg[0])(0.0)
                self.totals = [zero] * len(seg)
            totals = self.totals
            for i, value in enumerate(seg):
                totals[i] += value
        self.count += len(seg_stats)

    def corpus_stats(self) -> list[Any]:
        if self.totals is None:
            raise ValueError("no segments")
        return list(self.totals)


@dataclass(slots=True)
class CorpusStats:
    metrics: list[MetricStats]
    n_segments: int = 0
    n_refs: int = 0
    workers: int = 1


# --- worker side --------------------------------------------------------------------

_WORKER_METRICS: list[tuple[MetricSpec, Any]] = []


def _init_worker(specs: Sequence[MetricSpec]) -> None:
    global _WORKER_METRICS
    _WORKER_METRICS = [(spec, _quiet(build_metric(spec))) for spec in specs]
    # Statistics are lists of ints and Counters without cycles: reference counting
    # frees them, and the cyclic collector would only rescan live n-gram tables.
    gc.disable()


def _quiet(metric: Any) -> Any:
    # BLEU's "tokenized period" warning counts lines per call, which per chunk would
    # warn at random; `force` only silences it and changes no figure or signature.
    return quiet(metric)


def _chunk_stats(chunk: Chunk, keep_segments: bool) -> list[tuple[str, Any, int]]:
    """Statistics of one chunk for every metric: ("sum", totals, n) or ("segments", list, n)."""
    hyps, refs = chunk
    # chrF and chrF++ count the same character n-grams: counted once for both
    families: dict[Any, list[int]] = {}
    for i, (_, metric) in enumerate(_WORKER_METRICS):
        family = chrf_family(metric)
        if family is not None:
            families.setdefault(family, []).append(i)
    shared: dict[int, list[Any]] = {}
    for members in families.values():
        found = chrf_statistics([_WORKER_METRICS[i][1] for i in members], hyps, refs)
        shared.update(zip(members, found, strict=True))
    out: list[tuple[str, Any, int]] = []
    for i, (spec, metric) in enumerate(_WORKER_METRICS):
        stats = shared[i] if i in shared else segment_statistics(metric, hyps, refs)
        if keep_segments or spec.name in ORDERED_SUM:
            out.append(("segments", stats, len(stats)))
        else:
            totals = [sum(column) for column in zip(*stats, strict=True)]
            out.append(("sum", totals, len(stats)))
    return out


def _chunk_stats_task(args: tuple[Chunk, bool]) -> list[tuple[str, Any, int]]:
    return _chunk_stats(*args)


# --- parent side --------------------------------------------------------------------


def _chunks(pairs: Iterable[tuple[str, Sequence[str]]], size: int) -> Iterator[Chunk]:
    it = iter(pairs)
    while True:
        block = list(islice(it, size))
        if not block:
            return
        hyps = [h for h, _ in block]
        n_refs = len(block[0][1])
        refs = [[r[i] for _, r in block] for i in range(n_refs)]
        yield hyps, refs


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def corpus_statistics(
    specs: Sequence[MetricSpec],
    pairs: Iterable[tuple[str, Sequence[str]]],
    *,
    keep_segments: bool = False,
    workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    parallel_threshold: int = PARALLEL_THRESHOLD,
) -> CorpusStats:
    """Corpus statistics of ``pairs`` (hypothesis, references) for each metric in ``specs``.

    ``workers`` None uses every available core; 1 never starts a process.
    Inputs shorter than ``parallel_threshold`` pairs are computed in-process.
    """
    result = CorpusStats([MetricStats(spec) for spec in specs])
    if keep_segments:
        for m in result.metrics:
            m.segments = []
    chunks = _chunks(pairs, chunk_size)
    n_workers = _default_workers() if workers is None else max(1, workers)

    # Read ahead up to the threshold: small inputs never pay for a pool.
    head: list[Chunk] = []
    buffered = 0
    for chunk in chunks:
        head.append(chunk)
        buffered += len(chunk[0])
        if buffered >= parallel_threshold:
            break
    if head:
        result.n_refs = len(head[0][1])
    stream = _prepend(head, chunks)

    if n_workers == 1 or buffered < parallel_threshold:
        collecting = gc.isenabled()
        _init_worker(specs)
        try:
            for chunk in stream:
                _fold(result, _chunk_stats(chunk, keep_segments))
        finally:
            if collecting:
                gc.enable()
        return result

    result.workers = n_workers
    ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ctx.Pool(n_workers, initializer=_init_worker, initargs=(tuple(specs),)) as pool:
        window: deque[Any] = deque()
        limit = n_workers * WINDOW_PER_WORKER
        for chunk in stream:
            window.append(pool.apply_async(_chunk_stats_task, ((chunk, keep_segments),)))
            if len(window) >= limit:
                _fold(result, window.popleft().get())
        while window:
            _fold(result, window.popleft().get())
    return result


def _prepend(head: list[Chunk], rest: Iterator[Chunk]) -> Iterator[Chunk]:
    while head:
        yield head.pop(0)
    yield from rest


def _fold(result: CorpusStats, chunk_result: list[tuple[str, Any, int]]) -> None:
    for stats, (mode, payload, n) in zip(result.metrics, chunk_result, strict=True):
        if mode == "sum":
            stats.add_sum(payload, n)
        else:
            if stats.spec.name in ORDERED_SUM:
                stats.add_in_order(payload)
            else:
                stats.add_sum([sum(column) for column in zip(*payload, strict=True)], n)
            if stats.segments is not None:
                stats.segments.extend(payload)
    result.n_segments += chunk_result[0][2] if chunk_result else 0
