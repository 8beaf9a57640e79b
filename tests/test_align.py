"""tmkit.align: the bead DP on hand cases, English segmentation, the length model, anchors."""

from __future__ import annotations

import math

import pytest

from tmkit.align import AlignOptions, align_sides
from tmkit.align.anchors import (
    AnchorWeights,
    english_features,
    japanese_features,
)
from tmkit.align.dp import STANDARD_BEADS, band_rows, length_center, viterbi
from tmkit.align.length import (
    LengthModel,
    char_length,
    fit_length_model,
    ja_length,
    neg_log_two_tailed,
)
from tmkit.align.sentences import side_from_text, splitter

# ---------------------------------------------------------------- DP on hand cases


def _length_cost(ja: list[int], en: list[int], skip: float = 6.0):
    """A toy cost: |sum(ja) - sum(en)| plus a prior per bead type; a skip costs ``skip``."""
    prior = {(1, 1): 0.0, (2, 1): 1.0, (1, 2): 1.0, (2, 2): 2.5}

    def cost(i: int, j: int, di: int, dj: int) -> float:
        if not di or not dj:
            return skip
        return prior[(di, dj)] + abs(sum(ja[i : i + di]) - sum(en[j : j + dj]))

    return cost


def _beads(ja: list[int], en: list[int], **kw) -> list[tuple[int, int]]:
    path = viterbi(len(ja), len(en), _length_cost(ja, en), STANDARD_BEADS, **kw)
    return [(s.di, s.dj) for s in path.steps]


@pytest.mark.parametrize(
    ("ja", "en", "expected"),
    [
        ([10, 20, 30], [10, 20, 30], [(1, 1)] * 3),
        ([10, 20, 30], [10, 8, 12, 30], [(1, 1), (1, 2), (1, 1)]),
        ([10, 8, 12, 30], [10, 20, 30], [(1, 1), (2, 1), (1, 1)]),
        ([10, 20, 30], [10, 30], [(1, 1), (1, 0), (1, 1)]),
        ([10, 30], [10, 20, 30], [(1, 1), (0, 1), (1, 1)]),
        ([10, 7, 13, 30], [10, 11, 9, 30], [(1, 1), (2, 2), (1, 1)]),
        ([40], [], [(1, 0)]),
        ([], [40], [(0, 1)]),
    ],
    ids=["1-1", "1-2", "2-1", "1-0", "0-1", "2-2", "only-ja", "only-en"],
)
def test_dp_picks_each_bead_type(ja, en, expected):
    assert _beads(ja, en) == expected
    assert _beads(ja, en, width=1) == expected


def test_dp_steps_cover_both_sides_in_order():
    ja = [5, 9, 14, 3, 8, 20, 11]
    en = [5, 9, 7, 7, 11, 20, 11]
    path = viterbi(len(ja), len(en), _length_cost(ja, en))
    i = j = 0
    for step in path.steps:
        assert (step.i, step.j) == (i, j)
        i, j = i + step.di, j + step.dj
    assert (i, j) == (len(ja), len(en))
    assert path.cost == pytest.approx(sum(s.cost for s in path.steps))


def test_band_widens_until_the_path_is_inside():
    # A long run of English-only sentences pushes the true path 30 cells off the
    # center line; a band of 2 must widen to find it and give the full-DP answer.
    ja = [10] * 20
    en = [10] * 10 + [3] * 30 + [10] * 10
    cost = _length_cost(ja, en, skip=0.5)
    full = viterbi(len(ja), len(en), cost, width=0)
    banded = viterbi(len(ja), len(en), cost, center=[i * 2.5 for i in range(21)], width=2)
    assert banded.cost == pytest.approx(full.cost)
    assert banded.width >= 16 or banded.width == 0


def test_band_rows_keep_rows_connected():
    lo, hi = band_rows(4, 40, [0, 1, 2, 3, 40], 1)
    assert lo[0] == 0 and hi[4] == 40
    for i in range(1, 5):
        assert lo[i] <= hi[i - 1] + 2


def test_length_center_follows_cumulative_lengths():
    # The second Japanese unit is as long as three English ones: the center jumps.
    center = length_center([10, 30, 10], [10, 10, 10, 10, 10])
    assert center[0] == 0 and center[3] == 5
    assert center[1] == pytest.approx(1.0)
    assert center[2] == pytest.approx(4.0)


def test_posteriors_are_probabilities_and_sure_of_clear_cases():
    ja, en = [10, 20, 30, 40], [10, 20, 30, 40]
    path = viterbi(4, 4, _length_cost(ja, en), posteriors=True)
    assert all(s.posterior is not None and 0 < s.posterior <= 1 for s in path.steps)
    # the runner-up for each bead costs at least 1 nat more (a 2-1 / 1-2 pair)
    assert min(s.posterior for s in path.steps) > 0.8


def test_posterior_is_low_when_two_paths_tie():
    # 10 | 10 10 : the second English 10 may go with either neighbour's bead.
    ja, en = [10, 10], [10, 5, 5, 10]
    path = viterbi(2, 4, _length_cost(ja, en), posteriors=True)
    assert min(s.posterior for s in path.steps) < 0.75


# ---------------------------------------------------------------- English segmentation

EN_CASES = [
    ("Dr. Smith arrived. He sat down.", ["Dr. Smith arrived.", "He sat down."]),
    ("Prof. Ito and Mr. Sato met at 9 a.m. on Monday.", None),
    ("The pH fell from 8.11 to 8.05 in 20 years. That matters.", 2),
    ("It costs $3.50 per unit. Prices rose 2.5% in 2023.", 2),
    ("A U.S. university joined. It built e.g. floats.", 2),
    ("It is used in the U.S. The EU followed.", None),
    ('"It was worth it," she said. Then she left.', 2),
    ('He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
    ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
    ("See Vol. 3 and No. 5 for details. Next part.", 2),
    ("The company (Foo Inc.) grew. It hired staff.", 2),
    ("Wait... What happened?", ["Wait...", "What happened?"]),
    ("He works for NOOI. It is in Nemuro.", 2),
    ("Version 2.0 was released on Jan. 5 this year.", 1),
    ("“Finding people,” answers Dr. Ishii. “Nothing else.”", 2),
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES, ids=[c[0][:28] for c in EN_CASES])
def test_english_segmentation(text, expected):
    pieces = [p.strip() for p in splitter("en").split(text)]
    assert "".join(splitter("en").split(text)) == text
    if expected is None:
        # Abbreviations mid-sentence must not split; a sentence-final one may.
        assert len(pieces) <= 2 and not any(p.endswith(("Dr.", "Mr.", "Prof.")) for p in pieces)
    elif isinstance(expected, int):
        assert len(pieces) == expected, pieces
    else:
        assert pieces == expected


def test_japanese_side_matches_extract_segmentation():
    text = "量子科学を研究する。2016年に設立された。\n\n── 今後の目標は何ですか\n"
    side = side_from_text(text, "ja.txt", "ja")
    assert [s.text for s in side.sentences] == [
        "量子科学を研究する。",
        "2016年に設立された。",
        "今後の目標は何ですか",
    ]
    assert side.paragraphs == ((0, 2), (2, 3))
    # offsets point into the text (the interviewer marker is not part of the sentence)
    for s in side.sentences:
        assert text[s.start : s.end] == s.text


# ---------------------------------------------------------------- length model


def test_length_fit_recovers_a_known_ratio():
    pairs = [("あ" * n, "x" * round(2.5 * n)) for n in (10, 20, 30, 40, 50)]
    model = fit_length_model(pairs)
    assert model.c == pytest.approx(2.5, abs=0.01)
    assert model.s2 == pytest.approx(0.0, abs=0.01)
    assert model.ratio_mean == pytest.approx(2.5, abs=0.02)
    assert model.pairs == 5


def test_length_fit_variance_and_bad_input():
    pairs = [("あ" * 20, "x" * 40), ("あ" * 20, "x" * 60)]
    model = fit_length_model(pairs)
    assert model.c == pytest.approx(2.5)
    assert model.s2 == pytest.approx(((40 - 50) ** 2 / 20 + (60 - 50) ** 2 / 20) / 2)
    assert model.ratio_variance == pytest.approx(0.5)
    with pytest.raises(ValueError):
        fit_length_model([("あ", "")])


def test_length_cost_is_a_two_tailed_tail():
    model = LengthModel(c=2.5, s2=10.0)
    assert model.cost(20, 50) == pytest.approx(0.0)
    assert model.cost(20, 80) > model.cost(20, 60) > 0
    assert neg_log_two_tailed(1.0) == pytest.approx(-math.log(math.erfc(1 / math.sqrt(2))))
    # the asymptotic branch agrees with erfc where both work, and stays finite far out
    z = 7.0 * math.sqrt(2)
    assert neg_log_two_tailed(z) == pytest.approx(-math.log(math.erfc(7.0)), rel=1e-3)
    assert math.isfinite(neg_log_two_tailed(100.0))


def test_character_counts():
    assert char_length("It is here. ") == 9
    assert ja_length("量子 科学") == 4
    # an address counts about 1/c per character, since it is copied, not translated
    assert ja_length("HP: https://www.qst.go.jp/") < char_length("HP: https://www.qst.go.jp/")


# ---------------------------------------------------------------- anchors

W = AnchorWeights()


@pytest.mark.parametrize(
    ("ja", "en", "better", "worse"),
    [
        # numbers and dates, read by tmkit.text.normalize on both sides
        ("2016年に設立された。", "It was founded in 2016.", None, "It was founded long ago."),
        ("約300万円かかる。", "It costs about 3 million yen.", None, "It costs a great deal."),
        ("参加者の約3割が残った。", "About 30% of them stayed.", None, "Many of them stayed."),
        ("令和5年に始まった。", "It started in 2023.", None, "It started in 2021."),
        # Latin tokens, with possessives and hyphens folded
        ("QSTの施設である。", "It is QST's facility.", None, "It is the institute's facility."),
        ("JT-60SAを組み立てた。", "They assembled JT60SA.", None, "They assembled the device."),
        # question marks
        ("何が課題か？", "What is the challenge?", None, "The challenge is people."),
    ],
)
def test_anchor_cost_prefers_the_translation(ja, en, better, worse):
    jf = japanese_features(ja)
    assert W.cost(jf, english_features(en)) < W.cost(jf, english_features(worse))


def test_english_digits_without_source_cost_something():
    jf = japanese_features("研究所は大きい。")
    assert W.cost(jf, english_features("The institute is large.")) == 0
    assert W.cost(jf, english_features("The institute has 240 staff.")) > 0


def test_glossary_concepts_anchor(tmp_path):
    from tmkit.align.anchors import ConceptFinder
    from tmkit.formats import io
    from tmkit.glossary.matcher import GlossaryMatcher

    csv = tmp_path / "g.csv"
    csv.write_text(
        "concept_id,language,term\n"
        "c1,ja,量子科学\nc1,en,quantum science\nc2,ja,放射線\nc2,en,radiation\n",
        encoding="utf-8",
    )
    matcher = GlossaryMatcher(io.read(str(csv), kind="glossary"))
    finder = ConceptFinder(matcher)
    jf = japanese_features("量子科学の研究である。", finder)
    assert len(jf.concepts) == 1
    good = english_features("It is research in quantum science.", finder)
    bad = english_features("It is research on radiation.", finder)
    assert good.concepts == jf.concepts and not bad.concepts
    assert W.cost(jf, good) < W.cost(jf, bad)


# ---------------------------------------------------------------- the aligner, end to end


def _sides(ja: str, en: str):
    return side_from_text(ja, "ja.txt", "ja"), side_from_text(en, "en.txt", "en")


JA_SMALL = (
    "研究所は1988年に設立された。職員は12名だった。"
    "現在では約240名の研究者が働いており、北太平洋の観測網を運用している。"
    "仕組みは潜水艦の航法に似ている。"
    "2019年には新しい観測船が完成した。その名は「しらかば」。\n"
)


def test_aligner_finds_split_merge_and_a_japanese_omission():
    en = (
        "The institute was founded in 1988. It had a staff of 12. "
        "Today about 240 researchers work there. They run an observation network in the "
        "North Pacific. In 2019 a new research vessel, the Shirakaba, was completed.\n"
    )
    a = align_sides(*_sides(JA_SMALL, en))
    assert [(b.ja, b.en) for b in a.beads] == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), (2, 3)),  # split
        ((3,), ()),  # Japanese with no English
        ((4, 5), (4,)),  # merge
    ]
    assert all(0 <= b.confidence <= 1 for b in a.beads)
    assert a.counts() == {"1-1": 2, "1-0": 1, "1-2": 1, "2-1": 1}


def test_aligner_finds_an_english_addition():
    ja = "研究所は1988年に設立された。職員は12名だった。現在では約240名が働いている。\n"
    en = (
        "The institute was founded in 1988. It had a staff of 12. "
        "Its first director served until 1995. Today about 240 people work there.\n"
    )
    a = align_sides(*_sides(ja, en))
    assert [(b.ja, b.en) for b in a.beads] == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((), (2,)),
        ((2,), (3,)),
    ]


def test_similarity_scorer_is_pluggable():
    ja = "これは一つ目の文である。これは二つ目の文である。\n"
    en = "This is the first sentence. This is the second one.\n"
    calls = []

    def scorer(ja_texts, en_texts):
        calls.append((tuple(ja_texts), tuple(en_texts)))
        # say the crossing pairs are translations: the aligner must listen
        return -20.0 if ("一つ目" in ja_texts[0]) == ("second" in en_texts[0]) else 0.0

    ja_side, en_side = _sides(ja, en)
    plain = align_sides(ja_side, en_side)
    assert [(b.ja, b.en) for b in plain.beads] == [((0,), (0,)), ((1,), (1,))]
    steered = align_sides(ja_side, en_side, scorer=scorer)
    assert calls and [(b.ja, b.en) for b in steered.beads] != [((0,), (0,)), ((1,), (1,))]


def test_options_switch_passes_off():
    ja, en = _sides("一つ目。\n\n二つ目。\n", "First.\n\nSecond.\n")
    for options in (AlignOptions(paragraphs=False), AlignOptions(anchors=False)):
        assert len(align_sides(ja, en, options).links()) == 2


def test_paragraph_pass_drops_a_whole_paragraph_and_joins_split_ones():
    ja = (
        "研究所は1988年に設立された。職員は12名だった。\n\n"
        "仕組みは潜水艦の航法に似ている。音波で位置を推定する。\n\n"
        "2019年に新しい観測船が完成した。船は3,000メートルまで潜れる。\n\n"
        "現在では約240名が働いている。予算は約50億円である。\n"
    )
    en = (
        "The institute was founded in 1988. It had a staff of 12.\n\n"
        "A new research vessel was completed in 2019.\n\n"
        "It can dive to 3,000 meters.\n\n"
        "Today about 240 people work there. The budget is about 5 billion yen.\n"
    )
    ja_side, en_side = _sides(ja, en)
    a = align_sides(ja_side, en_side)
    pairs = [(b.ja, b.en) for b in a.beads]
    assert ((2,), ()) in pairs and ((3,), ()) in pairs  # the paragraph with no English
    assert ((4,), (2,)) in pairs and ((5,), (3,)) in pairs  # one paragraph, two in English
    assert ((6,), (4,)) in pairs and ((7,), (5,)) in pairs


def test_summary_lines_locate_omissions_and_reviews():
    from tmkit.align.output import summary_lines

    ja = "研究所は1988年に設立された。仕組みは潜水艦の航法に似ている。職員は12名だった。\n"
    en = "The institute was founded in 1988. It had a staff of 12. Its ship dates from 1990.\n"
    a = align_sides(*_sides(ja, en))
    lines = summary_lines(a)
    assert lines[0].startswith("aligned 3 Japanese and 3 English sentences")
    assert "1 without English, 1 without Japanese" in lines[0]
    assert "ja.txt:1: no English for: 仕組みは潜水艦の航法に似ている。" in lines
    assert "en.txt:1: no Japanese for: Its ship dates from 1990." in lines


def test_a_pair_with_unshared_anchors_is_flagged_for_review():
    # Adjacent omissions on both sides look like one pair; its numbers disagree.
    ja = "研究所は1988年に設立された。職員は12名だった。仕組みは潜水艦の航法に似ている。\n"
    en = "The institute was founded in 1988. It had a staff of 12. Its ship dates from 1990.\n"
    a = align_sides(*_sides(ja, en))
    assert [b.ja for b in a.review()] == [(2,)]
