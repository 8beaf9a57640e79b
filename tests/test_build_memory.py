"""The build's narrowed memories answer as the whole memory does (ops/build_memory)."""

from __future__ import annotations

from pathlib import Path

import pytest

from repo_project import copy_project
from tmkit.formats.po import read_po
from tmkit.ops.build import run_build
from tmkit.ops.build_memory import BuildMemories, load_memories, own_tmx_entries, wanted
from tmkit.ops.build_steps import apply
from tmkit.ops.project import load_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    copy_project(tmp_path)
    apply(run_build(load_project(tmp_path / "pyproject.toml")))
    return load_project(tmp_path / "pyproject.toml")


def test_own_tmx_entries_from_the_po_equal_the_tmx_read(project) -> None:
    tmx = project.path(project.tmx)
    whole = load_memories(project)
    po = read_po(project.path(project.translation))
    made = list(own_tmx_entries(project, po, str(tmx)))
    assert made == list(whole.units)
    assert len(made) > 10
    keep = wanted({made[3].source, made[7].source[:-2] + "。"}, 75.0)
    assert list(own_tmx_entries(project, po, str(tmx), keep)) == [e for e in made if keep(e.source)]


def test_a_narrowed_lookup_answers_as_the_whole_one(project) -> None:
    whole = load_memories(project)
    sources = [e.source for e in whole.units][:40]
    queries = {s[:-3] + "です。" for s in sources if len(s) > 8}  # near misses
    queries |= set(sources[:5])  # exact ones
    queries.add("まったく関係のない文です。")
    for threshold in (60.0, 75.0, 90.0):
        narrowed = BuildMemories(project, queries, threshold)
        for q in sorted(queries):
            for context in (None, "nope"):
                want = whole.find(q, context, threshold)
                got = narrowed.find(q, context, threshold)
                assert got == want, (q, threshold)
        assert 0 < len(narrowed._narrowed().units) < len(whole.units)


@pytest.mark.parametrize("threshold", [0.0, 0.5, 1.0, 60.0, 75.0, 90.0, 100.0])
@pytest.mark.parametrize(
    "queries",
    [
        set(),
        {"量子の研究を進める。"},
        {"量子の研究を進める。", "ＱＳＴの施設です。", "ｶﾞｽの研究。"},
    ],
)
def test_wanted_many_answers_as_one_by_one(queries: set[str], threshold: float) -> None:
    """The batch test (one rapidfuzz call for all sources) keeps exactly what the
    test of each source keeps: scores around the cutoff, NFKC forms, exact sources."""
    sources = [
        "量子の研究を進める。",
        "量子の研究を進めた。",
        "量子の研究。",
        "QSTの施設です。",
        "ＱＳＴの施設です。",
        "ガスの研究。",
        "ｶﾞｽの研究。",
        "まったく関係のない文です。",
        "",
        "量",
    ]
    keep = wanted(queries, threshold)
    assert keep.many(sources) == [keep(s) for s in sources]
