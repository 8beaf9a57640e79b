"""Read a PO file entry by entry, in constant memory.

`iter_po` gives the header and a lazy iterator of messages, the same
`Message` values `tmkit.formats.po.read_po` builds (the tests hold it to that),
without holding the file or the catalog in memory. It exists for the large
conversions (``tmkit merge big.po -o big.tmx``); everything else should use
``read_po``. It follows polib's reading where polib and gettext differ, so the
two readers agree: ``\\n``, ``\\t``, ``\\r``, ``\\\\`` and ``\\"`` are the
escapes, other backslashes stay; ``#~|`` lines are the previous fields of an
obsolete entry.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from tmkit.model.catalog import Catalog, Message
from tmkit.model.errors import InputError, ParseError

_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_ESCAPE = re.compile(r"\\(\\|n|t|r|\")")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}
_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], value)


def _charset(path: Path, name: str) -> tuple[str, bool]:
    """The charset the header declares (default utf-8), and whether the file starts with a BOM."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a PO file", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    bom = head.startswith(codecs.BOM_UTF8)
    match = _CHARSET.search(head)
    charset = match.group(1).decode("ascii") if match else "utf-8"
    if charset.upper() == "CHARSET":
        charset = "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise InputError(f"unknown charset {charset!r} in the header", name) from None
    return charset, bom


class _Entry:
    """The fields of the entry being read; becomes a `Message`."""

    __slots__ = ("fields", "lineno", "message", "obsolete", "target", "translated_seen")

    def __init__(self, lineno: int) -> None:
        self.message = Message(msgid="", lineno=lineno)
        self.fields: dict[str, list[str]] = {}
        self.lineno = lineno
        self.target: list[str] | None = None  # where continuation lines go
        self.obsolete = False
        self.translated_seen = False  # a msgstr was read: the next keyword starts an entry

    def build(self) -> Message:
        m = self.message
        fields = self.fields
        get = fields.get
        m.msgid = "".join(get("msgid", ()))
        ctxt = get("msgctxt")
        m.msgctxt = "".join(ctxt) if ctxt is not None else None
        plural = get("msgid_plural")
        m.msgid_plural = "".join(plural) if plural is not None else None
        if m.msgid_plural is not None:
            forms = {int(k[7:-1]): "".join(v) for k, v in fields.items() if k.startswith("msgstr[")}
            m.msgstr_plural = dict(sorted(forms.items()))
        m.msgstr = "".join(get("msgstr", ()))
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


def _quoted(text: str, name: str, line: int) -> str:
    """The value of a quoted string; ``text`` is already stripped."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ParseError("unterminated string" if text[:1] == '"' else "syntax error", name, line)
    body = text[1:-1]
    if body.endswith("\\") and (len(body) - len(body.rstrip("\\"))) % 2 == 1:
        raise ParseError("unterminated string", name, line)
    if '"' in body and re.search(r'(?:^|[^\\])(?:\\\\)*"', body):
        raise ParseError("unescaped double quote found", name, line)
    return _unescape(body)


def _messages(lines: Iterator[str], name: str) -> Iterator[Message]:
    entry: _Entry | None = None
    seen: dict[tuple[str | None, str], int] = {}

    def finish(e: _Entry) -> Message:
        message = e.build()
        if not message.obsolete:
            first = seen.get(message.key)
            if first is not None:
                raise ParseError(
                    f"duplicate message definition (first at line {first})", name, e.lineno
                )
            seen[message.key] = e.lineno
        return message

    for number, raw in enumerate(lines, 1):
        # comments keep trailing blanks (as read_po reads them); the rest is stripped
        line = raw.rstrip("\r\n").lstrip(" \t")
        if not line:
            continue
        first = line[0]
        obsolete = previous = False
        if first == "#":
            second = line[1:2]
            if second == "~":
                if line[2:3] == "|":
                    line = line[3:].strip()
                    previous = True
                else:
                    line = line[2:].strip()
                    if not line or line[0] == "#":
                        continue  # read_po reads no comments in obsolete form
                obsolete = True
            elif second == "|":
                line = line[2:].strip()
                previous = True
            else:
                # a comment: it starts a new entry when the current one is complete
                if entry is not None and entry.translated_seen:
                    yield finish(entry)
                    entry = None
                if entry is None:
                    entry = _Entry(number)
                m = entry.message
                if second == ".":
                    text = line[2:]
                    m.extracted_comments.append(text[1:] if text[:1] == " " else text)
                elif second == ":" or second == ",":
                    if len(line) > 2 and line[2] not in " \t":
                        raise ParseError(f"unexpected text {line[:30]!r}", name, number)
                    if second == ":":
                        m.references.extend(line[2:].split())
                    else:
                        m.flags.extend(f for f in (p.strip() for p in line[2:].split(",")) if f)
                else:
                    text = line[1:]
                    m.translator_comments.append(text[1:] if text[:1] == " " else text)
                entry.target = None
                continue
            if not line:
                raise ParseError("syntax error", name, number)
        else:
            line = line.rstrip()
            if not line:
                continue  # only other white space
        if line[0] == '"':
            if entry is None or entry.target is None:
                raise ParseError("a string continues nothing", name, number)
            entry.target.append(_quoted(line, name, number))
            continue
        keyword, _, rest = line.partition(" ")
        if rest[:1] != '"':
            keyword, sep, rest = line.partition('"')
            keyword, rest = keyword.strip(), (sep + rest).strip()
        if keyword not in _KEYWORDS and not (keyword[:7] == "msgstr[" and keyword[-1] == "]"):
            raise ParseError(f"unexpected text {line[:30]!r}", name, number)
        is_target = keyword[:6] == "msgstr"
        if previous and is_target:
            raise ParseError(f"{keyword} in a #| line", name, number)
        if entry is None:
            entry = _Entry(number)
        elif entry.translated_seen and (previous or keyword == "msgid" or keyword == "msgctxt"):
            yield finish(entry)
            entry = _Entry(number)
        if obsolete:
            entry.obsolete = True
        if previous:
            keyword = "#|" + keyword
        elif keyword == "msgid":
            entry.lineno = entry.message.lineno = number  # as read_po: the msgid line
        fields = entry.fields
        if keyword in fields:
            raise ParseError(f"{keyword} appears twice in one entry", name, number)
        value = [_quoted(rest, name, number)]
        fields[keyword] = value
        entry.target = value
        if is_target:
            entry.translated_seen = True
    if entry is not None:
        if "msgid" not in entry.fields:
            if entry.fields:
                raise ParseError("an entry without msgid", name, entry.lineno)
            return  # trailing comments belong to no entry
        yield finish(entry)


def iter_po(path: str | Path) -> tuple[Message | None, Iterator[Message]]:
    """The header entry (None if the file has none) and the other messages, lazily.

    Bad input raises `InputError`/`ParseError` with the line, possibly only
    while iterating.
    """
    name = str(path)
    p = Path(path)
    charset, bom = _charset(p, name)
    encoding = "utf-8-sig" if bom and charset.lower() in ("utf-8", "utf8") else charset
    fh = open(p, encoding=encoding)  # noqa: SIM115 - closed by the generator that reads it

    def lines() -> Iterator[str]:
        try:
            number = 0
            for number, line in enumerate(fh, 1):  # noqa: B007 - used after the loop
                yield line
        except UnicodeDecodeError as exc:
            raise InputError(
                f"cannot decode as {charset}: {exc.reason}", name, number + 1
            ) from None
        finally:
            fh.close()

    messages = _messages(lines(), name)
    try:
        first = next(messages)
    except StopIteration:
        return None, (m for m in ())
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


def contexts_repeat(path: str | Path) -> bool | None:
    """Whether some msgctxt occurs twice among the active entries of a PO file.

    A fast scan of the raw file: None when it cannot tell (a msgctxt continued
    on the next line, a charset other than UTF-8); read the entries then.
    """
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    head = _CHARSET.search(data[:4096])
    if head and head.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8", b"charset"):
        return None
    # the common shape first: every "msgctxt" in the file starts a one-line context
    plain = _PLAIN_CONTEXT.findall(data)
    if len(plain) == data.count(b"msgctxt") and not any(continued for _, continued in plain):
        return len({value for value, _ in plain}) != len(plain)
    values = _SIMPLE_CONTEXT.findall(data)
    if len(values) != len(_CONTEXT_LINE.findall(data)):
        return None
    decoded = {_unescape(v.decode("utf-8", "replace")) for v in values}
    return len(decoded) != len(values)
