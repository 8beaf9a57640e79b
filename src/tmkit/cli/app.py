"""The typer application and the one place where tmkit errors become exit codes."""

from __future__ import annotations

import sys
import warnings
from typing import Any

import typer
from typer.core import TyperGroup

from tmkit import __version__
from tmkit.model.errors import TmkitError


def _show_warning(message: Warning | str, *_args: Any, **_kwargs: Any) -> None:
    typer.echo(f"tmkit: warning: {message}", err=True)


class TmkitGroup(TyperGroup):
    """Catches `TmkitError` from any command: one line on stderr, its exit code."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            with warnings.catch_warnings():
                # library warnings meant for the user (a PO written in another charset …)
                warnings.showwarning = _show_warning
                return super().invoke(ctx)
        except TmkitError as err:
            typer.echo(f"tmkit: {err}" if not err.path else str(err), err=True)
            ctx.exit(err.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)


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
