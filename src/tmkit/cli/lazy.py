"""Commands imported when used: `tmkit --help` and `tmkit validate x.tmx` load one
command module (or none) instead of all of them with their libraries.

`COMMANDS` names each command's module and its one-line summary (what `--help`
lists without importing the module; tests/test_cli_lazy.py checks that it agrees
with the command's docstring). The group imports a module the first time one of
its commands is asked for; the module registers the command on the typer app as
before, and the group turns it into a click command there and then.
"""

from __future__ import annotations

import importlib
from typing import Any

from typer.core import TyperCommand

from tmkit.cli.app import TmkitGroup, app
from tmkit.cli.metavars import humanize

#: command → (module under tmkit.cli, first paragraph of its help), in --help order
COMMANDS: dict[str, tuple[str, str]] = {
    "align": (
        "align",
        "Align the sentences of JA_DOC with those of EN_DOC and write them as PO or TMX.",
    ),
    "build": (
        "build",
        "Run the project: extract, update, check, export TMX, validate, rebuild, report.",
    ),
    "init": (
        "build",
        "Scaffold a project: tmkit.toml and the source/, target/ and glossary/ folders.",
    ),
    "check": (
        "check",
        "Check translations. Exit 0 clean, 1 errors (or warnings with --strict), 2 unusable input.",
    ),
    "convert": (
        "convert",
        "Convert a glossary between TBX, CSV and TSV. Output is deterministic.",
    ),
    "extract": (
        "extract",
        "Segment SOURCE documents into sentences and write a PO template.",
    ),
    "merge": (
        "merge",
        "Merge PO and TMX files into one TMX or PO; or pretranslate a template.",
    ),
    "rebuild": (
        "rebuild",
        "Rebuild SOURCE in the target language: every tag and attribute kept, codes where the "
        "translator put them; untranslated segments stay in the source language (warned).",
    ),
    "report": (
        "report",
        "Write a review page: summary, QA score, plots, side-by-side segments with findings.",
    ),
    "score": (
        "score",
        "Score HYP against --ref with sacrebleu (BLEU, chrF, chrF++, TER), and/or --qa FILE.",
    ),
    "stats": (
        "stats",
        "Progress (segments and source characters) and, with --tm, leverage bands.",
    ),
    "update": (
        "update",
        "Merge TEMPLATE into TRANSLATION like msgmerge --previous, writing it atomically.",
    ),
    "validate": (
        "validate",
        "Check that TMX is valid TMX 1.4b and complete. Exit 0 clean, 1 findings, 2 unusable.",
    ),
    "dedupe": (
        "corpus",
        "Exact duplicates and source conflicts across a corpus. Exit 0, 1 when any, 2 bad input.",
    ),
    "shard": (
        "corpus",
        "Split a memory into valid TMX shards, streaming, with manifest.json.",
    ),
    "tm": (
        "tm",
        "A shared translation memory: sqlite:///tm.db or postgresql://… (credentials from "
        "PGPASSWORD, ~/.pgpass or a service file).",
    ),
}


def _load(name: str, app: Any) -> Any:
    """Import the module of command ``name``; its click command."""
    import typer.main

    module, _ = COMMANDS[name]
    importlib.import_module(f"tmkit.cli.{module}")
    for group in app.registered_groups:
        if group.name == name:
            return typer.main.get_group_from_info(
                group,
                pretty_exceptions_short=app.pretty_exceptions_short,
                suggest_commands=app.suggest_commands,
                rich_markup_mode=app.rich_markup_mode,
            )
    for info in app.registered_commands:
        callback_name = info.callback.__name__ if info.callback else ""
        if (info.name or typer.main.get_command_name(callback_name)) == name:
            return typer.main.get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
    return None


class LazyGroup(TmkitGroup):
    """tmkit's group (errors become exit codes), its subcommands imported on first use."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(n for n in self.commands if n not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            command = _load(cmd_name, app)
            if command is not None:
                self.commands[cmd_name] = command
        command = self.commands.get(cmd_name)
        return humanize(command) if command is not None else None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """As click lists them, from the summaries in `COMMANDS` (no import)."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None:
                command = TyperCommand(name, help=COMMANDS[name][1])
            if not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in rows])
