"""The fast gates of the normaliser say exactly what the regexes they stand for say."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tmkit.text.normalize import folding, has_address_hint
from tmkit.text.normalize.latin import _ADDRESS_HINT

_ALPHABET = st.sampled_from(
    [*" \t\n\u3000\u00a0\u2010\u2212\uff0d\u2019'wW.:/@-aQ漢あ", "ww", "www.", "://"]
)
_TEXTS = st.lists(_ALPHABET, max_size=12).map("".join) | st.text(max_size=12)


def test_whitespace_is_every_char_str_isspace_accepts() -> None:
    every = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(folding._WHITESPACE) == every
    assert all(re.fullmatch(r"\s", ch) for ch in every)


@given(_TEXTS)
def test_special_char_gates(text: str) -> None:
    assert bool(folding._SPECIAL_JA_CHARS.search(text)) == bool(folding._SPECIAL_JA.search(text))
    en_gate = "  " in text or bool(folding._SPECIAL_EN_CHARS.search(text))
    assert en_gate == bool(folding._SPECIAL_EN.search(text))


@given(_TEXTS)
def test_address_hint(text: str) -> None:
    assert has_address_hint(text) == bool(_ADDRESS_HINT.search(text))


def test_kana_pair_is_two_kana() -> None:
    from tmkit.glossary.kana_edges import _splits_kana

    def is_kana(ch: str) -> bool:  # hiragana, katakana and ー; not ・ or ゠
        return "\u3041" <= ch <= "\u30ff" and ch not in "・゠"

    chars = [chr(c) for c in range(0x3000, 0x3100)] + ["a", "漢"]
    for a in chars:
        for b in ("あ", "ア", "ー", "・", "漢", a):
            assert _splits_kana(a + b, 1) == (is_kana(a) and is_kana(b))
    assert not _splits_kana("ああ", 0) and not _splits_kana("ああ", 2)


_NUMERAL_CHARS = st.sampled_from([*"0123456789,.一二三十百千万億兆〇零年人第a 、。", "١٣"])


@given(st.lists(_NUMERAL_CHARS, max_size=16))
def test_numerals_are_the_number_expression_matches(chars: list[str]) -> None:
    from tmkit.text.normalize.numbers_ja import _NUM_EXPR, _numerals

    text = "".join(chars)
    assert _numerals(text) == [(m.start(), m.end(), m.group()) for m in _NUM_EXPR.finditer(text)]


_FOLD_CHARS = st.sampled_from(
    [*"ａＱ１２３！－＇ 　a1-’'\u0301\u3099ｶﾞ漢あ㈱\u2010\t、。", "\U0001d400"]
)


@given(st.lists(_FOLD_CHARS, max_size=10).map("".join), st.booleans())
def test_full_width_fold_is_the_walk(text: str, drop_spaces: bool) -> None:
    fast = folding._fold_wide(text)
    if fast is not None:
        walk = folding._fold_clusters(text, drop_spaces)
        assert (fast.text, fast.original) == (walk.text, walk.original)
        every = range(len(walk.text))
        assert [fast.span(i, i + 1) for i in every] == [walk.span(i, i + 1) for i in every]
