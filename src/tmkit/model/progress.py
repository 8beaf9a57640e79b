"""How long work tells its caller how far it has got, without knowing about terminals.

A `Progress` is a plain callable, ``progress(done, total, label)``: ``total`` is None
while it is unknown, and ``label`` names the stage (``"reading"``, ``"bootstrap BLEU"``
…). The CLI turns it into a rich bar on stderr; library callers pass None, or their
own callable. Work reports every `EVERY` items, not every item, so a bar costs
nothing measurable on a hot loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Progress = Callable[[int, "int | None", str], None]

#: report once per this many items
EVERY = 512

T = TypeVar("T")


def ticked(
    items: Iterable[T],
    progress: Progress | None,
    label: str,
    total: int | None = None,
    every: int = EVERY,
) -> Iterator[T]:
    """``items`` unchanged, reporting ``(done, total, label)`` every ``every`` items, and
    once at the end."""
    if progress is None:
        yield from items
        return
    done = 0
    progress(0, total, label)
    for item in items:
        yield item
        done += 1
        if done % every == 0:
            progress(done, total, label)
    progress(done, total if total is not None else done, label)


def stage(progress: Progress | None, label: str, total: int | None = None) -> None:
    """Announce a stage whose length is not counted (a bar shows it as a spinner)."""
    if progress is not None:
        progress(0, total, label)
