"""Streaming XLIFF units in flat memory, for commands that only read (check, stats, score).

The tree is built one unit at a time by lxml's iterparse (hardened as in
`tmkit.formats.xmlsafe`) and each unit is freed once its segments are out, so
memory stays flat however large the file. The entity check runs on the prolog
before the parser starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from tmkit.formats.xliff.document import XliffDocument, check_root, refuse_entities
from tmkit.formats.xliff.units import SegmentIds, _obsolete, segment_unit, unit_segments
from tmkit.formats.xmlsafe import parse_error
from tmkit.model.errors import InputError, ParseError
from tmkit.model.units import Unit

_PROLOG = 1 << 16


def iter_xliff_units(source: str | Path | BinaryIO, name: str | None = None) -> Iterator[Unit]:
    """The units of an XLIFF file, read incrementally (see `xliff_units` for the mapping)."""
    if hasattr(source, "read"):
        stream: BinaryIO = source  # type: ignore[assignment]
        name = name or getattr(source, "name", "<xliff>")
        close = False
    else:
        name = name or str(source)
        try:
            stream = open(source, "rb")  # noqa: SIM115 (closed below)
        except OSError as err:
            raise InputError(err.strerror or str(err), name) from None
        close = True
    try:
        head = stream.read(_PROLOG)
        if not head.strip():
            raise ParseError("empty file, not XLIFF", name, 1, 1)
        refuse_entities(head, name)
        stream.seek(0)
        yield from _units(stream, name)
    finally:
        if close:
            stream.close()


def _file_of(unit: Any, file_tag: str) -> Any:
    parent = unit.getparent()
    if parent is not None and parent.tag == file_tag:  # the common case
        return parent
    for anc in unit.iterancestors(file_tag):
        return anc
    return None


def _units(stream: BinaryIO, name: str) -> Iterator[Unit]:
    # Only unit ends reach Python (lxml filters every other event in C).
    context = etree.iterparse(
        stream,
        events=("end",),
        tag=("{*}unit", "{*}trans-unit"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    doc: XliffDocument | None = None
    unit_tag = file_tag = group_tag = ""
    ids, last_file = SegmentIds(), None
    try:
        for _, el in context:
            if doc is None:
                tree = el.getroottree()
                dtd = tree.docinfo.internalDTD
                if dtd is not None and list(dtd.entities()):  # a subset past the prolog scan
                    raise ParseError("entity declarations are not allowed", name, 1, 1)
                version, core = check_root(tree.getroot(), name)
                doc = XliffDocument(None, version, core, name)
                names = doc.names
                unit_tag = names["unit" if doc.is_v2 else "trans-unit"]
                file_tag, group_tag = names["file"], names["group"]
            if el.tag != unit_tag:
                continue
            parent = el.getparent()
            if parent.tag != group_tag or not _obsolete(el):
                file = _file_of(el, file_tag)
                if file is not last_file:
                    ids.new_file()
                    last_file = file
                for seg in unit_segments(doc, file, el):
                    yield segment_unit(doc, ids.unique(seg), name)
            el.clear(keep_tail=True)
            while el.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as err:
        raise parse_error(err, name) from None
    if doc is None:
        root = context.root
        if root is None:
            raise ParseError("no XML element found", name, 1, 1)
        check_root(root, name)
