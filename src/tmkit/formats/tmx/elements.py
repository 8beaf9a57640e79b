"""lxml elements of a TMX file → the memory model: text, props and notes, inline content."""

from __future__ import annotations

from typing import Any

from lxml import etree

from tmkit.formats.tmx.spec import XML_LANG
from tmkit.model.memory import (
    CODE_TAGS,
    INLINE_TAGS,
    Inline,
    Meta,
    Note,
    Prop,
)

# --- reading -----------------------------------------------------------------


def _text(el: Any) -> str:
    if len(el):
        return "".join(el.itertext(with_tail=False))
    return el.text or ""


def _meta(el: Any, tag: str) -> Meta:
    items = el.items()
    text = (el.text or "") if not len(el) else _text(el)
    if tag == "prop":
        if len(items) == 1 and items[0][0] == "type":  # the common case
            return Prop(items[0][1], text)
        attrs = dict(items)
        lang = attrs.get(XML_LANG) or attrs.get("lang")
        return Prop(attrs.get("type", ""), text, lang, attrs.get("o-encoding"))
    if not items:
        return Note(text)
    attrs = dict(items)
    return Note(text, attrs.get(XML_LANG) or attrs.get("lang"), attrs.get("o-encoding"))


_INLINE_TAG_SET = frozenset(INLINE_TAGS)

#: ``type`` of the ``<ph>`` that keeps an element TMX does not allow in a segment
FOREIGN_TYPE = "x-foreign"


def _foreign_xml(child: Any) -> str:
    """The element (with the namespace declarations it uses) as native code text."""
    return etree.tostring(child, encoding="unicode", with_tail=False)


def _content(el: Any, code: bool = False) -> tuple[str | Inline, ...]:
    """Text and inline codes of ``el``, adjacent strings joined.

    An element TMX does not define (``xi:include``, ``<b>``) is kept, never dropped nor
    turned into raw text: as an opaque ``<ph type="x-foreign">`` holding its XML, or,
    inside a code element (whose content is native code already), as that XML text.
    (The reader's parser drops comments and processing instructions.)
    """
    text = el.text
    if not len(el):
        return (text,) if text else ()
    parts: list[str | Inline] = [text] if text else []
    loose = False  # adjacent strings to join at the end (joined once: never quadratic)
    for child in el[:]:
        tag = child.tag
        if tag.__class__ is str and tag in _INLINE_TAG_SET:
            if len(child):
                inner = _content(child, tag in CODE_TAGS)
            else:  # the common case, <ph>code</ph>: no recursion
                inner_text = child.text
                inner = (inner_text,) if inner_text else ()
            parts.append(Inline(tag, dict(child.items()), inner))
        elif tag is not etree.Entity:  # entity references stay unexpanded elsewhere
            if code:
                parts.append(_foreign_xml(child))
                loose = True
            else:
                parts.append(Inline("ph", {"type": FOREIGN_TYPE}, (_foreign_xml(child),)))
        tail = child.tail
        if tail:
            loose = loose or (bool(parts) and parts[-1].__class__ is str)
            parts.append(tail)
    if loose:
        return _joined(parts)
    return tuple(parts)


def _joined(parts: list[str | Inline]) -> tuple[str | Inline, ...]:
    out: list[str | Inline] = []
    run: list[str] = []
    for part in parts:
        if part.__class__ is str:
            run.append(part)  # type: ignore[arg-type]
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(part)
    if run:
        out.append("".join(run))
    return tuple(out)
