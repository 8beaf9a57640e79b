"""tmkit's shared chrF/chrF++ counting gives sacrebleu's own segment statistics."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import CHRF

from tmkit.scoring.chrf_stats import chrf_family, chrf_statistics
from tmkit.scoring.sacrebleu_private import segment_statistics

WORDS = ["the", "The", "cat", "量子", "メス", "(hi)", "it's", "a.", ",", "3", "GeV", "QST"]
text = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join) | st.text(
    alphabet="ab .,!量子ア \t\u3000", max_size=30
)


def theirs(metrics, hyps, refs):
    return [segment_statistics(m, hyps, refs) for m in metrics]


FAMILIES = [
    [CHRF(), CHRF(word_order=2)],
    [CHRF(lowercase=True), CHRF(lowercase=True, word_order=1)],
    [CHRF(whitespace=True, word_order=2)],
    [CHRF(char_order=3, word_order=3, beta=1), CHRF(char_order=3, eps_smoothing=True)],
]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(range(len(FAMILIES))),
    st.lists(st.tuples(text, st.lists(st.none() | text, min_size=1, max_size=3)), max_size=6),
)
def test_statistics_equal_sacrebleus(family: int, segments) -> None:
    metrics = FAMILIES[family]
    width = max((len(r) for _, r in segments), default=1)
    hyps = [h for h, _ in segments]
    refs = [[(r + [None] * width)[i] for _, r in segments] for i in range(width)]
    assert chrf_statistics(metrics, hyps, refs) == theirs(metrics, hyps, refs)


CASES = [
    # (hypothesis, references): repeated n-grams on both sides, on one side, none
    ("aaaa aaaa", ["aaa aaa"]),
    ("the cat the cat", ["the cat"]),
    ("量子メスは量子メス。", ["量子メス", "量子の研究"]),
    ("", [""]),
    ("QST", [""]),
    ("", ["QST"]),
    ("It's (hi) 3 GeV.", ["It is 3 GeV.", "(hi) it's 3 GeV"]),
]


def test_table_of_cases() -> None:
    metrics = FAMILIES[0]
    for hyp, refs in CASES:
        streams = [[r] for r in refs]
        assert chrf_statistics(metrics, [hyp], streams) == theirs(metrics, [hyp], streams), hyp


def test_only_plain_chrf_objects_are_taken() -> None:
    class Tuned(CHRF):
        pass

    assert chrf_family(CHRF()) == chrf_family(CHRF(word_order=2))
    assert chrf_family(CHRF()) != chrf_family(CHRF(lowercase=True))
    assert chrf_family(Tuned()) is None
