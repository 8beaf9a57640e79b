"""What TMX 1.4b allows: attributes, inline elements, segment types; structure issues."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from tmkit.model.memory import (
    Inline,
)

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
ByteProgress = Callable[[int, int], None]
