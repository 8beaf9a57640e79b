"""The streaming TMX reader (see `tmkit.formats.tmx`)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from tmkit.formats import xmlsafe
from tmkit.formats.tmx.checks import StructureChecks
from tmkit.formats.tmx.elements import _content, _meta
from tmkit.formats.tmx.spec import XML_LANG, ByteProgress, IssueSink, StructureIssue, UnitSummary
from tmkit.model.bulk import collector_paused
from tmkit.model.errors import InputError, ParseError
from tmkit.model.memory import (
    CharacterMap,
    Inline,
    Memory,
    MemoryHeader,
    Meta,
    Prop,
    TranslationUnit,
    UserEncoding,
    Variant,
)

# --- reading -----------------------------------------------------------------


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

    def __init__(self, fh: BinaryIO, size: int, progress: ByteProgress) -> None:
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


class _Reader(StructureChecks):
    def __init__(
        self,
        source: str | Path | BinaryIO,
        on_issue: IssueSink | None,
        progress: ByteProgress | None,
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


def iter_tmx(
    path: str | Path | BinaryIO,
    on_issue: IssueSink | None = None,
    progress: ByteProgress | None = None,
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
    progress: ByteProgress | None = None,
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
    with collector_paused():
        return Memory(header, list(units))
