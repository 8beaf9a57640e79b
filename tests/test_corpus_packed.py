"""Findings and units cross processes as tuples (ops/corpus/packed): every field comes
back, and sorting the rows gives the order the local engine gives."""

from __future__ import annotations

import pickle
import random

from hypothesis import given
from hypothesis import strategies as st

from tmkit.model.findings import Finding, sort_key
from tmkit.model.units import Unit
from tmkit.ops.corpus.packed import (
    findings_of_rows,
    in_corpus_order,
    order_rows,
    pack_unit,
    unpack_units,
)

WHOLE = Finding(
    "consistency.source",
    "warning",
    "same source, other targets",
    "u7",
    "a.tmx",
    12,
    "量子",
    "quantum",
    (1, 3),
    "Quantum",
    "source",
)


def test_findings_come_back_whole() -> None:
    findings = [WHOLE, Finding("length.ratio", "info", "same source, other targets")]
    rows = pickle.loads(pickle.dumps(order_rows(findings)))
    assert findings_of_rows(rows) == findings
    assert rows[0][6] is rows[1][6]  # an equal message travels once


def test_none_and_empty_stay_apart() -> None:
    """``""`` and None sort alike but come back as they were, and never meet in a
    comparison (a None against a str would raise)."""
    empty = Finding("r", "error", "m", "", "", 0, "", "", (0, 0), "", "target")
    nothing = Finding("r", "error", "m", None, None, None, None, None, None, None)
    rows = order_rows([nothing, empty, nothing])
    assert findings_of_rows(sorted(rows)) == in_corpus_order([nothing, empty, nothing])
    assert set(findings_of_rows(rows)) == {empty, nothing}


texts = st.sampled_from(["", "a", "b", "量子"])
maybe = st.none() | texts
findings = st.builds(
    Finding,
    st.sampled_from(["consistency.target", "glossary.missing", "numbers"]),
    st.sampled_from(["error", "warning", "info", "odd"]),
    texts,
    maybe,
    maybe,
    st.none() | st.integers(0, 3),
    maybe,
    maybe,
    st.none() | st.tuples(st.integers(0, 2), st.integers(0, 2)),
    maybe,
    st.sampled_from(["source", "target"]),
)


@given(st.lists(findings, max_size=40), st.integers(1, 5), st.randoms())
def test_rows_sorted_together_give_the_local_order(
    found: list[Finding], tasks: int, rnd: random.Random
) -> None:
    """However the findings are split among tasks and in whatever order the tasks
    end, the client's sort of their rows equals the local engine's order, which is
    `sort_key` order with equal keys broken by the other fields."""
    expected = in_corpus_order(found)
    assert [sort_key(f) for f in expected] == sorted(sort_key(f) for f in found)
    shuffled = list(found)
    rnd.shuffle(shuffled)
    assert in_corpus_order(shuffled) == expected
    parts: list[list[Finding]] = [[] for _ in range(tasks)]
    for f in found:
        parts[rnd.randrange(tasks)].append(f)
    rows = [row for part in parts for row in order_rows(sorted(part, key=sort_key))]
    rnd.shuffle(rows)
    assert findings_of_rows(sorted(rows)) == expected


def test_units_keep_what_the_corpus_checks_read() -> None:
    unit = Unit("量子科学", "quantum science", id="7", file="a.tmx", line=3)
    (back,) = unpack_units([pack_unit(unit)])
    for name in ("source", "target", "id", "file", "line", "state", "ignored"):
        assert getattr(back, name) == getattr(unit, name)
