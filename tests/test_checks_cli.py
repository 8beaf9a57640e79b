"""`tmkit check` through typer's CliRunner and the installed entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app

DATA = Path(__file__).parent / "data" / "checks"
BAD = Path(__file__).parent / "bad" / "check"
PO = DATA / "small.po"
TMX = DATA / "small.tmx"
TBX = DATA / "labelled.tbx"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["check", *map(str, args)])


def findings(result) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def test_list_prints_every_rule() -> None:
    result = run("--list")
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    for rule in ("glossary.missing", "glossary.forbidden", "number.mismatch", "length.ratio"):
        assert rule in ids
    assert ids == sorted(ids)


def test_json_shape_and_units() -> None:
    result = run(PO, TMX, "--glossary", TBX, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data["summary"]) >= {"errors", "warnings", "info", "by_rule", "files", "units"}
    for f in data["findings"]:
        assert set(f) >= {
            "rule",
            "severity",
            "unit",
            "file",
            "line",
            "message",
            "source",
            "target",
            "span",
        }
    units = {(Path(f["file"]).suffix, f["unit"], f["rule"]) for f in data["findings"]}
    # PO: the msgid is the unit (no msgctxt); TMX: the tuid
    assert (".po", "理事長に就任しました。", "glossary.forbidden") in units
    assert (".tmx", "t1", "glossary.forbidden") in units
    forbidden = next(f for f in data["findings"] if f["rule"] == "glossary.forbidden")
    start, end = forbidden["span"]
    assert forbidden["target"][start:end] == "Chairman"


def test_suppression_by_po_flag_and_tmx_prop() -> None:
    result = run(PO, TMX, "--format", "json")
    got = {(Path(f["file"]).suffix, f["unit"], f["rule"]) for f in findings(result)}
    assert (".po", "予算は2000万円です。", "number.mismatch") in got
    assert (".po", "職員は約1,300人います。", "number.mismatch") not in got  # #, tmkit-ignore
    assert (".tmx", "t2", "number.mismatch") not in got  # <prop type="x-tmkit-ignore">
    assert (".tmx", "t3", "number.mismatch") in got


def test_text_report_for_a_reviewer() -> None:
    result = run(PO, "--glossary", TBX)
    assert result.exit_code == 1
    out = result.stdout
    assert "small.po:" in out
    assert "source: 理事長に就任しました。" in out
    assert "He became ⟦Chairman⟧." in out  # the offending span
    assert "expected: President" in out
    assert out.rstrip().splitlines()[-1].startswith("3 error(s), 1 warning(s), 1 info")


def test_exit_codes_and_strict() -> None:
    # only a warning (doubled space): 0, but 1 under --strict
    assert run(PO, "--select", "whitespace").exit_code == 0
    assert run(PO, "--select", "whitespace", "--strict").exit_code == 1
    # info never fails
    assert run(PO, "-g", TBX, "--select", "glossary.source-variant", "--strict").exit_code == 0
    assert run(PO, "--select", "number").exit_code == 1


def test_select_and_ignore() -> None:
    rules = {
        f["rule"] for f in findings(run(PO, "-g", TBX, "--format", "json", "--select", "glossary"))
    }
    assert rules == {"glossary.missing", "glossary.forbidden", "glossary.source-variant"}
    rules = {
        f["rule"]
        for f in findings(run(PO, "-g", TBX, "--format", "json", "--ignore", "glossary,whitespace"))
    }
    assert rules == {"number.mismatch"}


def test_baseline_reports_only_new_findings(tmp_path: Path) -> None:
    work = tmp_path / "t.po"
    shutil.copy(PO, work)
    baseline = tmp_path / "baseline.json"
    result = run(work, "-g", TBX, "--write-baseline", baseline)
    assert result.exit_code == 0
    assert json.loads(baseline.read_text(encoding="utf-8"))["tmkit-baseline"] == 1
    result = run(work, "-g", TBX, "--baseline", baseline, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["findings"] == []
    assert data["summary"]["baseline_suppressed"] == 5
    # a new problem appears, and old ones move down by two lines: only the new one is reported
    text = work.read_text(encoding="utf-8")
    work.write_text(
        text.replace(
            "#: interview.txt:1",
            '#: interview.txt:0\nmsgid "加速器です。"\n'
            'msgstr "It is a machine."\n\n#: interview.txt:1',
        ),
        encoding="utf-8",
    )
    data = json.loads(run(work, "-g", TBX, "--baseline", baseline, "--format", "json").stdout)
    assert [(f["rule"], f["unit"]) for f in data["findings"]] == [
        ("glossary.missing", "加速器です。")
    ]


def test_junit_and_sarif_are_well_formed() -> None:
    junit = run(PO, "-g", TBX, "--format", "junit")
    root = ET.fromstring(junit.stdout)
    assert root.tag == "testsuites"
    assert int(root.get("failures")) == 4  # errors and warnings; info passes
    sarif = json.loads(run(PO, "-g", TBX, "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    run0 = sarif["runs"][0]
    rule_ids = [r["id"] for r in run0["tool"]["driver"]["rules"]]
    assert "glossary.forbidden" in rule_ids
    levels = {r["ruleId"]: r["level"] for r in run0["results"]}
    assert levels["glossary.forbidden"] == "error"
    assert levels["whitespace"] == "warning"
    assert levels["glossary.source-variant"] == "note"
    for r in run0["results"]:
        assert rule_ids[r["ruleIndex"]] == r["ruleId"]
        assert r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def test_output_is_deterministic() -> None:
    a = run(PO, TMX, "-g", TBX, "--format", "json").stdout
    b = run(PO, TMX, "-g", TBX, "--format", "json").stdout
    assert a == b


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((BAD / "syntax-error.po",), "syntax-error.po:4:"),
        ((BAD / "not-utf8.po",), "not-utf8.po:"),
        ((BAD / "truncated.tmx",), "truncated.tmx:3:"),
        ((BAD / "unknown-extension.txt",), "cannot read .txt files as translations"),
        ((BAD / "does-not-exist.po",), "does-not-exist.po: no such file"),
        ((BAD / "ok.po", "--baseline", BAD / "baseline-not-json.json"), "baseline is not JSON"),
        ((BAD / "ok.po", "--baseline", BAD / "baseline-wrong-shape.json"), "not a tmkit baseline"),
        ((BAD / "ok.po", "--glossary", BAD / "glossary-bad.tbx"), "glossary-bad.tbx:2:"),
        ((BAD / "ok.po", "--format", "xml"), "unknown report format"),
        ((), "no files to check"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: tuple, message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_installed_entry_point() -> None:
    exe = shutil.which("tmkit", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the tmkit entry point is not installed next to this Python")
    proc = subprocess.run(
        [exe, "check", str(PO), "--glossary", str(TBX), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["summary"]["errors"] == 3
    proc = subprocess.run(
        [exe, "check", str(BAD / "not-utf8.po")], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith(str(BAD / "not-utf8.po") + ":")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_pre_commit_hooks_file() -> None:
    hooks = (Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: tmkit-check" in hooks and "id: tmkit-validate" in hooks
    assert r"files: \.po$" in hooks and r"files: \.tmx$" in hooks


def test_tmx_with_srclang_all_and_no_tuid(tmp_path: Path) -> None:
    tmx = tmp_path / "all.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="*all*" '
        'datatype="plaintext"/><body>\n<tu><tuv xml:lang="en-US"><seg>Two people.</seg></tuv>'
        '<tuv xml:lang="ja-JP"><seg>3人です。</seg></tuv></tu>\n</body></tmx>\n',
        encoding="utf-8",
    )
    data = json.loads(run(tmx, "--format", "json").stdout)
    assert [(f["rule"], f["unit"], f["source"]) for f in data["findings"]] == [
        ("number.mismatch", "1", "3人です。")
    ]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_streamed_reports_equal_the_whole_ones(fmt: str) -> None:
    """`check` writes as it renders; the chunks join to exactly the one-string report."""
    from tmkit.ops.check import check_files
    from tmkit.report import ReportMeta, reporter_for, stream_for

    root = Path(__file__).resolve().parents[1]
    run = check_files([root / "tests" / "data" / "report" / "review.po"])
    assert run.findings
    for findings in (run.findings, []):
        meta = ReportMeta(extra={"files": 1, "units": 6})
        assert "".join(stream_for(fmt)(findings, meta)) == reporter_for(fmt)(findings, meta)
