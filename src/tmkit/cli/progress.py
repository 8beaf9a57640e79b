"""One progress bar for every long command: rich, on stderr, and only on a terminal.

Commands get a `tmkit.model.progress.Progress` callable from `progress_bar` and hand
it to their ops call. When stderr is not a terminal (CI, pipes, CliRunner) the bar
is None and nothing is drawn, so logs and machine-readable output stay clean.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tmkit.model.progress import Progress


def wanted() -> bool:
    """Draw bars only for a person watching a terminal."""
    return sys.stderr.isatty()


@contextmanager
def progress_bar(label: str, console=None) -> Iterator[Progress | None]:
    """A `Progress` drawing one rich bar on stderr while the block runs; None when not wanted.

    ``console`` (a rich Console) is for tests; by default the bar goes to stderr.
    """
    if console is None and not wanted():
        yield None
        return
    # rich is imported here, not at start-up: commands that draw no bar never pay for it.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.progress import (
        Progress as Bar,
    )

    bar = Bar(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=True,
    )
    task = bar.add_task(label, total=None)

    def update(done: int, total: int | None = None, stage: str = "") -> None:
        bar.update(task, completed=done, total=total, description=stage or label)

    with bar:
        yield update
