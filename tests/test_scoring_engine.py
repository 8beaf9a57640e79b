"""The chunked, multi-process statistics give exactly sacrebleu's single-process figures."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import BLEU, CHRF, TER

from tmkit.scoring.engine import corpus_statistics
from tmkit.scoring.metrics import MetricSpec, build_metric

WORDS = [
    "the",
    "a",
    "of",
    "quantum",
    "science",
    "research",
    "new",
    "value",
    "we",
    "ion",
    "beam",
    "fusion",
    ",",
    ".",
    "?",
    "QST",
    "2016",
]

SACREBLEU = {
    "bleu": lambda: BLEU(),
    "chrf": lambda: CHRF(),
    "chrfpp": lambda: CHRF(word_order=2),
    "ter": lambda: TER(),
}


def corpus(n: int, n_refs: int, seed: int) -> tuple[list[str], list[list[str]]]:
    rng = random.Random(seed)

    def sentence() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 14)))

    hyps = [sentence() for _ in range(n)]
    refs = [[sentence() for _ in range(n)] for _ in range(n_refs)]
    return hyps, refs


def tmkit_scores(hyps, refs, names, **kwargs) -> dict[str, float]:
    specs = [MetricSpec(name) for name in names]
    pairs = [(h, tuple(r[i] for r in refs)) for i, h in enumerate(hyps)]
    stats = corpus_statistics(specs, pairs, **kwargs)
    out = {}
    for ms in stats.metrics:
        metric = build_metric(ms.spec)
        metric.num_refs = stats.n_refs
        out[ms.spec.name] = metric._compute_score_from_stats(ms.corpus_stats()).score
    return out


@pytest.mark.parametrize("n_refs", [1, 3])
def test_parallel_chunks_equal_single_process_sacrebleu(n_refs):
    # 3 references make TER's average reference length a non-integer float, so
    # the order of additions matters: the engine must add in corpus order.
    hyps, refs = corpus(1500, n_refs, seed=11)
    names = list(SACREBLEU)
    got = tmkit_scores(hyps, refs, names, workers=2, chunk_size=97, parallel_threshold=200)
    for name in names:
        assert got[name] == SACREBLEU[name]().corpus_score(hyps, refs).score, name


def test_parallel_path_really_uses_workers():
    hyps, refs = corpus(600, 1, seed=3)
    specs = [MetricSpec("bleu")]
    pairs = [(h, (r,)) for h, r in zip(hyps, refs[0], strict=True)]
    assert (
        corpus_statistics(specs, pairs, workers=2, chunk_size=50, parallel_threshold=100).workers
        == 2
    )
    assert (
        corpus_statistics(specs, pairs, workers=2, chunk_size=50, parallel_threshold=10_000).workers
        == 1
    )


def test_segment_statistics_are_sacrebleus_in_corpus_order():
    hyps, refs = corpus(400, 2, seed=5)
    specs = [MetricSpec(name) for name in SACREBLEU]
    pairs = [(h, tuple(r[i] for r in refs)) for i, h in enumerate(hyps)]
    stats = corpus_statistics(
        specs, pairs, keep_segments=True, workers=2, chunk_size=33, parallel_threshold=50
    )
    for ms in stats.metrics:
        expected = SACREBLEU[ms.spec.name]()._extract_corpus_statistics(hyps, refs)
        assert ms.segments == expected, ms.spec.name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join),
            st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join),
        ),
        min_size=1,
        max_size=30,
    ),
    chunk=st.integers(1, 7),
)
def test_any_chunking_gives_the_same_figures(data, chunk):
    hyps = [h for h, _ in data]
    refs = [[r for _, r in data]]
    got = tmkit_scores(hyps, refs, list(SACREBLEU), workers=1, chunk_size=chunk)
    for name, make in SACREBLEU.items():
        assert got[name] == make().corpus_score(hyps, refs).score, name


@pytest.mark.parametrize("block_bytes", [1, 5_000, 64 * 2**20])
def test_blockwise_bootstrap_equals_sacrebleus(monkeypatch, block_bytes):
    from sacrebleu.significance import _bootstrap_resample

    from tmkit.scoring import significance

    monkeypatch.delenv("SACREBLEU_SEED", raising=False)
    monkeypatch.setattr(significance, "BOOTSTRAP_BLOCK_BYTES", block_bytes)
    hyps, refs = corpus(301, 2, seed=9)
    for name, make in SACREBLEU.items():
        metric = make()
        stats = metric._extract_corpus_statistics(hyps, refs)
        seed, expected = _bootstrap_resample(stats, metric, 60)
        got_seed, got = significance.bootstrap_resample(stats, metric, 60)
        assert got_seed == seed == "12345"
        assert [s.score for s in got] == [s.score for s in expected], name
