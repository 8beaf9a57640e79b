"""TMX 1.1–1.4b memories: a streaming reader and a deterministic TMX 1.4b writer.

Reading streams with `tmkit.formats.xmlsafe.iterparse` (hardened: no
entities, no DTD loading) and frees every ``<tu>`` once it is converted, so
memory stays flat however large the file. `iter_tmx` returns the header and an
iterator of units; `read_tmx` collects them into a `Memory`.

* Encodings: UTF-8 with or without BOM, UTF-16LE/BE with BOM. The BOM is
  sniffed here (libxml2 decodes it but reports UTF-8) and kept in
  ``MemoryHeader.encoding`` for information; tmkit always writes UTF-8.
* Languages: ``xml:lang`` or the TMX 1.1 ``lang``; tags are kept as written
  and matched case-insensitively by the model.
* Inline codes (bpt, ept, it, ph, hi, sub, ut) become `Inline` structure;
  XML comments and processing instructions are dropped.

Writing (`write_tmx`, `iter_tmx_text`) produces TMX 1.4b that validates
against tmx14.dtd: ``xml:lang`` on every tuv, the header's required
attributes (missing ones get defaults; ``srclang`` defaults to ``*all*``),
``creationtool="tmkit"`` with ``tmkit.__version__``, a stable attribute and
element order, and a header ``creationdate`` from ``SOURCE_DATE_EPOCH`` when
the memory has none. Output is streamed into a temporary file that replaces
the target atomically.

When given ``on_issue``, the reader also checks the structure against the
TMX 1.4b DTD and specification (element order, required and known
attributes, inline nesting, bpt/ept pairing) and reports `StructureIssue`
objects. `scan_tmx` runs the same checks but yields a small `UnitSummary` per
unit instead of the model; `tmkit.ops.validate` uses it and turns the issues into
findings.

Speed: lxml reports only the end of each ``<tu>`` (and of tmx, header, body),
and each unit is read in one walk over its children (``el[:]`` lists them in
C), one ``items()`` call per element, no inline walk for a ``<seg>`` without
children, and no ``sourceline`` but on tu and tuv. What remains is mostly
creating the Python objects: see ``benchmarks/bench_tmx_read.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from tmkit.formats import xmlsafe
from tmkit.formats.io import Format, register
from tmkit.formats.tmx.elements import FOREIGN_TYPE  # noqa: F401
from tmkit.formats.tmx.reader import (  # noqa: F401  (the format's API)
    _header,
    _unit,
    dtd_errors,
    iter_tmx,
    read_tmx,
    scan_tmx,
)
from tmkit.formats.tmx.spec import (
    StructureIssue,
    UnitSummary,
    VariantSummary,
)
from tmkit.formats.tmx.writer import (  # noqa: F401
    _attrs_xml,
    _meta_xml,
    _unit_xml,
    _write_pieces,
    format_tmx,
    iter_tmx_text,
    source_date,
    tmx_date,
    write_tmx,
)
from tmkit.formats.unitview import memory_languages, memory_units
from tmkit.model.bulk import collector_paused
from tmkit.model.memory import Memory
from tmkit.model.units import Unit


def load_tmx(stream: BinaryIO, name: str) -> Memory:
    """Read a whole TMX memory from a binary stream (the gateway's reader)."""
    header, units = iter_tmx(stream, name=name)
    with collector_paused():
        return Memory(header, list(units))


def dump_tmx(memory: Memory, stream: BinaryIO) -> None:
    """Write a memory to a binary stream as TMX 1.4b (the gateway's writer)."""
    _write_pieces(iter_tmx_text(memory.header, memory.units), stream)


def tmx_units(memory: Memory, name: str, target_lang: str | None = None) -> Iterator[Unit]:
    return memory_units(memory.units, name, memory.header.srclang, target_lang)


def looks_like_tmx(head: bytes) -> bool:
    text = head.decode(xmlsafe.sniff_encoding(head[:4]), errors="ignore")
    return re.search(r"<tmx[\s>]", text) is not None


register(
    Format(
        name="tmx",
        kind="memory",
        extensions=(".tmx",),
        read=load_tmx,
        write=dump_tmx,
        units=tmx_units,
        languages=memory_languages,
        sniff=looks_like_tmx,
        summary="TMX 1.1–1.4b translation memory (writes 1.4b)",
    )
)

__all__ = [
    "StructureIssue",
    "UnitSummary",
    "VariantSummary",
    "dtd_errors",
    "format_tmx",
    "iter_tmx",
    "iter_tmx_text",
    "read_tmx",
    "scan_tmx",
    "source_date",
    "tmx_date",
    "write_tmx",
]
