"""The one module that touches sacrebleu's private API (names with a leading ``_``).

tmkit scores in bounded memory by doing itself what sacrebleu's ``corpus_score``
does in one go: statistics per chunk of segments, summed, then the score from
the sums. That needs four private names; they live here only, so a sacrebleu
upgrade that moves one breaks this module and its test
(tests/test_scoring_sacrebleu_private.py pins what tmkit relies on: the score
from summed statistics equals ``corpus_score``, and the verbose part is the one
``format`` prints).
"""

from __future__ import annotations

from typing import Any


def segment_statistics(metric: Any, hyps: list[str], refs: Any) -> list[list[Any]]:
    """Per-segment sufficient statistics (``refs`` as sacrebleu takes them: one list
    per reference stream)."""
    return metric._extract_corpus_statistics(hyps, refs)


def score_from_statistics(metric: Any, stats: Any) -> Any:
    """The score object for statistics summed over a corpus (or one segment's)."""
    return metric._compute_score_from_stats(stats)


def verbose(score: Any) -> str:
    """The detail after the figure that ``score.format()`` prints (BLEU's n-gram precisions)."""
    return score._verbose


def quiet(metric: Any) -> Any:
    """Silence BLEU's per-call "tokenized period" warning (changes no figure or signature)."""
    metric._force = True
    return metric


def chrf_words(metric: Any, text: str) -> list[str]:
    """chrF++'s words: whitespace split, one punctuation mark split off an end."""
    return metric._remove_punctuation(text)


def chrf_f_score(metric: Any, stats: list[int]) -> float:
    """chrF's F-score of one segment's statistics (picks the best reference)."""
    return metric._compute_f_score(stats)
