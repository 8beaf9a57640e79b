"""Catalogs of messages: the gettext view of a translation. No file syntax here.

A `Message` carries everything a PO entry can hold, so that a catalog read
from PO and written back loses nothing; the PO syntax itself lives in
`tmkit.formats.po`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(slots=True)
class Message:
    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    #: plural index → translation, used only when ``msgid_plural`` is set
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    #: ``# `` lines, without the marker
    translator_comments: list[str] = field(default_factory=list)
    #: ``#.`` lines, without the marker
    extracted_comments: list[str] = field(default_factory=list)
    #: ``#:`` items such as ``source/ja/interview.txt:12``
    references: list[str] = field(default_factory=list)
    #: ``#,`` flags in their written order (``fuzzy``, ``c-format``, ``tmkit-ignore:RULE`` …)
    flags: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    #: 1-based line of the entry in the file it was read from, if any
    lineno: int | None = None

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and "fuzzy" not in self.flags:
            self.flags.insert(0, "fuzzy")
        elif not value:
            self.flags = [f for f in self.flags if f != "fuzzy"]
            self.previous_msgctxt = self.previous_msgid = self.previous_msgid_plural = None

    @property
    def translated(self) -> bool:
        """Translated and usable: not fuzzy, not obsolete, every form non-empty."""
        if self.fuzzy or self.obsolete:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete


@dataclass(slots=True)
class Catalog:
    """An ordered set of messages with the header entry kept apart.

    ``header`` is the ``msgid ""`` entry (its msgstr holds the metadata lines,
    its translator comments the file's opening comment block); None when the
    file has no header.
    """

    messages: list[Message] = field(default_factory=list)
    header: Message | None = None
    path: str | None = None

    def __iter__(self) -> Iterator[Message]:
        return iter(self.messages)

    def __len__(self) -> int:
        return len(self.messages)

    def active(self) -> Iterator[Message]:
        return (m for m in self.messages if not m.obsolete)

    def find(self, msgid: str, msgctxt: str | None = None) -> Message | None:
        for m in self.messages:
            if not m.obsolete and m.msgid == msgid and m.msgctxt == msgctxt:
                return m
        return None

    @property
    def metadata(self) -> dict[str, str]:
        """Header fields in file order (``Language``, ``Content-Type`` …)."""
        meta: dict[str, str] = {}
        if self.header is None:
            return meta
        for line in self.header.msgstr.split("\n"):
            name, sep, value = line.partition(":")
            if sep:
                meta[name.strip()] = value.strip()
        return meta

    def set_metadata(self, name: str, value: str) -> None:
        """Set one header field, keeping the others and their order."""
        if self.header is None:
            self.header = Message(msgid="")
        lines = [ln for ln in self.header.msgstr.split("\n") if ln]
        for i, line in enumerate(lines):
            if line.partition(":")[0].strip() == name:
                lines[i] = f"{name}: {value}"
                break
        else:
            lines.append(f"{name}: {value}")
        self.header.msgstr = "\n".join(lines) + "\n"
