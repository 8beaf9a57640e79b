"""HTML bytes → text and tokens: the declared encoding, and tokens that keep their raw source.

Tokens come from the standard library's `html.parser` (the WHATWG-style
tokenizer Python ships) rather than a tree builder, because a rebuilt page must
keep every byte that is not translated: each token carries the exact slice of
the source it was read from, and the slices concatenate to the page.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from tmkit.model.errors import InputError

_XML_DECL = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._-]+)""", re.IGNORECASE)
#: WHATWG encoding labels → Python codecs (browsers read Shift_JIS as Windows-31J).
_LABELS = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "euc-jp": "euc_jp",
    "iso-2022-jp": "iso2022_jp",
}


def decode(data: bytes, name: str) -> tuple[str, str, bytes]:
    """Text, codec and BOM: BOM, then XML declaration, then ``<meta charset>``, else UTF-8."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _decode(data[len(bom) :], codec, name), codec, bom
    head = data[:4096]
    m = _XML_DECL.match(head) or _META.search(head)
    label = m.group(1).decode("ascii").lower() if m else "utf-8"
    codec = _LABELS.get(label, label)
    try:
        codecs.lookup(codec)
    except LookupError:
        raise InputError(f"unknown declared encoding {label!r}", name) from None
    if codec.replace("-", "").replace("_", "") in ("utf16", "utf32"):
        codec = "utf-8"  # a page that says UTF-16 without a BOM is UTF-8 (WHATWG)
    return _decode(data, codec, name), codec, b""


def _decode(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"not valid {codec} (byte {err.start})", name, line) from None


def looks_like_html(head: bytes) -> bool:
    text = head[:2048].lstrip().lower()
    return (text.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in text) or (
        bool(re.search(rb"<(p|div|h[1-6]|body|br|span|a\s)[\s>/]", text)) and text.count(b"<") >= 3
    )


@dataclass(slots=True)
class Token:
    kind: str  # start, end, startend, data, other
    start: int
    tag: str = ""
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    text: str = ""
    raw: str = ""
    line: int = 0


class _Tokenizer(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []
        self._line_starts = [0]
        for m in re.finditer("\n", text):
            self._line_starts.append(m.end())

    def _at(self) -> tuple[int, int]:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col, line

    def _add(self, kind: str, **kw: Any) -> None:
        pos, line = self._at()
        self.tokens.append(Token(kind, pos, line=line, **kw))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag=tag, attrs=attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("startend", tag=tag, attrs=attrs)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag=tag)

    def handle_data(self, data: str) -> None:
        self._add("data", text=data)

    def handle_comment(self, data: str) -> None:
        self._add("other")

    def handle_decl(self, decl: str) -> None:
        self._add("other")

    def handle_pi(self, data: str) -> None:
        self._add("other")

    def unknown_decl(self, data: str) -> None:
        self._add("other")


def tokenize(text: str) -> list[Token]:
    """Every token with its raw source; the raws concatenate to ``text``."""
    parser = _Tokenizer(text)
    parser.feed(text)
    parser.close()
    tokens = parser.tokens
    for k, tok in enumerate(tokens):
        end = tokens[k + 1].start if k + 1 < len(tokens) else len(text)
        tok.raw = text[tok.start : end]
    if tokens and tokens[0].start:
        tokens.insert(
            0, Token("data", 0, text=text[: tokens[0].start], raw=text[: tokens[0].start])
        )
    return tokens
