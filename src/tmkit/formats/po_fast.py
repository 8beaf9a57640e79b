"""The PO reader's short way: a whole plain entry read by one regular expression.

Most entries of a PO file are plain: comment lines, an optional ``msgctxt``, then
``msgid`` and ``msgstr`` each with their continuation strings, a blank line. One
match reads such an entry out of a decoded block, where the line reader of
`tmkit.formats.po_stream` (gettext's grammar, token by token) takes a few calls per
line. Anything else (plurals, obsolete and previous entries, blanks or keywords
where gettext allows them, a bad escape, a repeated key) goes through the line
reader, which also decides every error; the short way resumes at the next entry
that starts where the line reader would finish the one before. So the messages,
their order and the errors are the line reader's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tmkit.formats.po_stream import _Reader, _unescape, add_comment, read_lines
from tmkit.model.catalog import Message
from tmkit.model.errors import ParseError

# One string body on one line: no quote, no line end, backslash pairs kept together.
_BODY = r'[^"\\\n]*(?:\\.[^"\\\n]*)*'
_ENTRY = re.compile(
    r"((?:#(?![~|])[^\r\n]*\n)*)"  # comments, as the line reader's short way takes them
    rf'(?:msgctxt "({_BODY})"\n((?:"{_BODY}"\n)*))?'
    rf'msgid "({_BODY})"\n((?:"{_BODY}"\n)*)'
    rf'msgstr "({_BODY})"\n((?:"{_BODY}"\n)*)'
    r"\n*"
    # what follows starts another entry, so the line reader would have ended this one
    # there too (a string or a msgstr[n] after blank lines would still belong to it)
    r'(?=\Z|#(?![~|])|msgctxt "|msgid "|#~ msgctxt "|#~ msgid "|#~?\| msg(?:ctxt|id) ")'
)


#: the most text an entry that reaches the end of a block is kept for the next one;
#: a longer entry is left to the line reader (each block would read it again)
CARRY_LIMIT = 1 << 16


def read_blocks(blocks: Iterable[str], name: str | None, codec: str = "utf-8") -> Iterator[Message]:
    """`tmkit.formats.po_stream.read_messages` over decoded blocks of whole lines (the
    same messages in the same order, the same errors), plain entries taken whole."""
    reader = _Reader(name, codec)
    number = 0  # lines before the text still to read
    carry = ""  # an entry that may go on in the next block
    for block in blocks:
        number, carry = yield from _read(reader, carry + block if carry else block, number, False)
    number, _ = yield from _read(reader, carry, number, True)
    reader.end(number + 1)
    yield from reader.done


def _read(reader: _Reader, text: str, number: int, final: bool) -> Iterator[Message]:
    """Read ``text``; returns (lines read, text left for the next block)."""
    done = reader.done
    seen = reader.seen
    match = _ENTRY.match
    pos = 0
    n = len(text)
    while pos < n:
        if _between_entries(reader):
            m = match(text, pos)
            if m is not None:
                if reader.entry is not None:
                    # the line reader ends the entry before on this entry's first line
                    reader._finish()
                    yield from done
                    done.clear()
                message = _message(m, text, number, pos, reader)
                end = m.end()
                if message is not None and end == n and not final:
                    if n - pos <= CARRY_LIMIT:
                        return number, text[pos:]  # the next block may continue it
                    message = None  # read again and again, a huge entry would cost n²
                if message is not None:
                    seen[message.msgctxt, message.msgid] = message.lineno  # type: ignore[assignment]
                    yield message
                    number += text.count("\n", pos, end)
                    pos = end
                    continue
        eol = text.find("\n", pos)
        if eol < 0:
            eol = n
        number = yield from read_lines(reader, (text[pos:eol],), number)
        pos = eol + 1
    return number, ""


def _between_entries(reader: _Reader) -> bool:
    """Is the line reader where an entry's first line would end the one before (if any)?"""
    if reader.domain_pending:
        return False
    entry = reader.entry
    if entry is None:
        return reader.target is None
    return entry.has_msgstr and bool(reader.target)


def _message(m: re.Match[str], text: str, number: int, pos: int, reader: _Reader) -> Message | None:
    """The entry ``m`` matched, or None when the line reader must read it (a bad escape,
    a key seen before: it reports them)."""
    comments, ctxt, ctxt_more, msgid, msgid_more, msgstr, msgstr_more = m.groups()
    try:
        message = Message(
            _string(msgid, msgid_more, reader),
            _string(msgstr, msgstr_more, reader),
            _string(ctxt, ctxt_more, reader) if ctxt is not None else None,
            lineno=number + 1 + text.count("\n", pos, m.start(4)),
        )
    except ParseError:
        return None
    if (message.msgctxt, message.msgid) in reader.seen:  # `Message.key`, without the call
        return None
    if comments:
        # the two kinds a generated catalog is made of, as `add_comment` reads them
        # (a call per comment line is a tenth of reading a 100k-entry file)
        extracted = message.extracted_comments
        references = message.references
        for line in comments[:-1].split("\n"):
            mark = line[1:2]
            if mark == ".":
                extracted.append(line[3:] if line[2:3] == " " else line[2:])
            elif mark == ":":
                references.extend(line[2:].split())
            else:
                add_comment(message, line)
    return message


def _string(first: str, more: str, reader: _Reader) -> str:
    """A keyword's string and its continuations (``"…"\\n`` lines), unescaped."""
    if "\\" not in first and (not more or "\\" not in more):
        # the continuations joined: each line's closing and the next one's opening quote go
        return first + more[1:-2].replace('"\n"', "") if more else first
    parts = [first, *more[1:-2].split('"\n"')] if more else [first]
    return "".join(_unescape(p, reader.codec, reader.name, 0, 0) for p in parts)  # type: ignore[arg-type]
