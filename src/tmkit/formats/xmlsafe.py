"""Hardened XML parsing: the only way tmkit's XML adapters (TMX, TBX, SRX) open XML.

Policy:

* No external entity is ever resolved and no DTD is ever loaded, from disk or
  network. A ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` line is accepted and ignored.
* Entity declarations are refused. A document whose internal DTD subset
  declares any entity (general or parameter, internal or external) fails with
  ``path:line:col: entity declarations are not allowed (<!ENTITY name ...>)``
  before any of its content is used. That covers XXE (nothing is read, so no
  file content can leak) and billion laughs (nothing is expanded, so memory
  stays small and the error comes at once). Entity expansion is therefore
  bounded at zero beyond the five predefined entities and character
  references, which XML requires. Real TMX, TBX and SRX files do not declare
  entities; rejecting them is simpler to reason about than a bounded expander.
* Huge-tree mode stays off, so libxml2's own limits on text node size and
  nesting depth apply.

Syntax errors become `tmkit.model.errors.ParseError` with the file, line and column
libxml2 reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from tmkit.model.errors import InputError, ParseError

#: Byte-order marks we accept, longest first, and the codec that decodes the rest.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_POSITION_SUFFIX = re.compile(r",? line \d+, column \d+\s*$")
_ENTITY_DECL = re.compile(r"<!ENTITY\s+(%\s+)?([^\s>]+)")

#: How much of a file's start is searched for the entity declaration that is reported.
_PROLOG_LIMIT = 1 << 20


def sniff_encoding(head: bytes) -> str:
    """The encoding a byte-order mark announces, else ``utf-8``.

    libxml2 decodes BOM-marked UTF-16 by itself but reports such files as
    UTF-8 in ``docinfo.encoding``; callers that need the real encoding ask here.
    """
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    if head.startswith(b"<\x00?\x00"):
        return "utf-16-le"
    if head.startswith(b"\x00<\x00?"):
        return "utf-16-be"
    return "utf-8"


def _parser_options() -> dict[str, Any]:
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
    }


def safe_parser(**extra: Any) -> etree.XMLParser:
    """An `lxml.etree.XMLParser` with the policy above (entity check: `check_entities`)."""
    return etree.XMLParser(**_parser_options(), **extra)


def parse_error(err: etree.XMLSyntaxError, path: str | Path) -> ParseError:
    """A libxml2 syntax error as a located `ParseError`."""
    message = _POSITION_SUFFIX.sub("", err.msg or str(err)).strip() or "malformed XML"
    line, col = err.position if err.position else (None, None)
    return ParseError(message, str(path), line or 1, col or 1)


def _entity_position(
    path: str | Path, head: bytes | None = None
) -> tuple[int | None, int | None, str]:
    """Line, column and name of the first ``<!ENTITY`` in the file's start."""
    if head is None:
        with open(path, "rb") as fh:
            head = fh.read(_PROLOG_LIMIT)
    head = head[:_PROLOG_LIMIT]
    text = head.decode(sniff_encoding(head[:4]), errors="replace")
    m = _ENTITY_DECL.search(text)
    if not m:
        return None, None, ""
    line = text.count("\n", 0, m.start()) + 1
    col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    return line, col, m.group(2)


def check_entities(tree: etree._ElementTree, path: str | Path, head: bytes | None = None) -> None:
    """Refuse a document whose internal DTD subset declares entities.

    ``head`` is the document's start when it was parsed from bytes, not a file.
    """
    dtd = tree.docinfo.internalDTD
    if dtd is None:
        return
    declared = [e.name for e in dtd.entities()]
    line, col, name = _entity_position(path, head)
    if declared or name:
        shown = name or declared[0]
        raise ParseError(
            f"entity declarations are not allowed (<!ENTITY {shown} ...>); "
            "tmkit never expands or loads entities",
            str(path),
            line,
            col,
        )


def _open(path: str | Path) -> None:
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", str(path))
    if p.is_dir():
        raise InputError("is a directory", str(path))
    if p.stat().st_size == 0:
        raise ParseError("empty file, not XML", str(path), 1, 1)


def parse_bytes(data: bytes, name: str, **extra: Any) -> etree._Element:
    """Parse a whole (small) XML document held in memory with the policy above."""
    if not data.strip():
        raise ParseError("empty file, not XML", name, 1, 1)
    try:
        root = etree.fromstring(data, safe_parser(**extra))
    except etree.XMLSyntaxError as err:
        raise parse_error(err, name) from None
    check_entities(root.getroottree(), name, data)
    return root


def parse(path: str | Path, **extra: Any) -> etree._ElementTree:
    """Parse a whole (small) XML file with the policy above."""
    _open(path)
    try:
        tree = etree.parse(str(path), safe_parser(**extra))
    except etree.XMLSyntaxError as err:
        raise parse_error(err, path) from None
    except OSError as err:
        raise InputError(f"cannot read: {err}", str(path)) from None
    check_entities(tree, path)
    return tree


class iterparse:
    """`lxml.etree.iterparse` with the policy above; syntax errors become `ParseError`.

    ``source`` is the path or an open binary file (for progress reporting);
    ``path`` names the file in errors. ``remove_comments`` and ``remove_pis``
    drop comments and processing instructions in the parser (the text around
    a dropped comment joins up), so they never reach Python. The entity check runs at the first
    event, that is before any element content reaches the caller. ``root``
    is the document element once parsing has started (None before).
    """

    def __init__(
        self,
        source: str | Path | BinaryIO,
        path: str | Path,
        events: Iterable[str] = ("end",),
        tag: str | Iterable[str] | None = None,
        remove_comments: bool = False,
        remove_pis: bool = False,
    ) -> None:
        self.path = path
        #: the document's start, for locating an entity declaration in a stream (a file
        #: is reopened for that instead)
        self._head: bytes | None = None
        if not hasattr(source, "read"):
            _open(path)
            source = str(source)
        elif getattr(source, "seekable", lambda: False)():
            start = source.tell()
            self._head = source.read(_PROLOG_LIMIT)
            source.seek(start)
        self._context = etree.iterparse(
            source,
            events=tuple(events),
            tag=tag,
            remove_comments=remove_comments,
            remove_pis=remove_pis,
            **_parser_options(),
        )

    @property
    def root(self) -> Any:
        return self._context.root

    @property
    def context(self) -> Any:
        """The lxml iterator itself, for hot loops.

        Only for events after the first one has come through this wrapper (so
        the entity check has run); the caller turns `etree.XMLSyntaxError`
        into a `ParseError` with `parse_error`.
        """
        return self._context

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        context, path = self._context, self.path
        events = iter(context)
        try:
            for event, element in events:
                check_entities(element.getroottree(), path, self._head)
                yield event, element
                break
            else:
                if context.root is not None:
                    check_entities(context.root.getroottree(), path, self._head)
                return
            yield from events
        except etree.XMLSyntaxError as err:
            raise parse_error(err, path) from None
        except OSError as err:
            raise InputError(f"cannot read: {err}", str(path)) from None
