"""The number model on counters, ranges, shares and number words (both sides, one model)."""

from __future__ import annotations

import pytest

from tmkit.checks.base import CheckContext
from tmkit.checks.numbers import number_mismatch
from tmkit.model.units import Unit as Pair

CASES = [
    ("1台あたりの価格です。", "The price per unit.", True),
    ("1台の装置を導入しました。", "We installed a single machine.", True),
    ("1人の研究者が担当します。", "One researcher is in charge.", True),
    ("1人あたり3万円です。", "It is 30,000 yen per person.", True),
    ("1つの目標があります。", "We have a goal.", True),
    ("1回の照射で治療します。", "The treatment takes a single irradiation.", True),
    ("1回の照射で治療します。", "The treatment takes one session of irradiation.", True),
    ("1件の報告がありました。", "There was one report.", True),
    ("1名が参加しました。", "One person took part.", True),
    ("1本の論文を書きました。", "I wrote a paper.", True),
    ("1枚の写真です。", "It is a photo.", True),
    ("1年間の研修です。", "It is a year-long training.", True),
    ("1年間の研修です。", "It is a one-year training.", True),
    ("1個ずつ配ります。", "We hand out one each.", True),
    ("1日に3回測定します。", "We measure three times a day.", True),
    ("3〜5人のチームです。", "Teams of three to five people.", True),
    ("3〜5人のチームです。", "Teams of 3-5 people.", True),
    ("約3割が賛成しました。", "About 30% agreed.", True),
    ("約3割が賛成しました。", "About three in ten agreed.", True),
    ("3割強が賛成しました。", "Just over 30 percent agreed.", True),
    ("10人程度が参加します。", "About ten people take part.", True),
    ("2割弱です。", "It is just under 20%.", True),
    ("3分の1です。", "It is a third.", True),
    ("3分の2です。", "It is two-thirds.", True),
    ("4人が参加しました。", "Four people took part.", True),
    ("4人が参加しました。", "Five people took part.", False),
    ("2台を導入しました。", "We installed a machine.", False),
    ("1台あたりの価格です。", "The price of the machine.", False),
    ("3割が賛成しました。", "Half agreed.", False),
    ("12件の報告がありました。", "There were a dozen reports.", True),
    ("2回測定しました。", "We measured twice.", True),
    ("2年間の研修です。", "It is a two-year training.", True),
    ("5年間で達成します。", "We will achieve it in five years.", True),
    ("0.5%です。", "It is 0.5 percent.", True),
    ("1.5倍になりました。", "It grew one and a half times.", True),
    ("1年間で2倍になりました。", "It doubled in a year.", True),
    ("3倍に増えました。", "It grew threefold.", True),
    ("3倍に増えました。", "It doubled.", False),
    ("1台あたりの価格です。", "The price of each unit.", True),
    ("1回の照射で済みます。", "It takes one session.", True),
    ("5回の照射で済みます。", "It takes a single session.", False),
]


@pytest.mark.parametrize(("source", "target", "carried"), CASES)
def test_number_model(source: str, target: str, carried: bool) -> None:
    hits = list(number_mismatch(Pair(source, target, "u"), CheckContext()))
    assert (not hits) is carried, [h.message for h in hits]
