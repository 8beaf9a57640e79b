"""`length.ratio`: the bounds are calibrated on real JA→EN pairs (see the module docstring)."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from tmkit.checks.length import HIGH, LOW, MIN_SOURCE_CHARS, length_ratio_of
from tmkit.ops.check import load_units as load_pairs

ROOT = Path(__file__).parents[1]
LABELLED = ROOT / "tests" / "data" / "checks" / "labelled.po"
INTERVIEW = ROOT / "target" / "en" / "interview.po"


def clean_ratios(path: Path) -> list[float]:
    ratios = []
    for pair in load_pairs(path):
        if not pair.translated or pair.fuzzy or any("length.ratio" in n for n in pair.notes):
            continue
        ratio = length_ratio_of(pair.source, pair.target)
        if ratio is not None:
            ratios.append(ratio)
    return ratios


def test_bounds_bracket_the_clean_labelled_pairs() -> None:
    ratios = clean_ratios(LABELLED)
    assert len(ratios) >= 150
    q = statistics.quantiles(ratios, n=100)
    assert 2.0 <= statistics.median(ratios) <= 3.0  # the usual JA→EN character ratio
    assert q[0] > LOW and q[98] < HIGH  # the central 98% is never flagged
    assert min(ratios) >= LOW and max(ratios) <= HIGH


def test_bounds_bracket_the_interview() -> None:
    if not INTERVIEW.exists():
        pytest.skip("target/en/interview.po (the translated interview) is not in the repo yet")
    ratios = clean_ratios(INTERVIEW)
    q = statistics.quantiles(ratios, n=100)
    assert q[0] > LOW and q[98] < HIGH


@pytest.mark.parametrize(
    ("source", "target", "ratio"),
    [
        ("はい。", "Yes.", None),  # too short to say anything
        ("研究をずっと続けます。", "We will keep on continuing the research.", 33 / 10),
        ("「研究をずっと続けます。」", '"We will keep on continuing the research."', 33 / 10),
        (
            "詳細は https://www.qst.go.jp/ にあります。",
            "Details are at https://www.qst.go.jp/.",
            12 / 8,
        ),
    ],
)
def test_ratio_counts_content_characters(source: str, target: str, ratio: float | None) -> None:
    got = length_ratio_of(source, target)
    if ratio is None:
        assert got is None
    else:
        assert got == pytest.approx(ratio)
    assert MIN_SOURCE_CHARS == 8
