"""Consistency across files and against a memory (Xbench's inconsistency checks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.checks import CheckContext
from tmkit.checks.consistency import normalise
from tmkit.checks.run import run_checks
from tmkit.cli import app
from tmkit.model.units import Unit as Pair

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _po(path: Path, entries: list[tuple[str, str]]) -> Path:
    body = "".join(f'msgid "{s}"\nmsgstr "{t}"\n\n' for s, t in entries)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("The beam.", "the beam", True),
        ("3 people took part.", "5 people took part!", True),
        ("ＱＳＴです。", "QSTです", True),
        ("3人が参加", "５人が参加。", True),
        ("The beam.", "The beams.", False),
    ],
)
def test_normalisation(a: str, b: str, same: bool) -> None:
    keep = any(c.isascii() and c.isalpha() for c in a + b) and "で" not in a
    assert (normalise(a, keep) == normalise(b, keep)) is same


def test_same_source_differs_across_two_files(tmp_path: Path) -> None:
    one = _po(tmp_path / "one.po", [("ご清聴ありがとうございました。", "Thank you for listening.")])
    two = _po(
        tmp_path / "two.po",
        [
            ("ご清聴ありがとうございました。", "Thank you for your attention."),
            ("それは大きな課題です。", "That is a major challenge."),
        ],
    )
    three = _po(tmp_path / "three.po", [("それは大きな問題です。", "That is a major challenge!")])
    result = CliRunner().invoke(
        app,
        ["check", str(one), str(two), str(three), "--select", "consistency", "--format", "json"],
    )
    findings = json.loads(result.stdout)["findings"]
    got = {(f["rule"], Path(f["file"]).name, f["line"]) for f in findings}
    assert got == {
        ("consistency.target", "one.po", 5),
        ("consistency.target", "two.po", 5),
        ("consistency.source", "two.po", 8),
        ("consistency.source", "three.po", 5),
    }
    # every finding names where the other occurrence is
    by_file = {Path(f["file"]).name: f["message"] for f in findings if f["rule"].endswith("target")}
    assert "two.po:5" in by_file["one.po"] and "one.po:5" in by_file["two.po"]


def test_case_punctuation_and_numbers_are_not_inconsistencies(tmp_path: Path) -> None:
    pairs = [
        Pair("3人が参加しました。", "Three people took part.", "a", file="a.po", line=1),
        Pair("5人が参加しました。", "Five people took part.", "b", file="b.po", line=1),
        Pair("10人が参加しました。", "10 people took part", "c", file="b.po", line=2),
        Pair("12人が参加しました。", "12 People took part.", "d", file="b.po", line=3),
    ]
    found = run_checks(pairs, CheckContext(), select=["consistency"])
    # three/five as words differ from digits (the number rule checks them), digits do not
    assert {f.unit for f in found} <= {"a", "b", "c", "d"}
    assert not [f for f in found if {f.unit} <= {"c", "d"} and "12 People" in f.message]


def test_memory_is_a_reference_never_reported(tmp_path: Path) -> None:
    po = _po(tmp_path / "new.po", [("ご清聴ありがとうございました。", "Thanks for listening.")])
    tm = _po(
        tmp_path / "memory.po", [("ご清聴ありがとうございました。", "Thank you for listening.")]
    )
    runner = CliRunner()
    alone = runner.invoke(app, ["check", str(po), "--select", "consistency", "--format", "json"])
    assert json.loads(alone.stdout)["findings"] == []
    with_tm = runner.invoke(
        app, ["check", str(po), "--tm", str(tm), "--select", "consistency", "--format", "json"]
    )
    findings = json.loads(with_tm.stdout)["findings"]
    assert [(Path(f["file"]).name, f["rule"]) for f in findings] == [
        ("new.po", "consistency.target")
    ]
    assert "memory.po:5" in findings[0]["message"]
