"""The one place that maps file names and ``--format`` values to format adapters.

Each adapter module registers itself at import; `tmkit.formats` imports them
all. Adapters read a path into a model object and write a model object to a
path (atomically, see `tmkit.formats.atomic`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tmkit.model.errors import UsageError

Kind = Literal["catalog", "memory", "glossary", "document"]


@dataclass(frozen=True, slots=True)
class Adapter:
    name: str
    kind: Kind
    extensions: tuple[str, ...]
    read: Callable[..., Any]
    write: Callable[..., None] | None = None
    summary: str = ""


ADAPTERS: dict[str, Adapter] = {}


def register(adapter: Adapter) -> Adapter:
    ADAPTERS[adapter.name] = adapter
    return adapter


def adapter_for(path: str | Path, format: str | None = None, kind: Kind | None = None) -> Adapter:
    """The adapter named by ``format``, else the one that owns the file's extension."""
    if format:
        try:
            adapter = ADAPTERS[format.lower()]
        except KeyError:
            known = ", ".join(sorted(ADAPTERS))
            raise UsageError(f"unknown format {format!r} (known: {known})") from None
        if kind and adapter.kind != kind:
            raise UsageError(f"format {format!r} is a {adapter.kind}, not a {kind}")
        return adapter
    suffix = Path(path).suffix.lower()
    for adapter in ADAPTERS.values():
        if suffix in adapter.extensions and (kind is None or adapter.kind == kind):
            return adapter
    if kind in (None, "glossary") and _omegat_content(path):
        return ADAPTERS["omegat"]  # OmegaT's glossary.txt: told by content, not extension
    wanted = f" {kind}" if kind else ""
    fits = [a for a in ADAPTERS.values() if kind is None or a.kind == kind]
    known = ", ".join(sorted({e for a in fits for e in a.extensions}))
    raise UsageError(f"{path}: cannot tell the{wanted} format from the extension (known: {known})")


def _omegat_content(path: str | Path) -> bool:
    from tmkit.formats.omegat import sniff

    try:
        with open(path, "rb") as fh:
            return sniff(fh.read(4096))
    except OSError:
        return False
