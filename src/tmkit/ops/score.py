"""`tmkit score` as one call: open hypothesis and references through the gateway, pair, score.

Plain text files (one segment per line, as sacrebleu's command line reads them)
are read here; every bilingual format (PO, TMX, XLIFF …) comes through
`tmkit.formats.io` as `Unit`s and is keyed for pairing by `tmkit.scoring.units`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tmkit.formats import io
from tmkit.model.errors import InputError, UsageError
from tmkit.model.progress import Progress, stage, ticked
from tmkit.scoring import QAWeights as QAWeights  # re-exported for the CLI
from tmkit.scoring import parse_metrics as parse_metrics
from tmkit.scoring.corpus import (
    ScoreReport,
    metric_scores,
    segment_scores,
    target_language,
)
from tmkit.scoring.engine import corpus_statistics
from tmkit.scoring.metrics import DEFAULT_METRICS, MetricSpec, tokenizer_for
from tmkit.scoring.pairing import Pair, Unmatched, pair_units
from tmkit.scoring.significance import PairedComparison, paired_comparison
from tmkit.scoring.units import UnitFile, text_units, units_file


def open_units(path: str | Path, target_lang: str | None = None) -> UnitFile:
    """Open one input for scoring: a bilingual file through the gateway, else plain text."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", str(path))
    if p.is_dir():
        raise InputError("is a directory", str(path))
    try:
        fmt = io.detect(p, kind="catalog")
    except InputError:
        return UnitFile(str(path), "text", None, text_units(p))
    obj = io.read(p, format=fmt.name)
    languages = fmt.languages(obj) if fmt.languages else (None, [])
    units = io.units(obj, str(path), fmt.name, target_lang=target_lang)
    return units_file(str(path), fmt.name, units, languages, target_lang)


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
    progress: Progress | None = None,
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
    stage(progress, "reading")
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
        ((p.texts[0], p.texts[1:]) for p in ticked(pairs_iter, progress, "scoring segments")),
        keep_segments=segments or ci > 1,
        workers=workers,
    )
    if stats.n_segments == 0:
        names = ", ".join(str(f) for f in (hypothesis, *references))
        raise InputError(f"no units pair up between {names}")

    scores = metric_scores(stats, ci, progress)

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
        report.paired = _paired(hypothesis, extra, references, specs, lang, unmatched, progress)
    return report


def _paired(
    hypothesis: str | Path,
    extra: UnitFile,
    references: Sequence[str | Path],
    specs: Sequence[MetricSpec],
    lang: str | None,
    unmatched: Unmatched,
    progress: Progress | None = None,
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
        progress=progress,
    )
