"""Merging without holding the inputs or the output: memories read lazily, catalogs
written as they are made.

* `MemoryStream`: a TMX file read again on each pass (`combine_units` reads
  twice to pick the newest translations) instead of held whole. One first pass
  notes what the merge needs before it starts: the languages present and
  whether there are units at all (a file of at most `HOLD_UNITS` units is kept
  from that pass, as before). Memory is then what de-duplication keeps per
  distinct unit, not the file: a TMX of a million identical units merges in
  the memory of one.
* `merge_to_po`: `tmkit merge … -o out.po` with the messages written as they come
  (`tmkit.formats.po.write_po_stream`), the same bytes as building the catalog
  first. A header declaring a charset other than UTF-8 goes the old way: only
  the end tells whether every character fits it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tmkit.model.memory import MemoryHeader, TranslationUnit

#: a TMX of at most this many units is held after the first reading instead of read again
HOLD_UNITS = 10_000


@dataclass(frozen=True, slots=True)
class MemoryStream:
    """A memory read lazily: its header, and ``read()`` giving its units afresh on each call."""

    header: MemoryHeader
    read: Callable[[], Iterator[TranslationUnit]]
    #: every variant language tag, as written, in first-seen order
    langs: tuple[str, ...]
    count: int

    def languages(self) -> list[str]:
        return list(self.langs)


def open_memory_stream(path: str | Path) -> MemoryStream:
    """A TMX file as a `MemoryStream`; bad input is found here, before anything is written."""
    from tmkit.formats.tmx.reader import iter_tmx

    header, units = iter_tmx(path)
    seen: dict[str, None] = {}
    count = 0
    held: list[TranslationUnit] | None = []  # a small file is read once, as before
    for unit in units:
        count += 1
        for variant in unit.variants:
            seen.setdefault(variant.lang, None)
        if held is not None:
            held = held if count <= HOLD_UNITS else None
            if held is not None:
                held.append(unit)
    if held is not None:
        kept = held
        return MemoryStream(header, lambda: iter(kept), tuple(seen), count)
    return MemoryStream(header, lambda: iter_tmx(path)[1], tuple(seen), count)
