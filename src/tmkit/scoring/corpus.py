"""Score a hypothesis file against reference files: the library call behind `tmkit score`.

`score_files` reads and pairs the files, gets corpus statistics from the
chunked engine and turns them into sacrebleu scores and signatures; optional
parts add segment scores (worst first), bootstrap confidence intervals and a
paired comparison with a second hypothesis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmkit.model.errors import InputError, UsageError
from tmkit.scoring.engine import corpus_statistics
from tmkit.scoring.metrics import (
    DEFAULT_METRICS,
    LOWER_IS_BETTER,
    MetricSpec,
    build_metric,
    tokenizer_for,
)
from tmkit.scoring.pairing import Pair, Unmatched, pair_units
from tmkit.scoring.sacrebleu_private import score_from_statistics, verbose
from tmkit.scoring.significance import (
    ConfidenceInterval,
    PairedComparison,
    bootstrap_ci,
    paired_comparison,
)
from tmkit.scoring.units import (
    UnitFile,
    guess_language,
    open_units,
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


def score_files(
    hypothesis: str | Path,
    references: Sequence[str | Path],
    *,
    metrics: Sequence[str] = DEFAULT_METRICS,
    tokenize: str | None = None,
    lang: str | None = None,
    segments: bool = False,
    ci: int = 0,
    paired: str | Path | None = None,
    workers: int | None = None,
) -> ScoreReport:
    """Score ``hypothesis`` against ``references`` with sacrebleu's metrics.

    ``lang`` names the target language for files that do not declare one
    (plain text); it picks BLEU's tokenizer unless ``tokenize`` is given.
    ``ci`` > 1 adds bootstrap confidence intervals with that many resamples;
    ``paired`` names a second hypothesis for paired bootstrap and approximate
    randomisation tests against the first.
    """
    if not references:
        raise UsageError("no reference given (use --ref)")
    if ci < 0 or ci == 1:
        raise UsageError("--ci needs at least 2 resamples")
    files = [open_units(hypothesis, lang), *(open_units(r, lang) for r in references)]
    extra = open_units(paired, lang) if paired is not None else None
    language = target_language([*files, *([extra] if extra else [])], lang)
    tokenizer = tokenizer_for(language, tokenize)
    specs = [MetricSpec(name, tokenizer) for name in metrics]

    unmatched = Unmatched()
    pairs_iter = pair_units(files, 1, unmatched)
    kept: list[Pair] | None = None
    if segments:
        kept = list(pairs_iter)
        pairs_iter = iter(kept)
    stats = corpus_statistics(
        specs,
        ((p.texts[0], p.texts[1:]) for p in pairs_iter),
        keep_segments=segments or ci > 1,
        workers=workers,
    )
    if stats.n_segments == 0:
        names = ", ".join(str(f) for f in (hypothesis, *references))
        raise InputError(f"no units pair up between {names}")

    scores: dict[str, MetricScore] = {}
    for metric_stats in stats.metrics:
        metric = build_metric(metric_stats.spec)
        metric.num_refs = stats.n_refs
        interval = None
        if ci > 1 and metric_stats.segments is not None:  # kept whenever ci > 1
            interval = bootstrap_ci(metric, metric_stats.segments, ci)
        scores[metric_stats.spec.name] = corpus_metric_score(
            metric_stats, stats.n_refs, interval, metric
        )

    report = ScoreReport(
        str(hypothesis),
        tuple(str(r) for r in references),
        language,
        tokenizer,
        stats.n_segments,
        scores,
        unmatched,
        workers=stats.workers,
    )
    if kept is not None:
        report.segments = segment_scores(kept, stats.metrics)
    if extra is not None:
        report.paired = _paired(hypothesis, extra, references, specs, lang, unmatched)
    return report


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


def _paired(
    hypothesis: str | Path,
    extra: UnitFile,
    references: Sequence[str | Path],
    specs: Sequence[MetricSpec],
    lang: str | None,
    unmatched: Unmatched,
) -> PairedComparison:
    # The paired tests need the units all of HYP, HYP2 and the references share;
    # the files are read again (the first reading may have streamed).
    files = [open_units(hypothesis, lang), extra, *(open_units(r, lang) for r in references)]
    paired_unmatched = Unmatched()
    pairs = list(pair_units(files, 2, paired_unmatched))
    seen = {(u.label, u.file) for u in unmatched.units}
    unmatched.units.extend(u for u in paired_unmatched.units if (u.label, u.file) not in seen)
    if not pairs:
        raise InputError(f"no units pair up between {hypothesis}, {extra.path} and the references")
    return paired_comparison(
        str(hypothesis),
        extra.path,
        [p.texts[0] for p in pairs],
        [p.texts[1] for p in pairs],
        [[p.texts[2 + i] for p in pairs] for i in range(len(references))],
        specs,
    )
