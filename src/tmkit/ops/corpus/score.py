"""`tmkit score` over a corpus: sufficient statistics per shard pair, summed.

The hypothesis and each reference are corpora split the same way (shard i of
one holds the units of shard i of the other, as ``tmkit shard`` splits them).
Each task pairs and extracts sacrebleu's statistics for its shards; integer
statistics (BLEU, chrF) are summed per shard, TER's per-segment floats come back
and are added in corpus order, and with ``ci`` every per-segment statistic comes
back so the seeded bootstrap resamples the same segments a single run would.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tmkit.model.errors import InputError, UsageError
from tmkit.ops.corpus.inputs import Shard
from tmkit.ops.corpus.run import CorpusRun, map_shards
from tmkit.scoring.corpus import ScoreReport, metric_scores, target_language
from tmkit.scoring.engine import ORDERED_SUM, CorpusStats, MetricStats, corpus_statistics
from tmkit.scoring.metrics import DEFAULT_METRICS, MetricSpec, tokenizer_for
from tmkit.scoring.pairing import Unmatched, pair_units


@dataclass(frozen=True)
class ScoreSpec:
    specs: tuple[MetricSpec, ...]
    lang: str | None
    keep_segments: bool
    references: int


def score_shard(shard: Shard, spec: ScoreSpec) -> tuple[Any, ...]:
    """Per metric ("sum", totals) or ("segments", per-segment stats); n_refs; unmatched."""
    from tmkit.ops.score import open_units

    paths = shard.path.split("\x1f")
    files = [open_units(p, spec.lang) for p in paths]
    unmatched = Unmatched()
    pairs = ((p.texts[0], p.texts[1:]) for p in pair_units(files, 1, unmatched))
    stats = corpus_statistics(spec.specs, pairs, keep_segments=True, workers=1)
    out = []
    for m in stats.metrics:
        if spec.keep_segments or m.spec.name in ORDERED_SUM:
            out.append(("segments", m.segments, m.count))
        else:
            out.append(("sum", m.totals, m.count))
    return out, stats.n_refs, stats.n_segments, unmatched.units


def score_corpus(
    engine: Any,
    hypothesis: list[Shard],
    references: list[list[Shard]],
    *,
    metrics: tuple[str, ...] = DEFAULT_METRICS,
    tokenize: str | None = None,
    lang: str | None = None,
    ci: int = 0,
    resume: bool = False,
    progress: Any = None,
) -> tuple[ScoreReport | None, CorpusRun]:
    from tmkit.ops.score import open_units

    if not references:
        raise UsageError("no reference given (use --ref)")
    for ref in references:
        if len(ref) != len(hypothesis):
            raise UsageError(
                f"the hypothesis has {len(hypothesis)} shard(s) and a reference {len(ref)}: "
                "split them the same way (tmkit shard)"
            )
    first = [
        open_units(hypothesis[0].path, lang),
        *(open_units(r[0].path, lang) for r in references),
    ]
    language = target_language(first, lang)
    tokenizer = tokenizer_for(language, tokenize)
    spec = ScoreSpec(
        tuple(MetricSpec(m, tokenizer) for m in metrics), lang, ci > 1, len(references)
    )
    # one shard per task: the hypothesis shard's paths joined with its references'
    joined = [
        Shard("\x1f".join([h.path, *(r[i].path for r in references)]))
        for i, h in enumerate(hypothesis)
    ]
    run = CorpusRun()
    results = map_shards(engine, score_shard, joined, spec, run, resume=resume, progress=progress)
    for failure_index, f in enumerate(run.failures):
        run.failures[failure_index] = type(f)(f.shard.split("\x1f")[0], f.message)
    total = CorpusStats([MetricStats(s) for s in spec.specs])
    if ci > 1:
        for m in total.metrics:
            m.segments = []
    unmatched = Unmatched()
    for result in results:
        if not isinstance(result, tuple):
            continue
        per_metric, n_refs, n_segments, missing = result
        total.n_refs = n_refs or total.n_refs
        total.n_segments += n_segments
        unmatched.units.extend(missing)
        for m, (mode, payload, n) in zip(total.metrics, per_metric, strict=True):
            if mode == "sum":
                if n:
                    m.add_sum(payload, n)
                continue
            if m.spec.name in ORDERED_SUM:
                m.add_in_order(payload)
            elif payload:
                m.add_sum([sum(column) for column in zip(*payload, strict=True)], n)
            if m.segments is not None:
                m.segments.extend(payload)
    run.units = total.n_segments
    if total.n_segments == 0:
        if run.failures:
            return None, run
        raise InputError("no units pair up between the hypothesis and the references")
    report = ScoreReport(
        hypothesis[0].path if len(hypothesis) == 1 else f"{len(hypothesis)} shards",
        tuple(r[0].path if len(r) == 1 else f"{len(r)} shards" for r in references),
        language,
        tokenizer,
        total.n_segments,
        metric_scores(total, ci),
        unmatched,
        workers=engine.workers,
    )
    return report, run
