"""`tmkit stats` over a corpus: progress counted per shard and summed."""

from __future__ import annotations

from typing import Any

from tmkit.ops.corpus.inputs import Shard, shard_units
from tmkit.ops.corpus.run import CorpusRun, map_shards
from tmkit.ops.stats import Count, Progress, Stats, progress


def stats_shard(shard: Shard, options: Any) -> tuple[Progress, int]:
    units = list(shard_units(shard))
    return progress(units), len(units)


def _add(a: Count, b: Count) -> None:
    a.segments += b.segments
    a.chars += b.chars


def stats_corpus(
    engine: Any, shards: list[Shard], name: str, resume: bool = False, progress_bar: Any = None
) -> tuple[Stats, CorpusRun]:
    run = CorpusRun()
    total = Progress()
    results = map_shards(
        engine, stats_shard, shards, None, run, resume=resume, progress=progress_bar
    )
    for result in results:
        if isinstance(result, tuple):
            part, units = result
            _add(total.translated, part.translated)
            _add(total.fuzzy, part.fuzzy)
            _add(total.untranslated, part.untranslated)
            run.units += units
    return Stats(name, total), run
