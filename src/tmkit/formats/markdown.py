"""Markdown documents (CommonMark, tables, footnotes, front matter) on markdown-it-py.

Each paragraph, heading, list item and table cell is a run of text and inline
codes (`tmkit.model.codes`): emphasis, strong, links (``[`` … ``](url)``, the
URL kept), images (``![`` alt ``](src)``: the alt text is translated, the URL
kept), inline code, footnote references (``[^1]``), autolinks and inline HTML.
Left alone: code blocks, HTML blocks, link reference definitions, URLs, and the
front matter except the values of the keys named by ``front_matter_keys``
(``title`` and ``description`` by default), written back as YAML double-quoted
strings.

A run none of whose sentences is translated is written back byte for byte. A
translated paragraph that spanned several lines is written on its first line
(the rest of its lines go): Markdown renders it the same.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, BinaryIO

from tmkit.formats.html_tokens import decode
from tmkit.formats.io import Format, register
from tmkit.model.codes import (
    Code,
    Item,
    MarkupDocument,
    SegmentIds,
    Slot,
    Text,
    add_block,
    segment_run,
)
from tmkit.model.codes_render import ESCAPES, render
from tmkit.model.document import Location, Role

FRONT_MATTER_KEYS = ("title", "description")

_ROLES = {"heading": Role.HEADING, "th": Role.HEADING, "td": Role.BODY}


def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(footnote_plugin).use(front_matter_plugin)


def _link_end(attrs: dict[str, Any], key: str) -> str:
    title = attrs.get("title")
    url = str(attrs.get(key, ""))
    if " " in url or not url:
        url = f"<{url}>"
    return f"]({url}" + (f' "{title}"' if title else "") + ")"


def items_of(children: list[Any]) -> list[Item]:
    """markdown-it inline tokens → text and codes (native Markdown in each code)."""
    items: list[Item] = []
    pairs = 0
    stack: list[int] = []
    skip_autolink = False
    for tok in children:
        kind = tok.type
        if skip_autolink:
            if kind == "link_close":
                skip_autolink = False
            continue
        if kind == "text":
            items.append(Text(tok.content, tok.content))
        elif kind == "softbreak":
            items.append(Text("\n", "\n"))
        elif kind == "hardbreak":
            items.append(Code("ph", "\\\n", weak=True))
        elif kind == "code_inline":
            fence = tok.markup or "`"
            pad = " " if tok.content.startswith("`") or tok.content.endswith("`") else ""
            items.append(Code("ph", f"{fence}{pad}{tok.content}{pad}{fence}"))
        elif kind in ("html_inline", "footnote_ref"):
            raw = tok.content if kind == "html_inline" else f"[^{tok.meta['label']}]"
            comment = raw.startswith("<!--")
            items.append(Code("ph", raw, weak=comment, follows=kind == "footnote_ref"))
        elif kind == "link_open" and tok.markup == "autolink":
            items.append(Code("ph", f"<{tok.attrs.get('href', '')}>"))
            skip_autolink = True
        elif kind == "image":
            pairs += 1
            items.append(Code("open", "![", pairs))
            items.extend(items_of(tok.children or []))
            items.append(Code("close", _link_end(tok.attrs, "src"), pairs))
        elif kind.endswith("_open"):
            pairs += 1
            stack.append(pairs)
            raw = "[" if kind == "link_open" else tok.markup
            items.append(Code("open", raw, pairs))
        elif kind.endswith("_close"):
            pair = stack.pop() if stack else 0
            raw = (
                _link_end(tok.meta.get("open_attrs", {}), "href")
                if kind == "link_close"
                else tok.markup
            )
            items.append(Code("close", raw, pair))
        else:
            items.append(Code("ph", tok.content or tok.markup))
    return items


def _pair_link_attrs(children: list[Any]) -> None:
    """Give each link_close the attributes of its link_open (markdown-it keeps them on the open)."""
    opens: list[Any] = []
    for tok in children:
        if tok.type == "link_open":
            opens.append(tok)
        elif tok.type == "link_close":
            tok.meta["open_attrs"] = opens.pop().attrs if opens else {}


class _Reader:
    def __init__(self, text: str, name: str, split, ids, keys: tuple[str, ...]):
        self.text = text
        self.name = name
        self.split = split
        self.ids = ids
        self.keys = keys
        self.doc = MarkupDocument(path=name, format="markdown")
        self.starts = [0]
        for m in re.finditer("\n", text):
            self.starts.append(m.end())
        self.slots: list[tuple[int, int, Slot, Role, str, int]] = []

    def offset(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self.offset(line) : self.offset(line + 1)]

    def add(self, start: int, end: int, items: list[Item], role: Role, line: int, ctx="") -> None:
        where = Location(self.name, line + 1, 1)
        slot = segment_run(items, self.split, self.ids, where, attribute=bool(ctx))
        slot.raw = self.text[start:end]
        if ctx:
            slot.prefix = slot.suffix = '"'
        self.slots.append((start, end, slot, role, ctx, line + 1))

    def inline(self, tok: Any, role: Role, cursor: int) -> int:
        """Locate an inline token's content in the source; returns the new cursor."""
        content = tok.content
        if not content.strip() or tok.map is None:
            return cursor
        first = content.split("\n")
        begin = max(cursor, self.offset(tok.map[0]))
        start = self.text.find(first[0], begin)
        if start < 0:
            self.doc.notes.append(f"{tok.map[0] + 1}: text not found in the source; left alone")
            return cursor
        end = start + len(first[0])
        for line in first[1:]:
            nxt = self.text.find(line, end)
            if nxt < 0:
                break
            end = nxt + len(line)
        children = tok.children or []
        _pair_link_attrs(children)
        self.add(start, end, items_of(children), role, tok.map[0])
        return end

    def front_matter(self, tok: Any) -> None:
        start = self.offset(tok.map[0])
        block = self.text[start : self.offset(tok.map[1])]
        keys = "|".join(re.escape(k) for k in self.keys)
        for m in re.finditer(rf"(?m)^(?:{keys})[ \t]*:[ \t]*(?P<v>\S[^\r\n]*?)[ \t]*$", block):
            raw = m.group("v")
            value = raw
            if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
                value = json.loads(raw) if raw[0] == '"' else raw[1:-1].replace("''", "'")
            line = tok.map[0] + block.count("\n", 0, m.start())
            key = m.group(0).split(":")[0].strip()
            self.add(
                start + m.start("v"),
                start + m.end("v"),
                [Text(value, raw)],
                Role.TITLE,
                line,
                f"front matter: {key}",
            )

    def read(self) -> MarkupDocument:
        tokens = _parser().parse(self.text)
        cursor = 0
        role = Role.BODY
        for tok in tokens:
            if tok.type == "front_matter":
                self.front_matter(tok)
            elif tok.type in ("heading_open", "th_open", "td_open"):
                role = _ROLES[tok.type.split("_")[0]]
                if tok.type == "heading_open" and tok.markup == "#":
                    role = Role.TITLE
            elif tok.type in ("footnote_open",):
                role = Role.FOOTNOTE
            elif tok.type in ("heading_close", "th_close", "td_close", "footnote_close"):
                role = Role.BODY
            elif tok.type == "inline":
                cursor = self.inline(tok, role, cursor)
        pos = 0
        for start, end, slot, block_role, ctx, line in sorted(self.slots, key=lambda s: s[0]):
            if start < pos:
                continue
            self.doc.pieces.append(self.text[pos:start])
            add_block(self.doc, slot, block_role, ctx, line)
            pos = end
        self.doc.pieces.append(self.text[pos:])
        self.doc.pieces = [p for p in self.doc.pieces if p != ""]
        return self.doc


def parse_markdown(
    text: str,
    name: str,
    split: Callable[[str], list[str]],
    ids: Callable[[str], str],
    front_matter_keys: tuple[str, ...] = FRONT_MATTER_KEYS,
) -> MarkupDocument:
    return _Reader(text, name, split, ids, tuple(front_matter_keys)).read()


def read_markdown(stream: BinaryIO, name: str, **options: Any) -> MarkupDocument:
    """Gateway reader. Options: ``split``, ``ids``, ``front_matter_keys``."""
    text, codec, bom = decode(stream.read(), name)
    doc = parse_markdown(
        text,
        name,
        options.get("split") or (lambda s: [s]),
        options.get("ids") or SegmentIds(),
        options.get("front_matter_keys") or FRONT_MATTER_KEYS,
    )
    doc.encoding, doc.bom = codec, bom
    return doc


def _escape(text: str, quote: bool = False) -> str:
    if quote:  # a front matter value: a YAML double-quoted string's inside
        return json.dumps(text, ensure_ascii=False)[1:-1]
    return ESCAPES["markdown"](text, False)


def write_markdown(doc: MarkupDocument, stream: BinaryIO, **options: Any) -> list[str]:
    """Gateway writer: ``translate(segment) -> str | None``; returns warnings."""
    warnings: list[str] = []

    def warn(seg, message: str) -> None:
        warnings.append(f"{seg.location}: {seg.id}: {message}")

    text = render(doc, options.get("translate") or (lambda _s: None), None, warn, _escape)
    stream.write(doc.bom + text.encode(doc.encoding, errors="strict"))
    return warnings


_MD_HINTS = re.compile(rb"(?m)^(#{1,6} |\* |- |> |```|\d+\. )|\*\*[^*\n]+\*\*|\]\([^)\s]+\)")


def looks_like_markdown(head: bytes) -> bool:
    return len(_MD_HINTS.findall(head[:4096])) >= 2


register(
    Format(
        name="markdown",
        kind="document",
        extensions=(".md", ".markdown", ".mdown"),
        read=read_markdown,
        write=write_markdown,
        sniff=looks_like_markdown,
        summary="Markdown (CommonMark, tables, footnotes, front matter), rebuilt translated",
    )
)
