"""Scoring: sacrebleu metrics over paired PO/TMX/text units, and the reference-free QA score.

`score_files` is what `tmkit score` calls; `corpus_statistics` is the chunked,
multi-process engine underneath it.
"""

from tmkit.scoring.corpus import MetricScore, ScoreReport, SegmentScore, score_files
from tmkit.scoring.engine import corpus_statistics
from tmkit.scoring.metrics import DEFAULT_METRICS, METRIC_NAMES, MetricSpec, parse_metrics
from tmkit.scoring.pairing import Unmatched, UnmatchedUnit
from tmkit.scoring.significance import ConfidenceInterval, PairedComparison, PairedMetric

__all__ = [
    "DEFAULT_METRICS",
    "METRIC_NAMES",
    "ConfidenceInterval",
    "MetricScore",
    "MetricSpec",
    "PairedComparison",
    "PairedMetric",
    "ScoreReport",
    "SegmentScore",
    "Unmatched",
    "UnmatchedUnit",
    "corpus_statistics",
    "parse_metrics",
    "score_files",
]
