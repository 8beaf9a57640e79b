"""Confidence intervals and paired significance tests, as sacrebleu computes them.

Confidence intervals redo sacrebleu's bootstrap resampling (same generator,
same draws, same float32 sums) in bounded memory; paired tests run sacrebleu's
own ``PairedTest``. Figures and p-values are the ones ``sacrebleu --confidence``
and ``sacrebleu --paired-bs / --paired-ar`` give for the same data and seed
(the ``SACREBLEU_SEED`` environment variable, 12345 by default, as in sacrebleu).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tmkit.model.progress import Progress, stage
from tmkit.scoring.metrics import MetricSpec, build_metric
from tmkit.scoring.sacrebleu_private import score_from_statistics

#: sacrebleu's defaults: 1000 bootstrap resamples, 10000 randomisation trials
PAIRED_BOOTSTRAP_SAMPLES = 1000
PAIRED_AR_TRIALS = 10000


@dataclass(frozen=True, slots=True)
class ConfidenceInterval:
    """A 95% bootstrap interval: sacrebleu's mean ± half-width, with its bounds."""

    mean: float
    halfwidth: float
    lower: float
    upper: float
    n_bootstrap: int
    seed: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "mean": self.mean,
            "halfwidth": self.halfwidth,
            "lower": self.lower,
            "upper": self.upper,
            "n_bootstrap": self.n_bootstrap,
            "seed": self.seed,
        }


def bootstrap_ci(
    metric: Any,
    segment_stats: list[list[Any]],
    n_bootstrap: int,
    progress: Progress | None = None,
) -> ConfidenceInterval:
    """Bootstrap the corpus score from per-segment statistics.

    Sets the metric's ``n_bootstrap`` and ``seed``, so its signature then carries
    ``bs`` and ``rs`` exactly as sacrebleu's does after ``corpus_score(n_bootstrap=N)``.
    """
    from sacrebleu.metrics.base import Score

    seed, samples = bootstrap_resample(segment_stats, metric, n_bootstrap, progress)
    metric.n_bootstrap = n_bootstrap
    metric.seed = seed
    holder = Score("ci", 0.0)
    holder.estimate_ci(samples)
    values = sorted(s.score for s in samples)
    low = len(values) // 40
    return ConfidenceInterval(
        float(holder._mean),
        float(holder._ci),
        float(values[low]),
        float(values[len(values) - low - 1]),
        n_bootstrap,
        seed,
    )


#: memory for one block of resamples (indices and gathered statistics)
BOOTSTRAP_BLOCK_BYTES = 64 * 2**20


def bootstrap_resample(
    segment_stats: list[list[Any]],
    metric: Any,
    n_samples: int,
    progress: Progress | None = None,
) -> tuple[str, list[Any]]:
    """sacrebleu's ``significance._bootstrap_resample``, in bounded memory.

    sacrebleu draws all resample indices at once (``n_samples × segments``) and
    gathers every resample's statistics in one array: 1000 resamples of 100,000
    segments would take gigabytes. Drawing the same indices block by block
    gives the same numbers (numpy's generator yields the same stream whatever
    the block shape), and each resample is summed exactly as sacrebleu sums it
    (float32, over the same gathered array), in a block of bounded size.
    """
    import numpy as np

    seed = os.environ.get("SACREBLEU_SEED", "12345")
    rng = np.random.default_rng(None if seed.lower() == "none" else int(seed))
    stats = np.array(segment_stats, dtype="float32")
    n = len(segment_stats)
    row_bytes = n * (stats.shape[1] * 4 + 8)
    block = max(1, min(n_samples, BOOTSTRAP_BLOCK_BYTES // max(1, row_bytes)))
    scores: list[Any] = []
    while len(scores) < n_samples:
        rows = min(block, n_samples - len(scores))
        idxs = rng.choice(n, size=(rows, n), replace=True)
        scores.extend(score_from_statistics(metric, s.sum(0)) for s in stats[idxs])
        if progress is not None:
            progress(len(scores), n_samples, f"bootstrap {type(metric).__name__}")
    return seed.lower(), scores


@dataclass(frozen=True, slots=True)
class PairedMetric:
    name: str
    baseline: float
    system: float
    #: paired bootstrap resampling
    bootstrap_p: float
    bootstrap_signature: str
    baseline_mean: float
    baseline_ci: float
    system_mean: float
    system_ci: float
    #: approximate randomisation
    randomization_p: float
    randomization_signature: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "baseline": self.baseline,
            "system": self.system,
            "bootstrap": {
                "p_value": self.bootstrap_p,
                "baseline_mean": self.baseline_mean,
                "baseline_ci": self.baseline_ci,
                "system_mean": self.system_mean,
                "system_ci": self.system_ci,
                "signature": self.bootstrap_signature,
            },
            "randomization": {
                "p_value": self.randomization_p,
                "signature": self.randomization_signature,
            },
        }


@dataclass(frozen=True, slots=True)
class PairedComparison:
    baseline: str
    system: str
    n_segments: int
    metrics: dict[str, PairedMetric]

    def to_dict(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline,
            "system": self.system,
            "segments_scored": self.n_segments,
            "metrics": {name: m.to_dict() for name, m in self.metrics.items()},
        }


def _run_paired_test(
    test_type: str,
    baseline: tuple[str, Sequence[str]],
    system: tuple[str, Sequence[str]],
    references: Sequence[Sequence[str]],
    specs: Sequence[MetricSpec],
    n_samples: int,
) -> tuple[dict[str, Any], dict[str, list[Any]], list[str]]:
    from sacrebleu.significance import PairedTest

    metrics = {spec.name: build_metric(spec) for spec in specs}
    # PairedTest re-keys by sacrebleu's display name (BLEU, chrF2 …); keep our order.
    test = PairedTest(
        [baseline, system], metrics, references, test_type=test_type, n_samples=n_samples
    )
    display = list(test.metrics)
    signatures, results = test()
    return signatures, results, display


def paired_comparison(
    baseline_name: str,
    system_name: str,
    baseline: Sequence[str],
    system: Sequence[str],
    references: Sequence[Sequence[str]],
    specs: Sequence[MetricSpec],
    bootstrap_samples: int = PAIRED_BOOTSTRAP_SAMPLES,
    ar_trials: int = PAIRED_AR_TRIALS,
    progress: Progress | None = None,
) -> PairedComparison:
    """Paired bootstrap and approximate randomisation of ``system`` against ``baseline``."""
    stage(progress, "paired bootstrap")
    bs_sigs, bs, names = _run_paired_test(
        "bs", (baseline_name, baseline), (system_name, system), references, specs, bootstrap_samples
    )
    stage(progress, "approximate randomisation")
    ar_sigs, ar, _ = _run_paired_test(
        "ar", (baseline_name, baseline), (system_name, system), references, specs, ar_trials
    )
    metrics: dict[str, PairedMetric] = {}
    for spec, name in zip(specs, names, strict=True):
        bl_bs, sys_bs = bs[name]
        _, sys_ar = ar[name]
        metrics[spec.name] = PairedMetric(
            name,
            float(bl_bs.score),
            float(sys_bs.score),
            float(sys_bs.p_value),
            bs_sigs[name].format(),
            float(bl_bs.mean),
            float(bl_bs.ci),
            float(sys_bs.mean),
            float(sys_bs.ci),
            float(sys_ar.p_value),
            ar_sigs[name].format(),
        )
    return PairedComparison(baseline_name, system_name, len(baseline), metrics)
