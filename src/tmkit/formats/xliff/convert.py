"""XLIFF ⇄ the PO model (`Catalog`) and the TMX model (`Memory`).

PO → XLIFF → PO and TMX → XLIFF → TMX give back what went in: everything XLIFF
has no place for travels in notes whose ``from`` (1.2) / ``category`` (2.x)
starts with ``po-`` or ``tmx-`` (see `tmkit.formats.xliff.build`):

=========================  ==================================================
PO                         XLIFF
=========================  ==================================================
msgctxt                    unit ``name`` (1.2 ``resname``); also the unit id
                           when it is a usable, unique id
msgid / msgstr             ``source`` / ``target`` (no target when empty)
``#,`` flags               note ``po-flags``; ``fuzzy`` also the state
``#.`` comments            plain notes (what CAT tools show translators)
``#`` comments             one ``po-translator`` note each
``#:`` references          note ``po-reference``
``#|`` previous fields     notes ``po-previous-msgctxt`` / ``-msgid`` / …
plural message             a group (``x-gettext-plurals`` / ``tmkit:plurals``)
                           holding one unit per form: form 0's source is the
                           msgid, the others' the msgid_plural
obsolete ``#~`` messages   a group ``x-tmkit-obsolete`` / ``tmkit:obsolete``
header                     file notes ``po-header`` (+ ``-translator``, ``-flags``)
reviewed / final state     ``#. tmkit-state: reviewed`` (or ``final``) in PO;
                           ``<prop type="x-tmkit-state">`` in TMX
=========================  ==================================================

TMX: each ``<tu>`` is kept whole in a ``tmx-tu`` note and the header in a
``tmx-header`` file note; source and target come back from the XLIFF segment
(so a target edited in a CAT tool wins), inline codes through
`tmkit.formats.xliff.inline`.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from tmkit import __version__
from tmkit.formats.convert import INLINE_COMMENT, segment_text
from tmkit.formats.unitview import STATE_COMMENT as UNITVIEW_STATE_COMMENT
from tmkit.formats.unitview import STATE_PROP
from tmkit.formats.xliff.build import JobBuilder
from tmkit.formats.xliff.document import XliffDocument, local
from tmkit.formats.xliff.inline import from_tmx, read_content, to_tmx
from tmkit.formats.xliff.units import (
    OBSOLETE_12,
    OBSOLETE_20,
    PLURALS,
    _child,
    _notes,
    segment_unit,
    segments,
    unit_data,
    unit_segments,
)
from tmkit.formats.xmlsafe import safe_parser
from tmkit.model.catalog import Catalog, Message
from tmkit.model.memory import (
    ALL_LANGUAGES,
    Memory,
    MemoryHeader,
    Note,
    Prop,
    TranslationUnit,
    Variant,
    has_inline,
    same_language,
)
from tmkit.model.units import State

#: How reviewed/final survive PO and TMX (shared with `tmkit.formats.unitview`).
STATE_COMMENT = UNITVIEW_STATE_COMMENT + " "
PLURALS_12, PLURALS_20 = PLURALS
_PREVIOUS = ("previous_msgctxt", "previous_msgid", "previous_msgid_plural")


def _category(field: str) -> str:
    return "po-" + field.replace("_", "-")


# --- PO → XLIFF ----------------------------------------------------------------


def _message_notes(m: Message) -> tuple[list[tuple[str, str]], State | None]:
    notes: list[tuple[str, str]] = []
    kept: State | None = None
    for c in m.extracted_comments:
        if c.startswith(STATE_COMMENT) and c[len(STATE_COMMENT) :] in ("reviewed", "final"):
            kept = State(c[len(STATE_COMMENT) :])
        else:
            notes.append(("", c))
    notes.extend(("po-translator", c) for c in m.translator_comments)
    if m.references:
        notes.append(("po-reference", "\n".join(m.references)))
    if m.flags:
        notes.append(("po-flags", ", ".join(m.flags)))
    for name in _PREVIOUS:
        value = getattr(m, name)
        if value is not None:
            notes.append((_category(name), value))
    if m.msgctxt is None:
        notes.append(("po-no-msgctxt", ""))
    return notes, kept


def _state(m: Message, kept: State | None, translated: bool) -> State:
    if m.fuzzy:
        return State.FUZZY
    if not translated:
        return State.NEW
    return kept or State.TRANSLATED


def catalog_to_xliff(
    catalog: Catalog,
    version: str = "2.1",
    source_lang: str | None = None,
    target_lang: str | None = None,
    original: str | None = None,
) -> XliffDocument:
    """A PO catalog as an XLIFF job, one unit per message (see the module table)."""
    meta = catalog.metadata
    src = source_lang or meta.get("X-Source-Language") or "ja"
    tgt = target_lang or meta.get("Language") or "en"
    job = JobBuilder(version, src, tgt, original or catalog.path or "messages.po")
    header = catalog.header
    if header is None:
        job.file_note("po-no-header", "")
    else:
        job.file_note("po-header", header.msgstr)
        for c in header.translator_comments:
            job.file_note("po-header-translator", c)
        for c in header.extracted_comments:
            job.file_note("po-header-extracted", c)
        if header.flags:
            job.file_note("po-header-flags", ", ".join(header.flags))
    obsolete = None
    for n, m in enumerate(catalog.messages, start=1):
        parent = None
        if m.obsolete:
            if obsolete is None:
                kind = OBSOLETE_20 if job.v2 else OBSOLETE_12
                obsolete = job.group(None, "tmkit-obsolete", kind)
            parent = obsolete
        notes, kept = _message_notes(m)
        if m.msgid_plural is not None:
            group = job.group(parent, m.msgctxt or f"p{n}", PLURALS_20 if job.v2 else PLURALS_12)
            if m.msgctxt is not None:
                group.set("name" if job.v2 else "resname", m.msgctxt)
            job.group_notes(group, notes)
            forms = sorted(set(m.msgstr_plural) | {0, 1})
            for i in forms:
                text = m.msgstr_plural.get(i, "")
                state = _state(m, kept, bool(text))
                source = m.msgid if i == 0 else m.msgid_plural
                ident = job.unique_id(f"{group.get('id')}_{i}", f"u{n}_{i}")
                job.unit(group, ident, (source,), (text,) if text else None, state)
            continue
        ident = job.unique_id(m.msgctxt, f"u{n}")
        state = _state(m, kept, bool(m.msgstr))
        target = (m.msgstr,) if m.msgstr else None
        job.unit(parent, ident, (m.msgid,), target, state, m.msgctxt, notes)
    return job.document(original or catalog.path or "<xliff>")


# --- XLIFF → PO ----------------------------------------------------------------


def _file_notes(doc: XliffDocument, file: Any) -> list[tuple[str, str]]:
    holder = file if doc.is_v2 else _child(file, "header")
    return [] if holder is None else _notes(doc, holder)


def from_catalog(doc: XliffDocument) -> bool:
    """Whether tmkit wrote the job from a PO catalog (its file notes say so)."""
    return any(c.startswith("po-") for f in doc.files() for c, _ in _file_notes(doc, f))


def from_memory(doc: XliffDocument) -> bool:
    """Whether tmkit wrote the job from a TMX memory (its file notes say so)."""
    return any(c == "tmx-header" for f in doc.files() for c, _ in _file_notes(doc, f))


def xliff_to_catalog(doc: XliffDocument) -> Catalog:
    """An XLIFF job as a PO catalog: exact for jobs tmkit wrote from PO, else one message
    per segment (msgctxt = the segment id, plain text, notes as ``#.`` comments)."""
    catalog = Catalog(path=doc.name)
    for file in doc.files():
        fnotes = _file_notes(doc, file)
        if any(c.startswith("po-") for c, _ in fnotes):
            if catalog.header is None and not any(c == "po-no-header" for c, _ in fnotes):
                catalog.header = _po_header(fnotes)
            _walk(doc, file, file, catalog, False)
        else:
            catalog.messages.extend(foreign_message(doc, seg) for seg in _file_segments(doc, file))
    if catalog.header is None or not catalog.metadata.get("Language"):
        if doc.target_lang:
            catalog.set_metadata("Language", doc.target_lang)
        if doc.source_lang and "X-Source-Language" not in catalog.metadata:
            catalog.set_metadata("X-Source-Language", doc.source_lang)
    return catalog


def _file_segments(doc: XliffDocument, file: Any) -> Any:
    return (s for s in segments(doc) if s.file is file)


def _po_header(fnotes: list[tuple[str, str]]) -> Message:
    header = Message(msgid="")
    for c, text in fnotes:
        if c == "po-header":
            header.msgstr = text
        elif c == "po-header-translator":
            header.translator_comments.append(text)
        elif c == "po-header-extracted":
            header.extracted_comments.append(text)
        elif c == "po-header-flags":
            header.flags = text.split(", ")
    return header


def _walk(doc: XliffDocument, file: Any, el: Any, catalog: Catalog, obsolete: bool) -> None:
    for child in el:
        name = local(child)
        if name == "group":
            kind = child.get("type") or child.get("restype")
            if kind in (PLURALS_12, PLURALS_20):
                catalog.messages.append(_plural_message(doc, file, child, obsolete))
            else:
                _walk(doc, file, child, catalog, obsolete or kind in (OBSOLETE_12, OBSOLETE_20))
        elif name == "body":
            _walk(doc, file, child, catalog, obsolete)
        elif name in ("unit", "trans-unit"):
            for seg in unit_segments(doc, file, child):
                catalog.messages.append(_po_message(doc, seg.unit, seg, obsolete))


def _apply_notes(m: Message, notes: list[tuple[str, str]]) -> None:
    for c, text in notes:
        if c == "":
            m.extracted_comments.append(text)
        elif c == "po-translator":
            m.translator_comments.append(text)
        elif c == "po-reference":
            m.references = text.split("\n")
        elif c == "po-flags":
            m.flags = text.split(", ")
        elif c.startswith("po-previous-"):
            setattr(m, c[3:].replace("-", "_"), text)


def _state_comment(m: Message, state: State) -> None:
    """The XLIFF state onto the message: reviewed/final as a comment, fuzzy as the flag.

    Without a target the state says nothing a PO file could keep (the flags note does).
    """
    if state in (State.REVIEWED, State.FINAL):
        m.extracted_comments.append(STATE_COMMENT + state.value)
    translated = bool(m.msgstr or any(m.msgstr_plural.values()))
    if not translated:
        return
    if state is State.FUZZY and not m.fuzzy:
        m.fuzzy = True
    elif state is not State.FUZZY and m.fuzzy:
        m.flags = [f for f in m.flags if f != "fuzzy"]


def _po_message(doc: XliffDocument, unit: Any, seg: Any, obsolete: bool) -> Message:
    u = segment_unit(doc, seg, doc.name)
    notes = _notes(doc, unit)
    ctx = unit.get("name") if doc.is_v2 else unit.get("resname")
    m = Message(msgid=u.source, msgstr=u.target, obsolete=obsolete)
    m.msgctxt = None if any(c == "po-no-msgctxt" for c, _ in notes) else (ctx or u.id)
    _apply_notes(m, notes)
    _state_comment(m, u.state)
    return m


def _plural_message(doc: XliffDocument, file: Any, group: Any, obsolete: bool) -> Message:
    notes = _notes(doc, group)
    m = Message(msgid="", obsolete=obsolete, msgid_plural="")
    ctx = group.get("name") if doc.is_v2 else group.get("resname")
    m.msgctxt = None if any(c == "po-no-msgctxt" for c, _ in notes) else ctx
    _apply_notes(m, notes)
    state = State.NEW
    units = [c for c in group if local(c) in ("unit", "trans-unit")]
    for i, unit in enumerate(units):
        for seg in unit_segments(doc, file, unit):
            u = segment_unit(doc, seg, doc.name)
            if i == 0:
                m.msgid = u.source
            else:
                m.msgid_plural = u.source
            m.msgstr_plural[i] = u.target
            state = u.state if u.target else state
    _state_comment(m, state)
    return m


def foreign_message(doc: XliffDocument, seg: Any) -> Message:
    """One segment of a job tmkit did not write; codes in the PO markup form (the
    ``#. tmkit: inline-markup`` convention of `tmkit.formats.convert`)."""
    u = segment_unit(doc, seg, doc.name)
    codes = has_inline(u.source_content or ()) or has_inline(u.target_content or ())
    m = Message(
        msgid=segment_text(u.source_content or (), codes),
        msgstr=segment_text(u.target_content or (), codes),
        msgctxt=u.id,
    )
    m.extracted_comments.extend(u.notes)
    if codes:
        m.extracted_comments.append(INLINE_COMMENT)
    _state_comment(m, u.state)
    return m


# --- TMX ⇄ XLIFF -----------------------------------------------------------------


def _tmx_header_xml(header: MemoryHeader) -> str:
    """The header as TMX markup, every attribute as it is (the TMX writer would stamp tmkit's)."""
    from tmkit.formats.tmx import _attrs_xml, _meta_xml

    meta = "".join(_meta_xml(header.meta, ""))
    attrs = _attrs_xml(header.attrs.items())
    return f'<tmx version="{header.version}"><header{attrs}>{meta}</header></tmx>'


def memory_to_xliff(
    memory: Memory,
    version: str = "2.1",
    source_lang: str | None = None,
    target_lang: str | None = None,
    original: str | None = None,
) -> XliffDocument:
    """A TMX memory as an XLIFF job, one unit per ``<tu>`` (see the module doc)."""
    from tmkit.formats.tmx import _unit_xml

    if not isinstance(memory.units, list):  # a stream of units: languages() reads it too
        memory = Memory(memory.header, list(memory.units))
    srclang = memory.header.srclang
    src = source_lang or (srclang if srclang and srclang != ALL_LANGUAGES else None) or "ja"
    others = [lang for lang in memory.languages() if not same_language(lang, src)]
    tgt = target_lang or (others[0] if others else "en")
    job = JobBuilder(version, src, tgt, original or "memory.tmx")
    job.file_note("tmx-header", _tmx_header_xml(memory.header))
    for n, tu in enumerate(memory.units, start=1):
        source = tu.variant(src)
        target = tu.variant(tgt)
        data: dict[str, str] = {}
        src_content = from_tmx(source.content if source else (), job.v2, data)
        tgt_content = from_tmx(target.content, job.v2, data) if target else None
        states = tu.props(STATE_PROP)
        state = State(states[0]) if states and states[0] in State._value2member_map_ else None
        if state is None:
            state = State.TRANSLATED if target is not None and target.content else State.NEW
        notes = [("tmx-tu", _unit_xml(tu)), *(("", t) for t in tu.notes)]
        ident = job.unique_id(tu.tuid, f"u{n}")
        job.unit(None, ident, src_content, tgt_content, state, tu.tuid, notes, data)
    return job.document(original or "<xliff>")


def _default_header(src: str) -> MemoryHeader:
    return MemoryHeader(
        attrs={
            "creationtool": "tmkit",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "xliff",
            "adminlang": "en",
            "srclang": src,
            "datatype": "plaintext",
        }
    )


def xliff_to_memory(doc: XliffDocument) -> Memory:
    """An XLIFF job as a TMX memory: one unit per segment with a target."""
    from tmkit.formats.tmx import _header, _unit

    memory = Memory(_default_header(doc.source_lang or "ja"), [])
    for file in doc.files():
        for c, text in _file_notes(doc, file):
            if c == "tmx-header":
                root = etree.fromstring(text.encode("utf-8"), safe_parser())
                memory.header = _header(root.find("header"), root.get("version", "1.4"), "utf-8")
    src = doc.source_lang or "ja"
    for seg in segments(doc):
        src_lang = seg.file.get("source-language") or src
        tgt_lang = seg.file.get("target-language") or doc.target_lang or "en"
        data = unit_data(doc, seg.unit)
        source = to_tmx(read_content(seg.source, True), data, doc.is_v2)
        target = (
            None if seg.target is None else to_tmx(read_content(seg.target, True), data, doc.is_v2)
        )
        kept = [t for c, t in _notes(doc, seg.unit) if c == "tmx-tu"]
        if kept:
            tu = _unit(etree.fromstring(kept[0].encode("utf-8"), safe_parser()))
            tu.line = seg.source.sourceline
            _replace(tu, src_lang, source, target, tgt_lang)
            memory.units.append(tu)
            continue
        u = segment_unit(doc, seg, doc.name)
        if target is None or not u.target:
            continue
        meta: list[Any] = [Note(t) for t in u.notes]
        if u.context:
            meta.append(Prop("x-context", u.context))
        if u.state is not State.TRANSLATED:
            meta.append(Prop(STATE_PROP, u.state.value))
        variants = [
            Variant(src_lang, source, line=seg.source.sourceline),
            Variant(tgt_lang, target, line=seg.target.sourceline),
        ]
        memory.units.append(TranslationUnit(u.id, variants, {}, meta, seg.source.sourceline))
    return memory


def _replace(tu: TranslationUnit, src: str, source: Any, target: Any, tgt: str) -> None:
    sv = tu.variant(src)
    if sv is not None:
        sv.content = source
    if target is None:
        return
    tv = tu.variant(tgt)
    if tv is None:
        tu.variants.append(Variant(tgt, target))
    else:
        tv.content = target
