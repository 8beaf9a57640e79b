"""chrF and chrF++ segment statistics, both from one count of each segment's n-grams.

sacrebleu's CHRF counts every segment's character n-grams once per metric object
(chrF and chrF++ count the same six orders) and matches them in a Python loop per
n-gram; on an English corpus the two metrics took three quarters of `tmkit
score`'s time. Here each segment's n-grams are counted once for every chrF-family
metric of a chunk with the same character settings, each hypothesis–reference
pair is matched once for all of them, and an order where one side repeats no
n-gram (most orders above two) is matched by a set intersection, in C.

The statistics are sacrebleu's, number for number: the test compares them with
`_extract_corpus_statistics` on random and Japanese text, with several
references and missing ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from tmkit.scoring.sacrebleu_private import chrf_f_score, chrf_words

Stats = list[int]


def _char_ngrams(line: str, order: int, whitespace: bool) -> list[Counter[str]]:
    if not whitespace:
        line = "".join(line.split())
    grams = [Counter(line)] if order >= 1 else []
    for n in range(2, order + 1):
        grams.append(Counter([line[i : i + n] for i in range(len(line) - n + 1)]))
    return grams


def _word_ngrams(words: list[str], order: int) -> list[Counter[str]]:
    grams = [Counter(words)] if order >= 1 else []
    for n in range(2, order + 1):
        grams.append(Counter([" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]))
    return grams


def _totals(grams: list[Counter[str]]) -> list[int]:
    return [sum(g.values()) for g in grams]


def _matches(
    hyp: list[Counter[str]], ref: list[Counter[str]], hyp_n: list[int], ref_n: list[int]
) -> Stats:
    """Per order (hypothesis n-grams, reference n-grams, matches), matches being the
    sum over shared n-grams of the smaller count. When one side has every n-gram of
    an order once (as most orders above two have), that sum is the size of the
    shared key set, which a set intersection counts in C."""
    stats: Stats = []
    for h, r, nh, nr in zip(hyp, ref, hyp_n, ref_n, strict=True):
        if len(h) == nh or len(r) == nr:
            match = len(h.keys() & r.keys())
        else:
            match = 0
            for gram, count in h.items():
                if gram in r:
                    other = r[gram]
                    match += count if count < other else other
        # sacrebleu counts no hypothesis n-grams of an order the reference lacks
        stats += (nh if r else 0, nr, match)
    return stats


class _Side:
    """One segment's n-grams, counted up to the highest word order asked for."""

    __slots__ = ("chars", "chars_n", "words", "words_n")

    def __init__(self, text: str, metric: Any, word_order: int) -> None:
        self.chars = _char_ngrams(text, metric.char_order, metric.whitespace)
        self.chars_n = _totals(self.chars)
        self.words = _word_ngrams(chrf_words(metric, text), word_order) if word_order else []
        self.words_n = _totals(self.words)


def _pair_stats(hyp: _Side, ref: _Side) -> tuple[Stats, Stats]:
    """(character statistics, word statistics up to the highest word order)."""
    return (
        _matches(hyp.chars, ref.chars, hyp.chars_n, ref.chars_n),
        _matches(hyp.words, ref.words, hyp.words_n, ref.words_n),
    )


def chrf_family(metric: Any) -> tuple[Any, ...] | None:
    """The settings shared counts depend on, for a sacrebleu CHRF; None for others."""
    from sacrebleu.metrics import CHRF

    if type(metric) is not CHRF:
        return None
    return (metric.char_order, metric.whitespace, metric.lowercase)


def chrf_statistics(
    metrics: Sequence[Any], hyps: Sequence[str], refs: Sequence[Sequence[str | None]]
) -> list[list[Stats]]:
    """Per metric (CHRF objects of one `chrf_family`), per segment statistics, as
    ``metric._extract_corpus_statistics(hyps, refs)`` gives them."""
    if not metrics:
        return []
    first = metrics[0]
    words = max(m.word_order for m in metrics)
    lower = first.lowercase
    out: list[list[Stats]] = [[] for _ in metrics]
    for hyp, *seg_refs in zip(hyps, *refs, strict=False):
        texts = [r for r in seg_refs if r is not None]
        if lower:
            hyp, texts = hyp.lower(), [t.lower() for t in texts]
        h = _Side(hyp, first, words)
        pairs = [_pair_stats(h, _Side(t, first, words)) for t in texts]
        for stats, metric in zip(out, metrics, strict=True):
            best: Stats = []
            best_f = -1.0
            for chars, word_stats in pairs:
                candidate = chars + word_stats[: 3 * metric.word_order]
                f = chrf_f_score(metric, candidate) if len(pairs) > 1 else 0.0
                if f > best_f:
                    best, best_f = candidate, f
            stats.append(best)
    return out
