"""The review's reference metrics: corpus scores and each segment's chrF, paired with a
reference catalog as `tmkit score` pairs them (`tmkit.ops.review` shows them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tmkit.model.catalog import Catalog, Message


@dataclass(frozen=True, slots=True)
class ReferenceScores:
    metrics: list[Any]  # tmkit.scoring.MetricScore
    chrf: dict[int, float]  # segment index → chrF
    paired: int
    unpaired: int


def _unit_keys(catalog: Catalog) -> list[tuple[tuple[str, str, int], Message]]:
    """Messages keyed as `tmkit score` pairs them: msgctxt, else msgid; repeats numbered."""
    from tmkit.ops.review import _active

    seen: dict[tuple[str, str], int] = {}
    keyed = []
    for m in _active(catalog):
        kind, value = ("id", m.msgctxt) if m.msgctxt is not None else ("source", m.msgid)
        n = seen[(kind, value)] = seen.get((kind, value), 0) + 1
        keyed.append(((kind, value, n), m))
    return keyed


def reference_scores(
    messages: list[Message], reference: Catalog, target_lang: str
) -> ReferenceScores:
    """Corpus metrics and per-segment chrF through `tmkit.scoring`'s engine.

    Pairing follows `tmkit score`: a segment is scored when the reference has
    the same key translated (not empty, not fuzzy); the hypothesis is scored
    whatever it holds.
    """
    from tmkit.ops.review import _target_text
    from tmkit.scoring import DEFAULT_METRICS, MetricSpec, corpus_statistics
    from tmkit.scoring.corpus import corpus_metric_score, segment_scores
    from tmkit.scoring.metrics import tokenizer_for
    from tmkit.scoring.pairing import Pair
    from tmkit.scoring.units import primary_language

    refs = {
        key: _target_text(m) for key, m in _unit_keys(reference) if _target_text(m) and not m.fuzzy
    }
    pairs = []
    for i, (key, m) in enumerate(_unit_keys(Catalog(messages))):
        ref = refs.get(key)
        if ref is not None:
            pairs.append(Pair(str(i), m.msgid, (_target_text(m), ref), m.lineno))
    if not pairs:
        return ReferenceScores([], {}, 0, len(messages))
    tokenizer = tokenizer_for(primary_language(target_lang))
    specs = [MetricSpec(name, tokenizer) for name in DEFAULT_METRICS]
    stats = corpus_statistics(
        specs, ((p.texts[0], p.texts[1:]) for p in pairs), keep_segments=True, workers=1
    )
    metrics = [corpus_metric_score(ms, stats.n_refs) for ms in stats.metrics]
    chrf = {int(row.key): row.scores["chrf"] for row in segment_scores(pairs, stats.metrics)}
    return ReferenceScores(metrics, chrf, len(pairs), len(messages) - len(pairs))
