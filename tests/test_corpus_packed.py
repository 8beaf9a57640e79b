"""Findings and units cross processes as tuples (ops/corpus/packed): every field comes back."""

from __future__ import annotations

import pickle

from tmkit.model.findings import Finding
from tmkit.model.units import Unit
from tmkit.ops.corpus.packed import pack_findings, pack_unit, unpack_findings, unpack_units


def test_findings_come_back_whole() -> None:
    findings = [
        Finding(
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
        ),
        Finding("length.ratio", "info", "same source, other targets"),
    ]
    rows = pickle.loads(pickle.dumps(pack_findings(findings)))
    assert unpack_findings(rows) == findings
    assert rows[0][2] is rows[1][2]  # an equal message travels once


def test_units_keep_what_the_corpus_checks_read() -> None:
    unit = Unit("量子科学", "quantum science", id="7", file="a.tmx", line=3)
    (back,) = unpack_units([pack_unit(unit)])
    for name in ("source", "target", "id", "file", "line", "state", "ignored"):
        assert getattr(back, name) == getattr(unit, name)
