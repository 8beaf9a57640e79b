"""Fuzzy lookup is exact on every back end: the best match ≥ threshold and its score
are what brute-force rapidfuzz over every unit returns (ties: the earliest unit)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from tm_backends import BACKENDS, fresh_spec
from tmkit.text.fuzzy import normalize
from tmkit.tm.base import TmEntry
from tmkit.tm.memory import MemoryLookup
from tmkit.tm.spec import open_store
from tmkit.tm.sql import Filters

PIECES = [
    "日本",
    "語",
    "の",
    "文",
    "です",
    "。",
    "研究",
    "開発",
    "機構",
    "AB",
    "x",
    "12",
    "３",
    "ＡＢ",
    "、",
    "は",
    "が",
    "会議",
    "明日",
    "ja",
    "7",
]


def brute_force(sources: list[str], query: str, threshold: float):
    best = None
    q = normalize(query)
    for i, s in enumerate(sources):
        score = fuzz.ratio(q, normalize(s))
        if score >= threshold and (best is None or score > best[1]):
            best = (i, score)
    return best


segment = st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join)


@st.composite
def edited(draw, base: str) -> str:
    """``base`` with a few edits, or its clauses reordered: near the threshold."""
    chars = list(base)
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["ins", "del", "sub", "swap"]))
        pos = draw(st.integers(0, max(len(chars) - 1, 0)))
        if op == "ins":
            chars.insert(pos, draw(st.sampled_from(PIECES))[0])
        elif op == "del" and chars:
            del chars[pos]
        elif op == "sub" and chars:
            chars[pos] = draw(st.sampled_from(PIECES))[0]
        elif op == "swap" and "、" in chars:
            i = chars.index("、")
            chars = [*chars[i + 1 :], "、", *chars[:i]]
    return "".join(chars)


@st.composite
def cases(draw):
    sources = draw(st.lists(segment, min_size=1, max_size=30))
    base = draw(st.sampled_from(sources))
    query = draw(st.one_of(edited(base), segment))
    threshold = draw(st.sampled_from([50.0, 60.0, 75.0, 80.0, 90.0]))
    return sources, query, threshold


def _check(memory, sources, query, threshold):
    expected = brute_force(sources, query, threshold)
    hits = memory.fuzzy(query, threshold, 1)
    if expected is None:
        assert hits == []
    else:
        assert hits, (query, expected)
        assert hits[0].score == pytest.approx(expected[1], abs=1e-9)
        # the same unit: the earliest with that score (sources may repeat)
        assert normalize(hits[0].entry.source) == normalize(sources[expected[0]])
        assert hits[0].entry.context == f"c{expected[0]}"


@settings(max_examples=150, deadline=None)
@given(cases())
def test_in_memory_matches_brute_force(case):
    sources, query, threshold = case
    memory = MemoryLookup(TmEntry(s, "t", f"c{i}") for i, s in enumerate(sources))
    expected = brute_force(sources, query, threshold)
    hits = memory.fuzzy(query, threshold, 1)
    assert (hits[0].score if hits else None) == (expected[1] if expected else None)


@pytest.mark.parametrize("kind", BACKENDS)
def test_store_matches_brute_force(kind, tmp_path):
    store = open_store(fresh_spec(kind, tmp_path), create=True)
    store.init("ja", "en")

    @settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(cases())
    def run(case):
        sources, query, threshold = case
        store.delete(Filters())
        # distinct targets: every unit is its own (keep-both keeps repeated sources apart)
        store.add([TmEntry(s, f"t{i}", f"c{i}") for i, s in enumerate(sources)], "keep-both")
        _check(store, sources, query, threshold)

    try:
        run()
    finally:
        store.close()


@pytest.mark.parametrize("kind", BACKENDS)
def test_saved_base_segments_and_tail_are_exact(kind, tmp_path, monkeypatch):
    """A saved base index, units added after it in rounds (newer segments, merged,
    and a brute-force tail), a reader starting afresh: always brute force's answer,
    ties to the earlier unit."""
    import tmkit.tm.index as index_module

    monkeypatch.setattr(index_module, "TAIL_LIMIT", 3)
    monkeypatch.setattr(index_module, "DELTA_LIMIT", 60)
    monkeypatch.setenv("TMKIT_CACHE_DIR", str(tmp_path / "cache"))
    spec = fresh_spec(kind, tmp_path)
    store = open_store(spec, create=True)
    store.init("ja", "en")
    sources: list[str] = []
    queries = ["研究開発1の文です", "研究開発X1の文", "開発の文です。", "X1", "研究開発12の"]
    rounds = [[f"研究開発{i}の文です。" for i in range(40)]]
    rounds += [[f"研究開発{i % 7}の文です。", f"研究開発X{i}の文"] for i in range(12)]
    rounds += [[f"開発{i}の文です。" for i in range(30)]]  # past DELTA_LIMIT: a new base
    for batch in rounds:
        offset = len(sources)
        store.add([TmEntry(s, f"t{offset + i}", f"c{offset + i}") for i, s in enumerate(batch)])
        sources += batch
        for query in queries:
            _check(store, sources, query, 50.0)
    store.close()
    reader = open_store(spec)  # a new reader: loads the saved base, reads the rest
    for query in queries:
        _check(reader, sources, query, 50.0)
    reader.close()


@pytest.mark.parametrize("news_limit", [5_000, 3])
@pytest.mark.parametrize("kind", BACKENDS)
def test_reader_takes_a_writers_units_without_rebuilding(kind, news_limit, tmp_path, monkeypatch):
    """A reader and a writer on two connections: the reader's lookups see every unit
    committed before them (read with the lookup, or in pages when many), never
    rebuild the base because of writes, and pick up the base a writer saves."""
    import tmkit.tm.index as index_module
    import tmkit.tm.sql as sql_module

    monkeypatch.setattr(index_module, "TAIL_LIMIT", 4)
    monkeypatch.setattr(index_module, "DELTA_LIMIT", 30)
    monkeypatch.setattr(index_module, "MERGE_LIMIT", 16)
    monkeypatch.setattr(sql_module, "NEWS_LIMIT", news_limit)
    monkeypatch.setenv("TMKIT_CACHE_DIR", str(tmp_path / "cache"))
    spec = fresh_spec(kind, tmp_path)
    writer = open_store(spec, create=True)
    writer.init("ja", "en")
    sources = [f"研究開発{i}の文です。" for i in range(20)]
    writer.add([TmEntry(s, f"t{i}", f"c{i}") for i, s in enumerate(sources)])
    reader = open_store(spec)
    queries = ["研究開発1の文です", "開発X3の文", "開発の文です。", "X1", "研究開発12の"]
    for query in queries:
        _check(reader, sources, query, 50.0)  # builds and saves the first base
    builds = []
    real_build = index_module.StoreIndex._build_and_save

    def counted(self, epoch):
        builds.append(epoch)
        return real_build(self, epoch)

    monkeypatch.setattr(index_module.StoreIndex, "_build_and_save", counted)
    for round_ in range(12):
        batch = [f"開発X{round_}番{i}の文" for i in range(round_ % 4 + 2)]
        offset = len(sources)
        writer.add([TmEntry(s, f"t{offset + i}", f"c{offset + i}") for i, s in enumerate(batch)])
        sources += batch
        for query in queries:
            _check(reader, sources, query, 50.0)
    assert builds == []  # the reader indexed segments, never the base
    assert writer.save_index()  # 42 units since the base (> 30): the writer rebuilds it
    assert not writer.save_index()  # and only once
    base = len(sources)
    batch = [f"研究開発Y{i}の文です。" for i in range(6)]
    writer.add([TmEntry(s, f"t{base + i}", f"c{base + i}") for i, s in enumerate(batch)])
    sources += batch
    for query in queries:
        _check(reader, sources, query, 50.0)
    assert len(builds) == 1  # the writer's
    assert len(reader._index._segments[0]) == base  # the reader took the writer's base
    writer.close()
    reader.close()


@pytest.mark.parametrize("kind", BACKENDS)
def test_units_added_between_lookups_keep_the_tie_rule(kind, tmp_path, monkeypatch):
    """Units a writer adds between two lookups are scored on their own: a new unit
    scoring the same as an older one loses to it, a higher one wins, and a list of
    hits merges both, score descending then oldest first."""
    monkeypatch.setenv("TMKIT_CACHE_DIR", str(tmp_path / "cache"))
    spec = fresh_spec(kind, tmp_path)
    writer = open_store(spec, create=True)
    writer.init("ja", "en")
    sources = ["量子科学技術の研究", "量子技術の研究開発", "放射線医学の研究"]
    writer.add([TmEntry(s, f"t{i}", f"c{i}") for i, s in enumerate(sources)])
    reader = open_store(spec)
    query = "量子科学技術の研究開発"
    _check(reader, sources, query, 50.0)
    # a copy of the best unit (a tie: the older wins), then a closer one (wins)
    for text in ["量子科学技術の研究", "量子科学技術の研究開発へ", "量子科学技術の研究開発"]:
        context = f"c{len(sources)}"
        writer.add([TmEntry(text, f"t{len(sources)}", context)])
        sources.append(text)
        _check(reader, sources, query, 50.0)
        hits = reader.fuzzy(query, 50.0, 3)
        q = normalize(query)
        expected = sorted(
            ((-fuzz.ratio(q, normalize(s)), i) for i, s in enumerate(sources)),
        )[:3]
        assert [(h.entry.context, h.score) for h in hits] == [
            (f"c{i}", pytest.approx(-neg)) for neg, i in expected
        ]
    writer.close()
    reader.close()
