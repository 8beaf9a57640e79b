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
