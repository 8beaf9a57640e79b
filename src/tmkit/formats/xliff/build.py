"""Writing new XLIFF documents (2.1 by default, or 1.2 that validates against the OASIS schema).

`JobBuilder` lays out one ``<file>`` with units, groups and notes the same way
for both versions, so the conversions (`tmkit.formats.xliff.convert`) say what
goes where once. tmkit's own bookkeeping (PO flags, references, TMX attributes)
travels in notes whose ``from`` (1.2) or ``category`` (2.x) starts with
``po-`` or ``tmx-``: plain XLIFF every tool keeps, and valid under the strict
1.2 schema, which allows no foreign elements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lxml import etree

from tmkit.formats.xliff.document import NS12, NS20, XML_SPACE, XliffDocument
from tmkit.formats.xliff.inline import write_content
from tmkit.formats.xliff.units import WRITE_12, WRITE_20
from tmkit.model.memory import Content
from tmkit.model.units import State

_NMTOKEN = re.compile(r"[\w.:-]+$")
VERSIONS = ("1.2", "2.0", "2.1", "2.2")


class JobBuilder:
    """One XLIFF document with one ``<file>``, built unit by unit."""

    def __init__(
        self, version: str, source_lang: str, target_lang: str | None, original: str
    ) -> None:
        if version not in VERSIONS:
            raise ValueError(f"XLIFF version {version!r} (tmkit writes {', '.join(VERSIONS)})")
        self.version = version
        self.v2 = version.startswith("2")
        self.ns = NS20 if self.v2 else NS12
        self.used: set[str] = set()
        self.root = etree.Element(self.q("xliff"), version=version, nsmap={None: self.ns})
        if self.v2:
            self.root.set("srcLang", source_lang)
            if target_lang:
                self.root.set("trgLang", target_lang)
            self.file = self.sub(self.root, "file", id="f1", original=original)
            self.file.set(XML_SPACE, "preserve")
            self.body = self.file
            self._file_notes: Any = None
        else:
            attrs = {"original": original, "source-language": source_lang, "datatype": "plaintext"}
            if target_lang:
                attrs["target-language"] = target_lang
            self.file = self.sub(self.root, "file", **attrs)
            self._file_notes = None
            self.body = self.sub(self.file, "body")

    def q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def sub(self, parent: Any, name: str, text: str | None = None, **attrs: str) -> Any:
        el = etree.SubElement(parent, self.q(name), attrs)
        if text:
            el.text = text
        return el

    def unique_id(self, wanted: str | None, fallback: str) -> str:
        """``wanted`` when it is a usable, unused id (an NMTOKEN in 2.x), else ``fallback``."""
        ok = wanted and wanted not in self.used and (not self.v2 or _NMTOKEN.match(wanted))
        ident = wanted if ok else fallback
        n = 1
        while ident in self.used:
            n += 1
            ident = f"{fallback}-{n}"
        self.used.add(ident)
        return ident

    def _note(self, parent: Any, category: str, text: str) -> None:
        attrs = {"category": category} if self.v2 else {"from": category}
        if not category:
            attrs = {}
        note = self.sub(parent, "note", **attrs)
        note.text = text

    def file_note(self, category: str, text: str) -> None:
        if self._file_notes is None:
            if self.v2:
                self._file_notes = etree.Element(self.q("notes"))
                self.file.insert(0, self._file_notes)
            else:
                self._file_notes = etree.Element(self.q("header"))
                self.file.insert(0, self._file_notes)
        self._note(self._file_notes, category, text)

    def group(self, parent: Any | None, ident: str, kind: str) -> Any:
        """A group of ``kind`` (2.x ``type``, 1.2 ``restype``) under ``parent`` (the body)."""
        parent = self.body if parent is None else parent
        el = self.sub(parent, "group", id=self.unique_id(ident, "g"))
        el.set("type" if self.v2 else "restype", kind)
        return el

    def group_notes(self, group: Any, notes: Iterable[tuple[str, str]]) -> None:
        """Notes of a group: call before adding its units (notes come first in both schemas)."""
        notes = list(notes)
        if not notes:
            return
        holder = self.sub(group, "notes") if self.v2 else group
        for category, text in notes:
            self._note(holder, category, text)

    def unit(
        self,
        parent: Any | None,
        ident: str,
        source: Content,
        target: Content | None,
        state: State,
        name: str | None = None,
        notes: Iterable[tuple[str, str]] = (),
        data: dict[str, str] | None = None,
    ) -> Any:
        """Add one unit with one segment; ``data`` is the 2.x ``originalData``."""
        parent = self.body if parent is None else parent
        notes = list(notes)
        if self.v2:
            unit = self.sub(parent, "unit", id=ident)
            if name is not None:
                unit.set("name", name)
            if notes:
                holder = self.sub(unit, "notes")
                for category, text in notes:
                    self._note(holder, category, text)
            if data:
                original = self.sub(unit, "originalData")
                for key, value in data.items():
                    self.sub(original, "data", id=key).text = value
            seg = self.sub(unit, "segment")
            if state is not State.NEW or target:
                seg.set("state", WRITE_20[state])
            write_content(self.sub(seg, "source"), source, self.ns)
            if target is not None:
                write_content(self.sub(seg, "target"), target, self.ns)
            return unit
        unit = self.sub(parent, "trans-unit", id=ident)
        unit.set(XML_SPACE, "preserve")
        if name is not None:
            unit.set("resname", name)
        if state is State.FINAL:
            unit.set("approved", "yes")
        write_content(self.sub(unit, "source"), source, self.ns)
        if target is not None:
            tgt = self.sub(unit, "target", state=WRITE_12[state])
            write_content(tgt, target, self.ns)
        for category, text in notes:
            self._note(unit, category, text)
        return unit

    def document(self, name: str = "<xliff>") -> XliffDocument:
        _indent(self.root)
        tree = etree.ElementTree(self.root)
        return XliffDocument(tree, self.version, self.ns, name, "UTF-8", None, True)


_TEXT_HOLDERS = frozenset({"source", "target", "note", "data", "mrk", "pc", "g", "ph"})


def _indent(el: Any, level: int = 0) -> None:
    """Indent structure elements only; never touch text-bearing ones (whitespace is content)."""
    if etree.QName(el).localname in _TEXT_HOLDERS or len(el) == 0:
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level
