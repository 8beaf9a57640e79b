"""Command-line interface. Each command module registers itself on `app`.

Commands follow one shape: parse options → one library call → a reporter → exit code.
"""

from tmkit.cli import align as _align  # noqa: F401
from tmkit.cli import build as _build  # noqa: F401
from tmkit.cli import check as _check  # noqa: F401
from tmkit.cli import convert as _convert  # noqa: F401
from tmkit.cli import corpus as _corpus  # noqa: F401
from tmkit.cli import extract as _extract  # noqa: F401
from tmkit.cli import merge as _merge  # noqa: F401
from tmkit.cli import report as _report  # noqa: F401
from tmkit.cli import score as _score  # noqa: F401
from tmkit.cli import stats as _stats  # noqa: F401
from tmkit.cli import update as _update  # noqa: F401
from tmkit.cli import validate as _validate  # noqa: F401
from tmkit.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
