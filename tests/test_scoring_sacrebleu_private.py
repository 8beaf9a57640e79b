"""What tmkit relies on in sacrebleu's private API (tmkit.scoring.sacrebleu_private).

If a sacrebleu release changes one of these, this test says which, before any
figure goes wrong: statistics summed over segments give ``corpus_score``'s
figure, one segment's give ``sentence_score``'s, the verbose part is what
``format`` prints after the figure, and ``quiet`` changes no figure or signature.
"""

from __future__ import annotations

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from tmkit.scoring.sacrebleu_private import (
    quiet,
    score_from_statistics,
    segment_statistics,
    verbose,
)

HYPS = ["The cat sat on the mat.", "A quantum beam facility.", "It is 3 GeV."]
REFS = [["The cat is on the mat.", "The quantum beam facility.", "It is a 3 GeV ring."]]


@pytest.mark.parametrize("make", [BLEU, CHRF, lambda: CHRF(word_order=2), TER])
def test_summed_statistics_give_the_corpus_score(make) -> None:
    metric = make()
    stats = segment_statistics(metric, HYPS, REFS)
    assert len(stats) == len(HYPS)
    summed = [sum(column) for column in zip(*stats, strict=True)]
    ours = score_from_statistics(metric, summed)
    theirs = make().corpus_score(HYPS, REFS)
    assert ours.score == pytest.approx(theirs.score, abs=1e-9)
    assert verbose(ours) == verbose(theirs)
    if verbose(theirs):
        assert verbose(theirs) in theirs.format()


def test_one_segments_statistics_give_its_sentence_score() -> None:
    metric = CHRF()
    stats = segment_statistics(metric, HYPS[:1], [[REFS[0][0]]])
    ours = score_from_statistics(metric, list(stats[0]))
    assert ours.score == pytest.approx(CHRF().sentence_score(HYPS[0], [REFS[0][0]]).score)


def test_quiet_changes_no_figure_or_signature() -> None:
    loud, silent = BLEU(), quiet(BLEU())
    assert silent.corpus_score(HYPS, REFS).score == loud.corpus_score(HYPS, REFS).score
    assert silent.get_signature().format() == loud.get_signature().format()
