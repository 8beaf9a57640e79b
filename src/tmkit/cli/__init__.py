"""Command-line interface. Each command module registers itself on `app`.

Commands follow one shape: parse options → one library call → a reporter → exit code.
They are imported when used (`tmkit.cli.lazy`): start-up loads no command module.
"""

import sys

try:  # Ctrl-C while the CLI loads is still `tmkit: interrupted`, not a traceback
    from tmkit.cli.app import EXIT_INTERRUPTED, app
    from tmkit.cli.lazy import LazyGroup
except KeyboardInterrupt:
    print("tmkit: interrupted", file=sys.stderr)
    raise SystemExit(130) from None

app.info.cls = LazyGroup


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # outside a command (option parsing, completion)
        print("tmkit: interrupted", file=sys.stderr)
        raise SystemExit(EXIT_INTERRUPTED) from None


__all__ = ["app", "main"]
