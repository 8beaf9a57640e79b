"""XLIFF 1.2 and 2.x: one adapter, registered with the format gateway.

* `load_xliff` / `dump_xliff`: a lossless `XliffDocument` (the tree itself).
* `xliff_units`: one `tmkit.model.units.Unit` per segment; `iter_xliff_units`
  streams them from a file in flat memory.
* `set_targets`: fill or change targets and states (``update``, ``merge``);
  `fill_from_catalog`: targets, states and translator comments from a PO file.
* `matches` / `matches_memory`: the job's alt-trans and mtc:match candidates.
* Conversions: `xliff_to_memory` / `memory_to_xliff` (TMX model),
  `xliff_to_catalog` / `catalog_to_xliff` (PO model).
"""

from __future__ import annotations

from typing import Any, BinaryIO

from tmkit.formats.io import Format, register
from tmkit.formats.xliff.convert import (
    catalog_to_xliff,
    from_catalog,
    from_memory,
    memory_to_xliff,
    xliff_to_catalog,
    xliff_to_memory,
)
from tmkit.formats.xliff.document import (
    XliffDocument,
    canonical,
    dump_xliff,
    load_xliff,
    sniff,
    sniff_version,
)
from tmkit.formats.xliff.jobs import apply_catalog, fill_from_catalog
from tmkit.formats.xliff.matches import Match, matches, matches_memory
from tmkit.formats.xliff.stream import iter_xliff_units
from tmkit.formats.xliff.units import segments, set_targets, xliff_units
from tmkit.model.catalog import Catalog
from tmkit.model.memory import Memory


def write_xliff(obj: Any, stream: BinaryIO, **options: Any) -> None:
    """Write an `XliffDocument`, or a `Catalog` / `Memory` converted to XLIFF.

    Options for conversions: ``version`` ("2.1" default, "1.2"), ``source_lang``,
    ``target_lang``, ``original`` (the file name recorded). ``into`` names an existing
    job: a catalog read from a job tmkit did not write goes back into that job's own
    document (`apply_catalog`, everything else kept) instead of a new one.
    """
    into = options.pop("into", None)
    if isinstance(obj, Catalog) and into is not None:
        obj = _into(obj, into, options)
    if isinstance(obj, Catalog):
        obj = catalog_to_xliff(obj, **options)
    elif isinstance(obj, Memory):
        obj = memory_to_xliff(obj, **options)
    dump_xliff(obj, stream)


def xliff_languages(doc: XliffDocument) -> tuple[str | None, list[str]]:
    """(source language, target languages) the job declares."""
    return doc.source_lang, [doc.target_lang] if doc.target_lang else []


def _into(catalog: Catalog, into: Any, options: dict[str, Any]) -> Any:
    from pathlib import Path

    path = Path(into)
    if not path.is_file():
        return catalog
    with path.open("rb") as fh:
        doc = load_xliff(fh, str(path))
    options.setdefault("version", "1.2" if not doc.is_v2 else doc.version)
    if from_catalog(doc) or from_memory(doc) or not apply_catalog(doc, catalog):
        return catalog
    return doc


register(
    Format(
        name="xliff",
        # A job is edited like a catalog (states, untranslated units, notes): merge and
        # update write it from the catalog side, so PO → XLIFF → PO stays exact.
        kind="catalog",
        extensions=(".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".mxliff"),
        read=load_xliff,
        write=write_xliff,
        units=xliff_units,
        sniff=sniff,
        languages=xliff_languages,
        summary="XLIFF 1.2 and 2.0–2.2 jobs (lossless; writes 2.1 or 1.2)",
    )
)

__all__ = [
    "Match",
    "XliffDocument",
    "apply_catalog",
    "canonical",
    "catalog_to_xliff",
    "dump_xliff",
    "fill_from_catalog",
    "iter_xliff_units",
    "load_xliff",
    "matches",
    "matches_memory",
    "memory_to_xliff",
    "segments",
    "set_targets",
    "sniff",
    "sniff_version",
    "write_xliff",
    "xliff_languages",
    "xliff_to_catalog",
    "xliff_to_memory",
    "xliff_units",
]
