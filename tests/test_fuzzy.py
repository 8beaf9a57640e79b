"""The fuzzy index must return exactly what brute-force rapidfuzz returns."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from tmkit.text.fuzzy import FuzzyIndex, FuzzyMatch, normalize, score

# a small alphabet makes near-duplicates, repeated bigrams and ties common
ALPHABET = "あいうアイ本日。、ａＡa1１ "
texts = st.text(alphabet=ALPHABET, max_size=14)


def brute_matches(units: list[str], query: str, threshold: float) -> list[FuzzyMatch]:
    q = normalize(query)
    found = [
        FuzzyMatch(i, fuzz.ratio(q, normalize(u)))
        for i, u in enumerate(units)
        if fuzz.ratio(q, normalize(u)) >= threshold
    ]
    return sorted(found, key=lambda m: (-m.score, m.index))


@settings(max_examples=400, deadline=None)
@given(
    units=st.lists(texts, max_size=30),
    query=texts,
    threshold=st.sampled_from([0, 10, 40, 50, 66.7, 75, 80, 90, 99.9, 100]),
)
def test_index_agrees_with_brute_force(units: list[str], query: str, threshold: float) -> None:
    index = FuzzyIndex(units)
    expected = brute_matches(units, query, threshold)
    assert index.matches(query, threshold) == expected
    assert index.best(query, threshold) == (expected[0] if expected else None)


@settings(max_examples=200, deadline=None)
@given(base=st.text(alphabet=ALPHABET, min_size=5, max_size=40), data=st.data())
def test_edited_copies_are_found(base: str, data: st.DataObject) -> None:
    """Units that are small edits of the query: the filtered (not scanned) path."""
    units = []
    for _ in range(20):
        chars = list(base)
        for _ in range(data.draw(st.integers(0, 4))):
            pos = data.draw(st.integers(0, len(chars)))
            if data.draw(st.booleans()) and pos < len(chars):
                del chars[pos]
            else:
                chars.insert(pos, data.draw(st.sampled_from(ALPHABET)))
        units.append("".join(chars))
    index = FuzzyIndex(units)
    for threshold in (60, 75, 90):
        assert index.matches(base, threshold) == brute_matches(units, base, threshold)


def test_ties_go_to_the_earliest_unit() -> None:
    index = FuzzyIndex(["これはペンでした", "これはペンだった", "これはペンでした"])
    best = index.best("これはペンです", 50)
    assert best is not None and best.index == 0
    # and extractOne (the brute-force baseline) breaks ties the same way
    assert process.extractOne("これはペンです", index.texts, scorer=fuzz.ratio)[2] == 0


def test_scores_are_on_nfkc_text() -> None:
    assert score("ＡＢＣ１２３", "ABC123") == 100
    index = FuzzyIndex(["ＡＢＣ１２３です"])
    assert index.best("ABC123です", 100) == FuzzyMatch(0, 100.0)


@pytest.mark.parametrize(
    ("units", "query", "threshold", "expected"),
    [
        ([], "何か", 75, None),
        (["", "a"], "", 75, FuzzyMatch(0, 100.0)),
        (["a"], "", 75, None),
        (["ab"], "a", 60, FuzzyMatch(0, 200 / 3)),
        (["ab"], "a", 70, None),
        (["あいうえお"], "あいうえお", 100, FuzzyMatch(0, 100.0)),
        (["あいうえお"], "あいうえ", 100, None),
        (["ああああああ"], "あああ", 66, FuzzyMatch(0, 200 / 3)),
        # the probe raises the filter's threshold to 71.43; rapidfuzz must still be
        # asked with the caller's threshold (its cutoff test is not exact near a score)
        (["11111111111111"], "1111111111aaaa", 0, FuzzyMatch(0, 1000 / 14)),
    ],
)
def test_edge_cases(
    units: list[str], query: str, threshold: float, expected: FuzzyMatch | None
) -> None:
    assert FuzzyIndex(units).best(query, threshold) == expected


def test_many_units_take_the_probe_path() -> None:
    """Enough near-duplicates that `best` scores a probe first and then re-filters."""
    import random

    rng = random.Random(7)
    base = "量子科学技術研究開発機構の理事長に話を伺った。"
    units = []
    for _ in range(1500):
        chars = list(base)
        for _ in range(rng.randrange(0, 15)):
            pos = rng.randrange(len(chars))
            chars[pos] = rng.choice("研究開発技術量子科学あいう。")
        units.append("".join(chars[: rng.randrange(10, len(chars) + 1)]))
    index = FuzzyIndex(units)
    for _ in range(40):
        query = rng.choice(units)[rng.randrange(0, 4) :] + rng.choice(["", "た", "。"])
        for threshold in (75, 90):
            expected = process.extractOne(
                normalize(query), index.texts, scorer=fuzz.ratio, score_cutoff=threshold
            )
            got = index.best(query, threshold)
            if expected is None:
                assert got is None
            else:
                assert got is not None and (got.index, got.score) == (expected[2], expected[1])


def test_reading_more_postings_stays_exact(monkeypatch) -> None:
    """Past `_TIGHTEN_FROM` candidates the filter reads more postings to tighten its
    bounds; forced on for every query here (edited copies, where the prefix filter
    leaves lists unread), it must still agree with brute force."""
    import random

    import numpy as np

    import tmkit.text.fuzzy as fuzzy_module

    monkeypatch.setattr(fuzzy_module, "_TIGHTEN_FROM", 0)
    counted = []
    bincount = np.bincount
    monkeypatch.setattr(np, "bincount", lambda *a, **k: counted.append(1) or bincount(*a, **k))
    rng = random.Random(11)
    for _ in range(150):
        base = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(5, 40)))
        units = []
        for _ in range(20):
            chars = list(base)
            for _ in range(rng.randrange(0, 5)):
                pos = rng.randrange(len(chars) + 1)
                if rng.random() < 0.5 and pos < len(chars):
                    del chars[pos]
                else:
                    chars.insert(pos, rng.choice(ALPHABET))
            units.append("".join(chars))
        index = FuzzyIndex(units)
        for threshold in (75, 90):
            expected = brute_matches(units, base, threshold)
            assert index.matches(base, threshold) == expected
            assert index.best(base, threshold) == (expected[0] if expected else None)
    # 600 lookups, each counting once, and a second time in most (1002 when written)
    assert len(counted) > 900


_NFKC_CHARS = st.sampled_from(
    [*"ａＱ１２３！－＇（） 　a1-’'\u0301\u3099\u309aｶﾞﾟ漢あ㈱①½ⅫＡ\uff5e\uff5f", "\U0001d400", "é"]
)


@given(st.lists(_NFKC_CHARS, max_size=12).map("".join))
def test_normalize_is_nfkc(text: str) -> None:
    """The full-width shortcut of `normalize` gives what unicodedata's NFKC gives
    (a mark after a full-width letter composes with its ASCII: no shortcut then)."""
    assert normalize(text) == unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize(
    "text", ["ＱＳＴ１２３", "第１節。", "全角　空白", "Ａ\u0301", "ｶﾞ１", "①ＡＢ", "é１"]
)
def test_normalize_is_nfkc_on_cases(text: str) -> None:
    assert normalize(text) == unicodedata.normalize("NFKC", text)
