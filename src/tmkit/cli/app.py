"""The typer application and the one place where tmkit errors become exit codes."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from tmkit import __version__


class TmkitGroup(TyperGroup):
    """Catches `TmkitError` from any command: one line on stderr, its exit code."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)
        except Exception as err:
            # imported on error only: `tmkit --help` does not load the model
            from tmkit.model.errors import TmkitError

            if not isinstance(err, TmkitError):
                raise
            typer.echo(f"tmkit: {err}" if not err.path else str(err), err=True)
            ctx.exit(err.exit_code)


app = typer.Typer(
    cls=TmkitGroup,
    name="tmkit",
    help="Japanese→English translation memories: extract, merge, check, validate, score.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tmkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Japanese→English translation memories."""
