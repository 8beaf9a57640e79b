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
# Possessive (Python 3.11): what each repetition takes is never given back, as nothing
# after it could start with what it took (a quote, a line end, `msg…`, `#` follow), so
# the engine keeps no backtracking state (a fifth of the match's time).
_BODY = r'[^"\\\n]*+(?:\\.[^"\\\n]*+)*+'
_ENTRY = re.compile(
    # comments, as the line reader's short way takes them: the extracted ones and the
    # references first (the order gettext writes them in), then any others, in order.
    # The first two take a CR too, which `_message` leaves to the line reader: a set of
    # one character is a tight loop in the engine, one of two a call per character.
    r"((?:#\.[^\n]*+\n)*+)((?:#:[^\n]*+\n)*+)((?:#(?![~|])[^\r\n]*+\n)*+)"
    rf'(?:msgctxt "({_BODY})"\n((?:"{_BODY}"\n)*+))?'
    rf'msgid "({_BODY})"\n((?:"{_BODY}"\n)*+)'
    rf'msgstr "({_BODY})"\n((?:"{_BODY}"\n)*+)'
    r"\n*+"
    # what follows starts another entry, so the line reader would have ended this one
    # there too (a string or a msgstr[n] after blank lines would still belong to it)
    r'(?=\Z|#(?![~|])|msgctxt "|msgid "|#~ msgctxt "|#~ msgid "|#~?\| msg(?:ctxt|id) ")'
)
#: the text of each ``#.`` line, as `add_comment` takes it
_EXTRACTED = re.compile(r"#\. ?([^\n]*)\n")
_MSGID = 6  # the group of the msgid's first string


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
    count = text.count
    pos = 0
    n = len(text)
    short = False  # an entry was just taken whole: the line reader is between entries
    while pos < n:
        if short or _between_entries(reader):
            m = match(text, pos)
            if m is not None:
                if reader.entry is not None:
                    # the line reader ends the entry before on this entry's first line
                    reader._finish()
                    yield from done
                    done.clear()
                message = _message(m, number + 1 + count("\n", pos, m.start(_MSGID)), reader)
                end = m.end()
                if message is not None and end == n and not final:
                    if n - pos <= CARRY_LIMIT:
                        return number, text[pos:]  # the next block may continue it
                    message = None  # read again and again, a huge entry would cost n²
                if message is not None:
                    lineno = message.lineno
                    seen[message.msgctxt, message.msgid] = lineno  # type: ignore[assignment]
                    yield message
                    number = lineno - 1 + count("\n", m.start(_MSGID), end)  # type: ignore[operator]
                    pos = end
                    short = True
                    continue
        eol = text.find("\n", pos)
        if eol < 0:
            eol = n
        number = yield from read_lines(reader, (text[pos:eol],), number)
        pos = eol + 1
        short = False
    return number, ""


def _between_entries(reader: _Reader) -> bool:
    """Is the line reader where an entry's first line would end the one before (if any)?"""
    if reader.domain_pending:
        return False
    entry = reader.entry
    if entry is None:
        return reader.target is None
    return entry.has_msgstr and bool(reader.target)


def _message(m: re.Match[str], lineno: int, reader: _Reader) -> Message | None:
    """The entry ``m`` matched, its ``msgid`` on line ``lineno``; None when the line reader
    must read it (a bad escape, a key seen before: it reports them; a CR)."""
    extracted, references, comments, ctxt, ctxt_more, msgid, msgid_more, msgstr, msgstr_more = (
        m.groups()
    )
    try:
        # `_string`, called only when there is more than one plain string to take
        if msgid_more or "\\" in msgid:
            msgid = _string(msgid, msgid_more, reader)
        if msgstr_more or "\\" in msgstr:
            msgstr = _string(msgstr, msgstr_more, reader)
        if ctxt is not None and (ctxt_more or "\\" in ctxt):
            ctxt = _string(ctxt, ctxt_more, reader)
    except ParseError:
        return None
    if (ctxt, msgid) in reader.seen:  # `Message.key`
        return None
    if "\r" in extracted or "\r" in references:
        return None  # the line reader's to read (it takes a CR off the end of a line)
    # The two kinds of comments a generated catalog is made of, as `add_comment` reads
    # them: a call for all the lines of a kind, not one per line (that was a tenth of
    # reading a 100k-entry file); each ``#:`` after the first line becomes a blank.
    # Every field in order, none by keyword or default factory: one Message per entry.
    message = Message(
        msgid, msgstr, ctxt, None, {}, [],
        _EXTRACTED.findall(extracted) if extracted else [],
        references[2:].replace("\n#:", " ").split() if references else [],
        [], None, None, None, False, lineno,
    )  # fmt: skip
    if comments:
        for line in comments[:-1].split("\n"):
            add_comment(message, line)
    return message


def _string(first: str, more: str, reader: _Reader) -> str:
    """A keyword's string and its continuations (``"…"\\n`` lines), unescaped."""
    if "\\" not in first and (not more or "\\" not in more):
        # the continuations joined: each line's closing and the next one's opening quote go
        return first + more[1:-2].replace('"\n"', "") if more else first
    parts = [first, *more[1:-2].split('"\n"')] if more else [first]
    return "".join(_unescape(p, reader.codec, reader.name, 0, 0) for p in parts)  # type: ignore[arg-type]
