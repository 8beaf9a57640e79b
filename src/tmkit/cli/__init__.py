"""Command-line interface. Each command module registers itself on `app`.

Commands follow one shape: parse options → one library call → a reporter → exit code.
They are imported when used (`tmkit.cli.lazy`): start-up loads no command module.
"""

from tmkit.cli.app import app
from tmkit.cli.lazy import LazyGroup

app.info.cls = LazyGroup


def main() -> None:
    app()


__all__ = ["app", "main"]
