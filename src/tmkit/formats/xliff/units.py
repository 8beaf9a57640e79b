"""Segments of an XLIFF document: the bilingual view (`Unit`s), states, and target edits.

One `Unit` per segment: a 1.2 ``<trans-unit>`` (or, when it has a
``<seg-source>``, each of its ``<mrk mtype="seg">``), a 2.x ``<segment>``.
Units in tmkit's obsolete group (``x-tmkit-obsolete`` / ``tmkit:obsolete``)
are not part of the job and are skipped.

State mapping (the README's table):

==============  ============================  ===================
tmkit `State`   XLIFF 1.2 ``target/@state``   XLIFF 2.x ``state``
==============  ============================  ===================
new             new, needs-translation        initial, no target
fuzzy           needs-review-*, needs-adapt…  initial with target
translated      translated (or no state)      translated (or none)
reviewed        signed-off                    reviewed
final           final (or approved="yes")     final
==============  ============================  ===================
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lxml import etree

from tmkit.formats.xliff.document import XML_LANG, XliffDocument, local
from tmkit.formats.xliff.inline import clear, read_content, to_tmx, write_content
from tmkit.model.memory import Content, plain_text
from tmkit.model.units import State, Unit

#: 1.2 ``state`` values → tmkit states (anything else with a target: translated).
STATES_12: dict[str, State] = {
    "new": State.NEW,
    "needs-translation": State.NEW,
    "needs-adaptation": State.FUZZY,
    "needs-l10n": State.FUZZY,
    "needs-review-adaptation": State.FUZZY,
    "needs-review-l10n": State.FUZZY,
    "needs-review-translation": State.FUZZY,
    "translated": State.TRANSLATED,
    "signed-off": State.REVIEWED,
    "final": State.FINAL,
}
WRITE_12 = {
    State.NEW: "new",
    State.FUZZY: "needs-review-translation",
    State.TRANSLATED: "translated",
    State.REVIEWED: "signed-off",
    State.FINAL: "final",
}
WRITE_20 = {
    State.NEW: "initial",
    State.FUZZY: "initial",
    State.TRANSLATED: "translated",
    State.REVIEWED: "reviewed",
    State.FINAL: "final",
}
_DONE_20 = {s.value: s for s in (State.TRANSLATED, State.REVIEWED, State.FINAL)}
#: Group types holding the forms of one PO plural entry.
PLURALS = ("x-gettext-plurals", "tmkit:plurals")
#: Group markers for obsolete units (kept, never lost, but not part of the job).
OBSOLETE_12 = "x-tmkit-obsolete"
OBSOLETE_20 = "tmkit:obsolete"
#: Note ``from`` (1.2) / ``category`` (2.x) prefixes tmkit uses for its own bookkeeping.
BOOKKEEPING = ("po-", "tmx-")
TRANSLATOR = "po-translator"
FLAGS = "po-flags"
IGNORE = "tmkit-ignore:"


@dataclass(slots=True)
class Segment:
    """Where one segment lives in the tree (elements, not copies)."""

    id: str
    file: Any
    unit: Any
    source: Any
    target: Any | None
    #: 2.x ``<segment>``; 1.2 the ``<mrk mtype="seg">`` of a segmented unit
    holder: Any | None = None


def _obsolete(unit: Any) -> bool:
    for anc in unit.iterancestors():
        if local(anc) == "group" and (
            anc.get("restype") == OBSOLETE_12 or anc.get("type") == OBSOLETE_20
        ):
            return True
    return False


def _child(el: Any, name: str) -> Any | None:
    """The first child named ``name`` (a local name; any namespace of the core)."""
    for c in el:
        if local(c) == name:
            return c
    return None


def _first(el: Any, tag: str) -> Any | None:
    """The first child whose qualified tag is ``tag`` (fast: no name parsing)."""
    for c in el[:]:
        if c.tag == tag:
            return c
    return None


def _seg_marks(el: Any | None) -> dict[str, Any]:
    if el is None:
        return {}
    return {m.get("mid", ""): m for m in el.iter() if local(m) == "mrk" and m.get("mtype") == "seg"}


def unit_segments(doc: XliffDocument, file: Any, unit: Any) -> Iterator[Segment]:
    """The segments of one ``<trans-unit>`` (1.2) or ``<unit>`` (2.x)."""
    uid = unit.get("id") or ""
    names = doc.names
    if doc.is_v2:
        segment_tag, source_tag, target_tag = names["segment"], names["source"], names["target"]
        segs = [c for c in unit[:] if c.tag == segment_tag]
        for n, seg in enumerate(segs, start=1):
            source = target = None
            for c in seg[:]:
                tag = c.tag
                if tag == source_tag:
                    source = c
                elif tag == target_tag:
                    target = c
            if source is None:
                continue
            sid = uid if len(segs) == 1 else f"{uid}:{seg.get('id') or n}"
            yield Segment(sid, file, unit, source, target, seg)
        return
    source = _first(unit, names["source"])
    if source is None:
        return
    target = _first(unit, names["target"])
    seg_source = _first(unit, names["seg-source"])
    marks = _seg_marks(seg_source) if seg_source is not None else {}
    if not marks:
        yield Segment(uid, file, unit, source, target)
        return
    targets = _seg_marks(target)
    for mid, mark in marks.items():
        yield Segment(f"{uid}:{mid}", file, unit, mark, targets.get(mid), mark)


class SegmentIds:
    """Unique segment ids in a document.

    Ids are unique within a file only (and tools repeat them even there); a
    repeated id gets its file's name (``original#id``, 2.x ``file-id#id``) when an
    earlier file used it, and then a number (``id#2``) if it still repeats.
    """

    def __init__(self) -> None:
        self.files = 0
        self.used: set[str] = set()

    def new_file(self) -> None:
        self.files += 1

    def unique(self, seg: Segment) -> Segment:
        if seg.id in self.used:
            if self.files > 1:
                name = seg.file.get("original") or seg.file.get("id") or str(self.files)
                seg.id = f"{name}#{seg.id}"
            base, n = seg.id, 1
            while seg.id in self.used:
                n += 1
                seg.id = f"{base}#{n}"
        self.used.add(seg.id)
        return seg


def segments(doc: XliffDocument) -> Iterator[Segment]:
    """Every segment of the document in order (obsolete ones skipped)."""
    unit_tag = "unit" if doc.is_v2 else "trans-unit"
    ids = SegmentIds()
    for file in doc.files():
        ids.new_file()
        for unit in file.iter(doc.q(unit_tag)):
            if not _obsolete(unit):
                for seg in unit_segments(doc, file, unit):
                    yield ids.unique(seg)


def segment_state(doc: XliffDocument, seg: Segment, target_text: str) -> State:
    if doc.is_v2:
        state = seg.holder.get("state") if seg.holder is not None else None
        if state in _DONE_20:
            return _DONE_20[state]
        if state == "initial" or not target_text:
            return State.FUZZY if target_text and state == "initial" else State.NEW
        return State.TRANSLATED
    target = seg.unit.find(doc.q("target")) if seg.holder is not None else seg.target
    state = target.get("state") if target is not None else None
    if not target_text:
        return State.NEW
    if state in STATES_12:
        return STATES_12[state]
    return State.FINAL if seg.unit.get("approved") == "yes" else State.TRANSLATED


def _notes(doc: XliffDocument, unit: Any) -> list[tuple[str, str]]:
    """(category, text) of a unit's notes, 1.2 ``from`` or 2.x ``category``."""
    note_tag = doc.names["note"]
    if doc.is_v2:
        holder = _first(unit, doc.names["notes"])
        if holder is None:
            return []
        return [
            (n.get("category") or "", "".join(n.itertext())) for n in holder if n.tag == note_tag
        ]
    return [(n.get("from") or "", "".join(n.itertext())) for n in unit[:] if n.tag == note_tag]


def _suppress(flags: tuple[str, ...], notes: list[tuple[str, str]]) -> frozenset[str]:
    """Raw ``tmkit-ignore:`` marks (flags and notes); the check runner resolves the rules."""
    marks = [f[len(IGNORE) :] for f in flags if f.startswith(IGNORE)]
    for _, text in notes:
        if text.strip().startswith(IGNORE):
            marks.append(text.strip()[len(IGNORE) :])
    return frozenset(marks)


def unit_data(doc: XliffDocument, unit: Any) -> dict[str, str]:
    """A 2.x unit's ``originalData`` (id → native code); empty for 1.2."""
    if not doc.is_v2:
        return {}
    original = _first(unit, doc.names["originalData"])
    if original is None:
        return {}
    data_tag = doc.names["data"]
    return {d.get("id", ""): "".join(d.itertext()) for d in original if d.tag == data_tag}


def _contents(doc: XliffDocument, seg: Segment) -> tuple[Content, Content]:
    """Source and target content of a segment in TMX's inline model."""
    source_el, target_el = seg.source, seg.target
    if not len(source_el) and (target_el is None or not len(target_el)):
        # the common case, plain text on both sides: no walk, no code mapping
        text = source_el.text
        source: Content = (text,) if text else ()
        text = target_el.text if target_el is not None else None
        return source, ((text,) if text else ())
    data = unit_data(doc, seg.unit)
    source = to_tmx(read_content(source_el, skip_seg_marks=True), data, doc.is_v2)
    target: Content = ()
    if target_el is not None:
        target = to_tmx(read_content(target_el, True), data, doc.is_v2)
    return source, target


def _text(content: Content) -> str:
    if not content:
        return ""
    if len(content) == 1 and content[0].__class__ is str:
        return content[0]  # type: ignore[return-value]
    return plain_text(content)


def segment_unit(doc: XliffDocument, seg: Segment, name: str) -> Unit:
    """The unit of one segment; its content is in TMX's inline model (`inline.to_tmx`),
    so checks, memories and TMX output see one set of codes whatever the XLIFF version."""
    source, target = _contents(doc, seg)
    target_text = _text(target)
    unit = seg.unit
    notes = _notes(doc, unit)
    flags: tuple[str, ...] = ()
    if notes:
        flags = tuple(f for c, t in notes if c == FLAGS for f in t.split(", ") if f)
    state = segment_state(doc, seg, target_text)
    if state is State.FUZZY and "fuzzy" not in flags:
        flags = ("fuzzy", *flags)
    names = doc.names
    parent = unit.getparent()
    if parent.tag == names["file"]:  # the common case: no group, no bin-unit in between
        translate_no = unit.get("translate") == "no" or parent.get("translate") == "no"
    else:
        translate_no = unit.get("translate") == "no" or _inherits_no(unit, names["file"])
    if translate_no:
        flags = (*flags, "no-translate")
    ident, context, form = seg.id, unit.get("name") or unit.get("resname"), 0
    if parent.tag == names["group"] and (parent.get("type") or parent.get("restype")) in PLURALS:
        # a PO plural: one unit per form, called like the PO entry (its msgctxt)
        siblings = [c for c in parent if c.tag == unit.tag]
        form = siblings.index(unit)
        context = parent.get("name") or parent.get("resname")
        ident = context if context is not None else seg.id
        notes = notes or _notes(doc, parent)
    shown: tuple[str, ...] = ()
    suppress: frozenset[str] = frozenset()
    if notes or flags:
        shown = tuple(t for c, t in notes if not c.startswith(BOOKKEEPING) or c == TRANSLATOR)
        suppress = _suppress(flags, notes)
    return Unit(
        _text(source),
        target_text,
        ident,
        name,
        seg.source.sourceline,
        state,
        suppress=suppress,
        flags=flags,
        context=context,
        notes=shown,
        source_content=source,
        target_content=target,
        form=form,
    )


def _inherits_no(unit: Any, file_tag: str) -> bool:
    """``translate="no"`` on an enclosing group or the file."""
    parent = unit.getparent()
    if parent is not None and parent.tag == file_tag:  # the common case: a unit of the file
        return parent.get("translate") == "no"
    for anc in unit.iterancestors():
        if anc.get("translate") == "no":
            return True
        if anc.tag == file_tag:
            return False
    return False


def xliff_units(doc: XliffDocument, name: str | None = None, **_options: Any) -> Iterator[Unit]:
    """One `Unit` per segment, in document order."""
    name = name or doc.name
    for seg in segments(doc):
        yield segment_unit(doc, seg, name)


# --- editing targets -----------------------------------------------------------


def _new_target(doc: XliffDocument, seg: Segment) -> Any:
    """Create the ``<target>`` (or target ``<mrk>``) a segment lacks, in schema order."""
    if doc.is_v2:
        target = etree.Element(doc.q("target"))
        seg.source.addnext(target)
        target.tail = seg.source.tail
        return target
    if seg.holder is None:
        anchor = _child(seg.unit, "seg-source")
        anchor = seg.source if anchor is None else anchor
        target = etree.Element(doc.q("target"))
        anchor.addnext(target)
        target.tail = anchor.tail
        lang = _file_target_lang(seg.file)
        if lang:
            target.set(XML_LANG, lang)
        return target
    whole = _child(seg.unit, "target")
    if whole is None:
        anchor = _child(seg.unit, "seg-source")
        whole = etree.Element(doc.q("target"))
        anchor.addnext(whole)
        whole.tail = anchor.tail
    mark = etree.SubElement(whole, doc.q("mrk"), {"mtype": "seg", "mid": seg.holder.get("mid")})
    return mark


def _file_target_lang(file: Any) -> str | None:
    return file.get("target-language")


def set_targets(
    doc: XliffDocument, targets: Mapping[str, tuple[str | Content, State | None]]
) -> int:
    """Set the target text (or content) and state of segments by unit id; returns how many.

    Content given as a string is written as text. A state of None leaves the
    state as it is. Segments not named keep their targets untouched.
    """
    changed = 0
    for seg in list(segments(doc)):
        if seg.id not in targets:
            continue
        content, state = targets[seg.id]
        parts = (content,) if isinstance(content, str) else content
        target = seg.target if seg.target is not None else _new_target(doc, seg)
        clear(target)
        write_content(target, parts, doc.core)
        if state is not None:
            _set_state(doc, seg, target, state)
        changed += 1
    if changed:
        doc.modified = True
    return changed


def _set_state(doc: XliffDocument, seg: Segment, target: Any, state: State) -> None:
    if doc.is_v2:
        seg.holder.set("state", WRITE_20[state])
        return
    holder = target if seg.holder is None else _child(seg.unit, "target")
    holder.set("state", WRITE_12[state])
    if state is State.FINAL:
        seg.unit.set("approved", "yes")
    elif seg.unit.get("approved") == "yes":
        seg.unit.set("approved", "no")


def add_notes(doc: XliffDocument, unit: Any, notes: list[tuple[str, str]]) -> None:
    """Append notes (category, text) to a unit, where each version's schema puts them."""
    if not notes:
        return
    names = doc.names
    if doc.is_v2:
        holder = _first(unit, names["notes"])
        if holder is None:
            holder = etree.Element(names["notes"])
            unit.insert(0, holder)
            holder.tail = unit.text
        key = "category"
    else:
        holder, key = unit, "from"
    core = {names[n] for n in ("source", "seg-source", "target", "note", "alt-trans")}
    after = [c for c in holder if c.tag in core] if not doc.is_v2 else list(holder)
    for category, text in notes:
        note = etree.Element(names["note"], {key: category} if category else {})
        note.text = text
        if after:
            after[-1].addnext(note)
            note.tail = after[-1].tail
        else:
            holder.append(note)
        after.append(note)
    doc.modified = True
