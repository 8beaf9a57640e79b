"""The one PO reader: bytes in the declared charset → `Message`s, entry by entry.

Everything that reads PO goes through here: `tmkit.formats.po.read_po`,
`parse_po` and `load_po` collect the messages into a `Catalog`; `iter_po`
yields them lazily, in constant memory, for the large conversions.

It reads what GNU gettext's lexer reads (po-lex.c), not a line format:
keywords and strings are tokens, so ``msgid "a" msgstr "b"`` on one line,
``msgstr[0]`` alone on a line with its string on the next, ``msgstr [ 0 ]``,
blanks before a CRLF, ``#:file.c:1`` with no space, and ``domain "…"``
directives are all read. Escapes are gettext's (``\\n \\t \\r \\a \\b \\f
\\v \\\\ \\" \\' \\?``, octal ``\\NNN`` and hex ``\\xHH`` as bytes in the file's
charset); any other backslash is an error, as in gettext.

Work per line is one regular-expression match for the common lines (a
keyword and a string, or a continuation string), so time is linear in the
input, a line of a million escapes included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tmkit.formats.po_charset import codec_for, text_blocks, text_lines
from tmkit.model.catalog import Catalog, Message
from tmkit.model.errors import InputError, ParseError

__all__ = ["codec_for", "iter_po", "open_po", "read_messages", "text_lines"]

# One string body: no quote, backslash pairs kept together (linear: no nested repetition overlap).
_BODY = r'[^"\\]*(?:\\.[^"\\]*)*'
# The common lines, whole: an optional keyword, one string, trailing blanks.
_SIMPLE_LINE = re.compile(
    r'[ \t\f\v]*(?:(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+)?"(' + _BODY
    + r')"[ \t\f\v\r]*\Z'
)  # fmt: skip
# Any token of a non-comment line.
_TOKEN = re.compile(
    r'[ \t\f\v\r]*(?:(msgctxt|msgid_plural|msgid|msgstr|domain)\b'
    r'(?:[ \t]*\[[ \t]*(\d+)[ \t]*\])?|"(' + _BODY + r')"|(#)|(\S))'
)  # fmt: skip
_ESCAPE = re.compile(r"\\(.?)", re.DOTALL)
_ESCAPES = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
    "\\": "\\", '"': '"',
}  # fmt: skip
_BYTE_ESCAPE_START = frozenset("01234567x")
_BYTE_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))", re.DOTALL)
_BYTE_ESCAPES = {k.encode(): v.encode() for k, v in _ESCAPES.items()}

DEFAULT_DOMAIN = "messages"


# --------------------------------------------------------------------------- strings


def _unescape(body: str, codec: str, name: str, line: int, col: int) -> str:
    if "\\" not in body:
        return body

    def one(m: re.Match[str]) -> str:
        value = _ESCAPES.get(m.group(1))
        if value is None:
            if m.group(1) in _BYTE_ESCAPE_START:
                raise _BytesEscape
            raise ParseError("invalid control sequence", name, line, col + 1 + m.start())
        return value

    try:
        return _ESCAPE.sub(one, body)
    except _BytesEscape:
        return _unescape_bytes(body, codec, name, line, col)


class _BytesEscape(Exception):
    """An octal or hex escape: the string must be unescaped as bytes."""


def _unescape_bytes(body: str, codec: str, name: str, line: int, col: int) -> str:
    """Unescape with ``\\NNN`` and ``\\xHH`` standing for bytes of the file's charset."""
    raw = body.encode(codec)

    def one(m: re.Match[bytes]) -> bytes:
        if m.group(1) is not None:
            return bytes([int(m.group(1), 8) & 0xFF])
        if m.group(2) is not None:
            return bytes([int(m.group(2)[-2:], 16)])
        value = _BYTE_ESCAPES.get(m.group(3))
        if value is None:
            at = col + len(raw[: m.start()].decode(codec, "replace"))
            raise ParseError("invalid control sequence", name, line, at)
        return value

    try:
        return _BYTE_ESCAPE.sub(one, raw).decode(codec)
    except UnicodeDecodeError:
        raise ParseError(f"escaped bytes are not valid {codec}", name, line, col) from None


# --------------------------------------------------------------------------- entries


def add_comment(m: Message, line: str) -> None:
    """Add a comment line (``#.``, ``#:``, ``#,`` or ``#``) to the message's fields."""
    mark = line[1:2]
    if mark == ".":
        text = line[2:]
        m.extracted_comments.append(text[1:] if text[:1] == " " else text)
    elif mark == ":":
        m.references.extend(line[2:].split())
    elif mark == ",":
        m.flags.extend(f for f in (p.strip() for p in line[2:].split(",")) if f)
    else:
        text = line[1:]
        m.translator_comments.append(text[1:] if text[:1] == " " else text)


class _Entry:
    """The fields of the entry being read; becomes a `Message`."""

    __slots__ = ("fields", "has_msgstr", "lineno", "message", "obsolete", "started")

    def __init__(self, lineno: int) -> None:
        self.message = Message(msgid="", lineno=lineno)
        self.fields: dict[str, list[str]] = {}
        self.lineno = lineno
        self.obsolete = False
        self.has_msgstr = False  # a msgstr was read: the next keyword starts a new entry
        self.started = False  # a keyword was read (comments alone make no entry)

    def build(self, name: str) -> Message:
        m = self.message
        fields = self.fields
        get = fields.get
        if "msgid" not in fields:
            raise ParseError("syntax error: msgstr without msgid", name, self.lineno)
        if not self.has_msgstr:
            raise ParseError("missing 'msgstr' section", name, self.lineno)
        m.msgid = "".join(fields["msgid"])
        ctxt = get("msgctxt")
        m.msgctxt = "".join(ctxt) if ctxt is not None else None
        plural = get("msgid_plural")
        if plural is not None:
            m.msgid_plural = "".join(plural)
            forms = {int(k[7:-1]): "".join(v) for k, v in fields.items() if k[:7] == "msgstr["}
            m.msgstr_plural = dict(sorted(forms.items()))
        elif "msgstr" not in fields:
            raise ParseError("missing 'msgid_plural' section", name, self.lineno)
        else:
            m.msgstr = "".join(fields["msgstr"])
        if plural is not None and "msgstr" in fields:
            raise ParseError("missing 'msgstr[]' section", name, self.lineno)
        for key, attr in (
            ("#|msgctxt", "previous_msgctxt"),
            ("#|msgid", "previous_msgid"),
            ("#|msgid_plural", "previous_msgid_plural"),
        ):
            value = get(key)
            if value is not None:
                setattr(m, attr, "".join(value))
        m.obsolete = self.obsolete
        return m


class _Reader:
    """gettext's PO grammar over decoded lines; `messages` yields each entry as it completes."""

    def __init__(self, name: str | None, codec: str) -> None:
        self.name = name
        self.codec = codec
        self.entry: _Entry | None = None
        self.target: list[str] | None = None  # where the next string goes
        self.target_line = 0
        self.seen: dict[tuple[str | None, str], int] = {}
        self.domains: list[str] = []
        self.domain_line = 0
        self.domain_pending = False  # a domain keyword waits for its name
        self.done: list[Message] = []

    # -- entry boundaries

    def _finish(self) -> None:
        entry = self.entry
        self.entry = None
        self.target = None
        if entry is None:
            return
        message = entry.build(self.name)
        first = self.seen.get(message.key)
        if first is not None:
            raise ParseError(
                f"duplicate message definition (first at line {first})", self.name, entry.lineno
            )
        self.seen[message.key] = entry.lineno
        self.done.append(message)

    def _entry_for_keyword(self, number: int, starts: bool) -> _Entry:
        entry = self.entry
        if entry is not None and entry.has_msgstr and starts:
            self._finish()
            entry = None
        if entry is None:
            entry = self.entry = _Entry(number)
        return entry

    # -- lines

    def comment(self, line: str, number: int) -> None:
        if self.target is not None and not self.target:
            self._check_target(number, 1)
        entry = self.entry
        if entry is not None and entry.has_msgstr:
            self._finish()
            entry = None
        if entry is None:
            entry = self.entry = _Entry(number)
        self.target = None
        add_comment(entry.message, line)

    def _check_target(self, number: int, col: int) -> None:
        """A keyword must be followed by a string before anything else (gettext)."""
        if self.target is not None and not self.target:
            raise ParseError("syntax error: a keyword without its string", self.name, number, col)

    def keyword(
        self, word: str, index: str | None, number: int, col: int, obsolete: bool, previous: bool
    ) -> None:
        if self.target is not None and not self.target:
            self._check_target(number, col)
        if word == "domain":
            self.target = None
            self.domain_line = number
            self.domain_pending = True
            return
        if index is not None:
            if word != "msgstr":
                raise ParseError(f"'[' after {word}", self.name, number, col)
            word = f"msgstr[{int(index)}]"
        is_msgstr = word[:6] == "msgstr"
        if previous and is_msgstr:
            raise ParseError(f"{word} in a #| line", self.name, number, col)
        starts = previous or word in ("msgid", "msgctxt")
        entry = self._entry_for_keyword(number, starts)
        if entry.has_msgstr and not is_msgstr:
            raise ParseError(f"{word} after msgstr", self.name, number, col)
        entry.started = True
        if obsolete:
            entry.obsolete = True
        if previous:
            word = "#|" + word
        elif word == "msgid":
            entry.lineno = entry.message.lineno = number
        if word in entry.fields:
            raise ParseError(f"{word} appears twice in one entry", self.name, number, col)
        value: list[str] = []
        entry.fields[word] = value
        self.target = value
        self.target_line = number
        if is_msgstr:
            entry.has_msgstr = True

    def string(self, body: str, number: int, col: int) -> None:
        value = _unescape(body, self.codec, self.name, number, col)
        if self.domain_pending:
            self.domain_pending = False
            if self.entry is not None and self.entry.started:
                self._finish()
            if value not in self.domains:
                self.domains.append(value)
            return
        if self.target is None:
            raise ParseError("a string that continues no keyword", self.name, number, col)
        self.target.append(value)

    def tokens(self, line: str, number: int, offset: int, obsolete: bool, previous: bool) -> None:
        """Every token of ``line`` (from column ``offset``); a ``#`` ends the line."""
        pos = 0
        end = len(line)
        while pos < end:
            m = _TOKEN.match(line, pos)
            if m is None:  # only blanks left
                return
            word, index, body, hash_, stray = m.groups()
            col = offset + m.start(m.lastindex or 0) + 1
            if word is not None:
                if index is None and line[m.end() :].lstrip(" \t")[:1] == "[":
                    raise ParseError(f"unexpected text {line[m.end():][:30]!r}", self.name,
                                     number, col)  # fmt: skip
                self.keyword(word, index, number, col, obsolete, previous)
            elif body is not None:
                self.string(body, number, col)
            elif hash_ is not None:
                rest = line[m.start(4) :]
                self.line(rest, number, offset + m.start(4))
                return
            elif stray == '"':
                raise ParseError("unterminated string", self.name, number, col)
            elif m.start(5) == pos and pos and line[pos - 1] == '"' and '"' in line[pos:]:
                raise ParseError("unescaped double quote found", self.name, number, col - 1)
            else:
                word = re.match(r"\w*", line[m.start(5) :]).group()  # type: ignore[union-attr]
                what = f"unknown keyword {word!r}" if word else f"unexpected text {stray!r}"
                raise ParseError(what, self.name, number, col)
            pos = m.end()

    def line(self, raw: str, number: int, offset: int = 0) -> None:
        stripped = raw.lstrip(" \t\f\v\r")
        if not stripped:
            return
        offset += len(raw) - len(stripped)
        if stripped[0] != "#":
            m = _SIMPLE_LINE.match(stripped)
            if m is not None:
                word, index, body = m.groups()
                if word is not None:
                    if index is not None:
                        word = "msgstr"
                    self.keyword(word, index, number, offset + 1, False, False)
                target = self.target
                if target is not None and not self.domain_pending and "\\" not in body:
                    target.append(body)  # the common string: nothing to unescape
                else:
                    self.string(body, number, offset + m.start(3))
                return
            self.tokens(stripped, number, offset, False, False)
            return
        mark = stripped[1:2]
        if mark == "~":
            if stripped[2:3] == "|":
                self.tokens(stripped[3:], number, offset + 3, True, True)
            else:
                rest = stripped[2:].lstrip(" \t")
                if rest[:1] == "#":
                    return  # a comment in obsolete form: gettext drops it
                self.tokens(stripped[2:], number, offset + 2, True, False)
        elif mark == "|":
            self.tokens(stripped[2:], number, offset + 2, False, True)
        else:
            self.comment(stripped.rstrip("\r\n"), number)

    def end(self, number: int) -> None:
        self._check_target(number, 1)
        if self.domain_pending:
            raise ParseError("domain without a name", self.name, number)
        entry = self.entry
        if entry is not None and entry.started:
            self._finish()


def read_messages(
    lines: Iterable[str], name: str | None, codec: str = "utf-8"
) -> Iterator[Message]:
    """The entries of decoded PO lines in file order (the header first, as in the file).

    Comments after the last entry belong to none and are dropped, as gettext
    drops them. Bad input raises `ParseError` with the line and column.
    """
    reader = _Reader(name, codec)
    number = yield from read_lines(reader, lines, 0)
    reader.end(number + 1)
    yield from reader.done


def read_lines(reader: _Reader, lines: Iterable[str], number: int) -> Iterator[Message]:
    """Feed ``lines`` (the first is line ``number + 1``) to ``reader``, yielding each entry
    as it completes; returns the number of the last line."""
    done = reader.done
    simple = _SIMPLE_LINE.match
    for number, raw in enumerate(lines, number + 1):  # noqa: B020  (the last one is returned)
        raw = raw.rstrip("\r")
        # The two commonest lines take a short way (what `_Reader.line` does with them,
        # without its dispatch): a string continuing the keyword before it, a comment.
        first = raw[:1]
        if first == '"':
            target = reader.target
            if target is not None and not reader.domain_pending:
                m = simple(raw)
                if m is not None and "\\" not in (body := m.group(3)):
                    target.append(body)
                    continue  # no entry ends on a string: nothing done, no domain
        elif first == "#" and raw[1:2] not in ("~", "|"):
            reader.comment(raw.rstrip("\r\n"), number)
            if done:
                yield from done
                done.clear()
            continue
        reader.line(raw, number)
        if done:
            yield from done
            done.clear()
        if len(reader.domains) > 1:
            raise ParseError(
                "more than one domain (msgmerge reads one without --multi-domain)",
                reader.name,
                reader.domain_line,
            )
    return number


# --------------------------------------------------------------------------- files


def open_po(path: Path, name: str) -> BinaryIO:
    """Open a PO file for reading, OS errors as one-line `InputError`s."""
    if path.is_dir():
        raise InputError("is a directory", name)
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None


def iter_po(path: str | Path) -> tuple[Message | None, Iterator[Message]]:
    """The header entry (None if the file has none) and the other messages, lazily.

    Bad input raises `InputError`/`ParseError` with the line, possibly only
    while iterating.
    """
    name = str(path)
    fh = open_po(Path(path), name)
    try:
        _declared, codec, blocks = text_blocks(fh, name)
    except BaseException:
        fh.close()
        raise

    def all_messages() -> Iterator[Message]:
        from tmkit.formats.po_fast import read_blocks  # it builds on this module

        try:
            yield from read_blocks(blocks, name, codec)
        finally:
            fh.close()

    messages = all_messages()
    try:
        first = next(messages)
    except StopIteration:
        return None, iter(())
    except BaseException:
        fh.close()
        raise
    if first.is_header:
        return first, messages

    def chained() -> Iterator[Message]:
        yield first
        yield from messages

    return None, chained()


def header_catalog(header: Message | None, path: str | None = None) -> Catalog:
    """A catalog holding only ``header``: enough to read the metadata of a streamed file."""
    return Catalog(header=header, path=path)


_CONTEXT_LINE = re.compile(rb"^[ \t]*msgctxt\b", re.MULTILINE)
_PLAIN_CONTEXT = re.compile(rb'\nmsgctxt "([^"\\\r\n]*)"\n(")?')
_SIMPLE_CONTEXT = re.compile(
    rb'^[ \t]*msgctxt[ \t]*"((?:[^"\\\r\n]|\\.)*)"[ \t]*\r?$(?![\r\n]+[ \t]*")', re.MULTILINE
)
_CHARSET_HEAD = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


def contexts_repeat(path: str | Path) -> bool | None:
    """Whether some msgctxt occurs twice among the active entries of a PO file.

    A fast scan of the raw file, not a parse: None when it cannot tell (a
    msgctxt continued on the next line, a charset other than UTF-8); read the
    entries then.
    """
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    head = _CHARSET_HEAD.search(data[:4096])
    if head and head.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8", b"charset"):
        return None
    # the common shape first: every "msgctxt" in the file starts a one-line context
    plain = _PLAIN_CONTEXT.findall(data)
    if len(plain) == data.count(b"msgctxt") and not any(continued for _, continued in plain):
        return len({value for value, _ in plain}) != len(plain)
    values = _SIMPLE_CONTEXT.findall(data)
    if len(values) != len(_CONTEXT_LINE.findall(data)):
        return None
    try:
        decoded = {_unescape(v.decode("utf-8"), "utf-8", str(path), 0, 0) for v in values}
    except (UnicodeDecodeError, ParseError):
        return None
    return len(decoded) != len(values)
