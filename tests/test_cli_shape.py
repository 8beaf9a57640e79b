"""One shape for every command: shared options have one name and one meaning, and help
speaks in words a user knows (no internal type names)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.cli.lazy import COMMANDS

runner = CliRunner()


def _commands() -> list[list[str]]:
    out = []
    for name in COMMANDS:
        if name == "tm":
            for sub in ("init", "upgrade", "import", "export", "search", "stats", "delete"):
                out.append(["tm", sub])
        else:
            out.append([name])
    return out


def _help(command: list[str]) -> str:
    result = runner.invoke(app, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


#: long option → the short form it must have wherever it appears (None: no short form)
SHORT = {"--glossary": "-g", "--output": "-o", "--tm": None}


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_help_names_no_internal_types(command: list[str]) -> None:
    text = _help(command)
    assert not re.search(r"<(?:list|str|int|float|path|bool)[^>]*>", text), text


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_shared_options_have_one_name(command: list[str]) -> None:
    text = _help(command)
    for long, short in SHORT.items():
        for line in text.splitlines():
            flags = re.findall(r"(?<![\w-])(-{1,2}[a-z][a-z-]*)", line.strip().split("  ")[0])
            if long in flags:
                if short is None:
                    assert not [f for f in flags if len(f) == 2], (command, line)
                else:
                    assert short in flags, (command, line)


FINDING_COMMANDS = [["check"], ["validate"], ["build"]]


@pytest.mark.parametrize("command", FINDING_COMMANDS, ids=" ".join)
def test_findings_formats_are_the_same_set(command: list[str]) -> None:
    text = " ".join(_help(command).split())
    line = text[text.index("--format") :][:120]
    for name in ("text", "json", "junit", "sarif"):
        assert name in line, (command, line)


def test_memory_options_take_the_same_kinds_of_memory() -> None:
    for command in (["update"], ["stats"], ["merge"], ["check"]):
        text = " ".join(_help(command).split())
        assert "--tm MEMORY" in text, command


def test_the_two_thresholds_have_distinct_names() -> None:
    update = " ".join(_help(["update"]).split())
    merge = " ".join(_help(["merge"]).split())
    assert "--fuzzy-threshold" in update and "--tm-threshold" in update
    assert "--tm-threshold" in merge
    assert "--fuzzy-threshold" not in merge


def test_extract_writes_its_template_to_stdout() -> None:
    from pathlib import Path

    source = Path(__file__).resolve().parents[1] / "source/ja/interview.txt"
    result = runner.invoke(app, ["extract", str(source), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Translation template for interview.")
    assert 'msgid ""' in result.stdout
    assert not Path("-").exists()


def test_report_writes_its_page_to_stdout() -> None:
    from pathlib import Path

    po = Path(__file__).resolve().parents[1] / "target/en/interview.po"
    result = runner.invoke(app, ["report", str(po), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().lower().startswith("<!doctype html>")
    assert not Path("-").exists()


def _reference_rows() -> list[tuple[str, str]]:
    """(command, row) for each command in the README's command reference table."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Command reference") :]
    section = section[: section.index("\n## ", 5)]
    rows = []
    for line in section.splitlines():
        for usage in re.findall(r"`tmkit ([a-z]+)([^`]*)`", line.split(" | ")[0]):
            rows.append(usage)
    return rows


@pytest.mark.parametrize(("command", "usage"), _reference_rows(), ids=lambda v: v[:20])
def test_the_readme_names_only_options_the_command_has(command: str, usage: str) -> None:
    if command == "tm":
        return  # its subcommands have a section of their own
    text = _help([command])
    for option in re.findall(r"(?<![\w-])(--?[a-zA-Z][a-z-]*)", usage):
        assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text), (command, option)
