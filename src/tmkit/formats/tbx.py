"""TBX glossaries: reads TBX v3 (TBX-Basic, DCA style) and TBX v2 (martif, tig or ntig);
writes TBX-Basic v3 DCA.

Carried: concept id, subjectField, definition and notes; per term: language,
administrativeStatus, partOfSpeech, termType, notes, sources (``<admin
type="source">``, one per line). Other data categories (transactions, contexts,
concept- and langSec-level sources, cross references) are read past and not kept.

Conventions, all within what TBX-Basic permits:
- A definition is written at conceptEntry level. On reading, a conceptEntry-level
  definition wins; else the one of the target language's langSec; else the first.
- langSec-level notes become concept note lines prefixed with the language ("pt: ...").
- A case-sensitive term carries a termSec-level ``<note>tmkit:case-sensitive</note>``,
  a verified one ``<note>tmkit:verified</note>``.
- TBX-Basic has no ``properNoun`` part of speech: such a term is written as
  ``noun`` plus ``<note>tmkit:proper-noun</note>`` and read back as ``properNoun``.
- Status values of TBX v2 beyond the four of TBX-Basic: standardized, legal and
  regulated terms read as preferred. Unknown part-of-speech values read as
  ``other``; termType values outside the TBX-Basic picklist are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from tmkit.formats import xmlsafe
from tmkit.formats.atomic import write_bytes_atomic
from tmkit.formats.io import Format, register
from tmkit.model.errors import InputError, ParseError
from tmkit.model.glossary import (
    PARTS_OF_SPEECH,
    TERM_TYPES,
    Concept,
    Glossary,
    Term,
    clean_note,
    clean_text,
    lang_matches,
)

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASE_SENSITIVE_NOTE = "tmkit:case-sensitive"
PROPER_NOUN_NOTE = "tmkit:proper-noun"
VERIFIED_NOTE = "tmkit:verified"
_FLAG_NOTES = frozenset({CASE_SENSITIVE_NOTE, PROPER_NOUN_NOTE, VERIFIED_NOTE})

_STATUS_FROM_TBX = {
    "preferredterm-admn-sts": "preferred",
    "admittedterm-admn-sts": "admitted",
    "deprecatedterm-admn-sts": "deprecated",
    "supersededterm-admn-sts": "superseded",
    "standardizedterm-admn-sts": "preferred",
    "legalterm-admn-sts": "preferred",
    "regulatedterm-admn-sts": "preferred",
    "preferred": "preferred",
    "admitted": "admitted",
    "deprecated": "deprecated",
    "superseded": "superseded",
}
_STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
}
_POS_BY_LOWER = {p.lower(): p for p in PARTS_OF_SPEECH}
_TYPE_BY_LOWER = {t.lower(): t for t in TERM_TYPES}
# An XML ID (NCName), which TBX requires for conceptEntry/@id.
_NCNAME = re.compile(r"^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*$")
# Wrapper elements whose children belong to the level that holds the wrapper.
_GROUPS = frozenset({"descripGrp", "termNoteGrp", "adminGrp", "noteGrp"})


# ---------------------------------------------------------------- reading


def read_tbx(path: str | Path, *, source_lang: str = "ja", target_lang: str = "en") -> Glossary:
    """Read a TBX file with the hardened parser (no DTD, no entities: see `xmlsafe`)."""
    tree = xmlsafe.parse(path)
    return _glossary(tree.getroot(), str(path), source_lang, target_lang)


def parse_tbx(
    data: bytes, name: str = "<tbx>", *, source_lang: str = "ja", target_lang: str = "en"
) -> Glossary:
    """Read TBX from bytes (same policy as `read_tbx`)."""
    root = xmlsafe.parse_bytes(data, name)
    return _glossary(root, name, source_lang, target_lang)


def _glossary(root: etree._Element, name: str, source_lang: str, target_lang: str) -> Glossary:
    local = etree.QName(root).localname
    if local == "tbx":
        if (root.get("style") or "dca").lower() != "dca":
            raise ParseError("only DCA-style TBX is supported", name, root.sourceline)
        entries, lang_level, term_level = "conceptEntry", "langSec", ("termSec",)
    elif local == "martif":
        entries, lang_level, term_level = "termEntry", "langSet", ("tig", "ntig")
    else:
        raise ParseError(f"not a TBX file: root element is <{local}>", name, root.sourceline)
    body = _first(root, "text")
    body = _first(body, "body") if body is not None else None
    if body is None:
        raise ParseError("no <text><body> in the TBX file", name, root.sourceline)
    concepts: list[Concept] = []
    seen_ids: set[str] = set()
    for n, entry in enumerate(_children(body, entries), start=1):
        concept = _concept(entry, n, lang_level, term_level, target_lang, name)
        if concept.id in seen_ids:
            raise ParseError(f"duplicate concept id {concept.id!r}", name, entry.sourceline)
        seen_ids.add(concept.id)
        concepts.append(concept)
    return Glossary(tuple(concepts), source_lang=source_lang, target_lang=target_lang)


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and _local(c) in names]


def _first(el: etree._Element, name: str) -> etree._Element | None:
    found = _children(el, name)
    return found[0] if found else None


def _level_items(el: etree._Element) -> list[etree._Element]:
    """The data-category elements of one level, looking inside *Grp wrappers."""
    items: list[etree._Element] = []
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if _local(child) in _GROUPS:
            items.extend(c for c in child if isinstance(c.tag, str))
        else:
            items.append(child)
    return items


def _text(el: etree._Element) -> str:
    return clean_text("".join(el.itertext()))


def _concept(
    entry: etree._Element,
    n: int,
    lang_level: str,
    term_level: tuple[str, ...],
    target_lang: str,
    name: str,
) -> Concept:
    concept_id = (entry.get("id") or "").strip() or f"c{n}"
    subject = definition = ""
    notes: list[str] = []
    for item in _level_items(entry):
        kind, dtype = _local(item), item.get("type", "")
        if kind == "descrip" and dtype == "subjectField" and not subject:
            subject = _text(item)
        elif kind == "descrip" and dtype == "definition" and not definition:
            definition = _text(item)
        elif kind == "note" and _text(item):
            notes.append(_text(item))
    lang_definitions: list[tuple[str, str]] = []
    terms: list[Term] = []
    for lang_el in _children(entry, lang_level):
        lang = (lang_el.get(XML_LANG) or "").strip()
        if not lang:
            raise ParseError(f"<{lang_level}> without xml:lang", name, lang_el.sourceline)
        for item in _level_items(lang_el):
            kind, dtype = _local(item), item.get("type", "")
            if kind == "descrip" and dtype == "definition" and _text(item):
                lang_definitions.append((lang, _text(item)))
            elif kind == "descrip" and dtype == "subjectField" and not subject:
                subject = _text(item)
            elif kind == "note" and _text(item):
                notes.append(f"{lang}: {_text(item)}")
        for term_el in _children(lang_el, *term_level):
            terms.append(_term(term_el, lang, name))
    if not definition and lang_definitions:
        in_target = [d for lang, d in lang_definitions if lang_matches(lang, target_lang)]
        definition = (in_target or [lang_definitions[0][1]])[0]
    return Concept(
        id=concept_id,
        terms=tuple(terms),
        definition=definition,
        note=clean_note("\n".join(notes)),
        subject_field=subject,
    )


def _term(term_el: etree._Element, lang: str, name: str) -> Term:
    holder = term_el
    if _local(term_el) == "ntig":
        group = _first(term_el, "termGrp")
        holder = group if group is not None else term_el
    term_node = _first(holder, "term")
    if term_node is None:
        raise ParseError("a term entry without <term>", name, term_el.sourceline)
    text = _text(term_node)
    if not text:
        raise ParseError("empty <term>", name, term_node.sourceline)
    status, pos, term_type = "admitted", "", ""
    notes: list[str] = []
    sources: list[str] = []
    items = _level_items(holder) + ([] if holder is term_el else _level_items(term_el))
    for item in items:
        kind, dtype = _local(item), item.get("type", "")
        if kind == "termNote" and dtype == "administrativeStatus":
            value = _text(item)
            if value.lower() not in _STATUS_FROM_TBX:
                raise ParseError(f"unknown administrativeStatus {value!r}", name, item.sourceline)
            status = _STATUS_FROM_TBX[value.lower()]
        elif kind == "termNote" and dtype == "partOfSpeech":
            pos = _POS_BY_LOWER.get(_text(item).lower(), "other")
        elif kind == "termNote" and dtype == "termType":
            term_type = _TYPE_BY_LOWER.get(_text(item).lower(), "")
        elif kind == "admin" and dtype == "source" and _text(item):
            sources.append(_text(item))
        elif kind == "note" and _text(item):
            notes.append(_text(item))
        elif dtype == "tmkit:forms" and _text(item):
            notes.append(f"tmkit:forms {_text(item)}")  # kept as a note line, read as one
    if PROPER_NOUN_NOTE in notes and pos in ("", "noun"):
        pos = "properNoun"
    return Term(
        text=text,
        lang=lang,
        status=status,  # type: ignore[arg-type]
        part_of_speech=pos,
        term_type=term_type,
        note=clean_note("\n".join(n for n in notes if n not in _FLAG_NOTES)),
        case_sensitive=CASE_SENSITIVE_NOTE in notes,
        verified=VERIFIED_NOTE in notes,
        source=clean_note("\n".join(sources)),
    )


# ---------------------------------------------------------------- writing


def _e(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}")
    for key, value in attrs.items():
        el.set(XML_LANG if key == "lang" else key, value)
    if text is not None:
        el.text = text
    return el


def dump_tbx(glossary: Glossary) -> bytes:
    """TBX-Basic (v3, DCA) for ``glossary``: byte-identical for equal glossaries."""
    try:
        root = _build(glossary)
    except ValueError as err:  # lxml refuses control characters, which XML 1.0 cannot hold
        raise InputError(f"cannot write TBX: {err}") from None
    text = etree.tostring(root, encoding="unicode", pretty_print=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text).encode("utf-8")


def _build(glossary: Glossary) -> etree._Element:
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, glossary.target_lang)
    file_desc = _e(_e(root, "tbxHeader"), "fileDesc")
    _e(_e(file_desc, "sourceDesc"), "p", "Written by tmkit")
    body = _e(_e(root, "text"), "body")
    for concept in glossary.concepts:
        if not _NCNAME.match(concept.id):
            raise InputError(
                f"concept id {concept.id!r} is not a valid XML ID, which TBX requires "
                "(start with a letter or '_', then letters, digits, '-', '_', '.'; e.g. c1)"
            )
        entry = _e(body, "conceptEntry", id=concept.id)
        if concept.subject_field:
            _e(entry, "descrip", concept.subject_field, type="subjectField")
        if concept.definition:
            _e(entry, "descrip", concept.definition, type="definition")
        for line in concept.note.splitlines():
            _e(entry, "note", line)
        by_lang: dict[str, list[Term]] = {}
        for term in concept.terms:
            by_lang.setdefault(term.lang, []).append(term)
        for lang, terms in by_lang.items():
            lang_sec = _e(entry, "langSec", lang=lang)
            for term in terms:
                _write_term(lang_sec, term)
    return root


def _write_term(lang_sec: etree._Element, term: Term) -> None:
    term_sec = _e(lang_sec, "termSec")
    _e(term_sec, "term", term.text)
    _e(term_sec, "termNote", _STATUS_TO_TBX[term.status], type="administrativeStatus")
    if term.part_of_speech:
        pos = "noun" if term.part_of_speech == "properNoun" else term.part_of_speech
        _e(term_sec, "termNote", pos, type="partOfSpeech")
    if term.term_type:
        _e(term_sec, "termNote", term.term_type, type="termType")
    for line in term.source.splitlines():
        _e(term_sec, "admin", line, type="source")
    for line in term.note.splitlines():
        _e(term_sec, "note", line)
    if term.part_of_speech == "properNoun":
        _e(term_sec, "note", PROPER_NOUN_NOTE)
    if term.case_sensitive:
        _e(term_sec, "note", CASE_SENSITIVE_NOTE)
    if term.verified:
        _e(term_sec, "note", VERIFIED_NOTE)


def write_tbx(glossary: Glossary, path: str | Path) -> None:
    write_bytes_atomic(path, dump_tbx(glossary))


def load_tbx(
    stream: BinaryIO, name: str, *, source_lang: str = "ja", target_lang: str = "en"
) -> Glossary:
    return parse_tbx(stream.read(), name, source_lang=source_lang, target_lang=target_lang)


def dump_tbx_to(glossary: Glossary, stream: BinaryIO) -> None:
    stream.write(dump_tbx(glossary))


def looks_like_tbx(head: bytes) -> bool:
    return re.search(rb"<(?:tbx|martif)[\s>]", head) is not None


register(
    Format(
        name="tbx",
        kind="glossary",
        extensions=(".tbx",),
        read=load_tbx,
        write=dump_tbx_to,
        sniff=looks_like_tbx,
        summary="TBX glossary: reads TBX-Basic v3 (DCA) and v2 (martif); writes TBX-Basic v3",
    )
)
