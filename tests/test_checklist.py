"""Project checklists: regex rules from a TOML file, run with the built-in checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.checks import CheckContext
from tmkit.checks.checklist import load_checklist
from tmkit.checks.run import baseline_text, run_checks
from tmkit.cli import app
from tmkit.model.errors import InputError
from tmkit.model.units import Unit as Pair

CHECKLIST = """\
[[rule]]
id = "percent"
severity = "error"
message = "the source has a percentage; the target has no % or 'percent'"
source = '\\d+\\s*[%％]'
target-not = '%|percent'

[[rule]]
id = "kanji-left"
severity = "warning"
message = "kanji left in the translation"
target = '\\p{Han}+'

[[rule]]
id = "title-case"
message = "titles start with a capital"
roles = ["title"]
target = { pattern = '^\\p{Lu}', negate = true }

[[rule]]
id = "utilise"
severity = "info"
message = "use 'use'"
target = '\\butili[sz]e'
ignore-case = true
files = ["*.po"]

[[suppress]]
rule = "checklist.kanji-left"
target = '量研'
"""

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: a:1
msgid "成長率は3%でした。"
msgstr "The growth rate was three."

#: a:2
msgctxt "again"
msgid "成長率は3%でした。"
msgstr "The growth rate was 3 percent."

#: a:3
msgid "理研の研究です。"
msgstr "Research at 理研."

#: a:4
msgid "量研の研究です。"
msgstr "Research at 量研."

#. role: title
#: a:5
msgid "研究の未来"
msgstr "the future of research"

#. role: body
#: a:6
msgctxt "body"
msgid "研究の未来"
msgstr "the future of research"

#: a:7
msgid "活用します。"
msgstr "We Utilise it."
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    qa = tmp_path / "qa.toml"
    qa.write_text(CHECKLIST, encoding="utf-8")
    po = tmp_path / "t.po"
    po.write_text(PO, encoding="utf-8")
    return qa, po


def _checklist_findings(out: str) -> set[tuple[str, int]]:
    data = json.loads(out)
    return {(f["rule"], f["line"]) for f in data["findings"] if f["rule"].startswith("checklist")}


def test_rules_fire_where_they_should(files: tuple[Path, Path]) -> None:
    qa, po = files
    result = CliRunner().invoke(app, ["check", str(po), "--checklist", str(qa), "--format", "json"])
    assert result.exit_code == 1, result.output
    found = {(rule, line) for rule, line in _checklist_findings(result.stdout)}
    assert found == {
        ("checklist.percent", 6),
        ("checklist.kanji-left", 15),
        ("checklist.title-case", 24),
        ("checklist.utilise", 34),
    }


def test_select_ignore_and_sarif(files: tuple[Path, Path]) -> None:
    qa, po = files
    runner = CliRunner()
    only = runner.invoke(
        app, ["check", str(po), "--checklist", str(qa), "--select", "checklist", "--format", "json"]
    )
    rules = {f["rule"] for f in json.loads(only.stdout)["findings"]}
    assert rules and all(r.startswith("checklist.") for r in rules)
    ignored = runner.invoke(
        app,
        [
            "check",
            str(po),
            "--checklist",
            str(qa),
            "--ignore",
            "checklist.percent",
            "--format",
            "json",
        ],
    )
    assert "checklist.percent" not in {f["rule"] for f in json.loads(ignored.stdout)["findings"]}
    sarif = runner.invoke(app, ["check", str(po), "--checklist", str(qa), "--format", "sarif"])
    rules_meta = json.loads(sarif.stdout)["runs"][0]["tool"]["driver"]["rules"]
    meta = {r["id"]: r for r in rules_meta}
    assert "checklist.percent" in meta


def test_baseline_round_trip(files: tuple[Path, Path], tmp_path: Path) -> None:
    qa, po = files
    base = tmp_path / "base.json"
    runner = CliRunner()
    runner.invoke(app, ["check", str(po), "--checklist", str(qa), "--write-baseline", str(base)])
    assert "checklist.percent" in base.read_text(encoding="utf-8")
    again = runner.invoke(
        app, ["check", str(po), "--checklist", str(qa), "--baseline", str(base), "--format", "json"]
    )
    assert again.exit_code == 0
    assert json.loads(again.stdout)["findings"] == []


def test_tmkit_ignore_comment_suppresses_a_checklist_rule(tmp_path: Path) -> None:
    qa = tmp_path / "qa.toml"
    qa.write_text(CHECKLIST, encoding="utf-8")
    ctx = load_checklist(qa).install(CheckContext())
    pair = Pair("成長率は3%です。", "Growth was three.", "u", ignored=frozenset({"checklist"}))
    assert run_checks([pair], ctx, select=["checklist"]) == []
    assert baseline_text([]).startswith("{")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[[rule]]\nid = "x"\ntarget = "(unclosed"\n', ":3:"),
        ('[[rule]]\nid = "x"\nseverity = "fatal"\ntarget = "a"\n', ":3:"),
        ('[[rule]]\nid = "x"\nmessage = "no patterns"\n', ":1:"),
        ('[[rule]]\nid = "x"\ntarget = "a"\nbogus = 1\n', ":4:"),
        ('[[rule]]\nid = "bad id!"\ntarget = "a"\n', ":2:"),
        ("[[rule]\n", ":1:"),
        ('[[rule]]\nid = "x"\ntarget = "a"\n[[rule]]\nid = "x"\ntarget = "b"\n', ":5:"),
    ],
)
def test_invalid_rules_are_one_line_errors(tmp_path: Path, text: str, where: str) -> None:
    qa = tmp_path / "qa.toml"
    qa.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_checklist(qa)
    message = str(err.value)
    assert message.startswith(str(qa) + where), message
    assert "\n" not in message


def test_invalid_checklist_exits_2_without_traceback(tmp_path: Path, files) -> None:
    _, po = files
    qa = tmp_path / "bad.toml"
    qa.write_text('[[rule]]\nid = "x"\ntarget = "(unclosed"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(po), "--checklist", str(qa)])
    assert result.exit_code == 2
    assert "rule 'x'" in result.output and "Traceback" not in result.output
    assert f"{qa}:3:" in result.output


def test_bad_regex_position_points_into_the_pattern(tmp_path: Path) -> None:
    qa = tmp_path / "qa.toml"
    qa.write_text('[[rule]]\nid = "x"\ntarget = "ab(c"\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_checklist(qa)
    assert err.value.line == 3 and err.value.col == 11 + 4  # the value starts at column 11


def test_the_project_checklist_applies_to_the_projects_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tmkit.toml").write_text(
        'sources = ["a.txt"]\ntemplate = "a.pot"\ntranslation = "t.po"\nchecklist = "qa.toml"\n',
        encoding="utf-8",
    )
    (tmp_path / "qa.toml").write_text(CHECKLIST, encoding="utf-8")
    (tmp_path / "t.po").write_text(PO, encoding="utf-8")
    (tmp_path / "other.po").write_text(PO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    own = runner.invoke(app, ["check", "t.po", "--format", "json"])
    assert _checklist_findings(own.stdout)
    other = runner.invoke(app, ["check", "other.po", "--format", "json"])
    assert not _checklist_findings(other.stdout)
