"""Running one task over the shards of a corpus: cache (--resume), failures, progress."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tmkit.ops.corpus.engine import Failed, ResultCache, ShardProgress, guarded
from tmkit.ops.corpus.inputs import Shard

#: Where --resume keeps per-shard results (relative to the working directory).
CACHE_DIR = Path(".tmkit-cache") / "corpus"


@dataclass
class CorpusRun:
    """What every corpus command reports besides its own result."""

    shards: int = 0
    units: int = 0
    failures: list[Failed] = field(default_factory=list)
    resumed: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures


def _task(shard: Shard, func: Callable[..., Any], options: Any) -> Any:
    return guarded(func, shard.name, shard, options)


def _indexed_task(item: tuple[Shard, int], func: Callable[..., Any], options: Any) -> Any:
    shard, index = item
    return guarded(func, shard.name, shard, index, options)


def map_shards(
    engine: Any,
    func: Callable[[Shard, Any], Any],
    shards: Sequence[Shard],
    options: Any,
    run: CorpusRun,
    *,
    resume: bool = False,
    progress: ShardProgress | None = None,
) -> list[Any]:
    """``func(shard, options)`` for every shard, in shard order; failures go to ``run``.

    With ``resume``, a shard whose checksum (and the options) has a cached result is
    not run again, and every new result is cached.
    """
    cache = ResultCache(CACHE_DIR, func.__qualname__, options) if resume else None
    results: list[Any] = [None] * len(shards)
    todo: list[int] = []
    sums: dict[int, str] = {}
    for i, shard in enumerate(shards):
        if cache is not None:
            sums[i] = shard.checksum()
            hit = cache.get(sums[i])
            if hit is not None:
                results[i] = hit
                run.resumed += 1
                continue
        todo.append(i)
    fresh = engine.map(_task, [shards[i] for i in todo], func, options, progress=progress)
    for i, value in zip(todo, fresh, strict=True):
        results[i] = value
        if cache is not None and not isinstance(value, Failed):
            cache.put(sums[i], value)
    run.shards += len(shards)
    run.failures.extend(r for r in results if isinstance(r, Failed))
    return results


def map_indexed(
    engine: Any,
    func: Callable[[Shard, int, Any], Any],
    shards: Sequence[Shard],
    options: Any,
    run: CorpusRun,
    progress: ShardProgress | None = None,
) -> list[Any]:
    """``func(shard, index, options)`` for every shard, in shard order; failures go to
    ``run`` (their places hold the `Failed`). Results come back as each task ends, so
    nothing is left on the workers."""
    items = list(zip(shards, range(len(shards)), strict=True))
    results = engine.map(_indexed_task, items, func, options, progress=progress)
    run.shards += len(shards)
    run.failures.extend(r for r in results if isinstance(r, Failed))
    return results
