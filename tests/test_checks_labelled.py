"""The labelled JA→EN set: per-rule precision and recall must be at least 0.95.

tests/data/checks/labelled.po carries each entry's expected rule ids in a
``#. expect: rule …`` comment (empty: no finding); the glossary is labelled.tbx
(TBX-Basic). The set seeds violations of every rule and the known false-positive
traps (教授会 inside 大学院教授会, Council → Councils, multi-word and hyphenated
terms, a term only inside a URL, numbers as words, both English date orders,
万/億 scaling, eras, 「」 → "").
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from tmkit.checks import CheckContext
from tmkit.checks.glossary import build_matcher
from tmkit.checks.run import run_checks
from tmkit.formats.io import read_glossaries as load_glossaries
from tmkit.ops.check import load_units as load_pairs

DATA = Path(__file__).parent / "data" / "checks"
PO = DATA / "labelled.po"
TBX = DATA / "labelled.tbx"
THRESHOLD = 0.95


def expectations() -> dict[tuple[str, int], set[str]]:
    """(unit, line) → expected rules, read from the PO's ``#. expect:`` comments."""
    expected: dict[tuple[str, int], set[str]] = {}
    for pair in load_pairs(PO):
        lines = [n for n in pair.notes if n.startswith("expect:")]
        assert lines, f"entry at line {pair.line} has no '#. expect:' comment"
        expected[(pair.id, pair.line)] = set(lines[0][len("expect:") :].split())
    return expected


def score(found: dict[tuple[str, int], set[str]], expected: dict[tuple[str, int], set[str]]):
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    for key, want in expected.items():
        got = found.get(key, set())
        for r in want & got:
            tp[r] += 1
        for r in got - want:
            fp[r] += 1
        for r in want - got:
            fn[r] += 1
    table = {}
    for rule in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[rule] / (tp[rule] + fp[rule]) if tp[rule] + fp[rule] else 1.0
        r = tp[rule] / (tp[rule] + fn[rule]) if tp[rule] + fn[rule] else 1.0
        table[rule] = (tp[rule], fp[rule], fn[rule], p, r)
    return table


def render(table) -> str:
    lines = [f"{'rule':<26} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6}"]
    for rule, (tp, fp, fn, p, r) in table.items():
        lines.append(f"{rule:<26} {tp:>4} {fp:>4} {fn:>4} {p:>6.2f} {r:>6.2f}")
    return "\n".join(lines)


def test_labelled_set_is_big_enough() -> None:
    expected = expectations()
    assert len(expected) >= 150
    seeded = sum(len(v) for v in expected.values())
    assert seeded >= 60
    rules = {r for v in expected.values() for r in v}
    for rule in (
        "glossary.missing",
        "glossary.forbidden",
        "glossary.source-variant",
        "number.mismatch",
        "latin.mismatch",
        "japanese.leftover",
        "punctuation.end",
        "brackets.unbalanced",
        "quotes.unbalanced",
        "whitespace",
        "untranslated",
        "fuzzy",
        "same-as-source",
        "consistency.target",
        "consistency.source",
        "length.ratio",
    ):
        assert rule in rules, f"no seeded violation of {rule}"


def test_precision_and_recall_per_rule() -> None:
    expected = expectations()
    ctx = CheckContext(glossary=build_matcher(load_glossaries([TBX])))
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    for f in run_checks(load_pairs(PO), ctx):
        found[(f.unit, f.line)].add(f.rule)
    table = score(found, expected)
    low = {rule: row for rule, row in table.items() if row[3] < THRESHOLD or row[4] < THRESHOLD}
    wrong = sorted(
        f"line {k[1]}: expected {sorted(v)} got {sorted(found.get(k, set()))}"
        for k, v in expected.items()
        if found.get(k, set()) != v
    )
    assert not low, "\n" + render(table) + "\n" + "\n".join(wrong)


@pytest.mark.skipif(sys.platform == "win32", reason="entry-point path differs on Windows")
def test_labelled_set_through_the_installed_entry_point() -> None:
    """The way the hidden set is run: tmkit check FILE.po --glossary FILE.tbx --format json."""
    exe = Path(sys.executable).with_name("tmkit")
    if not exe.exists():
        pytest.skip("the tmkit entry point is not installed next to this Python")
    proc = subprocess.run(
        [str(exe), "check", str(PO), "--glossary", str(TBX), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    expected = expectations()
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    for f in data["findings"]:
        found[(f["unit"], f["line"])].add(f["rule"])
    table = score(found, expected)
    for rule in ("glossary.missing", "glossary.forbidden"):
        _tp, fp, fn, _p, _r = table[rule]
        assert (fp, fn) == (0, 0), render(table)
