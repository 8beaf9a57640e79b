"""PO catalogs: read by `tmkit.formats.po_stream`, written byte-identical to GNU msgcat (0.21).

Reading is the one PO reader (`tmkit.formats.po_stream`) in the charset the
header declares. Writing is our own: polib's writer wraps by code points and
so disagrees with msgcat on Japanese text. The writer follows gettext's
``write-po.c``: the same entry layout, flag order and normalisations, and
line breaking by `tmkit.formats.powrap`; it writes in the header's charset
(converting to UTF-8, header included, when a character does not fit).

msgcat normalisations the writer applies (so that ``msgcat out.po`` == out.po):
``fuzzy`` is dropped when the (first) translation is empty; obsolete entries
go last and are dropped when every form of their translation is empty (msgcat:
when the first form is); flags are written
``fuzzy``, then format flags in gettext's language order, ``range:``,
``no-wrap``; ``possible-X-format`` is written ``X-format``; ``wrap`` and
``impossible-X-format`` are not written; ``./`` is stripped from references
and line numbers lose leading zeros. One deliberate difference: flags gettext
does not know (such as ``tmkit-ignore:RULE``) are kept, after the known ones;
msgcat would drop them.
"""

from __future__ import annotations

import copy
import re
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tmkit.formats import po_stream, powrap
from tmkit.formats.atomic import write_bytes_atomic
from tmkit.formats.io import Format, register
from tmkit.formats.po_charset import text_blocks
from tmkit.formats.po_fast import read_blocks
from tmkit.formats.po_layout import _CJK, _NEEDS_ESCAPE, _wrap_field
from tmkit.formats.unitview import catalog_languages, catalog_units, messages_units
from tmkit.model.bulk import collector_paused
from tmkit.model.catalog import Catalog, Message
from tmkit.model.errors import InputError
from tmkit.model.units import Unit

PAGE_WIDTH = 79

# Format languages in gettext 0.21's order (format.c), which is the flag order msgcat writes.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip
_FORMAT_RANK = {lang: i for i, lang in enumerate(FORMAT_LANGUAGES)}
_FORMAT_FLAG = re.compile(r"(no-|possible-|impossible-)?(.+)-format")
_RANGE_FLAG = re.compile(r"range:\s*(\d+)\.\.(\d+)")
_REFERENCE = re.compile(r"(.+):(\d+)")
# One reference written as read: no blanks, no "./", a line number without leading zeros.
_PLAIN_REFERENCE = re.compile(r"(?!\./)\S+:(?:0|[1-9][0-9]*)")


# --------------------------------------------------------------------------- reading


def read_po(path: str | Path) -> Catalog:
    """Read a PO or POT file into a Catalog; bad input raises InputError/ParseError."""
    name = str(path)
    with po_stream.open_po(Path(path), name) as stream:
        return load_po(stream, name)


def load_po(stream: BinaryIO, name: str) -> Catalog:
    """Read PO bytes from a binary stream, in the charset its header declares."""
    _declared, codec, blocks = text_blocks(stream, name)
    return _collect(read_blocks(blocks, name, codec), name)


def stream_units(stream: BinaryIO, name: str, **_: object) -> Iterator[Unit]:
    """`catalog_units` of `load_po`'s catalog, each unit made as its entry is read."""
    _declared, codec, blocks = text_blocks(stream, name)
    # the header is skipped as `catalog_units` skips it (`messages_units`)
    return messages_units(read_blocks(blocks, name, codec), name)


def parse_po(text: str, path: str | None = None) -> Catalog:
    """Parse PO text (already decoded) into a Catalog."""
    return _collect(read_blocks([text] if text else [], path), path)


def _collect(messages: Iterator[Message], path: str | None) -> Catalog:
    catalog = Catalog(path=path)
    for first in messages:
        # only the first message can be the header: asked of it alone, not of each
        if first.is_header:
            catalog.header = first
        else:
            catalog.messages.append(first)
        break
    catalog.messages.extend(messages)
    return catalog


def looks_like_po(head: bytes) -> bool:
    """Whether the first bytes of a file look like PO: a ``msgid`` keyword near the top
    after nothing but comments, blank lines and ``msgctxt``/``domain`` lines."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    for raw in head.split(b"\n")[:200]:
        line = raw.strip()
        if not line or (line.startswith(b"#") and not line.startswith(b"#~")):
            continue
        if line.startswith(b"#~"):
            line = line[2:].lstrip()
        return _PO_START.match(line) is not None
    return False


_PO_START = re.compile(rb'(?:msgid|msgctxt|domain)\b\s*(?:"|$)')


# --------------------------------------------------------------------------- writing


class _Flags:
    """A message's flags as gettext understands them (later flags override earlier ones)."""

    __slots__ = ("formats", "fuzzy", "no_wrap", "range", "unknown")

    def __init__(self, flags: list[str]) -> None:
        self.fuzzy = False
        self.formats: dict[str, str] = {}  # language → "yes" | "no" | "possible" | "impossible"
        self.range: tuple[int, int] | None = None
        self.no_wrap = False
        self.unknown: list[str] = []
        for flag in flags:
            flag = flag.strip()
            if flag == "fuzzy":
                self.fuzzy = True
            elif flag in ("wrap", "no-wrap"):
                self.no_wrap = flag == "no-wrap"
            elif (m := _FORMAT_FLAG.fullmatch(flag)) and m.group(2) in _FORMAT_RANK:
                self.formats[m.group(2)] = (m.group(1) or "yes-").rstrip("-")
            elif m := _RANGE_FLAG.fullmatch(flag):
                self.range = (int(m.group(1)), int(m.group(2)))
            elif flag and flag not in self.unknown:
                self.unknown.append(flag)

    def protected_language(self) -> str | None:
        """The first language whose directives gettext keeps unbroken (yes or possible)."""
        if not self.formats:
            return None
        for lang in FORMAT_LANGUAGES:
            if self.formats.get(lang) in ("yes", "possible"):
                return lang
        return None

    def line(self, translated: bool, obsolete: bool) -> str | None:
        parts: list[str] = []
        if self.fuzzy and translated:
            parts.append("fuzzy")
        for lang in sorted(self.formats, key=_FORMAT_RANK.__getitem__):
            state = self.formats[lang]
            if state in ("yes", "possible"):
                parts.append(f"{lang}-format")
            elif state == "no":
                parts.append(f"no-{lang}-format")
        if self.range is not None and not obsolete:  # msgcat forgets ranges of obsolete entries
            parts.append(f"range: {self.range[0]}..{self.range[1]}")
        if self.no_wrap:
            parts.append("no-wrap")
        parts.extend(self.unknown)
        return "#, " + ", ".join(parts) if parts else None


def format_po(catalog: Catalog, width: int = PAGE_WIDTH) -> str:
    """The catalog as PO text, laid out exactly as ``msgcat --width=WIDTH`` would write it."""
    return "\n".join(chunk for _, chunk in _chunks(catalog, width))


def _chunks(catalog: Catalog, width: int, layout=None) -> list[tuple[int, str]]:
    """(index in ``catalog.messages``, -1 for the header; text) of each entry written, in order.

    msgcat drops an obsolete entry whose first form is empty; tmkit keeps one
    with any translated form (a translation is never lost). ``layout(message, width)``
    lays out an entry in place of `_format_message` (the build's remembered layouts).
    """
    layout = layout or _format_message
    chunks: list[tuple[int, str]] = []
    if catalog.header is not None:
        chunks.append((-1, _format_message(catalog.header, width)))
    messages = catalog.messages
    chunks.extend((i, layout(m, width)) for i, m in enumerate(messages) if not m.obsolete)
    chunks.extend(
        (i, layout(m, width)) for i, m in enumerate(messages) if m.obsolete and _has_translation(m)
    )
    return chunks


#: Whether the text being laid out will be written in a legacy CJK charset, where gettext
#: counts most non-ASCII characters two columns wide (set by `encode_po`).


class CharsetWarning(UserWarning):
    """A catalog was written in another charset than its header declared (the CLI prints it)."""


def dump_po(catalog: Catalog, stream: BinaryIO, width: int = PAGE_WIDTH) -> list[int]:
    """Write the catalog to a binary stream in its declared charset (see `encode_po`).

    Returns the 1-based line of each message's ``msgid`` in the bytes written,
    one per item of ``catalog.messages`` (0 for an entry not written: an
    obsolete one with no translation).
    """
    data, lines = encode_po(catalog, width)
    stream.write(data)
    return lines


def encode_po(catalog: Catalog, width: int = PAGE_WIDTH) -> tuple[bytes, list[int]]:
    """The PO bytes of a catalog and the line of each message (see `dump_po`).

    The bytes are in the charset the header declares when every character
    fits; otherwise the catalog is written as UTF-8 with its header's charset
    changed to match, and a `CharsetWarning` says so. The bytes never
    disagree with the header. No header, or gettext's ``CHARSET``
    placeholder, means UTF-8.
    """
    declared = _declared_charset(catalog)
    codec = "utf-8"
    if declared is not None:
        try:
            codec = po_stream.codec_for(declared)
        except InputError:
            codec = ""  # unusable: convert below
    token = _CJK.set(codec in powrap.CJK_CODECS)
    try:
        # strings only, no cycles: the collector would walk the caller's whole model
        # (a 10 MB extract spent a third of its writing in it)
        with collector_paused():
            chunks = _chunks(catalog, width)
    finally:
        _CJK.reset(token)
    text = "\n".join(chunk for _, chunk in chunks)
    try:
        if not codec:
            raise UnicodeError
        data = text.encode(codec)
    except UnicodeError:
        catalog = _as_utf8(catalog)
        chunks = _chunks(catalog, width)
        text = "\n".join(chunk for _, chunk in chunks)
        data = text.encode("utf-8")
        where = catalog.path or "PO output"
        warnings.warn(
            CharsetWarning(
                f"{where}: not every character fits {declared}: written as UTF-8, "
                "header charset changed"
            ),
            stacklevel=3,
        )
    return data, _msgid_lines(chunks, len(catalog.messages))


def _msgid_lines(chunks: list[tuple[int, str]], count: int) -> list[int]:
    lines = [0] * count
    line = 1
    for index, chunk in chunks:
        if index >= 0:
            if chunk.startswith(("msgid ", "#~ msgid ")):
                at = 0
            else:
                found = chunk.find("\nmsgid ")
                if found < 0:
                    found = chunk.find("\n#~ msgid ")
                at = chunk.count("\n", 0, found + 1)
            lines[index] = line + at
        line += chunk.count("\n") + 1
    return lines


_HEADER_CHARSET = re.compile(r"(Content-Type:[^\n]*charset=)([^\s;]+)")


def _declared_charset(catalog: Catalog) -> str | None:
    if catalog.header is None:
        return None
    m = _HEADER_CHARSET.search(catalog.header.msgstr)
    if m is None or m.group(2).upper() == "CHARSET":
        return None
    return m.group(2)


def _as_utf8(catalog: Catalog) -> Catalog:
    """The catalog with its header declaring UTF-8 (the messages are shared, not copied)."""
    header = copy.copy(catalog.header)
    assert header is not None
    if _HEADER_CHARSET.search(header.msgstr):
        header.msgstr = _HEADER_CHARSET.sub(r"\1UTF-8", header.msgstr, count=1)
    return Catalog(messages=catalog.messages, header=header, path=catalog.path)


def write_po(catalog: Catalog, path: str | Path, width: int = PAGE_WIDTH) -> list[int]:
    """Write the catalog atomically in its declared charset (see `encode_po`); the msgid lines."""
    data, lines = encode_po(catalog, width)
    write_bytes_atomic(path, data)
    return lines


def write_po_stream(
    header: Message | None, messages: Iterable[Message], path: str | Path, width: int = PAGE_WIDTH
) -> bool:
    """Write a catalog as its messages come, atomically; the bytes `write_po` would write.

    Only the obsolete entries wait (they are written last); the others are
    laid out and written one by one. Returns False, writing nothing, when the
    header declares a charset other than UTF-8: whether every character fits
    it is known only at the end, so such a catalog goes through `write_po`.
    """
    declared = _declared_charset(Catalog(header=header))
    if declared is not None:
        try:
            if po_stream.codec_for(declared) != "utf-8":
                return False
        except InputError:
            return False
    from tmkit.formats.atomic import open_atomic

    obsolete: list[Message] = []
    with open_atomic(path) as stream:
        first = True
        if header is not None:
            stream.write(_format_message(header, width).encode("utf-8"))
            first = False
        for message in messages:
            if message.obsolete:
                if _has_translation(message):
                    obsolete.append(message)
                continue
            chunk = _format_message(message, width)
            stream.write((chunk if first else "\n" + chunk).encode("utf-8"))
            first = False
        for message in obsolete:
            chunk = _format_message(message, width)
            stream.write((chunk if first else "\n" + chunk).encode("utf-8"))
            first = False
    return True


def _has_translation(message: Message) -> bool:
    if message.msgid_plural is not None:
        return any(message.msgstr_plural.values())
    return message.msgstr != ""


def _first_translation(message: Message) -> str:
    if message.msgid_plural is not None:
        forms = _plural_forms(message)
        return forms[0]
    return message.msgstr


def _plural_forms(message: Message) -> list[str]:
    if not message.msgstr_plural:
        return [""]
    return [message.msgstr_plural[k] for k in sorted(message.msgstr_plural)]


def _format_message(message: Message, width: int) -> str:
    out = ["# " + comment if comment else "#" for comment in message.translator_comments]
    for comment in message.extracted_comments:
        out.append("#. " + comment if comment else "#.")
    if message.references:
        out.append(_reference_lines(message.references, width))
    if not (
        message.flags
        or message.obsolete
        or message.msgid_plural is not None
        or message.previous_msgid is not None
        or message.previous_msgctxt is not None
        or message.previous_msgid_plural is not None
    ):
        # The common entry: msgctxt?, msgid, msgstr; no prefixes, no directives to keep whole.
        # A short context (a segment id) and an empty translation need no layout at all:
        # `_wrap_field` would write them on one line as they are.
        context = message.msgctxt
        if context is not None:
            # (the fast test of `_wrap_field`: first column 8, room width - 2)
            if 8 + 2 * len(context) <= width - 2 and not _NEEDS_ESCAPE.search(context):
                out.append(f'msgctxt "{context}"')
            else:
                out.append(_wrap_field("", "msgctxt", context, width, None))
        out.append(_wrap_field("", "msgid", message.msgid, width, None))
        if message.msgstr:
            out.append(_wrap_field("", "msgstr", message.msgstr, width, None))
        else:
            out.append('msgstr ""')
        out.append("")
        return "\n".join(out)
    lang: str | None = None
    wrap = True
    if message.flags:
        flags = _Flags(message.flags)
        flag_line = flags.line(_first_translation(message) != "", message.obsolete)
        if flag_line:
            out.append(flag_line)
        lang = flags.protected_language()
        wrap = not flags.no_wrap
    prefix = "#~ " if message.obsolete else ""
    previous = "#~| " if message.obsolete else "#| "
    fields: list[tuple[str, str, str]] = []
    if message.previous_msgctxt is not None:
        fields.append((previous, "msgctxt", message.previous_msgctxt))
    if message.previous_msgid is not None:
        fields.append((previous, "msgid", message.previous_msgid))
    if message.previous_msgid_plural is not None:
        fields.append((previous, "msgid_plural", message.previous_msgid_plural))
    if message.msgctxt is not None:
        fields.append((prefix, "msgctxt", message.msgctxt))
    fields.append((prefix, "msgid", message.msgid))
    if message.msgid_plural is not None:
        fields.append((prefix, "msgid_plural", message.msgid_plural))
        for i, form in enumerate(_plural_forms(message)):
            fields.append((prefix, f"msgstr[{i}]", form))
    else:
        fields.append((prefix, "msgstr", message.msgstr))
    for line_prefix, name, value in fields:
        out.append(_wrap_field(line_prefix, name, value, width if wrap else None, lang))
    return "\n".join(out) + "\n"


def _reference_lines(references: list[str], width: int) -> str:
    """``#:`` lines: references packed up to the page width, counted in bytes as gettext does."""
    if len(references) == 1 and _PLAIN_REFERENCE.fullmatch(references[0]):
        return "#: " + references[0]  # the first item on a line is never moved to the next
    text = "#:"
    column = 2
    seen: set[tuple[str, str]] = set()
    for reference in references:
        for token in reference.split():
            m = _REFERENCE.fullmatch(token)
            file, line = (m.group(1), f":{int(m.group(2))}") if m else (token, "")
            if (file, line) in seen:  # gettext keeps one of each (file, line) as read
                continue
            seen.add((file, line))
            if file.startswith("./"):
                file = file[2:]
            length = len(file.encode("utf-8")) + len(line) + 1
            if column > 2 and column + length > width:
                text += "\n#:"
                column = 2
            text += " " + file + line
            column += length
    return text


register(
    Format(
        name="po",
        kind="catalog",
        extensions=(".po", ".pot"),
        read=load_po,
        write=dump_po,
        units=catalog_units,
        stream_units=stream_units,
        languages=catalog_languages,
        sniff=looks_like_po,
        summary="gettext PO/POT catalogs (written as GNU msgcat writes them)",
    )
)
