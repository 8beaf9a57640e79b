"""Table-driven tests for the number forms `number.mismatch` understands (tmkit.text.normalize)."""

from __future__ import annotations

import pytest

from tmkit.checks import CheckContext
from tmkit.checks.numbers import number_mismatch
from tmkit.model.units import Unit
from tmkit.text.normalize import en_numbers, fold_width, ja_numbers, parse_ja_number


def ja_values(text: str) -> list[set[float]]:
    return [set(f.values) for f in ja_numbers(text)]


def mismatches(source: str, target: str) -> list[str]:
    return [h.message for h in number_mismatch(Unit(source, target, "u"), CheckContext())]


# --- Japanese side: each form, with what it must read as ------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # full-width digits and grouping commas
        ("１２人", [{12}]),
        ("１，０００人", [{1000}]),
        ("1,300人", [{1300}]),
        ("3.5倍", [{3.5}]),
        # kanji numerals (with a counter)
        ("三つ", [{3}]),
        ("二千三百人", [{2300}]),
        ("十五年", [{15}]),
        ("二〇二三年", [{2023}]),
        ("第三の道", [{3}]),
        # 万/億/兆 scaling
        ("2000万円", [{20_000_000}]),
        ("1.5億円", [{150_000_000}]),
        ("2億5000万円", [{250_000_000}]),
        ("3兆円", [{3_000_000_000_000}]),
        ("三千万人", [{30_000_000}]),
        # 割
        ("2割", [{20, 0.2}]),
        ("2割5分", [{25, 0.25}]),
        # eras
        ("平成29年", [{2017, 29}]),
        ("令和元年", [{2019, 1}]),
        ("昭和64年", [{1989, 64}]),
        ("令和5年度", [{2023, 5}]),
        # dates are their parts
        ("2023年10月23日", [{2023}, {10}, {23}]),
    ],
)
def test_ja_number_forms(text: str, expected: list[set[float]]) -> None:
    assert ja_values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "統一",
        "唯一の",
        "一部の人",
        "十分な時間",
        "四国",
        "五輪",
        "千葉県",
        "数十人",
        "万一",
        "一人で",
        "一度",
    ],
)
def test_ja_words_that_are_not_quantities(text: str) -> None:
    assert ja_numbers(text) == []


@pytest.mark.parametrize(
    ("expr", "value"),
    [("二千", 2000), ("千", 1000), ("百二十三", 123), ("1千万", 10_000_000), ("5.5万", 55_000)],
)
def test_parse_ja_number(expr: str, value: float) -> None:
    assert parse_ja_number(expr) == value


# --- English side ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "must_contain"),
    [
        ("20 million yen", {20_000_000}),
        ("20,000,000 yen", {20_000_000}),
        ("150 million", {150_000_000}),
        ("1.5 billion", {1_500_000_000}),
        ("eight years", {8}),
        ("twenty-five", {25}),
        ("two thousand and twenty-three", {2023}),
        ("a million", {1_000_000}),
        ("the third meeting", {3}),
        ("the 21st century", {21}),
        ("twenty-first", {21}),
        ("October 23, 2023", {10, 23, 2023}),
        ("23 October 2023", {10, 23, 2023}),
        ("FY2023", {2023}),
        ("twice", {2}),
        ("20%", {20}),
        ("thirty percent", {30}),
        ("World War II", {2}),
        ("half of them", {50}),
    ],
)
def test_en_number_readings(text: str, must_contain: set[float]) -> None:
    assert must_contain <= en_numbers(text)


def test_may_is_a_month_only_when_capitalised() -> None:
    assert 5 in en_numbers("on 5 May")
    assert 5 not in en_numbers("it may rain")


def test_fold_width_keeps_offsets() -> None:
    text = "ＡＢＣ１２３、。　x"
    assert len(fold_width(text)) == len(text)
    assert fold_width(text) == "ABC123、。 x"


# --- the check over pairs: each form satisfied, and its wrong twin caught ---
@pytest.mark.parametrize(
    ("source", "good", "bad"),
    [
        ("予算は2000万円です。", "The budget is 20 million yen.", "The budget is 2 million yen."),
        ("予算は2000万円です。", "The budget is 20,000,000 yen.", "The budget is 200,000 yen."),
        ("全体の2割です。", "It is 20% of the total.", "It is 2% of the total."),
        (
            "2023年10月23日に発表。",
            "Announced on October 23, 2023.",
            "Announced on October 22, 2023.",
        ),
        (
            "2023年10月23日に発表。",
            "Announced on 23 October 2023.",
            "Announced on 23 September 2023.",
        ),
        ("平成29年に設立。", "Founded in 2017.", "Founded in 2016."),
        ("令和5年度の計画。", "The plan for FY2023.", "The plan for FY2024."),
        ("8年間続けた。", "It went on for eight years.", "It went on for nine years."),
        ("第3回の会議。", "The third meeting.", "The fourth meeting."),
        ("１２人のチーム。", "A team of 12.", "A team of 21."),
        ("1,300人います。", "There are 1,300.", "There are 1,030."),
        ("3分の1の時間。", "In a third of the time.", "In a fifth of the time."),
        ("三つの課題。", "Three issues.", "Two issues."),
        ("1990年代に。", "In the 1990s.", "In the 1980s."),
    ],
)
def test_number_mismatch_forms(source: str, good: str, bad: str) -> None:
    assert mismatches(source, good) == []
    assert mismatches(source, bad) != []


def test_digits_inside_latin_tokens_are_left_to_latin_mismatch() -> None:
    assert mismatches("SPring-8を利用。", "We used the facility.") == []
    assert mismatches("3GeVの電子。", "Electrons of 3 GeV.") == []
