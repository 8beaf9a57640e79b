"""Short CJK terms inside longer words: the learned boundary rule on its labelled set."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tmkit.glossary.boundaries import accepts, is_short
from tmkit.glossary.matcher import GlossaryMatcher
from tmkit.model.glossary import Concept, Glossary, Term

sys.path.insert(0, str(Path(__file__).parent / "tools"))
from tune_boundaries import load, score


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return load()


def test_labelled_set_is_big_enough(cases: list[dict]) -> None:
    assert len(cases) >= 150
    assert sum(c["split"] == "heldout" for c in cases) >= 50
    assert sum(not c["label"] for c in cases) >= 60


@pytest.mark.parametrize("split", ["train", "heldout"])
def test_precision_and_recall(cases: list[dict], split: str) -> None:
    p, r, _fp, _fn = score([c for c in cases if c["split"] == split])
    assert p >= 0.95 and r >= 0.97, (split, p, r)


@pytest.mark.parametrize(
    ("text", "start", "end", "abbreviation", "expected"),
    [
        ("草原研究を進めます。", 1, 3, True, False),
        ("原研の研究者です。", 0, 2, True, True),
        ("量子メス研究です。", 4, 6, False, True),
        ("東京都の施設です。", 1, 3, False, False),
        ("未来社会を描きます。", 0, 2, False, True),
        ("がんばって研究します。", 0, 2, False, False),
    ],
)
def test_table(text: str, start: int, end: int, abbreviation: bool, expected: bool) -> None:
    assert accepts(text, start, end, abbreviation) is expected


def test_is_short() -> None:
    assert is_short("原研")
    assert is_short("核融合")
    assert not is_short("量子科学技術")
    assert is_short("量子科学技術", "abbreviation")
    assert not is_short("QST")


def test_matcher_drops_hits_inside_other_words() -> None:
    glossary = Glossary(
        (Concept("jaeri", (Term("原研", "ja", "preferred", term_type="abbreviation"),)),)
    )
    on, off = GlossaryMatcher(glossary), GlossaryMatcher(glossary, boundaries=False)
    assert on.source_hits("草原研究を進めます。") == []
    assert len(off.source_hits("草原研究を進めます。")) == 1
    assert len(on.source_hits("原研と理研が協力しました。")) == 1
