"""Scoring: sacrebleu metrics over paired PO/TMX/text units, and the reference-free QA score.

`tmkit.ops.score.score_files` is what `tmkit score` calls; `corpus_statistics` is the chunked,
multi-process engine underneath it. `qa_score(findings, source_chars, weights,
threshold)` turns `tmkit check` findings into an MQM-style 0–100 score (see
`tmkit.scoring.qa` for the severity mapping); `tmkit.ops.check.qa_files` runs the checks first.
"""

from tmkit.scoring.corpus import MetricScore, ScoreReport, SegmentScore
from tmkit.scoring.engine import corpus_statistics
from tmkit.scoring.metrics import DEFAULT_METRICS, METRIC_NAMES, MetricSpec, parse_metrics
from tmkit.scoring.pairing import Unmatched, UnmatchedUnit
from tmkit.scoring.qa import DEFAULT_THRESHOLD, QAReport, QAScore, QAWeights, qa_score
from tmkit.scoring.significance import ConfidenceInterval, PairedComparison, PairedMetric

__all__ = [
    "DEFAULT_METRICS",
    "DEFAULT_THRESHOLD",
    "METRIC_NAMES",
    "ConfidenceInterval",
    "MetricScore",
    "MetricSpec",
    "PairedComparison",
    "PairedMetric",
    "QAReport",
    "QAScore",
    "QAWeights",
    "ScoreReport",
    "SegmentScore",
    "Unmatched",
    "UnmatchedUnit",
    "corpus_statistics",
    "parse_metrics",
    "qa_score",
]
