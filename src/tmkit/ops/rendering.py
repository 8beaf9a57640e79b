"""Rendering rules of a rebuilt target document: plain text and Markdown.

The translated segments say what the document says; these rules decide how an
English reader sees it. They are configured once per project, for its target
language (``[tool.tmkit.render]``), and never touch the source:

- headings (and the title) stand apart from captions: blank lines around them,
  underlined in plain text (``===`` for the title, ``---`` for headings, at most
  79 characters), ``#`` and
  ``##`` in Markdown; brackets that mark a heading in Japanese (【】, <>) are dropped;
- captions take one form, ``caption = "Image: {text}"``, italic in Markdown;
- questions are introduced once, the same way: ``question = "q"`` (``Q: …``) or
  ``"dash"`` (``— …``), bold in Markdown;
- footnote markers agree: ``[1]`` in the text and ``[1] …`` in the note list, or
  Markdown footnotes ``[^1]`` / ``[^1]: …``; a translation may write a marker as
  ``[1]``, ``[Note 1]``, and start its note with ``[1]``, ``Note 1)`` or ``1)``;
- one quote style, ``quotes = "curly"`` (“…” ‘…’ and ’) or ``"straight"``;
- Japanese typography left in a translation (──, 「」, （）, 【】, full-width
  spaces) becomes its English counterpart; runs of blank lines become one.

Targets in Japanese, Chinese or Korean keep the source's typography unless the
project configures rules for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tmkit.model import UNTRANSLATED_ROLES, Block, Document, Role

QUESTION_STYLES = {"q": "Q: ", "dash": "— "}
QUOTE_STYLES = ("curly", "straight")
HEADING_STYLES = ("underline", "plain")
#: the keys of ``[tool.tmkit.render]`` and the values each takes (None: any text)
KEYS: dict[str, tuple[str, ...] | None] = {
    "question": tuple(QUESTION_STYLES),
    "quotes": QUOTE_STYLES,
    "headings": HEADING_STYLES,
    "caption": None,
}
#: an underline longer than a terminal line would wrap into a second rule
UNDERLINE_MAX = 79
#: target languages whose documents keep the source's typography by default
KEEP_SOURCE_TYPOGRAPHY = frozenset({"ja", "zh", "ko"})


@dataclass(frozen=True, slots=True)
class RenderRules:
    question: str = "q"
    quotes: str = "curly"
    headings: str = "underline"
    caption: str = "Image: {text}"
    #: False: the rebuild writes the source's layout with translated text (CJK targets)
    english: bool = True

    @classmethod
    def for_language(cls, lang: str, config: Mapping[str, str] | None = None) -> RenderRules:
        config = dict(config or {})
        english = bool(config) or lang.split("-")[0].lower() not in KEEP_SOURCE_TYPOGRAPHY
        return cls(english=english, **config)


# ---------------------------------------------------------------- text clean-up

#: Japanese punctuation a translation may carry over, and its English counterpart
_JAPANESE_MARKS = str.maketrans(
    {
        "─": "—",
        "―": "—",
        "「": "“",
        "」": "”",
        "『": "‘",
        "』": "’",
        "（": "(",
        "）": ")",
        "【": "[",
        "】": "]",
        "［": "[",
        "］": "]",
        "〈": "‘",
        "〉": "’",
        "《": "“",
        "》": "”",
        "＜": "<",
        "＞": ">",
        "\u3000": " ",
    }
)
_DASH_RUN = re.compile(r"—{2,}")
_OPEN_CONTEXT = r"(^|[\s(\[{“‘—–-])"
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
#: a footnote reference in running text: [1] or [Note 1]
_REF = re.compile(r"\[(?:Note\s*)?(\d+)\]")
#: the number a footnote starts with: [1], Note 1), 1)
_NOTE_START = re.compile(r"^(?:\[(?:Note\s*)?(\d+)\]|Note\s*(\d+)\)|(\d+)\))\s*")
#: brackets that mark a whole heading in Japanese layout
_BRACKETED = re.compile(r"^[<\[【〈＜《](.+)[>\]】〉＞》]$")


def english_text(text: str, quotes: str) -> str:
    """Japanese marks to English ones, then one quote style."""
    text = _DASH_RUN.sub("—", text.translate(_JAPANESE_MARKS))
    text = " ".join(text.split())
    if quotes == "straight":
        return text.translate(_STRAIGHT)
    text = re.sub(_OPEN_CONTEXT + '"', r"\1“", text).replace('"', "”")
    return re.sub(_OPEN_CONTEXT + "'", r"\1‘", text).replace("'", "’")


# ---------------------------------------------------------------- the blocks


@dataclass(frozen=True, slots=True)
class Piece:
    """One block of the rendered document: its role, its text, its footnote number."""

    role: Role
    text: str
    note: str | None = None
    #: the source put this block on the line right after the previous one
    tight: bool = False


def pieces(doc: Document, table: dict[str, str], rules: RenderRules) -> list[Piece]:
    """The document's blocks in English typography, markers resolved, ready to lay out."""
    out: list[Piece] = []
    previous: Block | None = None
    for block in doc.blocks:
        if block.role in UNTRANSLATED_ROLES or not block.segments:
            continue
        texts = [table.get(seg.id, seg.text) for seg in block.segments if seg.text]
        text = english_text(" ".join(t.strip() for t in texts if t.strip()), rules.quotes)
        note = None
        if block.role is Role.FOOTNOTE:
            m = _NOTE_START.match(text)
            if m:
                note = next(g for g in m.groups() if g)
                text = text[m.end() :]
        elif block.role in (Role.HEADING, Role.TITLE):
            m = _BRACKETED.match(text)
            text = m.group(1).strip() if m else text
        tight = previous is not None and previous.separator.count("\n") <= 1
        out.append(Piece(block.role, text, note, tight))
        previous = block
    return out


def _stand_alone(piece: Piece) -> bool:
    return piece.role in (Role.TITLE, Role.HEADING, Role.CAPTION, Role.QUESTION)


def _layout(items: list[tuple[Piece, str]], tight: Callable[[Piece, Piece], bool]) -> str:
    out: list[str] = []
    for i, (piece, text) in enumerate(items):
        if i:
            out.append("\n" if tight(items[i - 1][0], piece) else "\n\n")
        out.append(text)
    return "".join(out) + "\n"


# ---------------------------------------------------------------- plain text


def render_text(doc: Document, table: dict[str, str], rules: RenderRules) -> str:
    """The English document as plain text."""
    items: list[tuple[Piece, str]] = []
    for piece in pieces(doc, table, rules):
        text = _REF.sub(r"[\1]", piece.text)
        if piece.role in (Role.TITLE, Role.HEADING) and rules.headings == "underline":
            rule = "=" if piece.role is Role.TITLE else "-"
            text = f"{text}\n{rule * min(len(text), UNDERLINE_MAX)}"
        elif piece.role is Role.QUESTION:
            text = QUESTION_STYLES[rules.question] + text
        elif piece.role is Role.CAPTION:
            text = rules.caption.format(text=text)
        elif piece.role is Role.FOOTNOTE and piece.note:
            text = f"[{piece.note}] {text}"
        items.append((piece, text))

    def tight(before: Piece, piece: Piece) -> bool:
        return piece.tight and not (_stand_alone(before) or _stand_alone(piece))

    return _layout(items, tight)


# ---------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
#: a paragraph opening that Markdown would read as a heading, quote or list item
_MD_LINE_START = re.compile(r"^(?:(?P<mark>[#>])|(?P<bullet>[-+]) |\d+(?P<num>[.)]) )")


def _md(text: str) -> str:
    """Markdown-escaped text whose footnote references become ``[^N]``."""
    parts: list[str] = []
    last = 0
    for m in _REF.finditer(text):
        parts.append(_MD_SPECIAL.sub(r"\\\1", text[last : m.start()]))
        parts.append(f"[^{m.group(1)}]")
        last = m.end()
    parts.append(_MD_SPECIAL.sub(r"\\\1", text[last:]))
    out = "".join(parts)
    m = _MD_LINE_START.match(out)
    if m:
        name = next(k for k in ("mark", "bullet", "num") if m.group(k))
        out = out[: m.start(name)] + "\\" + out[m.start(name) :]
    return out


def render_markdown(doc: Document, table: dict[str, str], rules: RenderRules) -> str:
    """The English document as Markdown (CommonMark with footnotes, as GitHub renders)."""
    items: list[tuple[Piece, str]] = []
    for piece in pieces(doc, table, rules):
        text = _md(piece.text)
        if piece.role is Role.TITLE:
            text = f"# {text}"
        elif piece.role is Role.HEADING:
            text = f"## {text}"
        elif piece.role is Role.QUESTION:
            text = f"**{_md(QUESTION_STYLES[rules.question])}{text}**"
        elif piece.role is Role.CAPTION:
            text = f"*{_md(rules.caption.format(text=piece.text))}*"
        elif piece.role is Role.FOOTNOTE and piece.note:
            text = f"[^{piece.note}]: {text}"
        items.append((piece, text))

    def tight(before: Piece, piece: Piece) -> bool:
        return before.role is Role.FOOTNOTE and piece.role is Role.FOOTNOTE

    return _layout(items, tight)
