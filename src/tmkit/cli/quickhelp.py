"""`tmkit --help` without importing typer.

typer and the click it carries cost about 40 ms of imports, four times a bare
interpreter, and the top-level help needs none of it: the command summaries are
in `tmkit.cli.lazy.COMMANDS` already. So `main` prints this page itself when the
whole command line is ``--help``, laid out the way click lays out the group's
help. tests/test_cli_quickhelp.py holds the page equal, byte for byte and at
many terminal widths, to what typer renders; anything else on the command line
(or shell completion at work) goes through typer.
"""

from __future__ import annotations

import os
import sys
from textwrap import TextWrapper

from tmkit.cli.summaries import APP_HELP, COMMANDS, VERSION_HELP

#: the group's options as click lists them: the typer app's own, then typer's and click's
OPTIONS: tuple[tuple[str, str], ...] = (
    ("--version", VERSION_HELP),
    ("--install-completion", "Install completion for the current shell."),
    (
        "--show-completion",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    ("--help", "Show this message and exit."),
)
USAGE_ARGS = "[OPTIONS] COMMAND [ARGS]..."
#: click's widest help page and its narrowest, and how much of a row a name may take
MAX_WIDTH, MIN_WIDTH, NAME_COLUMN_MAX = 80, 50, 30
INDENT = 2


def wants_quick_help(argv: list[str], environ: os._Environ[str] | dict[str, str]) -> bool:
    """Whether this command line asks for the top-level help and nothing else."""
    return argv[1:] == ["--help"] and not environ.get("_TMKIT_COMPLETE")


def page_width(environ: os._Environ[str] | dict[str, str]) -> int:
    """The text width click would choose: the terminal's (``COLUMNS`` first), at most 78."""
    try:
        columns = int(environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(min(columns or MAX_WIDTH, MAX_WIDTH) - 2, MIN_WIDTH)


def program_name(argv0: str, main_package: str | None) -> str:
    """``tmkit`` for the installed script, ``python -m tmkit`` for the module."""
    if not main_package:
        return os.path.basename(argv0)
    name = os.path.splitext(os.path.basename(argv0))[0]
    module = main_package if name == "__main__" else f"{main_package}.{name}"
    return f"python -m {module}"


def short_summary(text: str, limit: int) -> str:
    """A summary cut to ``limit`` characters: at its first full stop, or with "..."."""
    words = text.split()
    kept: list[str] = []
    length = -1
    for index, word in enumerate(words):
        length += len(word) + 1
        if length > limit:
            break
        kept.append(word)
        if word.endswith("."):
            return " ".join(kept)
        if length == limit and index != len(words) - 1:
            break
    else:
        return " ".join(kept)
    # room for the "...": drop whole words until it fits
    while kept and len(" ".join(kept)) + 3 > limit:
        kept.pop()
    return " ".join(kept) + "..."


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    wrapper = TextWrapper(
        width, initial_indent=first, subsequent_indent=rest, replace_whitespace=False
    )
    return wrapper.wrap(text.expandtabs())


def _definitions(rows: list[tuple[str, str]], width: int) -> list[str]:
    column = min(max(len(name) for name, _ in rows), NAME_COLUMN_MAX) + 2
    text_width = max(width - column - 2, 10)
    lines = []
    for name, text in rows:
        wrapped = _wrap(text, text_width) or [""]
        if len(name) <= column - 2:
            lines.append(f"{' ' * INDENT}{name:<{column}}{wrapped[0]}".rstrip())
        else:
            lines += [f"{' ' * INDENT}{name}", f"{' ' * (INDENT + column)}{wrapped[0]}"]
        lines += [f"{' ' * (INDENT + column)}{line}" for line in wrapped[1:]]
    return lines


def render(program: str, width: int) -> str:
    """The top-level help page, as typer prints it for ``program`` at ``width``."""
    prefix = f"Usage: {program} "
    if width >= len(prefix) + 20:
        usage = _wrap(USAGE_ARGS, width, prefix, " " * len(prefix))
    else:  # a long program name: the arguments go on the next line
        indent = " " * (len("Usage: ") + 4)
        usage = [prefix, *_wrap(USAGE_ARGS, width, indent, indent)]
    limit = width - 6 - max(len(name) for name in COMMANDS)
    commands = [(name, short_summary(summary, limit)) for name, (_, summary) in COMMANDS.items()]
    lines = [
        *usage,
        "",
        *_wrap(APP_HELP, width, " " * INDENT, " " * INDENT),
        "",
        "Options:",
        *_definitions(list(OPTIONS), width),
        "",
        "Commands:",
        *_definitions(commands, width),
    ]
    return "\n".join(lines) + "\n"


def show_quick_help() -> bool:
    """Print the page; False when this stdout cannot take it (typer then does)."""
    main = sys.modules.get("__main__")
    program = program_name(sys.argv[0], getattr(main, "__package__", None))
    page = render(program, page_width(os.environ))
    if sys.stdout is None:  # started with stdout closed: as click, print nothing
        return True
    try:
        sys.stdout.write(page)
        sys.stdout.flush()
    except UnicodeEncodeError:
        return False
    except BrokenPipeError:
        sys.stderr.close()
    return True
