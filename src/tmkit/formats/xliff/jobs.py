"""Writing a translation into an existing XLIFF job: filling targets from a PO file
(`fill_from_catalog`), or writing a catalog back into a job tmkit did not write
(`apply_catalog`), every other byte of the job kept."""

from __future__ import annotations

from typing import Any

from lxml import etree

from tmkit.formats.convert import INLINE_COMMENT
from tmkit.formats.unitview import message_state
from tmkit.formats.xliff.convert import STATE_COMMENT, foreign_message
from tmkit.formats.xliff.document import XliffDocument
from tmkit.formats.xliff.inline import from_tmx
from tmkit.formats.xliff.units import (
    OBSOLETE_12,
    OBSOLETE_20,
    _child,
    add_notes,
    segment_unit,
    segments,
    set_targets,
    unit_data,
)
from tmkit.model.catalog import Catalog, Message
from tmkit.model.memory import MarkupError, markup_to_content
from tmkit.model.units import State

# --- filling a job from a translation ---------------------------------------------


def fill_from_catalog(doc: XliffDocument, catalog: Catalog) -> int:
    """Take targets, states and translator comments from a PO translation, msgmerge-style.

    A segment takes the active message with its context (the unit ``name``, else its
    id), else the one with its source text; the translator comments go along (with
    msgmerge, they belong to the translation, and they carry ``tmkit-ignore``
    reasons). Returns how many segments got a target.
    """
    by_context = {m.msgctxt: m for m in catalog.active() if m.msgctxt is not None}
    by_text = {m.msgid: m for m in catalog.active() if not m.is_header}
    targets: dict[str, tuple[str, State | None]] = {}
    comments: dict[Any, list[str]] = {}
    for seg in segments(doc):
        u = segment_unit(doc, seg, doc.name)
        m = by_context.get(u.context or u.id) or by_text.get(u.source)
        if m is None or m.msgid_plural is not None or not m.msgstr:
            continue
        targets[seg.id] = (m.msgstr, message_state(m))
        if m.translator_comments:
            comments[seg.unit] = m.translator_comments
    count = set_targets(doc, targets)
    for unit, lines in comments.items():
        add_notes(doc, unit, [("po-translator", line) for line in lines])
    return count


# --- writing a catalog back into a job tmkit did not write ---------------------------


def _message_content(m: Message, doc: XliffDocument, data: dict[str, str]) -> Any:
    if INLINE_COMMENT not in m.extracted_comments:
        return m.msgstr
    try:
        content = markup_to_content(m.msgstr)
    except MarkupError:
        return m.msgstr
    return from_tmx(content, doc.is_v2, data)


def apply_catalog(doc: XliffDocument, catalog: Catalog) -> bool:
    """Write a catalog's targets and states into ``doc`` itself, keeping all else.

    For a job tmkit did not write: each active message whose msgctxt is a segment
    id sets that segment's target and state when they differ (untouched segments
    stay byte-identical); obsolete messages go to a ``tmkit:obsolete`` /
    ``x-tmkit-obsolete`` group, never lost. False (and ``doc`` unchanged) when an
    active message has no segment: the caller then writes a new job instead.
    """
    segs = {seg.id: seg for seg in segments(doc)}
    active = [m for m in catalog.messages if not m.obsolete and not m.is_header]
    if any(m.msgctxt not in segs or m.msgid_plural is not None for m in active):
        return False
    targets: dict[str, tuple[Any, State | None]] = {}
    for m in active:
        seg = segs[m.msgctxt]  # type: ignore[index]
        now = foreign_message(doc, seg)
        if (now.msgstr, now.fuzzy) == (m.msgstr, m.fuzzy) and _kept(now) == _kept(m):
            continue
        data = unit_data(doc, seg.unit)
        targets[seg.id] = (_message_content(m, doc, data), message_state(m))
        if data and doc.is_v2:
            _store_data(doc, seg.unit, data)
    set_targets(doc, targets)
    obsolete = [m for m in catalog.messages if m.obsolete]
    if obsolete:
        _add_obsolete(doc, obsolete)
    return True


def _kept(m: Message) -> list[str]:
    return [c for c in m.extracted_comments if c.startswith(STATE_COMMENT)]


def _store_data(doc: XliffDocument, unit: Any, data: dict[str, str]) -> None:
    names = doc.names
    original = _child(unit, "originalData")
    if original is None:
        original = etree.Element(names["originalData"])
        notes = _child(unit, "notes")
        if notes is not None:
            notes.addnext(original)
        else:
            unit.insert(0, original)
    have = {d.get("id") for d in original}
    for key, value in data.items():
        if key not in have:
            etree.SubElement(original, names["data"], id=key).text = value


def _add_obsolete(doc: XliffDocument, messages: list[Message]) -> None:
    names = doc.names
    file = next(doc.files())
    parent = file if doc.is_v2 else _child(file, "body")
    group = etree.SubElement(parent, names["group"], id="tmkit-obsolete")
    group.set("type" if doc.is_v2 else "restype", OBSOLETE_20 if doc.is_v2 else OBSOLETE_12)
    for n, m in enumerate(messages, start=1):
        ident = f"tmkit-obsolete-{n}"
        if doc.is_v2:
            unit = etree.SubElement(group, names["unit"], id=ident)
            holder = etree.SubElement(unit, names["segment"])
        else:
            unit = holder = etree.SubElement(group, names["trans-unit"], id=ident)
        if m.msgctxt is not None:
            unit.set("name" if doc.is_v2 else "resname", m.msgctxt)
        etree.SubElement(holder, names["source"]).text = m.msgid
        if m.msgstr:
            etree.SubElement(holder, names["target"]).text = m.msgstr
    doc.modified = True
