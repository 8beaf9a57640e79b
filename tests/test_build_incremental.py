"""The incremental build: what the state lets it skip, and what it never trusts.

Byte identity with a full build is tests/test_build_golden.py's job; here: a
no-change build reuses every step, an edited output or a tampered record makes
the step run again, and the pair-check memo gives exactly `run_checks`' findings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repo_project import copy_project
from tmkit.checks.base import CheckContext
from tmkit.checks.glossary import build_matcher
from tmkit.checks.memo import run_checks_remembering
from tmkit.checks.run import run_checks
from tmkit.formats.io import read_glossaries as load_glossaries
from tmkit.ops.build import run_build
from tmkit.ops.build_steps import apply
from tmkit.ops.check import load_units as load_pairs
from tmkit.ops.project import load_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    copy_project(tmp_path)
    return tmp_path


def build(root: Path):
    result = run_build(load_project(root / "pyproject.toml"))
    apply(result)
    return result


def test_no_change_build_reuses_every_step(project: Path) -> None:
    first = build(project)
    assert not any(s.reused for s in first.steps)
    second = build(project)
    assert all(s.reused for s in second.steps)
    assert [f.to_dict() for f in second.findings] == [f.to_dict() for f in first.findings]
    assert [(s.name, s.summary, s.ok) for s in second.steps] == [
        (s.name, s.summary, s.ok) for s in first.steps
    ]
    assert (project / ".tmkit" / ".gitignore").read_text().strip().endswith("*")


def test_an_edited_output_is_rebuilt(project: Path) -> None:
    build(project)
    tmx = project / "target" / "en" / "interview.tmx"
    original = tmx.read_bytes()
    tmx.write_bytes(original.replace(b"</body>", b"<!-- hand edit --></body>"))
    result = run_build(load_project(project / "pyproject.toml"))
    reused = {s.name: s.reused for s in result.steps}
    assert not reused["tmx"] and reused["check"]
    assert result.stale() == [tmx]
    apply(result)
    assert tmx.read_bytes() == original


@pytest.mark.parametrize("damage", ["garbage", "tampered"])
def test_a_state_that_cannot_be_trusted_means_a_full_build(project: Path, damage: str) -> None:
    build(project)
    state = project / ".tmkit" / "state.json"
    if damage == "garbage":
        state.write_text("{not json", encoding="utf-8")
    else:
        data = json.loads(state.read_text(encoding="utf-8"))
        data["steps"]["check"]["ok"] = not data["steps"]["check"]["ok"]
        state.write_text(json.dumps(data), encoding="utf-8")
    result = run_build(load_project(project / "pyproject.toml"))
    reused = {s.name: s.reused for s in result.steps}
    assert not reused["check"]
    if damage == "garbage":
        assert not any(reused.values())


def test_remembered_pair_findings_equal_a_full_run() -> None:
    pairs = load_pairs(ROOT / "target" / "en" / "interview.po")
    glossary = load_glossaries([ROOT / "glossary" / "qst.tbx"])
    want = run_checks(pairs, CheckContext(glossary=build_matcher(glossary)))
    found, memo = run_checks_remembering(
        pairs, CheckContext(glossary=build_matcher(glossary)), None, None, {}
    )
    assert found == want
    memo = json.loads(json.dumps(memo))  # as the state file keeps it
    again, _ = run_checks_remembering(
        pairs, CheckContext(glossary=build_matcher(glossary)), None, None, memo
    )
    assert again == want
