"""From text to a `Document`: lines become blocks with roles, blocks become segments.

The rules that recognise an interview's structure are data (`INTERVIEW_RULES`),
not code paths: a table of line patterns and the role each implies, plus cue
lists that tell a caption from a heading. Documents of other shapes still get
sensible roles (title, heading, body, footnote) from the same table.

Every character of the input ends up in the model (markers, trimmed
whitespace, line terminators, blank lines), so `Document.text()` returns the
input exactly.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from tmkit.model import Block, Document, Location, Role, Segment, Speaker


class Splitter(Protocol):
    def split(self, line: str) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class LineRule:
    """A line matching ``pattern`` gets ``role``; a ``marker`` group is kept apart from the text."""

    role: Role
    pattern: re.Pattern[str]
    speaker: Speaker | None = None


def _rule(role: Role, pattern: str, speaker: Speaker | None = None) -> LineRule:
    return LineRule(role, re.compile(pattern), speaker)


@dataclass(frozen=True, slots=True)
class StructureRules:
    #: checked in order; the first match decides the role of a line
    lines: tuple[LineRule, ...]
    #: a short line without final punctuation is a caption when one of these matches, else a heading
    caption_cues: tuple[re.Pattern[str], ...]
    #: a short line matching this opens the profile section ("小安 重夫(こやす しげお):")
    profile_start: re.Pattern[str]
    #: headings that keep the profile section going ("<QST概要>")
    profile_headings: re.Pattern[str]
    #: lines at least this long are paragraphs even without final punctuation
    max_heading_chars: int = 80
    #: characters that end a sentence (a line ending in one is a paragraph, not a heading)
    final_punctuation: str = "。．！？!?."
    closing_brackets: str = "」』）)】〉》］”’\"'"
    extra: dict[str, str] = field(default_factory=dict)


INTERVIEW_RULES = StructureRules(
    lines=(
        _rule(
            Role.BOILERPLATE,
            r"^\s*(?:上へ戻る|ページ(?:の)?(?:先頭|トップ)へ(?:戻る)?|\S{0,30}トップページへ戻る"
            r"|(?:前|次)のページへ|戻る)\s*$",
        ),
        _rule(
            Role.QUESTION,
            r"^(?P<marker>[^\S\r\n]*(?:──|――|—―|―—|——)[^\S\r\n]*)",
            Speaker.INTERVIEWER,
        ),
        _rule(Role.FOOTNOTE, r"^(?P<marker>[^\S\r\n]*\d+\.[^\S\r\n]+)?(?=注\s*\d+\s*[)）])"),
        _rule(Role.FOOTNOTE, r"^(?P<marker>[^\S\r\n]*[※＊*][^\S\r\n]*)"),
        _rule(
            Role.BYLINE,
            r"^\s*(?:\d{4}年\d{1,2}月\d{1,2}日\s|聞き手\s*[:：]|インタビューは"
            r"|[（(]\s*(?:編集|取材|文|写真|構成)\s*[:：])",
        ),
        _rule(Role.HEADING, r"^\s*(?:【[^】]*】|<[^>]*>|＜[^＞]*＞|〈[^〉]*〉|■.*|◆.*)\s*$"),
    ),
    caption_cues=tuple(
        re.compile(p)
        for p in (
            r"提供\s*[:：]",
            r"写真",
            r"[（(](?:右|左|中央|前列|後列)[)）]",
            r"(?:理事長|所長|社長|教授|会長|長官|大臣|氏)\s*[:：]",
            r"(?:理事長|所長|社長|教授|会長|長官|大臣|氏)$",
            r"(?:棟|館|門|外観|風景|様子|装置|施設)$",
            r"[)）]$",
        )
    ),
    profile_start=re.compile(r"^[^。、]{1,40}[:：]\s*$"),
    profile_headings=re.compile(r"概要|プロフィール|略歴"),
)

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")


def split_lines(text: str) -> list[str]:
    """Physical lines with their terminators (CRLF, LF or CR); nothing lost."""
    return _LINE.findall(text)


def segment_id(text: str) -> str:
    """A stable id from the segment's own text, so edits elsewhere never change it."""
    return "s" + _blake2b(text.encode("utf-8"), digest_size=5).hexdigest()


_blake2b = hashlib.blake2b


class _Ids:
    """Hands out ids, numbering repeats of the same text in document order (``seen``:
    the repeats of each id base so far, advanced as ids are handed out)."""

    def __init__(self, seen: dict[str, int] | None = None) -> None:
        self.seen: dict[str, int] = {} if seen is None else seen

    def __call__(self, text: str) -> str:
        base = "s" + _blake2b(text.encode("utf-8"), digest_size=5).hexdigest()  # segment_id
        n = self.seen.get(base, 0) + 1
        self.seen[base] = n
        return base if n == 1 else f"{base}-{n}"


class _Classifier:
    """Walks the lines once, keeping which section of the document it is in."""

    def __init__(self, rules: StructureRules) -> None:
        self.rules = rules
        self.section = "front"  # front → interview → back → profile → back
        self.seen_title = False
        self.seen_lead = False

    def _short(self, body: str) -> bool:
        stripped = body.strip().rstrip(self.rules.closing_brackets)
        return len(body.strip()) < self.rules.max_heading_chars and not stripped.endswith(
            tuple(self.rules.final_punctuation)
        )

    def classify(self, body: str) -> tuple[Role, Speaker | None, str]:
        """Role, speaker and marker of one non-blank line (without its terminator)."""
        rules = self.rules
        for rule in rules.lines:
            m = rule.pattern.match(body)
            if not m:
                continue
            marker = (m.groupdict().get("marker") or "") if m.re.groupindex else ""
            if rule.role is Role.QUESTION:
                self.section = "interview"
            elif rule.role is Role.BYLINE and self.section == "interview":
                self.section = "back"
            elif (
                rule.role is Role.HEADING
                and self.section == "profile"
                and not rules.profile_headings.search(body)
            ):
                self.section = "back"
            self.seen_title = True
            return rule.role, rule.speaker, marker
        if not self.seen_title:
            self.seen_title = True
            return Role.TITLE, None, ""
        if self._short(body):
            if self.section in ("back", "interview") and rules.profile_start.match(body.strip()):
                self.section = "profile"
                return Role.PROFILE, None, ""
            if self.section == "profile":
                return Role.PROFILE, None, ""
            if any(cue.search(body.strip()) for cue in rules.caption_cues):
                return Role.CAPTION, None, ""
            return Role.HEADING, None, ""
        if self.section == "interview":
            return Role.ANSWER, Speaker.INTERVIEWEE, ""
        if self.section == "profile":
            return Role.PROFILE, None, ""
        if self.section == "front" and not self.seen_lead:
            self.seen_lead = True
            return Role.LEAD, None, ""
        return Role.BODY, None, ""


def _segments(
    line_body: str, offset_col: int, path: str, lineno: int, splitter: Splitter, ids: _Ids
) -> list[Segment]:
    if not line_body:
        return []
    segments: list[Segment] = []
    col = offset_col
    for piece in splitter.split(line_body):
        text = piece.strip()
        if len(text) == len(piece):  # the common piece: no whitespace to keep around it
            segments.append(Segment(ids(text), text, Location(path, lineno, col)))
            col += len(piece)
            continue
        if not text:
            # whitespace-only piece: keep it with the previous segment (or alone on a blank line)
            if segments:
                segments[-1].trailing += piece
            else:
                segments.append(Segment("", "", Location(path, lineno, col), leading=piece))
            col += len(piece)
            continue
        start = len(piece) - len(piece.lstrip())
        end = len(piece.rstrip())
        segments.append(
            Segment(
                ids(text),
                text,
                Location(path, lineno, col + start),
                leading=piece[:start],
                trailing=piece[end:],
            )
        )
        col += len(piece)
    return segments


def parse_document(
    text: str,
    path: str,
    splitter: Splitter,
    rules: StructureRules = INTERVIEW_RULES,
    seen: dict[str, int] | None = None,
) -> Document:
    """Build the model of one document. ``path`` is recorded in every segment's location.
    ``seen``: the repeats of each segment id base in the documents before this one (the
    numbering `parse_documents` carries from one to the next), advanced by this one."""
    doc = Document(path=path)
    classifier = _Classifier(rules)
    ids = _Ids(seen)
    block: Block | None = None
    # Blank lines are gathered and joined once: ``block.separator += line`` copies the
    # growing string per line, quadratic on a file of a million blank lines.
    blanks: list[str] = []
    for lineno, line in enumerate(split_lines(text), start=1):
        body = line.rstrip("\r\n")
        terminator = line[len(body) :]
        if not body or body.isspace():  # blank: whitespace only (no line break inside)
            blanks.append(line)
            continue
        if blanks:
            _add_blanks(doc, block, blanks)
        role, speaker, marker = classifier.classify(body)
        content = body[len(marker) :]
        block = Block(
            role=role,
            speaker=speaker,
            marker=marker,
            separator=terminator,
            line=lineno,
            segments=_segments(content, len(marker) + 1, path, lineno, splitter, ids),
        )
        doc.blocks.append(block)
    if blanks:
        _add_blanks(doc, block, blanks)
    return doc


def _add_blanks(doc: Document, block: Block | None, blanks: list[str]) -> None:
    """Blank lines go to the preamble before the first block, else to the block's separator."""
    if block is None:
        doc.preamble += "".join(blanks)
    else:
        block.separator += "".join(blanks)
    blanks.clear()


def parse_documents(
    texts: Iterable[tuple[str, str]], splitter: Splitter, rules: StructureRules = INTERVIEW_RULES
) -> list[Document]:
    """Several documents whose segment ids are unique across all of them (one template)."""
    seen: dict[str, int] = {}
    return [parse_document(text, path, splitter, rules, seen) for path, text in texts]
