"""The typer application and the one place where tmkit errors become exit codes."""

from __future__ import annotations

import sys
import warnings
from typing import Any

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from tmkit import __version__
from tmkit.cli import EXIT_INTERRUPTED, params  # noqa: F401  (plain values converted without pydantic)
from tmkit.cli.summaries import APP_HELP, VERSION_HELP
from tmkit.model.errors import TmkitError, from_encoding_error, from_os_error, one_line


def _fail(ctx: typer.Context, err: TmkitError) -> None:
    typer.echo(f"tmkit: {err}" if not err.path else str(err), err=True)
    ctx.exit(err.exit_code)


def _show_warning(message: Warning | str, *_args: Any, **_kwargs: Any) -> None:
    typer.echo(f"tmkit: warning: {message}", err=True)


class TmkitGroup(TyperGroup):
    """The one place where errors become a line on stderr and an exit code.

    Every command gets this for free: `TmkitError` (its own exit code); any OSError
    (missing or read-only folder, disk full, too many open files: ``path: what is
    wrong``, exit 2); encoding errors (UnicodeError, and a plain LookupError as codec
    lookup raises; KeyError/IndexError are bugs and stay tracebacks); usage errors on
    one line; SIGINT as ``tmkit: interrupted``, exit 130. Writes are atomic
    (`tmkit.formats.atomic`), so none of these leaves a partial output file.
    """

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            with warnings.catch_warnings():
                # library warnings meant for the user (a PO written in another charset …)
                warnings.showwarning = _show_warning
                return super().invoke(ctx)
        except TmkitError as err:
            _fail(ctx, err)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)
        except OSError as err:
            _fail(ctx, from_os_error(err))
        except UnicodeError as err:
            _fail(ctx, from_encoding_error(err))
        except LookupError as err:
            if type(err) is not LookupError:
                raise
            _fail(ctx, from_encoding_error(err))
        except NoArgsIsHelpError:
            raise
        except UsageError as err:
            command = ctx.command_path
            if err.ctx is not None:
                command = err.ctx.command_path
            typer.echo(
                f"{command}: {one_line(err.format_message())} (see '{command} --help')",
                err=True,
            )
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            typer.echo("tmkit: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)


app = typer.Typer(
    cls=TmkitGroup,
    name="tmkit",
    help=APP_HELP,
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
        False, "--version", callback=_version, is_eager=True, help=VERSION_HELP
    ),
) -> None:
    """Japanese→English translation memories."""
