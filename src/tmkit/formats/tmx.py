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

import io
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from lxml import etree

from tmkit import __version__
from tmkit.formats import xmlsafe
from tmkit.formats.atomic import open_atomic
from tmkit.formats.io import Format, register
from tmkit.formats.unitview import memory_languages, memory_units
from tmkit.model.errors import InputError, ParseError
from tmkit.model.memory import (
    INLINE_TAGS,
    CharacterMap,
    Inline,
    Memory,
    MemoryHeader,
    Meta,
    Note,
    Prop,
    TranslationUnit,
    UserEncoding,
    Variant,
    plain_text,
)
from tmkit.model.units import Unit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Header attributes the DTD requires, in the order tmkit writes them.
HEADER_REQUIRED = (
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
)
HEADER_DEFAULTS = {
    "segtype": "sentence",
    "o-tmf": "tmkit",
    "adminlang": "en",
    "srclang": "*all*",
    "datatype": "plaintext",
}
_DATES_AND_IDS = ("creationdate", "creationid", "changedate", "changeid")
HEADER_ATTRS = frozenset((*HEADER_REQUIRED, "o-encoding", *_DATES_AND_IDS))
_COMMON = (
    "o-encoding",
    "datatype",
    "usagecount",
    "lastusagedate",
    "creationtool",
    "creationtoolversion",
    "creationdate",
    "creationid",
    "changedate",
    "changeid",
    "o-tmf",
)
TU_ATTRS = frozenset(("tuid", "segtype", "srclang", *_COMMON))
TUV_ATTRS = frozenset((XML_LANG, "lang", *_COMMON))
TUV_OTHER_ATTRS = TUV_ATTRS - {XML_LANG, "lang"}
META_ATTRS = {
    "prop": frozenset(("type", XML_LANG, "lang", "o-encoding")),
    "note": frozenset((XML_LANG, "lang", "o-encoding")),
}
SEGTYPES = frozenset(("block", "paragraph", "sentence", "phrase"))

#: What each inline element may contain (TMX 1.4b DTD), and its attributes.
INLINE_CHILDREN = {
    "seg": frozenset(("bpt", "ept", "ph", "it", "hi", "ut")),
    "bpt": frozenset(("sub",)),
    "ept": frozenset(("sub",)),
    "it": frozenset(("sub",)),
    "ph": frozenset(("sub",)),
    "ut": frozenset(("sub",)),
    "sub": frozenset(("bpt", "ept", "it", "ph", "hi", "ut")),
    "hi": frozenset(("bpt", "ept", "it", "ph", "hi", "ut")),
}
INLINE_ATTRS = {
    "bpt": (frozenset(("i", "x", "type")), ("i",)),
    "ept": (frozenset(("i",)), ("i",)),
    "sub": (frozenset(("datatype", "type")), ()),
    "it": (frozenset(("pos", "x", "type")), ("pos",)),
    "ph": (frozenset(("x", "assoc", "type")), ()),
    "hi": (frozenset(("x", "type")), ()),
    "ut": (frozenset(("x",)), ()),
}


@dataclass(frozen=True, slots=True)
class StructureIssue:
    """A place where a parseable TMX file breaks the TMX 1.4b rules."""

    rule: str
    message: str
    line: int | None
    tuid: str | None = None


class VariantSummary(NamedTuple):
    """What validation needs of a ``<tuv>``: language, plain and full content, line."""

    lang: str
    text: str
    content: tuple[str | Inline, ...]
    line: int | None


class UnitSummary(NamedTuple):
    """What validation needs of a ``<tu>`` (see `scan_tmx`).

    ``srclang`` is the tu's own attribute; ``props`` the tu-level props as
    (type, text) pairs in file order.
    """

    tuid: str | None
    line: int | None
    srclang: str | None
    props: list[tuple[str, str]]
    variants: list[VariantSummary]


#: Builds a NamedTuple from a tuple in C, skipping its Python ``__new__``.
_new_tuple = tuple.__new__

IssueSink = Callable[[StructureIssue], None]
#: Called with (bytes read so far, file size in bytes).
Progress = Callable[[int, int], None]


# --- reading -----------------------------------------------------------------


def _text(el: Any) -> str:
    if len(el):
        return "".join(el.itertext(with_tail=False))
    return el.text or ""


def _meta(el: Any, tag: str) -> Meta:
    items = el.items()
    text = (el.text or "") if not len(el) else _text(el)
    if tag == "prop":
        if len(items) == 1 and items[0][0] == "type":  # the common case
            return Prop(items[0][1], text)
        attrs = dict(items)
        lang = attrs.get(XML_LANG) or attrs.get("lang")
        return Prop(attrs.get("type", ""), text, lang, attrs.get("o-encoding"))
    if not items:
        return Note(text)
    attrs = dict(items)
    return Note(text, attrs.get(XML_LANG) or attrs.get("lang"), attrs.get("o-encoding"))


def _content(el: Any) -> tuple[str | Inline, ...]:
    """Text and inline codes of ``el``, adjacent strings joined."""
    text = el.text
    if not len(el):
        return (text,) if text else ()
    parts: list[str | Inline] = [text] if text else []
    for child in el[:]:
        tag = child.tag
        if tag.__class__ is str:  # entity references have a function as their tag
            if len(child):
                inner = _content(child)
            else:  # the common case, <ph>code</ph>: no recursion
                inner_text = child.text
                inner = (inner_text,) if inner_text else ()
            parts.append(Inline(tag, dict(child.items()), inner))
        tail = child.tail
        if tail:
            if parts and parts[-1].__class__ is str:
                parts[-1] += tail
            else:
                parts.append(tail)
    return tuple(parts)


def _unit(
    el: Any,
    # Bound as locals: this runs once per unit and is most of a read's Python time.
    Variant: type[Variant] = Variant,
    TranslationUnit: type[TranslationUnit] = TranslationUnit,
    Prop: type[Prop] = Prop,
    XML_LANG: str = XML_LANG,
    _content: Callable[[Any], tuple[str | Inline, ...]] = _content,
    _meta: Callable[[Any, str], Meta] = _meta,
) -> TranslationUnit:
    """One ``<tu>`` as a unit, in a single walk over its children.

    ``el[:]`` lists the children in C, measurably cheaper than iterating the
    element; attributes come from one ``items()`` call per element; a ``<seg>``
    without children is read without the inline walk.
    """
    items = el.items()
    if len(items) == 1 and items[0][0] == "tuid":  # the common case
        tuid, attrs = items[0][1], {}
    else:
        attrs = dict(items)
        tuid = attrs.pop("tuid", None)
    variants: list[Variant] = []
    meta: list[Meta] = []
    for child in el[:]:
        tag = child.tag
        if tag == "tuv":
            items = child.items()
            if items and items[0][0] == XML_LANG and items[0][1]:  # xml:lang first
                lang = items[0][1]
                if len(items) == 1:
                    vattrs = {}
                else:
                    vattrs = dict(items)
                    del vattrs[XML_LANG]
                    vattrs.pop("lang", None)
            else:
                vattrs = dict(items)
                lang = vattrs.pop(XML_LANG, None)
                legacy = vattrs.pop("lang", None)
                lang = lang or legacy or ""
            subs = child[:]
            if len(subs) == 1 and subs[0].tag == "seg":  # the common case: just the seg
                seg = subs[0]
                if len(seg):
                    content = _content(seg)
                else:
                    text = seg.text
                    content = (text,) if text else ()
                variants.append(Variant(lang, content, vattrs, [], child.sourceline))
                continue
            vmeta: list[Meta] = []
            content = ()
            for sub in subs:
                stag = sub.tag
                if stag == "seg":
                    if len(sub):
                        content = _content(sub)
                    else:
                        text = sub.text
                        content = (text,) if text else ()
                elif stag == "prop" or stag == "note":
                    vmeta.append(_meta(sub, stag))
            variants.append(Variant(lang, content, vattrs, vmeta, child.sourceline))
        elif tag == "prop":
            items = child.items()
            if len(items) == 1 and items[0][0] == "type" and not len(child):
                meta.append(Prop(items[0][1], child.text or ""))
            else:
                meta.append(_meta(child, tag))
        elif tag == "note":
            meta.append(_meta(child, tag))
    return TranslationUnit(tuid, variants, attrs, meta, el.sourceline)


def _header(el: Any, version: str, encoding: str) -> MemoryHeader:
    meta: list[Meta] = []
    encodings: list[UserEncoding] = []
    for child in el:
        tag = child.tag
        if tag == "prop" or tag == "note":
            meta.append(_meta(child, tag))
        elif tag == "ude":
            maps = [
                CharacterMap(m.get("unicode", ""), m.get("code"), m.get("ent"), m.get("subst"))
                for m in child
                if m.tag == "map"
            ]
            encodings.append(UserEncoding(child.get("name", ""), child.get("base"), maps))
    return MemoryHeader(dict(el.attrib), meta, encodings, version, encoding, el.sourceline)


class _ProgressFile:
    """A binary file whose reads report progress every few megabytes."""

    def __init__(self, fh: BinaryIO, size: int, progress: Progress) -> None:
        self._fh, self._size, self._progress = fh, size, progress
        self._done = 0

    def read(self, n: int = -1) -> bytes:
        data = self._fh.read(n)
        self._done += len(data)
        self._progress(self._done, self._size)
        return data


def _column(head: bytes, line: int, tag: str) -> int | None:
    text = head.decode(xmlsafe.sniff_encoding(head[:4]), errors="replace")
    lines = text.splitlines()
    if line > len(lines):
        return None
    col = lines[line - 1].find("<" + tag)
    return col + 1 if col >= 0 else None


def _seekable(stream: BinaryIO) -> BinaryIO:
    """The stream itself when it can seek, else its bytes in memory (stdin, a pipe)."""
    try:
        if stream.seekable():
            return stream
    except (AttributeError, OSError):
        pass
    return io.BytesIO(stream.read())


class _Reader:
    def __init__(
        self,
        source: str | Path | BinaryIO,
        on_issue: IssueSink | None,
        progress: Progress | None,
        name: str | None = None,
    ):
        self.issue = on_issue
        self._file: BinaryIO | None = None
        if hasattr(source, "read"):
            stream = _seekable(source)
            self.path = name or str(getattr(source, "name", "<stream>"))
            self._stream: BinaryIO | None = stream
            self.encoding = xmlsafe.sniff_encoding(stream.read(4))
            stream.seek(0)
            if stream.read(1) == b"":
                raise ParseError("empty file, not XML", self.path, 1, 1)
            stream.seek(0)
            parsed: Any = stream
        else:
            self.path = str(source)
            self._stream = None
            p = Path(source)
            if not p.is_file():
                raise InputError("no such file" if not p.exists() else "not a file", self.path)
            with open(p, "rb") as fh:
                self.encoding = xmlsafe.sniff_encoding(fh.read(4))
            parsed = self.path
            if progress is not None:
                self._file = open(p, "rb")  # noqa: SIM115  (closed when the units are exhausted)
                parsed = _ProgressFile(self._file, p.stat().st_size, progress)
        self.parser = xmlsafe.iterparse(
            parsed,
            self.path,
            events=("end",),
            tag=("tmx", "header", "body", "tu"),
            remove_comments=True,  # dropped anyway: never hand them to Python
            remove_pis=True,
        )
        self.events = iter(self.parser)
        self.version = ""
        self.root_seen = False

    def column(self, line: int | None, tag: str) -> int | None:
        """Column of ``<tag`` on ``line`` (libxml2 gives elements no column)."""
        if not line:
            return None
        if self._stream is not None:
            self._stream.seek(0)
            head = self._stream.read(1 << 20)
        else:
            with open(self.path, "rb") as fh:
                head = fh.read(1 << 20)
        return _column(head, line, tag)

    def report(self, rule: str, message: str, line: int | None, tuid: str | None = None) -> None:
        if self.issue is not None:
            self.issue(StructureIssue(rule, message, line, tuid))

    def _not_tmx(self, root: Any) -> ParseError:
        tag = root.tag if isinstance(root.tag, str) else "?"
        return ParseError(
            f"not a TMX file: the root element is <{tag}>, not <tmx>",
            self.path,
            root.sourceline,
            self.column(root.sourceline, tag),
        )

    def _start_root(self, el: Any) -> None:
        root = el.getroottree().getroot()
        if root.tag != "tmx":
            raise self._not_tmx(root)
        self.root_seen = True
        self.version = root.get("version", "")
        if self.issue is not None:
            if self.version != "1.4":
                shown = f'version="{self.version}"' if self.version else "no version"
                self.report(
                    "tmx-version", f"<tmx> has {shown}; TMX 1.4b needs 1.4", root.sourceline
                )
            for name in root.attrib:
                if name != "version":
                    self.report(
                        "tmx-attribute", f"<tmx> has unknown attribute {name}", root.sourceline
                    )

    def read_header(self) -> MemoryHeader:
        for event, el in self.events:
            if not self.root_seen:
                self._start_root(el)
            tag = el.tag
            if tag == "header":
                header = _header(el, self.version, self.encoding)
                if self.issue is not None:
                    self._check_header(el)
                el.clear(keep_tail=True)
                return header
            if tag in ("body", "tu", "tmx"):
                self.report("tmx-structure", "<tmx> has no <header> before <body>", el.sourceline)
                self._pending = (event, el)
                return MemoryHeader(version=self.version, encoding=self.encoding)
        self._finish_without_body()
        return MemoryHeader(version=self.version, encoding=self.encoding)

    def _finish_without_body(self) -> None:
        root = self.parser.root
        if root is None:
            raise ParseError("empty document", self.path, 1, 1)
        if root.tag != "tmx":
            raise self._not_tmx(root)
        if not self.root_seen:
            self._start_root(root)
        self.report("tmx-structure", "<tmx> has no <header>", root.sourceline)

    _pending: tuple[str, Any] | None = None

    def units(self, summaries: bool = False) -> Iterator[Any]:
        try:
            if self.issue is None:
                yield from self._plain_units()
            else:
                yield from self._checked_units(summaries)
        except etree.XMLSyntaxError as err:
            raise xmlsafe.parse_error(err, self.path) from None
        except OSError as err:
            raise InputError(f"cannot read: {err}", self.path) from None
        finally:
            if self._file is not None:
                self._file.close()

    def _rest(self) -> Iterator[tuple[str, Any]]:
        """The events after the header, straight from lxml (the entity check is done)."""
        if self._pending is not None:
            return chain((self._pending,), self.parser.context)
        return self.parser.context

    def _plain_units(self) -> Iterator[TranslationUnit]:
        """The reading loop without checks: the hot path of every TMX read."""
        unit = _unit
        for _, el in self._rest():
            if el.tag != "tu":
                continue
            yield unit(el)
            # Free the unit read and anything before it, so memory stays flat.
            el.clear(keep_tail=True)
            previous = el.getprevious()
            if previous is not None:
                parent = el.getparent()
                while previous is not None:
                    parent.remove(previous)
                    previous = el.getprevious()

    def _checked_units(self, summaries: bool) -> Iterator[Any]:
        """The reading loop with the structure checks; yields summaries or units."""
        scan = self._scan_unit
        body_seen = False
        last = None  # the previous <tu>: known good, so its tag need not be looked at
        for _, el in self._rest():
            tag = el.tag
            if tag == "tu":
                parent = el.getparent()
                if parent.tag != "body":
                    self.report("tmx-structure", "<tu> outside <body>", el.sourceline)
                summary = scan(el)
                yield summary if summaries else _unit(el)
                el.clear(keep_tail=True)
                previous = el.getprevious()
                while previous is not None:
                    if (
                        previous is not last
                        and isinstance(previous.tag, str)
                        and previous.tag != "tu"
                    ):
                        self.report(
                            "tmx-structure",
                            f"<{parent.tag}> has unexpected <{previous.tag}>",
                            previous.sourceline,
                        )
                    parent.remove(previous)
                    previous = el.getprevious()
                last = el
            elif tag == "body":
                body_seen = True
                for child in el:
                    if isinstance(child.tag, str) and child.tag != "tu":
                        self.report(
                            "tmx-structure",
                            f"<body> has unexpected <{child.tag}>",
                            child.sourceline,
                        )
            elif tag == "tmx":
                self._check_root(el, body_seen)

    def _check_root(self, root: Any, body_seen: bool) -> None:
        tags = [c.tag for c in root if isinstance(c.tag, str)]
        if not body_seen:
            self.report("tmx-structure", "<tmx> has no <body>", root.sourceline)
        if tags[:2] != ["header", "body"] or len(tags) > 2:
            listed = ", ".join(f"<{t}>" for t in tags) or "nothing"
            self.report(
                "tmx-structure",
                f"<tmx> must hold <header> then <body>, found {listed}",
                root.sourceline,
            )

    # --- structure checks (only when on_issue is given) -----------------------

    def _check_attrs(
        self, el: Any, allowed: frozenset[str], required: Iterable[str], tuid: str | None
    ) -> None:
        keys = el.keys()
        if allowed.issuperset(keys) and (not required or all(name in keys for name in required)):
            return
        tag = el.tag
        for name in keys:
            if name not in allowed:
                shown = "xml:lang" if name == XML_LANG else name
                self.report(
                    "tmx-attribute", f"<{tag}> has unknown attribute {shown}", el.sourceline, tuid
                )
        for name in required:
            if el.get(name) is None:
                self.report(
                    "tmx-attribute", f"<{tag}> lacks required attribute {name}", el.sourceline, tuid
                )

    def _check_meta(self, el: Any, tag: str, tuid: str | None) -> None:
        keys = el.keys()
        if tag == "prop" and keys == ["type"] and not len(el):
            return  # the common case, checked cheaply
        self._check_attrs(el, META_ATTRS[tag], ("type",) if tag == "prop" else (), tuid)
        if not len(el):
            return
        for child in el:
            if isinstance(child.tag, str):
                self.report(
                    "tmx-structure",
                    f"<{tag}> may hold only text, found <{child.tag}>",
                    child.sourceline,
                    tuid,
                )

    def _check_header(self, el: Any) -> None:
        line = el.sourceline
        if not el.get("srclang"):
            self.report("header-srclang", "<header> has no srclang", line)
        missing = [a for a in HEADER_REQUIRED if a != "srclang" and el.get(a) is None]
        if missing:
            self.report("tmx-attribute", "<header> lacks required " + ", ".join(missing), line)
        for name in el.attrib:
            if name not in HEADER_ATTRS:
                self.report("tmx-attribute", f"<header> has unknown attribute {name}", line)
        segtype = el.get("segtype")
        if segtype is not None and segtype not in SEGTYPES:
            self.report("tmx-attribute", f'<header> has invalid segtype="{segtype}"', line)
        for child in el:
            tag = child.tag
            if tag in ("prop", "note"):
                self._check_meta(child, tag, None)
            elif tag == "ude":
                self._check_attrs(child, frozenset(("name", "base")), ("name",), None)
                maps = [m for m in child if isinstance(m.tag, str)]
                if not maps or any(m.tag != "map" for m in maps):
                    self.report(
                        "tmx-structure", "<ude> must hold one or more <map>", child.sourceline
                    )
                for m in maps:
                    if m.tag == "map":
                        allowed = frozenset(("unicode", "code", "ent", "subst"))
                        self._check_attrs(m, allowed, ("unicode",), None)
            elif isinstance(tag, str):
                self.report("tmx-structure", f"<header> has unexpected <{tag}>", child.sourceline)

    def _scan_unit(self, el: Any) -> UnitSummary:
        """Check one ``<tu>`` on its elements and sum up what validation needs.

        One walk over the children, no model objects: this is the hot loop of
        `tmkit.ops.validate`.
        """
        items = el.items()
        srclang = None
        if len(items) == 1 and items[0][0] == "tuid":  # the common case
            tuid = items[0][1]
        else:
            attrs = dict(items)
            tuid = attrs.get("tuid")
            srclang = attrs.get("srclang")
            if not TU_ATTRS.issuperset(attrs):
                self._check_attrs(el, TU_ATTRS, (), tuid)
            segtype = attrs.get("segtype")
            if segtype is not None and segtype not in SEGTYPES:
                self.report(
                    "tmx-attribute", f'<tu> has invalid segtype="{segtype}"', el.sourceline, tuid
                )
        variants: list[VariantSummary] = []
        props: list[tuple[str, str]] = []
        new = _new_tuple
        for child in el[:]:
            tag = child.tag
            if tag == "tuv":
                # The common case inline: xml:lang (perhaps one more known attribute)
                # and one <seg> without inline codes. Anything else: _scan_variant.
                items = child.items()
                subs = child[:]
                n = len(items)
                if (
                    n
                    and items[0][0] == XML_LANG
                    and items[0][1]
                    and (n == 1 or (n == 2 and items[1][0] in TUV_OTHER_ATTRS))
                    and len(subs) == 1
                ):
                    seg = subs[0]
                    if seg.tag == "seg" and not len(seg):
                        text = seg.text or ""
                        variants.append(
                            new(
                                VariantSummary,
                                (items[0][1], text, (text,) if text else (), child.sourceline),
                            )
                        )
                        continue
                variants.append(self._scan_variant(child, tuid))
            elif tag == "prop" or tag == "note":
                items = child.items()
                if tag == "prop" and len(items) == 1 and items[0][0] == "type" and not len(child):
                    props.append((items[0][1], child.text or ""))  # the common case
                else:
                    self._check_meta(child, tag, tuid)
                    if tag == "prop":
                        props.append((child.get("type", ""), _text(child)))
                if variants:
                    self.report(
                        "tmx-structure", f"<{tag}> after <tuv> in <tu>", child.sourceline, tuid
                    )
            elif isinstance(tag, str):
                self.report("tmx-structure", f"<tu> has unexpected <{tag}>", child.sourceline, tuid)
        line = el.sourceline
        if not variants:
            self.report("tmx-structure", "<tu> has no <tuv>", line, tuid)
        return _new_tuple(UnitSummary, (tuid, line, srclang, props, variants))

    def _scan_variant(self, el: Any, tuid: str | None) -> VariantSummary:
        items = el.items()
        if len(items) == 1 and items[0][0] == XML_LANG and items[0][1]:  # the common case
            lang = items[0][1]
        else:
            attrs = dict(items)
            lang = attrs.pop(XML_LANG, None)
            legacy = attrs.pop("lang", None)
            if not TUV_ATTRS.issuperset(attrs):
                self._check_attrs(el, TUV_ATTRS, (), tuid)
            if lang is None:
                message = (
                    f'<tuv> uses TMX 1.1 lang="{legacy}"; TMX 1.4b needs xml:lang'
                    if legacy
                    else "<tuv> has no xml:lang"
                )
                self.report("tuv-lang", message, el.sourceline, tuid)
            lang = lang or legacy or ""
        children = el[:]
        if len(children) == 1:  # the common case: one <seg> without inline codes
            seg = children[0]
            if seg.tag == "seg" and not len(seg):
                text = seg.text or ""
                return _new_tuple(
                    VariantSummary, (lang, text, (text,) if text else (), el.sourceline)
                )
        text = ""
        content: tuple[str | Inline, ...] = ()
        segs = 0
        for child in children:
            tag = child.tag
            if tag == "seg":
                segs += 1
                if len(child):
                    content = _content(child)
                    text = plain_text(content)
                    self._check_inline(child, "seg", tuid)
                    self._check_pairs(child, tuid)
                else:
                    text = child.text or ""
                    content = (text,) if text else ()
            elif tag == "prop" or tag == "note":
                self._check_meta(child, tag, tuid)
                if segs:
                    self.report(
                        "tmx-structure", f"<{tag}> after <seg> in <tuv>", child.sourceline, tuid
                    )
            elif isinstance(tag, str):
                self.report(
                    "tmx-structure", f"<tuv> has unexpected <{tag}>", child.sourceline, tuid
                )
        line = el.sourceline
        if segs != 1:
            found = "no <seg>" if not segs else f"{segs} <seg> elements"
            self.report("tmx-structure", f"<tuv> has {found}; it needs exactly one", line, tuid)
        return _new_tuple(VariantSummary, (lang, text, content, line))

    def _check_inline(self, el: Any, tag: str, tuid: str | None) -> None:
        allowed = INLINE_CHILDREN[tag]
        for child in el:
            ctag = child.tag
            if not isinstance(ctag, str):
                continue
            if ctag not in allowed:
                where = "is not a TMX inline element" if ctag not in INLINE_TAGS else "not allowed"
                self.report(
                    "tmx-structure",
                    f"<{ctag}> inside <{tag}>: {where}",
                    child.sourceline,
                    tuid,
                )
                continue
            names, required = INLINE_ATTRS[ctag]
            self._check_attrs(child, names, required, tuid)
            if ctag == "it" and child.get("pos") not in (None, "begin", "end"):
                self.report(
                    "tmx-attribute",
                    f'<it> has invalid pos="{child.get("pos")}"',
                    child.sourceline,
                    tuid,
                )
            self._check_inline(child, ctag, tuid)

    def _check_pairs(self, seg: Any, tuid: str | None) -> None:
        """Every <bpt i=N> has one <ept i=N> after it in the same segment, and back."""
        if len(seg) == 0:
            return
        open_: dict[str, int] = {}
        for el in seg.iter("bpt", "ept"):
            i = el.get("i")
            if i is None:
                continue
            if el.tag == "bpt":
                if i in open_:
                    self.report("inline-pairing", f'two <bpt i="{i}">', el.sourceline, tuid)
                open_[i] = el.sourceline
            elif open_.pop(i, None) is None:
                self.report(
                    "inline-pairing", f'<ept i="{i}"> has no <bpt> before it', el.sourceline, tuid
                )
        for i, line in open_.items():
            self.report("inline-pairing", f'<bpt i="{i}"> has no <ept>', line, tuid)


def iter_tmx(
    path: str | Path | BinaryIO,
    on_issue: IssueSink | None = None,
    progress: Progress | None = None,
    name: str | None = None,
) -> tuple[MemoryHeader, Iterator[TranslationUnit]]:
    """The header and a lazy iterator of units; only the current unit is in memory."""
    reader = _Reader(path, on_issue, progress, name)
    try:
        header = reader.read_header()
    except BaseException:
        if reader._file is not None:
            reader._file.close()
        raise
    return header, reader.units()


def scan_tmx(
    path: str | Path | BinaryIO,
    on_issue: IssueSink,
    progress: Progress | None = None,
    name: str | None = None,
) -> tuple[MemoryHeader, Iterator[UnitSummary]]:
    """The header and a lazy iterator of `UnitSummary`, with the structure checks.

    For validation: the checks run on the elements directly and no model is
    built, which makes this cheaper than ``iter_tmx(path, on_issue)``.
    """
    reader = _Reader(path, on_issue, progress, name)
    try:
        header = reader.read_header()
    except BaseException:
        if reader._file is not None:
            reader._file.close()
        raise
    return header, reader.units(summaries=True)


def dtd_errors(path: str | Path, dtd_path: str | Path) -> list[tuple[int | None, str]]:
    """Where the file breaks the given DTD (an empty list when it validates).

    The document is parsed whole (hardened), so memory grows with the file;
    the streaming structure checks of `iter_tmx` cover the same ground.
    """
    try:
        dtd = etree.DTD(str(dtd_path))
    except (etree.DTDParseError, OSError) as err:
        raise InputError(f"cannot read the DTD: {err}", str(dtd_path)) from None
    tree = xmlsafe.parse(path)
    if dtd.validate(tree):
        return []
    return [(e.line or None, e.message) for e in dtd.error_log]


def read_tmx(path: str | Path) -> Memory:
    header, units = iter_tmx(path)
    return Memory(header, list(units))


# --- writing -----------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _check_chars(value: str) -> str:
    m = _NOT_XML.search(value)
    if m:
        raise InputError(
            f"character U+{ord(m.group()):04X} cannot be written in XML 1.0 (in {value[:40]!r})"
        )
    return value


def _text_xml(value: str) -> str:
    if _NOT_XML.search(value):
        _check_chars(value)
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _attr_xml(value: str) -> str:
    return _text_xml(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _attrs_xml(attrs: Iterable[tuple[str, str]]) -> str:
    out = []
    for name, value in attrs:
        if name == XML_LANG:
            name = "xml:lang"
        out.append(f' {name}="{_attr_xml(value)}"')
    return "".join(out)


def _inline_xml(content: Iterable[str | Inline]) -> str:
    out: list[str] = []
    for part in content:
        if isinstance(part, str):
            out.append(_text_xml(part))
        elif part.content:
            attrs = _attrs_xml(part.attrs.items())
            out.append(f"<{part.tag}{attrs}>{_inline_xml(part.content)}</{part.tag}>")
        else:
            out.append(f"<{part.tag}{_attrs_xml(part.attrs.items())}/>")
    return "".join(out)


def _meta_xml(meta: Iterable[Meta], indent: str) -> Iterator[str]:
    # TMX 1.4b wants notes and props in any order: keep the model's order.
    for m in meta:
        attrs: list[tuple[str, str]] = []
        if isinstance(m, Prop):
            attrs.append(("type", m.type))
        if m.lang:
            attrs.append(("xml:lang", m.lang))
        if m.encoding:
            attrs.append(("o-encoding", m.encoding))
        if isinstance(m, Prop):
            yield f"{indent}<prop{_attrs_xml(attrs)}>{_text_xml(m.value)}</prop>\n"
        else:
            yield f"{indent}<note{_attrs_xml(attrs)}>{_text_xml(m.text)}</note>\n"


def tmx_date(epoch: int) -> str:
    """TMX's date form, ``YYYYMMDDThhmmssZ``, in UTC."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(epoch))


def source_date() -> str | None:
    """``SOURCE_DATE_EPOCH`` as a TMX date, if set and valid."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return tmx_date(int(raw)) if raw.isdigit() else None


def _header_attrs(header: MemoryHeader) -> list[tuple[str, str]]:
    attrs = dict(header.attrs)
    attrs["creationtool"] = "tmkit"
    attrs["creationtoolversion"] = __version__
    for name, value in HEADER_DEFAULTS.items():
        if not attrs.get(name):
            attrs[name] = value
    if attrs.get("segtype") not in SEGTYPES:
        attrs["segtype"] = "sentence"
    if "creationdate" not in attrs:
        date = source_date()
        if date:
            attrs["creationdate"] = date
    ordered = [(name, attrs.pop(name)) for name in HEADER_REQUIRED]
    ordered.extend((k, v) for k, v in attrs.items() if k in HEADER_ATTRS)
    return ordered


def _unit_xml(unit: TranslationUnit) -> str:
    out: list[str] = []
    attrs: list[tuple[str, str]] = []
    if unit.tuid is not None:
        attrs.append(("tuid", unit.tuid))
    attrs.extend((k, v) for k, v in unit.attrs.items() if k in TU_ATTRS and k != "tuid")
    out.append(f"    <tu{_attrs_xml(attrs)}>\n")
    out.extend(_meta_xml(unit.meta, "      "))
    if not unit.variants:
        raise InputError(f"a translation unit (tuid {unit.tuid!r}) has no variant to write")
    for v in unit.variants:
        if not v.lang:
            where = f"tuid {unit.tuid!r}" if unit.tuid else f"line {v.line}"
            raise InputError(f"a variant ({where}) has no language; TMX needs xml:lang")
        vattrs = [("xml:lang", v.lang)]
        vattrs.extend((k, val) for k, val in v.attrs.items() if k in TUV_ATTRS and k != "lang")
        out.append(f"      <tuv{_attrs_xml(vattrs)}>\n")
        out.extend(_meta_xml(v.meta, "        "))
        out.append(f"        <seg>{_inline_xml(v.content)}</seg>\n      </tuv>\n")
    out.append("    </tu>\n")
    return "".join(out)


def iter_tmx_text(header: MemoryHeader, units: Iterable[TranslationUnit]) -> Iterator[str]:
    """TMX 1.4b text, piece by piece."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    yield '<tmx version="1.4">\n'
    head = f"  <header{_attrs_xml(_header_attrs(header))}"
    if not header.meta and not header.encodings:
        yield head + "/>\n"
    else:
        yield head + ">\n"
        yield from _meta_xml(header.meta, "    ")
        for ude in header.encodings:
            attrs = [("name", ude.name)] + ([("base", ude.base)] if ude.base else [])
            yield f"    <ude{_attrs_xml(attrs)}>\n"
            for m in ude.maps:
                pairs = [
                    ("unicode", m.unicode),
                    ("code", m.code),
                    ("ent", m.ent),
                    ("subst", m.subst),
                ]
                yield f"      <map{_attrs_xml((k, v) for k, v in pairs if v is not None)}/>\n"
            yield "    </ude>\n"
        yield "  </header>\n"
    yield "  <body>\n"
    for unit in units:
        yield _unit_xml(unit)
    yield "  </body>\n</tmx>\n"


def format_tmx(memory: Memory) -> str:
    return "".join(iter_tmx_text(memory.header, memory.units))


def write_tmx(
    memory: Memory | MemoryHeader,
    path: str | Path,
    units: Iterable[TranslationUnit] | None = None,
) -> None:
    """Write a memory, or a header plus a stream of units, atomically as TMX 1.4b."""
    if isinstance(memory, Memory):
        header, body = memory.header, memory.units if units is None else units
    else:
        header, body = memory, units if units is not None else ()
    with open_atomic(path) as fh:
        _write_pieces(iter_tmx_text(header, body), fh)


def _write_pieces(pieces: Iterable[str], fh: BinaryIO) -> None:
    """Encode and write text pieces in batches of about 64 KiB."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size > 1 << 16:
            fh.write("".join(batch).encode("utf-8"))
            batch.clear()
            size = 0
    fh.write("".join(batch).encode("utf-8"))


def load_tmx(stream: BinaryIO, name: str) -> Memory:
    """Read a whole TMX memory from a binary stream (the gateway's reader)."""
    header, units = iter_tmx(stream, name=name)
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
