"""The reference-free QA score: severity mapping, weights, normalisation, threshold, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.model.errors import UsageError
from tmkit.model.findings import Finding
from tmkit.ops.check import qa_files
from tmkit.scoring import QAWeights, qa_score
from tmkit.scoring.qa import mqm_severity, source_characters

CHECKS = Path(__file__).parent / "data" / "checks"


def finding(rule: str, severity: str) -> Finding:
    return Finding(rule=rule, severity=severity, message="m")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rule", "severity", "mqm"),
    [
        ("untranslated", "error", "critical"),
        ("glossary.forbidden", "error", "critical"),
        ("glossary.missing", "error", "major"),
        ("number.mismatch", "error", "major"),
        ("japanese.leftover", "error", "major"),
        ("fuzzy", "warning", "minor"),
        ("punctuation.end", "warning", "minor"),
        ("glossary.source-variant", "info", "neutral"),
    ],
)
def test_severity_mapping(rule, severity, mqm):
    assert mqm_severity(finding(rule, severity)) == mqm


@pytest.mark.parametrize(
    ("findings", "chars", "score", "passed"),
    [
        ([], 1000, 100.0, True),
        ([("fuzzy", "warning")] * 10, 1000, 90.0, True),  # exactly at the pass mark
        ([("fuzzy", "warning")] * 11, 1000, 89.0, False),
        ([("number.mismatch", "error")] * 2, 1000, 90.0, True),
        ([("number.mismatch", "error")] * 2, 500, 80.0, False),  # per 1,000 characters
        ([("untranslated", "error")], 2500, 90.0, True),
        ([("untranslated", "error")], 2000, 87.5, False),
        ([("glossary.source-variant", "info")] * 50, 100, 100.0, True),  # neutral
        ([("untranslated", "error")] * 10, 1000, 0.0, False),  # floored at 0
        ([], 0, 100.0, True),
        ([("fuzzy", "warning")], 0, 0.0, False),
    ],
)
def test_score_table(findings, chars, score, passed):
    result = qa_score([finding(r, s) for r, s in findings], chars)
    assert result.score == pytest.approx(score)
    assert result.passed is passed
    assert result.threshold == 90.0


def test_weights_threshold_and_critical_rules_are_configurable():
    found = [finding("number.mismatch", "error"), finding("fuzzy", "warning")]
    custom = qa_score(found, 1000, QAWeights(minor=2, major=10), threshold=80)
    assert custom.points == 12
    assert custom.score == pytest.approx(88.0)
    assert custom.passed
    critical = qa_score(found, 1000, critical_rules={"number.mismatch"})
    assert critical.counts["critical"] == 1 and critical.points == 26


def test_counts_and_rules_in_the_dict():
    found = [
        finding("fuzzy", "warning"),
        finding("fuzzy", "warning"),
        finding("untranslated", "error"),
    ]
    data = qa_score(found, 2000).to_dict()
    assert data["counts"] == {"critical": 1, "major": 0, "minor": 2, "neutral": 0}
    assert data["by_rule"] == {
        "fuzzy": {"severity": "minor", "count": 2, "points": 2.0},
        "untranslated": {"severity": "critical", "count": 1, "points": 25.0},
    }
    assert data["penalty_points"] == 27.0
    assert data["penalty_per_1000_chars"] == pytest.approx(13.5)
    assert data["weights"] == {"critical": 25.0, "major": 5.0, "minor": 1.0, "neutral": 0.0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("minor=1,major=5,critical=25", QAWeights()),
        ("major=3", QAWeights(major=3)),
        (" critical = 10 , neutral=0.5", QAWeights(critical=10, neutral=0.5)),
    ],
)
def test_weights_parse(text, expected):
    assert QAWeights.parse(text) == expected


@pytest.mark.parametrize("text", ["minor", "huge=3", "major=x", "minor=-1"])
def test_bad_weights_are_usage_errors(text):
    with pytest.raises(UsageError):
        QAWeights.parse(text)


def test_source_characters_ignore_whitespace():
    assert source_characters(["理事長に 就任した。", " a b\n"]) == 9 + 2


def test_qa_files_runs_the_checks():
    report = qa_files([str(CHECKS / "small.tmx")])
    # t3: 3000万 → "3 million" is a number mismatch (t2's is suppressed in the file)
    assert [f.rule for f in report.findings] == ["number.mismatch"]
    assert report.units == 4
    assert report.qa.source_chars == source_characters(
        [
            "理事長に就任しました。",
            "予算は2000万円です。",
            "予算は3000万円です。",
            "加速器を使います。",
        ]
    )
    assert report.qa.points == 5.0
    assert not report.qa.passed


def test_cli_qa_exit_codes_and_json():
    runner = CliRunner()
    failing = runner.invoke(app, ["score", "--qa", str(CHECKS / "small.tmx"), "--format", "json"])
    assert failing.exit_code == 1
    data = json.loads(failing.stdout)["qa"]
    assert data["passed"] is False and data["counts"]["major"] == 1
    lenient = runner.invoke(
        app, ["score", "--qa", str(CHECKS / "small.tmx"), "--qa-weights", "major=0.1"]
    )
    assert lenient.exit_code == 0, lenient.output
    assert lenient.stdout.startswith("QA score 97.73 / 100: PASS (pass mark 90)")
    bad = runner.invoke(app, ["score", "--qa", str(CHECKS / "small.tmx"), "--qa-threshold", "120"])
    assert bad.exit_code == 2


def test_cli_qa_with_glossary_counts_glossary_findings():
    result = CliRunner().invoke(
        app,
        [
            "score",
            "--qa",
            str(CHECKS / "labelled.po"),
            "--glossary",
            str(CHECKS / "labelled.tbx"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code in (0, 1)
    data = json.loads(result.stdout)["qa"]
    assert any(rule.startswith("glossary.") for rule in data["by_rule"])
    assert data["by_rule"]["glossary.forbidden"]["severity"] == "critical"
