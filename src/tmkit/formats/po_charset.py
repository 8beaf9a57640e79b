"""The charset of a PO file: found in its header, checked, and used to decode it in blocks.

gettext reads a PO file in the charset its header declares; so does tmkit
(`tmkit.formats.po_stream` reads the decoded lines). A charset must be a text
encoding Python knows and ASCII-compatible, as PO syntax needs.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO

from tmkit.model.errors import InputError

#: How far into a file the header's charset is looked for.
CHARSET_SCAN = 1 << 16

_CHARSET = re.compile(rb"charset=([^\s\\\"]+)")
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)

# --------------------------------------------------------------------------- charsets


def charset_of(head: bytes, name: str) -> tuple[str, str]:
    """(declared charset as written, Python codec name) of a PO file from its first bytes.

    No charset, or gettext's ``CHARSET`` placeholder, reads as UTF-8. A charset
    Python does not know, one that is not a text encoding (``hex``, ``rot13``,
    ``zlib`` …), or one PO cannot be written in (not ASCII-compatible, such as
    UTF-16) is an `InputError`.
    """
    for bom, what in _BOMS:
        if head.startswith(bom):
            raise InputError(f"starts with a {what} byte order mark: PO files need an "
                             "ASCII-compatible charset such as UTF-8", name, 1)  # fmt: skip
    match = _CHARSET.search(head)
    if match is None:
        return "UTF-8", "utf-8"
    declared = match.group(1).decode("ascii", "replace")
    line = head[: match.start()].count(b"\n") + 1
    if declared.upper() == "CHARSET":
        return declared, "utf-8"
    return declared, codec_for(declared, name, line)


def codec_for(declared: str, name: str | None = None, line: int | None = None) -> str:
    """The Python codec for a declared charset, or an `InputError` saying why there is none."""
    try:
        info = codecs.lookup(declared)
    except LookupError:
        raise InputError(f"unknown charset {declared!r} in the header", name, line) from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"{declared!r} is not a text charset", name, line)
    try:
        ascii_safe = 'msgid ""\n#,:.~|[]\\\n'.encode(info.name) == b'msgid ""\n#,:.~|[]\\\n'
    except (UnicodeError, ValueError):
        ascii_safe = False
    if not ascii_safe:
        raise InputError(
            f"charset {declared!r} is not ASCII-compatible, which PO files must be", name, line
        )
    return info.name


#: Bytes decoded at a time (whole lines): big enough to amortise the calls, small enough to
#: stream, and to keep each block's buffers (read, cut, decoded) where the allocator reuses
#: them: 1 MiB blocks faulted fresh pages in for every block (a 38 MB file: 11k more faults).
BLOCK = 1 << 18


def _blocks(head: bytes, stream: BinaryIO | None) -> Iterator[bytes]:
    """``head`` then the rest of ``stream`` in blocks that end at a line end (but the last)."""
    pending = head
    while stream is not None:
        more = stream.read(BLOCK)
        if not more:
            break
        pending += more
        cut = pending.rfind(b"\n") + 1
        if cut:
            yield pending[:cut]
            pending = pending[cut:]
    if pending:
        yield pending


def _lines(blocks: Iterator[str]) -> Iterator[str]:
    """Decoded lines, without their ``\n``; only ``\n`` ends a line (as in gettext)."""
    for text in blocks:
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()
        yield from lines


def decoded_blocks(blocks: Iterator[bytes], codec: str, declared: str, name: str) -> Iterator[str]:
    """Each block decoded (a block ends at a line end, but the last), decoded only when
    asked for; bytes that do not decode are an `InputError` at their line and column."""
    decode = codecs.getdecoder(codec)
    done = 0  # lines before the block
    for block in blocks:
        try:
            text = decode(block)[0]
        except UnicodeDecodeError as exc:
            start = block.rfind(b"\n", 0, exc.start) + 1
            raise InputError(
                f"cannot decode as {declared}: byte 0x{block[exc.start]:02x}",
                name,
                done + block.count(b"\n", 0, exc.start) + 1,
                exc.start - start + 1,
            ) from None
        done += text.count("\n") + (0 if text.endswith("\n") else 1)
        yield text


def text_lines(stream: BinaryIO | bytes, name: str) -> tuple[str, str, Iterator[str]]:
    """(declared charset, codec, decoded lines) of PO bytes or an open binary stream."""
    declared, codec, blocks = text_blocks(stream, name)
    return declared, codec, _lines(blocks)


def text_blocks(stream: BinaryIO | bytes, name: str) -> tuple[str, str, Iterator[str]]:
    """(declared charset, codec, decoded blocks of whole lines) of PO bytes or a stream."""
    if isinstance(stream, bytes | bytearray):
        head, rest = bytes(stream), None
    else:
        head, rest = stream.read(CHARSET_SCAN), stream
    declared, codec = charset_of(head, name)
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    return declared, codec, decoded_blocks(_blocks(head, rest), codec, declared, name)
