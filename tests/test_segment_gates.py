"""The segmenter's character gates skip only regex calls that would fail: the
segments are the same with and without them, for tmkit's rules, foreign SRX
files and rules written to defeat them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.model.segmentation import Rule, RuleSet
from tmkit.text.segment import Segmenter, default_rules, load_rules
from tmkit.text.segment.gates import CharGate, edge_nodes, line_chars

HERE = Path(__file__).parent
SRX_DATA = HERE / "data" / "srx"
CORPUS = HERE.parent / "source" / "ja" / "interview.txt"

_ODD_RULES = RuleSet(
    language="ja",
    rules=(
        Rule(False, "", r"と"),  # no before: gated on the next character
        Rule(False, r"(?i)x", ""),  # case-insensitive: no gate for this veto
        Rule(False, r"a*", ""),  # can end empty: no gate at all
        Rule(True, r"[。！？]+", ""),
        Rule(True, r"(?=ab)", ""),  # an empty match: every position stays possible
        Rule(True, r"[.]", r"\s"),
    ),
)


def _rule_sets() -> dict[str, RuleSet]:
    return {
        "ja": default_rules("ja"),
        "en": default_rules("en"),
        "okapi": load_rules(SRX_DATA / "okapi-defaultSegmentation.srx", language="ja"),
        "omegat": load_rules(SRX_DATA / "omegat-defaultRules.srx", language="ja"),
        "odd": _ODD_RULES,
    }


RULE_SETS = _rule_sets()
PAIRS = {
    name: (Segmenter(rules), Segmenter(rules, gates=False)) for name, rules in RULE_SETS.items()
}

_ALPHABET = (
    "。｡．！？‼!?.…‥、,:"
    "「」『』（）()【】“”\"'"
    " \t\u3000"
    "あとっのところ漢字カナABCaxXyzUSJMr.e.g.Yahoo0123４５Ｕ．Ｓ．😀☆"
)
lines = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60) | st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
    max_size=40,
)


@pytest.mark.parametrize("name", sorted(RULE_SETS))
@settings(max_examples=400, deadline=None)
@given(line=lines)
def test_gates_change_no_segment(name: str, line: str) -> None:
    gated, plain = PAIRS[name]
    assert gated.split(line) == plain.split(line)


@pytest.mark.parametrize("name", ["ja", "okapi", "omegat"])
def test_gates_change_no_segment_of_the_interview(name: str) -> None:
    gated, plain = PAIRS[name]
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        assert gated.split(line) == plain.split(line)


def test_builtin_rules_are_gated() -> None:
    # The speed of `extract` rests on these: a change to the rules or to `regex`
    # that loses them shows here, not as a slower build.
    breakers = Segmenter(default_rules("ja"))._breakers
    assert all(gates is not None for _, _, gates, _ in breakers)
    assert breakers[-1][3] == "!.?‥…"  # the English break rule needs one of these
    prev_gate, next_gate = breakers[0][2]
    assert prev_gate["．"] and prev_gate["!"] and not prev_gate["。"] and not prev_gate["」"]
    assert not next_gate["と"]


@pytest.mark.parametrize(
    ("pattern", "last", "accepts", "refuses"),
    [
        ("[。！？]+", False, "。！", "」a"),
        ("(?<![A-Za-z])Yahoo!", True, "!", "o"),
        (r"(?:^|[。])\s*[0-9]{1,3}[．.]", True, "．.", "0。"),
        (r"\p{Han}x", False, "漢", "x"),
    ],
)
def test_edge_nodes(pattern: str, last: bool, accepts: str, refuses: str) -> None:
    gate = CharGate(edge_nodes(pattern, last=last))
    assert all(gate[c] for c in accepts)
    assert not any(gate[c] for c in refuses)


@pytest.mark.parametrize("pattern", ["", "a*", "(?i)a", "x|", "(?:a|b)?", "\\b", "(?r)ab", "[a"])
def test_edge_nodes_refuse_what_they_cannot_tell(pattern: str) -> None:
    assert edge_nodes(pattern) is None


def test_line_chars() -> None:
    assert line_chars(edge_nodes("[.!?]+x")) == "!.?"
    assert line_chars(edge_nodes("[a-z]")) is None  # too many to test one by one
    assert line_chars(edge_nodes(r"\p{Han}")) is None


def test_a_segmenter_pickles_as_its_rules() -> None:
    import pickle

    segmenter = Segmenter(default_rules("ja"))
    again = pickle.loads(pickle.dumps(segmenter))
    assert again.split("行く。次へ。") == ["行く。", "次へ。"]
