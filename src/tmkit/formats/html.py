"""HTML and XHTML documents: read into segments with inline codes, written back translated.

Tokens come from the standard library's `html.parser` (the WHATWG-style
tokenizer Python ships), not a tree builder: a tree (lxml, html5lib) forgets how
the page was written (attribute quotes, entities, indentation), and a rebuilt
page must keep every byte that is not translated. Each token keeps its raw
source; the structure (blocks, inline codes, left-alone regions) is worked out
with a stack of open elements. What is a block, a code or left alone is data
below (`BLOCK_ROLES`, `INLINE`, `LEFT_ALONE` …); the segment rules are in
`tmkit.model.codes`.

Left alone: ``script``, ``style``, ``template``, ``pre``, ``textarea``, ``svg``,
``math``, comments, anything with ``translate="no"`` or class ``notranslate``
(inline: one placeholder code). Ruby: the base text is translated and the
reading (``<rt>``, ``<rp>``) is dropped from the target.

Broken markup is recovered the way browsers do where it is cheap (an unclosed
``<p>`` ends at the next block) and noted otherwise: an inline tag left open at
the end of its block, or a close tag with nothing to close, becomes a
placeholder code, so no text is ever lost. Every such recovery is in
``MarkupDocument.notes`` and printed as a warning by ``extract``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from tmkit.formats.html_tokens import Token, decode, looks_like_html, tokenize
from tmkit.formats.io import Format, register
from tmkit.model.codes import (
    Code,
    Item,
    Lang,
    MarkupDocument,
    Piece,
    SegmentIds,
    Text,
    add_block,
    segment_run,
)
from tmkit.model.codes_render import render
from tmkit.model.document import Location, Role, Speaker


def _words(text: str) -> list[str]:
    return text.split()


#: Elements whose text is a block of its own, and the role it gets.
BLOCK_ROLES: dict[str, Role] = {
    "title": Role.TITLE,
    "h1": Role.TITLE,
    **{f"h{n}": Role.HEADING for n in range(2, 7)},
    "figcaption": Role.CAPTION,
    "caption": Role.CAPTION,
    "legend": Role.CAPTION,
}

#: Inline elements: tags inside a block, kept as codes.
INLINE = frozenset(
    _words(
        "a abbr acronym b bdi bdo big br button cite data del dfn em font i img input ins "
        "label mark q rb ruby s small span strike strong sub sup time tt u wbr"
    )
)
#: Inline elements whose whole content is left alone: one placeholder code.
INLINE_OPAQUE = frozenset(
    _words("code kbd samp var svg math script style iframe object video audio")
)
#: Elements whose content is never offered for translation.
LEFT_ALONE = frozenset(_words("script style template pre textarea svg math noscript iframe object"))
#: Ruby readings and their parentheses: dropped from the target.
RUBY_READING = frozenset({"rt", "rp", "rtc"})
VOID = frozenset(
    _words("area base br col embed hr img input link meta param source track wbr keygen")
)
#: Attributes translated wherever they occur.
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
#: Start tags that end an open ``<p>`` (HTML's implied end tags).
_CLOSES_P = frozenset(
    _words(
        "address article aside blockquote details div dl fieldset figcaption figure footer "
        "form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul"
    )
)
_SIBLINGS = {
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}

_ATTR = re.compile(
    r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'=<>`]+)))?"""
)


# --- tokens → document -------------------------------------------------------


@dataclass(slots=True)
class _Open:
    tag: str
    pair: int = 0  # inline code pair id
    role: Role | None = None
    speaker: Speaker | None = None


def _classes(attrs: list[tuple[str, str | None]]) -> set[str]:
    return set((dict(attrs).get("class") or "").split())


def _left_alone(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    values = dict(attrs)
    return (
        tag in LEFT_ALONE
        or (values.get("translate") or "").lower() == "no"
        or "notranslate" in _classes(attrs)
    )


class _Reader:
    def __init__(self, text: str, name: str, split: Callable[[str], list[str]], ids, lang: str):
        self.name = name
        self.split = split
        self.ids = ids
        self.lang = lang.split("-")[0].lower()
        self.doc = MarkupDocument(path=name, format="html")
        self.stack: list[_Open] = []
        self.run: list[Item] = []
        self.run_line = 0
        self.pairs = 0
        self.tokens = tokenize(text)

    # skeleton and runs

    def emit(self, piece: Piece) -> None:
        pieces = self.doc.pieces
        if isinstance(piece, str) and pieces and isinstance(pieces[-1], str):
            pieces[-1] += piece
        elif piece != "":
            pieces.append(piece)

    def role(self) -> tuple[Role, Speaker | None]:
        for entry in reversed(self.stack):
            if entry.role is not None:
                return entry.role, entry.speaker
        return Role.BODY, None

    def flush(self) -> None:
        run, self.run = self.run, []
        if not run:
            return
        open_pairs = {it.pair for it in run if isinstance(it, Code) and it.kind == "open"}
        closed = {it.pair for it in run if isinstance(it, Code) and it.kind == "close"}
        for it in run:  # unbalanced tags inside a block: placeholders, nothing lost
            if (
                isinstance(it, Code)
                and it.kind in ("open", "close")
                and (it.pair not in open_pairs or it.pair not in closed)
            ):
                it.kind = "ph"
        if not any(isinstance(it, Text) and it.text.strip() for it in run):
            self.emit("".join(it.raw for it in run))
            return
        role, speaker = self.role()
        where = Location(self.name, self.run_line, 1)
        slot = segment_run(run, self.split, self.ids, where)
        add_block(self.doc, slot, role, line=self.run_line)
        if (
            speaker is not None
            and self.doc.blocks
            and self.doc.blocks[-1].segments == slot.segments
        ):
            self.doc.blocks[-1].speaker = speaker

    def to_run(self, item: Item, line: int) -> None:
        if not self.run:
            self.run_line = line
        self.run.append(item)

    # tags

    def tag_pieces(self, tok: Token) -> list[Piece]:
        """A start tag's raw split into skeleton, translatable attribute values and ``lang``."""
        raw = inside = tok.raw
        pieces: list[Piece] = []
        pos = len(tok.tag) + 1
        values = dict(tok.attrs)
        wanted = set(ATTRIBUTES)
        if tok.tag == "meta" and (values.get("name") or "").lower() in ("description", "keywords"):
            wanted.add("content")
        if tok.tag == "input" and (values.get("type") or "").lower() in (
            "button",
            "submit",
            "reset",
        ):
            wanted.add("value")
        for m in _ATTR.finditer(inside, pos):
            name = m.group("name").lower()
            group = next((g for g in ("dq", "sq", "uq") if m.group(g) is not None), None)
            if group is None:
                continue
            a, b = m.span(group)
            value = m.group(group)
            if name in ("lang", "xml:lang") and value.split("-")[0].lower() == self.lang:
                pieces.append(inside[pos:a])
                pieces.append(Lang(value))
                pos = b
            elif name in wanted and value.strip():
                decoded = html.unescape(value)
                where = Location(self.name, tok.line, 1)
                slot = segment_run([Text(decoded, value)], self.split, self.ids, where, True)
                if group == "sq":
                    slot.quote = "'"
                elif group == "uq":  # a translation may hold spaces: quote it
                    slot.prefix = slot.suffix = '"'
                if slot.segments:
                    pieces.append(inside[pos:a])
                    add_block(self.doc, slot, Role.BODY, f"attribute: <{tok.tag} {name}>", tok.line)
                    self.doc.pieces.pop()  # add_block appended it; it goes inside the tag
                    pieces.append(slot)
                    pos = b
        pieces.append(raw[pos:])
        pieces.insert(0, raw[: len(tok.tag) + 1])
        return pieces

    def tag_raw(self, tok: Token) -> str:
        """A start tag for use as a code: attributes are translated through ``natives``."""
        pieces = self.tag_pieces(tok)
        if any(not isinstance(p, str) for p in pieces):
            self.doc.natives[tok.raw] = pieces
        return tok.raw

    def close_to(self, tag: str) -> bool:
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                return True
        return False

    def implied_end(self, tag: str) -> None:
        if tag in _CLOSES_P and self.stack and self.stack[-1].tag == "p":
            self.stack.pop()
        siblings = _SIBLINGS.get(tag)
        if siblings and self.stack and self.stack[-1].tag in siblings:
            self.stack.pop()

    def opaque(self, k: int) -> tuple[str, int]:
        """Raw of an element left alone, from its start token ``k`` to its end; next index."""
        tag = self.tokens[k].tag
        depth = 0
        out = []
        for j in range(k, len(self.tokens)):
            tok = self.tokens[j]
            out.append(tok.raw)
            if tok.kind == "start" and tok.tag == tag:
                depth += 1
            elif tok.kind == "end" and tok.tag == tag:
                depth -= 1
                if depth == 0:
                    return "".join(out), j + 1
        self.doc.notes.append(f"{self.tokens[k].line}: <{tag}> is never closed; left alone")
        return "".join(out), len(self.tokens)

    def read(self) -> MarkupDocument:
        tokens = self.tokens
        k = 0
        while k < len(tokens):
            tok = tokens[k]
            k += 1
            if tok.kind == "data":
                if self.run or tok.text.strip():
                    self.to_run(Text(tok.text, tok.raw), tok.line)
                else:
                    self.emit(tok.raw)
            elif tok.kind == "other":
                if self.run:
                    self.to_run(Code("ph", tok.raw, weak=True), tok.line)
                else:
                    self.emit(tok.raw)
            elif tok.kind in ("start", "startend"):
                k = self.start(tok, k)
            else:
                self.end(tok)
        self.flush()
        return self.doc

    def start(self, tok: Token, k: int) -> int:
        tag, attrs = tok.tag, tok.attrs
        void = tok.kind == "startend" or tag in VOID
        inline = tag in INLINE or tag in INLINE_OPAQUE or tag in RUBY_READING
        if inline and (tag in INLINE_OPAQUE or tag in RUBY_READING or _left_alone(tag, attrs)):
            raw, nxt = (tok.raw, k) if void else self.opaque(k - 1)
            kind = "drop" if tag in RUBY_READING else "ph"
            self.to_run(Code(kind, raw), tok.line)  # type: ignore[arg-type]
            return nxt
        if inline:
            raw = self.tag_raw(tok)
            if void:
                self.to_run(Code("ph", raw, weak=tag in ("br", "wbr")), tok.line)
            else:
                self.pairs += 1
                self.stack.append(_Open(tag, self.pairs))
                self.to_run(Code("open", raw, self.pairs), tok.line)
            return k
        # a block-level tag: ends the run
        self.flush()
        self.implied_end(tag)
        if _left_alone(tag, attrs) and not void:
            raw, nxt = self.opaque(k - 1)
            self.emit(raw)
            return nxt
        for piece in self.tag_pieces(tok):
            self.emit(piece)
        if not void:
            role = BLOCK_ROLES.get(tag)
            classes = _classes(attrs)
            speaker = None
            if "question" in classes or dict(attrs).get("data-speaker") == "interviewer":
                role, speaker = Role.QUESTION, Speaker.INTERVIEWER
            elif "footnotes" in classes or dict(attrs).get("role") in (
                "doc-endnotes",
                "doc-footnote",
            ):
                role = Role.FOOTNOTE
            elif "profile" in classes:
                role = Role.PROFILE
            self.stack.append(_Open(tag, role=role, speaker=speaker))
        return k

    def end(self, tok: Token) -> None:
        tag = tok.tag
        if tag in INLINE:
            for entry in reversed(self.stack):
                if entry.tag == tag and entry.pair:
                    self.close_to(tag)
                    self.to_run(Code("close", tok.raw, entry.pair), tok.line)
                    return
            self.doc.notes.append(f"{tok.line}: </{tag}> closes nothing; kept as a code")
            self.to_run(Code("ph", tok.raw), tok.line)
            return
        self.flush()
        if not self.close_to(tag) and tag not in ("html", "body", "head", "p", "br"):
            self.doc.notes.append(f"{tok.line}: </{tag}> closes nothing; kept")
        self.emit(tok.raw)


def parse_html(
    text: str,
    name: str,
    split: Callable[[str], list[str]],
    ids: Callable[[str], str],
    source_lang: str = "ja",
) -> MarkupDocument:
    """The document model and skeleton of an HTML page (already decoded)."""
    return _Reader(text, name, split, ids, source_lang).read()


def read_html(stream: BinaryIO, name: str, **options: Any) -> MarkupDocument:
    """Gateway reader. Options: ``split`` (the sentence splitter), ``ids``, ``source_lang``."""
    text, codec, bom = decode(stream.read(), name)
    doc = parse_html(
        text,
        name,
        options.get("split") or (lambda s: [s]),
        options.get("ids") or _default_ids(),
        options.get("source_lang", "ja"),
    )
    doc.encoding, doc.bom = codec, bom
    return doc


def _default_ids() -> Callable[[str], str]:
    return SegmentIds()


def render_html(
    doc: MarkupDocument,
    translate: Callable[[Any], str | None],
    target_lang: str | None,
    warn: Callable[[Any, str], None] = lambda _s, _m: None,
) -> str:
    natives = doc.natives
    if not natives:
        return render(doc, translate, target_lang, warn)
    # codes whose tag holds translatable attributes: translate them inside the tag
    sub = {
        raw: render(
            MarkupDocument(path=doc.path, format="html", pieces=list(pieces)),
            translate,
            target_lang,
            warn,
        )
        for raw, pieces in natives.items()
    }
    text = render(doc, translate, target_lang, warn)
    return text if not sub else _replace_natives(text, sub)


_START_TAG = re.compile(r"""<[A-Za-z](?:[^<>"']|"[^"]*"|'[^']*')*>""")


def _replace_natives(text: str, sub: dict[str, str]) -> str:
    """Each start tag that holds translatable attributes, with them translated (one pass)."""
    return _START_TAG.sub(lambda m: sub.get(m.group(0), m.group(0)), text)


def write_html(doc: MarkupDocument, stream: BinaryIO, **options: Any) -> list[str]:
    """Gateway writer: ``translate(segment) -> str | None``, ``target_lang``; returns warnings."""
    warnings: list[str] = []

    def warn(seg, message: str) -> None:
        warnings.append(f"{seg.location}: {seg.id}: {message}")

    text = render_html(
        doc, options.get("translate") or (lambda _s: None), options.get("target_lang"), warn
    )
    stream.write(doc.bom + text.encode(doc.encoding, errors="xmlcharrefreplace"))
    return warnings


register(
    Format(
        name="html",
        kind="document",
        extensions=(".html", ".htm", ".xhtml"),
        read=read_html,
        write=write_html,
        sniff=looks_like_html,
        summary="HTML/XHTML pages: inline tags as codes, rebuilt translated",
    )
)
