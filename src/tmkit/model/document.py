"""Documents made of blocks made of sentence segments. No I/O here.

A `Document` keeps every character of its source text: block markers
(``── ``, list numbers), the whitespace trimmed off each segment, and the
separators between blocks. `Document.text()` therefore rebuilds the input
exactly, and `Document.render()` rebuilds it with some segments replaced
(that is how a translated document is made).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from tmkit.model.memory import Content


class Role(StrEnum):
    """What a block is in its document."""

    TITLE = "title"
    BYLINE = "byline"
    LEAD = "lead"
    HEADING = "heading"
    QUESTION = "question"
    ANSWER = "answer"
    BODY = "body"
    CAPTION = "caption"
    FOOTNOTE = "footnote"
    PROFILE = "profile"
    BOILERPLATE = "boilerplate"


class Speaker(StrEnum):
    INTERVIEWER = "interviewer"
    INTERVIEWEE = "interviewee"


#: Roles whose text is not offered for translation (kept in the model all the same).
UNTRANSLATED_ROLES = frozenset({Role.BOILERPLATE})


@dataclass(frozen=True, slots=True)
class Location:
    """1-based line and column of a segment's first character in its source file."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(slots=True)
class Segment:
    """One sentence. ``leading + text + trailing`` is the raw slice of its line.

    A sentence read from markup (HTML, Markdown) that holds inline codes also has
    ``content``: its text and `Inline` codes; ``text`` is then that content's
    markup form (`tmkit.model.memory.content_to_markup`), which is what a PO
    msgid holds. Plain-text segments leave ``content`` as None.
    """

    id: str
    text: str
    location: Location
    leading: str = ""
    trailing: str = ""
    content: Content | None = None

    @property
    def raw(self) -> str:
        return self.leading + self.text + self.trailing


@dataclass(slots=True)
class Block:
    """One line of the source, classified.

    ``marker`` is structure that precedes the segments (the interviewer's
    ``── `` or a list number); ``separator`` is everything after the last
    segment up to the next block (line terminator and blank lines).
    """

    role: Role
    segments: list[Segment] = field(default_factory=list)
    speaker: Speaker | None = None
    marker: str = ""
    separator: str = ""
    line: int = 0
    #: where a block of a markup document came from (``<img alt>``, ``front matter title``)
    context: str = ""

    @property
    def translatable(self) -> bool:
        return self.role not in UNTRANSLATED_ROLES and any(s.text for s in self.segments)

    def text(self) -> str:
        return self.marker + "".join(s.raw for s in self.segments) + self.separator


@dataclass(slots=True)
class Document:
    """A source document: its path, leading blank lines and blocks."""

    path: str
    blocks: list[Block] = field(default_factory=list)
    preamble: str = ""

    def text(self) -> str:
        """The source text, rebuilt from the model."""
        return self.preamble + "".join(b.text() for b in self.blocks)

    def segments(self) -> Iterator[tuple[Block, Segment]]:
        for block in self.blocks:
            for seg in block.segments:
                yield block, seg

    def translatable_segments(self) -> Iterator[tuple[Block, Segment]]:
        for block in self.blocks:
            if block.translatable:
                for seg in block.segments:
                    if seg.text:
                        yield block, seg

    def render(
        self,
        translate: Callable[[Block, Segment], str | None],
        marker: Callable[[Block], str] | None = None,
        joiner: str = "",
    ) -> str:
        """Rebuild the document with each segment's text replaced by ``translate``.

        ``translate`` returns the new text, or None to keep the source text.
        ``marker`` may rewrite block markers; ``joiner`` goes between two
        segments of one block when the source had no whitespace there (Japanese
        needs none, English needs a space).
        """
        out = [self.preamble]
        for block in self.blocks:
            out.append(marker(block) if marker else block.marker)
            for i, seg in enumerate(block.segments):
                new = translate(block, seg) if block.translatable and seg.text else None
                text = seg.text if new is None else new
                lead = seg.leading
                if i and joiner and not lead and not block.segments[i - 1].trailing:
                    lead = joiner
                out.append(lead + text + seg.trailing)
            out.append(block.separator)
        return "".join(out)
