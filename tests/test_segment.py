"""The segmenter and the SRX loader: properties, foreign SRX files, the corpus, bad input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.model.errors import InputError, ParseError
from tmkit.text.segment import Segmenter, default_rules, load_rules

HERE = Path(__file__).parent
SRX_DATA = HERE / "data" / "srx"
BAD_SRX = HERE / "bad" / "srx"
CORPUS = HERE.parent / "source" / "ja" / "interview.txt"
OKAPI = SRX_DATA / "okapi-defaultSegmentation.srx"
OMEGAT = SRX_DATA / "omegat-defaultRules.srx"


@pytest.fixture(scope="module")
def builtin() -> Segmenter:
    return Segmenter(default_rules("ja"))


def _segmenters() -> dict[str, Segmenter]:
    return {
        "builtin": Segmenter(default_rules("ja")),
        "okapi": Segmenter(load_rules(OKAPI, language="ja")),
        "omegat": Segmenter(load_rules(OMEGAT, language="ja")),
    }


SEGMENTERS = _segmenters()

# Lines made of the characters the rules care about, mixed with ordinary text.
_ALPHABET = (
    "。｡．！？!?.…‥、,:"
    "「」『』（）()【】〈〉《》［］[]“”\"'"
    " \t\u3000\u00a0"
    "あいうえおとっの漢字カナABCxyzUSeg0123４５"
)
lines = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80) | st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\n\r\x85\u2028\u2029"
    ),
    max_size=60,
)


@pytest.mark.parametrize("name", sorted(SEGMENTERS))
@settings(max_examples=300, deadline=None)
@given(line=lines)
def test_pieces_rebuild_the_line_and_none_is_blank(name: str, line: str) -> None:
    pieces = SEGMENTERS[name].split(line)
    assert "".join(pieces) == line
    if line.strip():
        assert all(piece.strip() for piece in pieces)
    else:
        assert pieces == ([line] if line else [])


@settings(max_examples=200, deadline=None)
@given(line=lines)
def test_segmenting_is_deterministic(line: str) -> None:
    first = SEGMENTERS["builtin"].split(line)
    assert SEGMENTERS["builtin"].split(line) == first
    assert Segmenter(default_rules("ja")).split(line) == first


japanese_lines = st.text(
    alphabet=st.sampled_from("漢字かなカナ。、「」『』（）()【】〈〉《》［］“”注1"), max_size=60
)


def _matched_interiors(line: str, pairs: dict[str, str]) -> set[int]:
    """Break positions strictly inside pairs matched on the line (nearest partner wins)."""
    closers = set(pairs.values())
    stack: list[tuple[str, int]] = []
    interior: set[int] = set()
    for index, char in enumerate(line):
        if char in closers:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    interior.update(range(stack[depth][1] + 1, index + 1))
                    del stack[depth:]
                    break
            else:
                if char in pairs:
                    stack.append((pairs[char], index))
        elif char in pairs:
            stack.append((pairs[char], index))
    return interior


def _break_positions(pieces: list[str]) -> list[int]:
    positions, total = [], 0
    for piece in pieces[:-1]:
        total += len(piece)
        positions.append(total)
    return positions


@settings(max_examples=400, deadline=None)
@given(line=japanese_lines)
def test_builtin_never_breaks_inside_a_matched_pair(line: str) -> None:
    pairs = {pair.open: pair.close for pair in default_rules("ja").protect}
    interior = _matched_interiors(line, pairs)
    for position in _break_positions(SEGMENTERS["builtin"].split(line)):
        assert position not in interior


@settings(max_examples=400, deadline=None)
@given(line=japanese_lines)
def test_builtin_breaks_after_every_maru_outside_pairs_before_text(line: str) -> None:
    pairs = {pair.open: pair.close for pair in default_rules("ja").protect}
    interior = _matched_interiors(line, pairs)
    breaks = set(_break_positions(SEGMENTERS["builtin"].split(line)))
    for index, char in enumerate(line[:-1]):
        if char == "。" and index + 1 not in interior and line[index + 1] in "漢字かなカナ注1、":
            assert index + 1 in breaks, (line, index)


def test_empty_and_blank_lines(builtin: Segmenter) -> None:
    assert builtin.split("") == []
    assert builtin.split(" \u3000 ") == [" \u3000 "]


def test_whitespace_between_sentences_stays_with_a_piece(builtin: Segmenter) -> None:
    assert builtin.split("　一。　二。　") == ["　一。", "　二。　"]
    assert builtin.split("One.   Two.") == ["One.", "   Two."]


# --- foreign SRX files ---------------------------------------------------------------


def test_okapi_and_omegat_rules_load_for_japanese() -> None:
    okapi = load_rules(OKAPI, language="ja")
    omegat = load_rules(OMEGAT, language="ja")
    assert okapi.names == ("Default",)
    assert omegat.names[:2] == ("Japanese", "Default")  # OmegaT cascades
    assert okapi.protect == () and omegat.protect == ()
    assert len(okapi.rules) == 8


@pytest.mark.parametrize("name", ["okapi", "omegat"])
def test_foreign_rules_break_inside_corner_quotes(name: str) -> None:
    line = "彼は「行く。」と言った。次へ。"
    pieces = SEGMENTERS[name].split(line)
    assert pieces[0] == "彼は「行く。"
    assert SEGMENTERS["builtin"].split(line) == ["彼は「行く。」と言った。", "次へ。"]


def test_foreign_rules_still_split_plain_sentences() -> None:
    line = "今日は晴れ。明日は雨。"
    for name in ("okapi", "omegat", "builtin"):
        assert SEGMENTERS[name].split(line) == ["今日は晴れ。", "明日は雨。"], name


def test_okapi_english_rules_apply_to_english() -> None:
    english = Segmenter(load_rules(OKAPI, language="en"))
    pieces = english.split("Mr. Holmes is here. Is Dr. Watson there too? Yes.")
    assert [p.strip() for p in pieces] == [
        "Mr. Holmes is here.",
        "Is Dr. Watson there too?",
        "Yes.",
    ]


def test_language_maps_match_case_insensitively() -> None:
    assert load_rules(OMEGAT, language="JA-jp").names[0] == "Japanese"
    assert default_rules("ja-JP").names == ("Japanese", "English")
    assert default_rules("en").names == ("English",)


def test_forward_search_keeps_a_run_of_sentence_ends_together() -> None:
    # Okapi's CJK rule is "[。！？...]+" with an empty afterbreak: one break after the run.
    assert SEGMENTERS["okapi"].split("本当！？次へ") == ["本当！？", "次へ"]


def test_first_matching_rule_decides(tmp_path: Path) -> None:
    srx = tmp_path / "order.srx"
    srx.write_text(
        _srx(
            _rule("no", "\\bDr\\.", "\\s")
            + _rule("yes", "\\.", "\\s")
            + _rule("no", "\\bno\\.", "\\s")
        ),
        encoding="utf-8",
    )
    seg = Segmenter(load_rules(srx, language="en"))
    # The exception before the break rule wins; the one after it comes too late.
    assert seg.split("Dr. Who said no. Then left.") == ["Dr. Who said no.", " Then left."]


def test_protect_extension_in_a_user_file(tmp_path: Path) -> None:
    srx = tmp_path / "protect.srx"
    rule = '<rule break="yes"><beforebreak>。</beforebreak><afterbreak></afterbreak></rule>'
    srx.write_text(_srx(rule, protect='<tmkit:protect open="【" close="】"/>'), encoding="utf-8")
    seg = Segmenter(load_rules(srx, language="ja"))
    assert seg.split("【一。二。】三。四") == ["【一。二。】三。", "四"]
    # Only the pairs the file names are protected.
    assert seg.split("「一。二。」") == ["「一。", "二。", "」"]


def _rule(flag: str, before: str, after: str) -> str:
    return (
        f'<rule break="{flag}"><beforebreak>{before}</beforebreak>'
        f"<afterbreak>{after}</afterbreak></rule>"
    )


def _srx(rules: str, protect: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<srx xmlns="http://www.lisa.org/srx20" '
        'xmlns:tmkit="https://tmkit.dev/ns/srx-extensions" version="2.0">'
        f'<header cascade="no">{protect}</header><body><languagerules>'
        f'<languagerule languagerulename="All">{rules}</languagerule>'
        "</languagerules><maprules>"
        '<languagemap languagepattern=".*" languagerulename="All"/>'
        "</maprules></body></srx>"
    )


# --- bracket protection ---------------------------------------------------------------------


def test_protected_spans_nest_and_ignore_unmatched(builtin: Segmenter) -> None:
    line = "注1)a「b『c』d」e(f"
    spans = builtin.protected_spans(line)
    inner = (line.index("『") + 1, line.index("』"))
    outer = (line.index("「") + 1, line.index("」"))
    assert sorted(spans) == sorted([inner, outer])


def test_crossed_brackets_close_the_nearest_partner(builtin: Segmenter) -> None:
    line = "「a（b」c）"
    assert builtin.protected_spans(line) == [(1, line.index("」"))]


# --- the corpus -------------------------------------------------------------------------------

_PAIRS = {
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "【": "】",
    "〈": "〉",
    "《": "》",
    "［": "］",
    "“": "”",
}
_ENDS = "。！？"
_TRAILERS = "。！？!?」』）)】〉》］”"


def _inside_brackets(line: str) -> list[bool]:
    """For each index, whether it lies inside a bracket pair matched on the line."""
    inside = [False] * len(line)
    stack: list[tuple[str, int]] = []
    closers = set(_PAIRS.values())
    for index, char in enumerate(line):
        if char in _PAIRS:
            stack.append((_PAIRS[char], index))
        elif char in closers:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    for k in range(stack[depth][1] + 1, index):
                        inside[k] = True
                    del stack[depth:]
                    break
    return inside


@pytest.mark.skipif(not CORPUS.exists(), reason="source/ja/interview.txt is not in this checkout")
def test_every_sentence_end_outside_brackets_ends_a_piece(builtin: Segmenter) -> None:
    checked = 0
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        pieces = builtin.split(line)
        assert "".join(pieces) == line
        ends = set()
        position = 0
        for piece in pieces:
            position += len(piece)
            ends.add(len(piece.rstrip()) + position - len(piece))
        inside = _inside_brackets(line)
        for index, char in enumerate(line):
            if char not in _ENDS or inside[index]:
                continue
            after = index + 1
            while after < len(line) and line[after] in _TRAILERS:
                after += 1
            assert after in ends, f"line {number}: no break after {line[index - 10 : after]!r}"
            checked += 1
    assert checked > 100


@pytest.mark.skipif(not CORPUS.exists(), reason="source/ja/interview.txt is not in this checkout")
def test_corpus_tricky_spots(builtin: Segmenter) -> None:
    text = CORPUS.read_text(encoding="utf-8")
    pieces = [p.strip() for line in text.splitlines() for p in builtin.split(line)]
    assert any(p.startswith("理化学研究所のRIビームファクトリー(RIBF)注1)が、") for p in pieces)
    assert "QSTホームページ: https://www.qst.go.jp/" in pieces
    assert any("(positron emission tomography陽電子放出断層撮影)装置や試薬は" in p for p in pieces)
    assert any(p.startswith("1. 注1)RIビームファクトリー(RIDF)は、") for p in pieces)


# --- bad input ---------------------------------------------------------------------------------

BAD = [
    ("malformed.srx", 9, 15, "malformed XML"),
    ("empty.srx", 1, 1, "malformed XML"),
    ("invalid-regex.srx", 8, 28, "invalid regex in <beforebreak>"),
    ("unknown-language.srx", 13, 5, "no <languagemap> matches language 'ja'"),
    ("entity-expansion.srx", 3, 3, "entity declarations are not allowed"),
    ("external-entity.srx", 3, 3, "entity declarations are not allowed"),
    ("bad-break-value.srx", 7, 9, 'break must be "yes" or "no"'),
    ("undefined-rule.srx", 14, 7, "undefined languagerule 'Nihongo'"),
    ("not-srx.srx", 2, 1, "not an SRX file"),
    ("bad-protect.srx", 4, 5, "tmkit:protect needs one-character open and close"),
]


@pytest.mark.parametrize(("name", "line", "col", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_srx_is_a_located_parse_error(name: str, line: int, col: int, message: str) -> None:
    path = BAD_SRX / name
    with pytest.raises(ParseError) as caught:
        load_rules(path, language="ja")
    error = caught.value
    assert (error.path, error.line, error.col) == (str(path), line, col)
    assert message in error.message
    assert str(error).startswith(f"{path}:{line}:{col}: ")


def test_every_bad_srx_file_is_tested() -> None:
    assert {p.name for p in BAD_SRX.glob("*.srx")} == {b[0] for b in BAD}


def test_missing_srx_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read SRX file"):
        load_rules(tmp_path / "nope.srx", language="ja")


def test_builtin_rules_refuse_a_language_they_do_not_cover() -> None:
    with pytest.raises(ParseError, match="no <languagemap> matches language 'fr'"):
        default_rules("fr")


@pytest.mark.parametrize(
    "line",
    [
        "「" * 30000 + "あ。" * 30000 + "）" * 30000,  # openers nothing closes
        "（あ。）" * 30000,  # many pairs
        "(" * 30000 + "い。" * 30000 + ")" * 30000,  # one deep nest around every break
        "う。」" * 30000,  # closers nothing opened
        "!" * 30000 + "あ",  # one long run of sentence ends
        "a" + "." * 30000 + " 次",  # a run the English rule looks back over
        "U." * 30000 + " The",  # initials the abbreviation rule looks back over
    ],
    ids=["unclosed", "many-pairs", "deep-nest", "unopened", "bang-run", "dot-run", "initials"],
)
def test_long_adversarial_lines_stay_linear(builtin: Segmenter, line: str) -> None:
    start = time.process_time()
    pieces = builtin.split(line)
    assert "".join(pieces) == line
    # Quadratic bracket matching or backtracking would take minutes here; linear, well
    # under a second.
    assert time.process_time() - start < 5
