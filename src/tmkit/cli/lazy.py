"""Commands imported when used: `tmkit --help` and `tmkit validate x.tmx` load one
command module (or none) instead of all of them with their libraries.

`COMMANDS` (in `tmkit.cli.summaries`) names each command's module and its
one-line summary, what `--help` lists without importing the module. The group
imports a module the first time one of its commands is asked for; the module
registers the command on the typer app as before, and the group turns it into a
click command there and then.
"""

from __future__ import annotations

import importlib
from typing import Any

from typer.core import TyperCommand

from tmkit.cli.application import TmkitGroup, app
from tmkit.cli.metavars import humanize
from tmkit.cli.summaries import COMMANDS


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


# the app's group lists its commands from COMMANDS and imports each when it is used
app.info.cls = LazyGroup
