"""An XLIFF file as tmkit holds it: the parsed tree itself, so nothing is ever lost.

XLIFF carries much that tmkit does not model (skeletons, tool extensions such
as ``mq:``, ``sdl:``, ``okp:``, ITS, ``bin-unit``, ``alt-trans``,
``context-group``, modules, comments). Rather than mapping all of it to
dataclasses and back, an `XliffDocument` keeps the lxml tree and tmkit edits
only the ``<target>`` elements (and ``state``) it changes. Writing an unchanged
document gives back its original bytes; writing a changed one serialises the
tree, which equals the input in canonical XML (C14N 2.0) except for the edits.

Parsing follows `tmkit.formats.xmlsafe`: no DTD loading, no network, no entity
resolution, entity declarations refused before the content is used.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from lxml import etree

from tmkit.formats.xmlsafe import parse_error, safe_parser, sniff_encoding
from tmkit.model.errors import ParseError

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS11 = "urn:oasis:names:tc:xliff:document:1.1"
NS10 = "urn:oasis:names:tc:xliff:document:1.0"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_SPACE = f"{{{XML_NS}}}space"

#: Namespaces whose elements are XLIFF 1.x core (a namespace-less file is 1.x too).
CORE1 = frozenset({NS12, NS11, NS10, ""})

_ENTITY = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s>]+)")
_DOCTYPE_END = re.compile(rb"<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", re.S)
_ROOT = re.compile(rb"<(?:[\w.-]+:)?xliff[\s>]")
_VERSION = re.compile(rb"""\bversion\s*=\s*["']([0-9.]+)["']""")


def local(el: Any) -> str:
    """An element's name without its namespace ('' for comments and PIs)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def namespace(el: Any) -> str:
    tag = el.tag
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag[:1] == "{" else ""


@dataclass
class XliffDocument:
    """One XLIFF file: its tree, its version and what is needed to write it back.

    ``version`` is the root's ``version`` ("1.2", "2.0", "2.1" …); ``core`` the
    namespace of its core elements. ``raw`` holds the bytes read, given back
    verbatim by `dump_xliff` while ``modified`` is false.
    """

    tree: Any
    version: str
    core: str
    name: str = "<xliff>"
    encoding: str = "UTF-8"
    raw: bytes | None = None
    modified: bool = False
    #: whether it is XLIFF 2.x (set from ``version``)
    is_v2: bool = field(init=False, repr=False)
    #: core element names in Clark notation (``names["unit"]``), resolved once
    names: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.is_v2 = self.version.startswith("2")
        self.names = _names(self.core)

    @property
    def root(self) -> Any:
        return self.tree.getroot()

    def bilingual_model(self) -> Any:
        """The job in tmkit's own models, for merge and update: a TMX-model `Memory` when
        tmkit wrote it from TMX, else a `Catalog` (exact when tmkit wrote it from PO; a
        job is edited like a catalog: states, untranslated and fuzzy units, notes)."""
        from tmkit.formats.xliff.convert import from_memory, xliff_to_catalog, xliff_to_memory

        return xliff_to_memory(self) if from_memory(self) else xliff_to_catalog(self)

    def q(self, name: str) -> str:
        """The qualified name of a core element."""
        return self.names.get(name) or (f"{{{self.core}}}{name}" if self.core else name)

    def files(self) -> Iterator[Any]:
        return (el for el in self.root if local(el) == "file" and namespace(el) == self.core)

    @property
    def source_lang(self) -> str | None:
        if self.is_v2:
            return self.root.get("srcLang")
        for f in self.files():
            if f.get("source-language"):
                return f.get("source-language")
        for source in self.root.iter(self.names["source"]):  # else the first source's own
            return source.get(XML_LANG)
        return None

    @property
    def target_lang(self) -> str | None:
        if self.is_v2:
            return self.root.get("trgLang")
        for f in self.files():
            if f.get("target-language"):
                return f.get("target-language")
        for target in self.root.iter(self.names["target"]):  # else the first target's own
            return target.get(XML_LANG)
        return None


_CORE_NAMES = (
    "xliff",
    "file",
    "header",
    "body",
    "group",
    "unit",
    "trans-unit",
    "segment",
    "ignorable",
    "source",
    "target",
    "notes",
    "note",
    "originalData",
    "data",
    "seg-source",
    "mrk",
    "bin-unit",
    "alt-trans",
)


def _names(core: str) -> dict[str, str]:
    return {n: f"{{{core}}}{n}" if core else n for n in _CORE_NAMES}


def sniff(head: bytes) -> bool:
    """True when the first bytes hold an ``<xliff`` root element."""
    text = head
    codec = sniff_encoding(head[:4])
    if codec.startswith("utf-16"):
        text = head.decode(codec, errors="ignore").encode("utf-8")
    return _ROOT.search(text) is not None


def sniff_version(head: bytes) -> str | None:
    m = _ROOT.search(head)
    if not m:
        return None
    v = _VERSION.search(head, m.start(), m.start() + 2000)
    return v.group(1).decode() if v else None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def refuse_entities(data: bytes, name: str) -> None:
    """Fail on any entity declaration in the DTD, before the parser sees the file.

    Only the prolog is searched (an ``<!ENTITY`` inside CDATA later on is text).
    """
    if sniff_encoding(data[:4]).startswith("utf-16"):
        data = data.decode(sniff_encoding(data[:4]), errors="replace").encode("utf-8")
    doctype = data.find(b"<!DOCTYPE", 0, 1 << 16)
    if doctype < 0:
        return
    end = _DOCTYPE_END.search(data, doctype)
    stop = end.end() if end else len(data)
    m = _ENTITY.search(data, doctype, stop)
    if m:
        line, col = _position(data, m.start())
        raise ParseError(
            f"entity declarations are not allowed (<!ENTITY {m.group(2).decode(errors='replace')}"
            " ...>); tmkit never expands or loads entities",
            name,
            line,
            col,
        )


def check_root(root: Any, name: str) -> tuple[str, str]:
    """The version and core namespace of an ``<xliff>`` root, or a located error."""
    if local(root) != "xliff":
        raise ParseError(
            f"not an XLIFF file: the root element is <{local(root)}>, not <xliff>",
            name,
            root.sourceline,
            1,
        )
    version = root.get("version") or ""
    core = namespace(root)
    if not version:
        version = "2.0" if core == NS20 else "1.2"
    if core == NS20 or version.startswith("2"):
        if core != NS20:
            raise ParseError(
                f"XLIFF {version} must use the namespace {NS20}, not {core or 'none'}",
                name,
                root.sourceline,
                1,
            )
    elif core not in CORE1:
        raise ParseError(f"unknown XLIFF namespace {core}", name, root.sourceline, 1)
    return version, core


def load_xliff(stream: BinaryIO, name: str = "<xliff>", **_options: Any) -> XliffDocument:
    """Parse an XLIFF 1.x or 2.x file from a binary stream (hardened, see module doc)."""
    data = stream.read()
    if not data.strip():
        raise ParseError("empty file, not XLIFF", name, 1, 1)
    refuse_entities(data, name)
    try:
        tree = etree.parse(io.BytesIO(data), safe_parser())
    except etree.XMLSyntaxError as err:
        raise parse_error(err, name) from None
    if tree.docinfo.internalDTD is not None and list(tree.docinfo.internalDTD.entities()):
        raise ParseError("entity declarations are not allowed", name, 1, 1)
    version, core = check_root(tree.getroot(), name)
    encoding = tree.docinfo.encoding or "UTF-8"
    return XliffDocument(tree, version, core, name, encoding, data)


def dump_xliff(doc: XliffDocument, stream: BinaryIO, **_options: Any) -> None:
    """Write ``doc``: its original bytes when unchanged, else the serialised tree."""
    if doc.raw is not None and not doc.modified:
        stream.write(doc.raw)
        return
    # UTF-8 whatever the input's encoding (equal in canonical XML), with the
    # declaration written as most tools write it (lxml would use single quotes)
    body = etree.tostring(doc.tree, encoding="UTF-8", xml_declaration=False)
    stream.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(body)
    if not body.endswith(b"\n"):
        stream.write(b"\n")


def canonical(data: bytes) -> str:
    """C14N 2.0 of an XML document (comments kept), for round-trip comparisons."""
    refuse_entities(data, "<c14n>")
    tree = etree.parse(io.BytesIO(data), safe_parser())
    return etree.canonicalize(tree, with_comments=True)
