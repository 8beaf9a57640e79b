"""Gold sets: link precision/recall/F1 of tmkit align beside the Gale–Church baseline.

(a) the QST interview: source/ja/interview.txt against the English rebuilt from
    target/en/interview.po, the PO's segment pairs as gold;
(b) tests/data/align/nooi: a document pair written for these tests (71 Japanese,
    72 English sentences, 74 gold links) with merges, splits and omissions both ways;
(c) tests/data/align/alpine: a smaller interview-shaped pair (41 Japanese sentences,
    42 links) written after the aligner was built, as a check on overfitting.

Each test prints the table (run pytest -s to see it) and fails below F1 0.95.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tmkit.align import align_sides, gale_church
from tmkit.align.evaluate import load_gold, score_links
from tmkit.ops.align_gold import interview_gold

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "align"
INTERVIEW_JA = ROOT / "source" / "ja" / "interview.txt"
INTERVIEW_PO = ROOT / "target" / "en" / "interview.po"
TARGET_F1 = 0.95


def _report(name, gold):
    ours = score_links(align_sides(gold.ja, gold.en).links(), set(gold.links))
    base = score_links(gale_church(gold.ja, gold.en).links(), set(gold.links))
    print(f"\n{name}: {len(gold.ja.sentences)} ja / {len(gold.en.sentences)} en sentences")
    for label, s in (("tmkit align", ours), ("Gale-Church", base)):
        print(
            f"  {label:12} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"
            f"  ({s.correct}/{s.predicted} predicted, {s.gold} gold)"
        )
    return ours, base


@pytest.mark.parametrize(("name", "min_links"), [("nooi", 60), ("alpine", 40)])
def test_written_gold_pairs(name, min_links):
    gold = load_gold(DATA / f"{name}.gold.json")
    assert len(gold.links) >= min_links
    kinds = {(len(a), len(b)) for a, b in gold.beads}
    assert {(1, 1), (2, 1), (1, 2), (1, 0), (0, 1)} <= kinds
    ours, base = _report(name, gold)
    assert ours.f1 >= TARGET_F1
    assert ours.f1 >= base.f1


@pytest.mark.skipif(
    not INTERVIEW_PO.exists(), reason="target/en/interview.po (the interview's translation) absent"
)
def test_interview_gold_from_po():
    gold, english = interview_gold(INTERVIEW_JA, INTERVIEW_PO)
    # every Japanese segment is linked, and the rebuilt English is a real document
    assert {i for i, _ in gold.links} == set(range(len(gold.ja.sentences)))
    assert len(english) > 5000
    ours, base = _report("interview", gold)
    assert ours.f1 >= TARGET_F1
    assert ours.f1 >= base.f1


def test_gold_file_guards_against_segmentation_drift(tmp_path):
    import json

    data = json.loads((DATA / "nooi.gold.json").read_text(encoding="utf-8"))
    data["ja"] = str(DATA / data["ja"])
    data["en"] = str(DATA / data["en"])
    data["en_sentences"][3] = "Something else."
    path = tmp_path / "drift.gold.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match=r"en_sentences differ .* index 3"):
        load_gold(path)


def test_scores_of_link_sets():
    s = score_links({(0, 0), (1, 1), (2, 1)}, {(0, 0), (1, 1), (2, 2)})
    assert (s.correct, s.predicted, s.gold) == (2, 3, 3)
    assert s.precision == pytest.approx(2 / 3) and s.f1 == pytest.approx(2 / 3)
    assert score_links(set(), {(0, 0)}).f1 == 0.0


def test_nooi_with_english_one_sentence_per_line():
    """Paragraphs that do not correspond (72 English lines for 18 Japanese paragraphs)
    must not force a wrong grouping: the aligner falls back to one sentence pass."""
    from tmkit.align.sentences import side_from_text

    gold = load_gold(DATA / "nooi.gold.json")
    lines = "\n\n".join(s.text for s in gold.en.sentences) + "\n"
    en = side_from_text(lines, "en-lines.txt", "en")
    assert [s.text for s in en.sentences] == [s.text for s in gold.en.sentences]
    assert len(en.paragraphs) == len(en.sentences)
    ours = score_links(align_sides(gold.ja, en).links(), set(gold.links))
    assert ours.f1 >= TARGET_F1
