"""Translation memories: the TMX view of translations. No file syntax, no I/O here.

A `Memory` is a header plus translation units; a unit holds one variant per
language. Segment content is a tuple of text and `Inline` codes (TMX's bpt,
ept, it, ph, hi, sub and ut), kept as structure so that a memory read from
TMX and written back keeps every code.

Languages are compared the BCP 47 way, case-insensitively: a tag without a
region matches any tag with the same primary subtag (``ja`` matches ``ja``,
``ja-JP`` and ``JA-JP``); a tag with a region prefers the exact tag and falls
back to the primary subtag only when no exact match exists (see
`TranslationUnit.variant`).

Inline codes also have a textual *markup* form used where only a string fits
(a PO msgid): `content_to_markup` writes each code as its XML element and
escapes ``&`` and ``<`` in text, `markup_to_content` reads it back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tmkit.model.languages import (  # noqa: F401  (re-exported with the memory API)
    normalize_language,
    primary_language,
    same_language,
)

#: TMX inline elements, in the order the TMX 1.4b specification lists them.
INLINE_TAGS = ("bpt", "ept", "it", "ph", "hi", "sub", "ut")

#: Inline elements whose content is native code, not translatable text.
CODE_TAGS = frozenset({"bpt", "ept", "it", "ph", "ut"})

#: The header's ``srclang`` value meaning "any variant may be the source".
ALL_LANGUAGES = "*all*"


@dataclass(frozen=True, slots=True)
class Inline:
    """One inline element: its tag, attributes in file order, and its content."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    content: tuple[str | Inline, ...] = ()


Content = tuple[str | Inline, ...]


@dataclass(slots=True)
class Prop:
    type: str
    value: str
    lang: str | None = None
    encoding: str | None = None


@dataclass(slots=True)
class Note:
    text: str
    lang: str | None = None
    encoding: str | None = None


Meta = Prop | Note


@dataclass(slots=True)
class Variant:
    """One ``<tuv>``: a language and its segment.

    ``attrs`` keeps every other attribute (creationdate, changeid, …) in file
    order; ``meta`` keeps props and notes in file order.
    """

    lang: str
    content: Content = ()
    attrs: dict[str, str] = field(default_factory=dict)
    meta: list[Meta] = field(default_factory=list)
    line: int | None = None

    @property
    def text(self) -> str:
        return plain_text(self.content)

    def props(self, type: str) -> list[str]:
        return [m.value for m in self.meta if isinstance(m, Prop) and m.type == type]


@dataclass(slots=True)
class TranslationUnit:
    """One ``<tu>``. ``attrs`` holds every attribute but tuid, in file order."""

    tuid: str | None = None
    variants: list[Variant] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    meta: list[Meta] = field(default_factory=list)
    line: int | None = None

    def variant(self, lang: str) -> Variant | None:
        """The variant in ``lang``: the exact tag if present, else the first same-language one."""
        found = self.variants_in(lang)
        return found[0] if found else None

    def variants_in(self, lang: str) -> list[Variant]:
        """Variants in ``lang``; exact tag matches win over primary-subtag matches."""
        wanted = normalize_language(lang)
        exact = [v for v in self.variants if normalize_language(v.lang) == wanted]
        if exact:
            return exact
        return [v for v in self.variants if same_language(v.lang, wanted)]

    def props(self, type: str) -> list[str]:
        return [m.value for m in self.meta if isinstance(m, Prop) and m.type == type]

    @property
    def notes(self) -> list[str]:
        return [m.text for m in self.meta if isinstance(m, Note)]


@dataclass(slots=True)
class CharacterMap:
    """One ``<map>`` of a user-defined encoding."""

    unicode: str
    code: str | None = None
    ent: str | None = None
    subst: str | None = None


@dataclass(slots=True)
class UserEncoding:
    """One ``<ude>``."""

    name: str
    base: str | None = None
    maps: list[CharacterMap] = field(default_factory=list)


@dataclass(slots=True)
class MemoryHeader:
    """The ``<header>``: attributes in file order, props/notes in order, user encodings.

    ``version`` is the ``<tmx version>`` read (writers always write 1.4);
    ``encoding`` the byte encoding the file was read in, for information.
    """

    attrs: dict[str, str] = field(default_factory=dict)
    meta: list[Meta] = field(default_factory=list)
    encodings: list[UserEncoding] = field(default_factory=list)
    version: str = "1.4"
    encoding: str = "utf-8"
    line: int | None = None

    @property
    def srclang(self) -> str | None:
        return self.attrs.get("srclang")

    def props(self, type: str) -> list[str]:
        return [m.value for m in self.meta if isinstance(m, Prop) and m.type == type]


@dataclass(slots=True)
class Memory:
    header: MemoryHeader = field(default_factory=MemoryHeader)
    units: list[TranslationUnit] = field(default_factory=list)

    def __iter__(self) -> Iterator[TranslationUnit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def languages(self) -> list[str]:
        """Every variant language tag, as written, in first-seen order."""
        seen: dict[str, None] = {}
        for unit in self.units:
            for v in unit.variants:
                seen.setdefault(v.lang, None)
        return list(seen)


def plain_text(content: Iterable[str | Inline]) -> str:
    """The translatable text of a segment.

    Native codes (bpt, ept, it, ph, ut) are dropped, with any ``<sub>`` text
    inside them (a sub-flow is its own segment); ``hi`` keeps its text.
    """
    out: list[str] = []
    for part in content:
        if isinstance(part, str):
            out.append(part)
        elif part.tag not in CODE_TAGS:
            out.append(plain_text(part.content))
    return "".join(out)


def has_inline(content: Iterable[str | Inline]) -> bool:
    return any(isinstance(part, Inline) for part in content)


# --- the markup form ---------------------------------------------------------


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attr(value: str) -> str:
    return _escape_text(value).replace('"', "&quot;")


def content_to_markup(content: Iterable[str | Inline]) -> str:
    """Content as XML text: codes as elements, ``& < >`` in text escaped."""
    out: list[str] = []
    for part in content:
        if isinstance(part, str):
            out.append(_escape_text(part))
            continue
        attrs = "".join(f' {k}="{_escape_attr(v)}"' for k, v in part.attrs.items())
        if part.content:
            out.append(f"<{part.tag}{attrs}>{content_to_markup(part.content)}</{part.tag}>")
        else:
            out.append(f"<{part.tag}{attrs}/>")
    return "".join(out)


_TOKEN = re.compile(
    r"<(?P<close>/)?(?P<tag>[a-z]+)(?P<attrs>(?:\s+[\w:.-]+\s*=\s*\"[^\"]*\")*)\s*(?P<empty>/)?>"
    r"|&(?P<ent>amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);"
    r"|(?P<bad>[<&])"
)
_ATTR = re.compile(r"([\w:.-]+)\s*=\s*\"([^\"]*)\"")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


class MarkupError(ValueError):
    """The markup form of a segment is not well formed; ``offset`` is where it breaks."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def _unescape(value: str, offset: int) -> str:
    def entity(m: re.Match[str]) -> str:
        ent = m.group("ent")
        if ent is None:
            raise MarkupError("unescaped '<' or '&'", offset + m.start())
        if ent.startswith("#x"):
            return chr(int(ent[2:], 16))
        if ent.startswith("#"):
            return chr(int(ent[1:]))
        return _NAMED[ent]

    return re.sub(
        r"&(?P<ent>amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);|(?P<bad>[<&])", entity, value
    )


def markup_to_content(markup: str) -> Content:
    """Parse `content_to_markup` output back; raises `MarkupError` if it is not well formed."""
    stack: list[tuple[str, dict[str, str], list[str | Inline], int]] = [("", {}, [], 0)]
    text: list[str] = []
    pos = 0

    def flush() -> None:
        if text:
            stack[-1][2].append("".join(text))
            text.clear()

    for m in _TOKEN.finditer(markup):
        text.append(markup[pos : m.start()])
        pos = m.end()
        if m.group("bad"):
            raise MarkupError(f"unescaped {m.group('bad')!r}", m.start())
        if m.group("ent"):
            text.append(_unescape(m.group(0), m.start()))
            continue
        tag = m.group("tag")
        if tag not in INLINE_TAGS:
            raise MarkupError(f"<{tag}> is not a TMX inline element", m.start())
        flush()
        if m.group("close"):
            if stack[-1][0] != tag or len(stack) == 1:
                raise MarkupError(f"</{tag}> closes nothing open", m.start())
            name, attrs, parts, _ = stack.pop()
            stack[-1][2].append(Inline(name, attrs, _merge_text(parts)))
            continue
        attrs = {k: _unescape(v, m.start()) for k, v in _ATTR.findall(m.group("attrs"))}
        if m.group("empty"):
            stack[-1][2].append(Inline(tag, attrs, ()))
        else:
            stack.append((tag, attrs, [], m.start()))
    text.append(markup[pos:])
    flush()
    if len(stack) > 1:
        raise MarkupError(f"<{stack[-1][0]}> is never closed", stack[-1][3])
    return _merge_text(stack[0][2])


def _merge_text(parts: list[str | Inline]) -> Content:
    """Join adjacent strings and drop empty ones, so equal content compares equal."""
    out: list[str | Inline] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + part
                continue
        out.append(part)
    return tuple(out)


def normalize_content(parts: Iterable[str | Inline]) -> Content:
    """Content with adjacent strings joined and empty strings dropped."""
    return _merge_text(list(parts))
