"""`tmkit build`: the whole loop on a copy of the repository's own project.

Idempotence (a second run changes no file), the CI gate (`--check` fails on a
stale or broken project and names the rule), `tmkit init`, and config errors.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from repo_project import copy_project
from tmkit.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy_project(tmp_path)
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def build(root: Path, *args: str):
    return runner.invoke(app, ["build", "--config", str(root / "pyproject.toml"), *args])


def test_the_repository_is_up_to_date():
    result = build(ROOT, "--check")
    assert result.exit_code == 0, result.output


def test_build_is_idempotent(project):
    first = build(project)
    assert first.exit_code == 0, first.output
    after_first = snapshot(project)
    second = build(project)
    assert second.exit_code == 0, second.output
    assert snapshot(project) == after_first
    assert build(project, "--check").exit_code == 0


def test_check_mode_changes_nothing_and_fails_when_stale(project):
    (project / "target" / "en" / "interview.tmx").unlink()
    before = snapshot(project)
    result = build(project, "--check")
    assert result.exit_code == 1
    assert "target/en/interview.tmx: out of date" in result.stderr
    assert snapshot(project) == before


def test_check_mode_fails_when_the_markdown_rendering_is_stale(project):
    md = project / "target" / "en" / "interview.md"
    md.write_text(md.read_text(encoding="utf-8").replace("**Q: ", "**— ", 1), encoding="utf-8")
    result = build(project, "--check")
    assert result.exit_code == 1
    assert "target/en/interview.md: out of date" in result.stderr
    assert build(project).exit_code == 0
    assert "**Q: " in md.read_text(encoding="utf-8")


def test_render_config_changes_the_rebuilt_documents(project):
    config = project / "pyproject.toml"
    text = config.read_text(encoding="utf-8").replace('question = "q"', 'question = "dash"')
    config.write_text(text.replace('quotes = "curly"', 'quotes = "straight"'), encoding="utf-8")
    assert build(project).exit_code == 0
    txt = (project / "target" / "en" / "interview.txt").read_text(encoding="utf-8")
    assert "\n— You took office" in txt and "Q: " not in txt
    assert "’" not in txt and "“" not in txt and "World's" in txt


def break_translation(project: Path, find: str, replace: str) -> None:
    po = project / "target" / "en" / "interview.po"
    text = po.read_text(encoding="utf-8")
    assert find in text
    po.write_text(text.replace(find, replace, 1), encoding="utf-8")


def test_gate_names_a_glossary_error(project):
    break_translation(project, "For the Quantum Scalpel, the", "For the quantum knife, the")
    result = build(project, "--check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    rules = {f["rule"] for f in data["findings"] if f["severity"] == "error"}
    assert "glossary.forbidden" in rules
    assert not data["ok"]


def test_gate_names_a_number_error(project):
    break_translation(project, "about 1,300 ", "about 1,200 ")
    result = build(project, "--check")
    assert result.exit_code == 1
    assert "number.mismatch" in result.stderr


def test_gate_fails_when_the_tmx_is_out_of_sync(project):
    tmx = project / "target" / "en" / "interview.tmx"
    text = tmx.read_text(encoding="utf-8")
    start = text.index("<tu ")
    tmx.write_text(text[:start] + text[text.index("</tu>", start) + len("</tu>") :])
    result = build(project, "--check")
    assert result.exit_code == 1
    assert "target/en/interview.tmx: out of date" in result.stderr


def test_source_edit_flows_through(project):
    src = project / "source" / "ja" / "interview.txt"
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("その通りだ。", "その通りだ。全く同感である。"), encoding="utf-8")
    result = build(project)
    # the new sentence is untranslated: the build writes everything and the check says so
    assert result.exit_code == 1
    assert "untranslated" in result.stderr
    pot = (project / "source" / "ja" / "interview.pot").read_text(encoding="utf-8")
    assert "全く同感である。" in pot
    po = (project / "target" / "en" / "interview.po").read_text(encoding="utf-8")
    assert 'msgid "全く同感である。"' in po
    assert "That's right." in po or "That is right." in po or "Exactly." in po


def test_init_scaffolds_a_project_that_builds(tmp_path):
    target = tmp_path / "proj"
    result = runner.invoke(app, ["init", str(target), "--name", "demo"])
    assert result.exit_code == 0, result.output
    assert (target / "tmkit.toml").is_file()
    (target / "source" / "ja" / "document.txt").write_text(
        "題名\n\nこれは文です。二つ目の文です。\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["build", "--config", str(target / "tmkit.toml")])
    assert result.exit_code == 0  # nothing is translated yet: reported, not failed
    assert (target / "source" / "ja" / "document.pot").is_file()
    assert (target / "target" / "en" / "document.po").is_file()
    config = str(target / "tmkit.toml")
    assert runner.invoke(app, ["build", "--config", config, "--check"]).exit_code == 0
    assert runner.invoke(app, ["build", "--config", config, "--check", "--complete"]).exit_code == 1
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == 2 and "already exists" in again.stderr


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'sources = "a.txt"\ntemplate = "a.pot"\ntranslation = "a.po"\n',
            "sources: expected a list",
        ),
        ('sources = ["a.txt"]\ntranslation = "a.po"\n', "template: required"),
        (
            'sources = ["a.txt"]\ntemplate = "a.pot"\ntranslation = "a.po"\n'
            "fuzzy-threshold = 140\n",
            "fuzzy-threshold: must be between 0 and 100",
        ),
        (
            'sources = ["a.txt"]\ntemplate = "a.pot"\ntranslation = "a.po"\ncolour = "red"\n',
            "colour: unknown key",
        ),
        (
            'sources = ["a.txt"]\ntemplate = "a.pot"\ntranslation = "a.po"\n[check]\nstrict = 1\n',
            "check.strict: expected true or false",
        ),
        ("sources = [\n", ""),
        (
            'sources = ["a.txt"]\ntemplate = "a.pot"\ntranslation = "a.po"\n'
            'markdown = ["a.md", "b.md"]\n',
            "markdown: 2 markdown for 1 sources",
        ),
        (
            'sources = ["a.txt"]\ntemplate = "a.pot"\ntranslation = "a.po"\n'
            '[render]\nquestion = "Q"\n',
            "render.question: 'Q' is not one of q, dash",
        ),
        (
            'sources = ["a.txt"]\ntemplate = "a.pot"\ntranslation = "a.po"\n'
            '[render]\ncaption = "Photo:"\n',
            "render.caption: must contain {text}",
        ),
        (
            'sources = ["a.txt"]\ntemplate = "a.pot"\ntranslation = "a.po"\n'
            '[render]\nfont = "serif"\n',
            "render.font: unknown key",
        ),
    ],
)
def test_config_errors_name_file_and_key(tmp_path, body, message):
    config = tmp_path / "tmkit.toml"
    config.write_text(body, encoding="utf-8")
    result = runner.invoke(app, ["build", "--config", str(config)])
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith(str(config) + ":") and message in line
    assert len(line.splitlines()) == 1


def test_pyproject_table_errors_name_the_dotted_key(tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.tmkit]\nsources = ["a.txt"]\ntemplate = 3\ntranslation = "a.po"\n')
    result = runner.invoke(app, ["build", "--config", str(config)])
    assert result.exit_code == 2
    assert "tool.tmkit.template: expected a string" in result.stderr


def test_installed_entry_point_runs_the_gate(project):
    exe = Path(sys.executable).with_name("tmkit")
    done = subprocess.run([str(exe), "build", "--check"], cwd=project, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()


def _add_a_sentence(root: Path) -> str:
    """A new paragraph in the interview's source: a segment nobody has translated yet."""
    source = root / "source" / "ja" / "interview.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.rstrip("\n") + "\n\nこの段落はまだ訳されていません。\n", "utf-8")
    return "この段落はまだ訳されていません。"


def test_check_gates_sync_always_and_completeness_when_asked(project):
    sentence = _add_a_sentence(project)
    assert build(project).exit_code == 1  # the project says complete = true
    assert build(project, "--partial").exit_code == 0  # files written and in sync
    assert build(project, "--check", "--partial").exit_code == 0
    result = build(project, "--check", "--complete", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    mine = [f for f in report["findings"] if f["source"] == sentence and f["severity"] == "error"]
    # reported once (untranslated), not a second time as a unit missing from the TMX
    assert [f["rule"] for f in mine] == ["untranslated"]
    (project / "target" / "en" / "interview.txt").write_text("stale\n", encoding="utf-8")
    assert build(project, "--check", "--partial").exit_code == 1  # out of sync fails
