"""Command-line interface. Each command module registers itself on `app`.

Commands follow one shape: parse options → one library call → a reporter → exit code.
They are imported when used (`tmkit.cli.lazy`): start-up loads no command module,
and `tmkit --help` alone loads no typer either (`tmkit.cli.quickhelp`).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # `typing` alone costs a bare interpreter's start-up again
if TYPE_CHECKING:
    from typing import Any

#: the exit status of a run stopped by SIGINT (128 + 2), as shells report it
EXIT_INTERRUPTED = 130


def _typer_app() -> Any:
    """The typer application, its group importing each command when used."""
    from tmkit.cli.lazy import app

    return app


def main() -> None:
    try:
        from tmkit.cli.quickhelp import show_quick_help, wants_quick_help

        if wants_quick_help(sys.argv, os.environ) and show_quick_help():
            return
        app = _typer_app()
        app()
    except KeyboardInterrupt:  # while loading, or outside a command (option parsing …)
        print("tmkit: interrupted", file=sys.stderr)
        raise SystemExit(EXIT_INTERRUPTED) from None


def __getattr__(name: str) -> Any:
    # `from tmkit.cli import app` keeps working without typer loading at start-up
    if name == "app":
        return _typer_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]
