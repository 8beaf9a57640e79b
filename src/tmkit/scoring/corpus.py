"""Corpus scores from statistics: sacrebleu figures, signatures, segment scores, the report.

`tmkit.ops.score.score_files` reads and pairs the files and gets corpus statistics
from the chunked engine; `metric_scores` turns them into sacrebleu scores and
signatures, `segment_scores` scores each segment (worst first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tmkit.model.errors import InputError
from tmkit.model.progress import Progress
from tmkit.scoring.metrics import (
    LOWER_IS_BETTER,
    MetricSpec,
    build_metric,
)
from tmkit.scoring.pairing import Pair, Unmatched
from tmkit.scoring.sacrebleu_private import score_from_statistics, verbose
from tmkit.scoring.significance import (
    ConfidenceInterval,
    PairedComparison,
    bootstrap_ci,
)
from tmkit.scoring.units import (
    UnitFile,
    guess_language,
    peek_targets,
    primary_language,
)


@dataclass(frozen=True, slots=True)
class MetricScore:
    metric: str  # tmkit name: bleu, chrf, chrfpp, ter
    name: str  # sacrebleu's name: BLEU, chrF2, chrF2++, TER
    score: float
    signature: str
    #: sacrebleu's details after the figure (BLEU's n-gram precisions, BP, lengths)
    details: str = ""
    ci: ConfidenceInterval | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "score": self.score, "signature": self.signature}
        if self.details:
            data["details"] = self.details
        if self.ci is not None:
            data["ci"] = self.ci.to_dict()
        return data


@dataclass(frozen=True, slots=True)
class SegmentScore:
    key: str
    line: int | None
    source: str | None
    hypothesis: str
    references: tuple[str, ...]
    scores: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "line": self.line,
            "source": self.source,
            "hypothesis": self.hypothesis,
            "references": list(self.references),
            "scores": self.scores,
        }


@dataclass(slots=True)
class ScoreReport:
    hypothesis: str
    references: tuple[str, ...]
    language: str | None
    tokenizer: str
    n_segments: int
    metrics: dict[str, MetricScore]
    unmatched: Unmatched
    segments: list[SegmentScore] | None = None
    paired: PairedComparison | None = None
    workers: int = 1

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "hypothesis": self.hypothesis,
            "references": list(self.references),
            "language": self.language,
            "segments_scored": self.n_segments,
            "metrics": {name: m.to_dict() for name, m in self.metrics.items()},
        }
        if self.segments is not None:
            data["segments"] = [s.to_dict() for s in self.segments]
        data["unmatched"] = self.unmatched.to_dict()
        if self.paired is not None:
            data["paired"] = self.paired.to_dict()
        return data


def target_language(files: Sequence[UnitFile], declared: str | None) -> str | None:
    """The one target language the files agree on.

    ``declared`` (``--lang``) stands for files that say none; when nothing says
    anything, the language is guessed from the reference texts (Japanese or
    Chinese script), so that BLEU still gets the right tokenizer.
    """
    declared = primary_language(declared)
    found = {f.path: f.language for f in files if f.language}
    languages = set(found.values())
    if declared:
        languages.add(declared)
    if len(languages) > 1:
        parts = ", ".join(f"{path} is {lang}" for path, lang in found.items())
        if declared:
            parts += f", --lang is {declared}"
        raise InputError(f"mismatched target languages: {parts}")
    if languages:
        return next(iter(languages))
    reference = files[1] if len(files) > 1 else files[0]
    return guess_language(peek_targets(reference))


def metric_scores(
    stats: Any, ci: int = 0, progress: Progress | None = None
) -> dict[str, MetricScore]:
    """sacrebleu scores and signatures from corpus statistics (with bootstrap CIs if ``ci`` > 1).

    sacrebleu's private API is reached only through `tmkit.scoring.sacrebleu_private`.
    """
    scores: dict[str, MetricScore] = {}
    for metric_stats in stats.metrics:
        metric = build_metric(metric_stats.spec)
        metric.num_refs = stats.n_refs
        interval = None
        if ci > 1 and metric_stats.segments is not None:  # kept whenever ci > 1
            interval = bootstrap_ci(metric, metric_stats.segments, ci, progress)
        scores[metric_stats.spec.name] = corpus_metric_score(
            metric_stats, stats.n_refs, interval, metric
        )
    return scores


def corpus_metric_score(
    metric_stats: Any, n_refs: int, interval: Any = None, metric: Any = None
) -> MetricScore:
    """One metric's corpus score from its summed statistics, with its signature (that of
    ``metric`` when given: a bootstrap leaves its trace there)."""
    if metric is None:
        metric = build_metric(metric_stats.spec)
        metric.num_refs = n_refs
    score = score_from_statistics(metric, metric_stats.corpus_stats())
    return MetricScore(
        metric_stats.spec.name,
        score.name,
        score.score,
        metric.get_signature().format(),
        verbose(score),
        interval,
    )


def segment_scores(pairs: Sequence[Pair], metric_stats: Sequence[Any]) -> list[SegmentScore]:
    """One score per segment and metric, worst first by the first metric.

    Segment BLEU uses effective order (as ``sacrebleu --sentence-level`` does), so a
    short sentence without a 4-gram match does not score zero.
    """
    per_metric: list[tuple[str, list[float]]] = []
    for ms in metric_stats:
        spec = MetricSpec(ms.spec.name, ms.spec.tokenize, sentence_level=True)
        metric = build_metric(spec)
        per_metric.append(
            (spec.name, [score_from_statistics(metric, list(seg)).score for seg in ms.segments])
        )
    rows = [
        SegmentScore(
            p.label,
            p.line,
            p.source,
            p.texts[0],
            p.texts[1:],
            {name: values[i] for name, values in per_metric},
        )
        for i, p in enumerate(pairs)
    ]
    first = per_metric[0][0]
    sign = -1.0 if first in LOWER_IS_BETTER else 1.0
    return sorted(rows, key=lambda row: sign * row.scores[first])
