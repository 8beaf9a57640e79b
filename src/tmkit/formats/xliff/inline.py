"""Inline codes: XLIFF elements ⇄ tmkit's inline model (`tmkit.model.memory.Inline`).

Three directions, each lossless where a round trip needs it:

* `read_content` turns a ``<source>``/``<target>`` (or a ``<mrk mtype="seg">``)
  into content whose `Inline` parts keep the XLIFF names (``g``, ``x``, ``bx``,
  ``ex``, ``bpt``, ``ept``, ``ph``, ``it``, ``sub``, ``mrk`` in 1.2; ``ph``,
  ``pc``, ``sc``, ``ec``, ``mrk``, ``sm``, ``em``, ``cp`` in 2.x) and every
  attribute; `write_content` puts such content back as elements. Plain text is
  the same as for TMX: codes drop out, ``g``/``pc``/``mrk`` keep their text.
* `to_tmx` maps XLIFF content to TMX codes for memories: paired codes
  (``g``, ``pc``, ``sc``/``ec``) become ``bpt``/``ept``, isolated ones ``it``,
  standalone ones ``ph``, ``mrk`` becomes ``hi``; the native code a TMX code
  carries is the XLIFF markup it stands for (2.x: the ``originalData``).
* `from_tmx` maps TMX content to XLIFF for jobs tmkit writes: every TMX code is
  one XLIFF standalone code (1.2 ``<ph ctype="x-tmx-…">``, 2.x ``<ph
  dataRef>``) whose native data is the TMX element in markup form, and ``hi``
  a ``<mrk>``; `to_tmx` recognises those ids (``tmx…``) and restores the TMX
  element exactly, so TMX → XLIFF → TMX keeps every code and attribute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lxml import etree

from tmkit.formats.xliff.document import local
from tmkit.model.memory import (
    Content,
    Inline,
    MarkupError,
    content_to_markup,
    markup_to_content,
    normalize_content,
)

#: Characters XML 1.0 cannot carry; XLIFF 2 writes them as ``<cp hex>``.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TMX_ID = "tmx"


def read_content(el: Any, skip_seg_marks: bool = False) -> Content:
    """Text and inline elements of ``el``; comments and PIs are skipped.

    With ``skip_seg_marks`` a ``<mrk mtype="seg">`` is unwrapped (its content
    inlined), for the whole-source view of a segmented 1.2 unit.
    """
    if not len(el):  # the common case: text only
        text = el.text
        return (text,) if text else ()
    parts: list[str | Inline] = []
    if el.text:
        parts.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            inner = read_content(child, skip_seg_marks)
            if skip_seg_marks and local(child) == "mrk" and child.get("mtype") == "seg":
                parts.extend(inner)
            else:
                parts.append(Inline(_name(child), dict(child.attrib), inner))
        if child.tail:
            parts.append(child.tail)
    return normalize_content(parts)


def _name(el: Any) -> str:
    """The local name for core inline elements; Clark notation for foreign ones."""
    tag = el.tag
    return tag.rpartition("}")[2] if tag.startswith("{urn:oasis:names:tc:xliff:document") else tag


def clear(el: Any) -> None:
    """Remove the content of ``el`` (its attributes and tail stay)."""
    el.text = None
    for child in list(el):
        el.remove(child)


def write_content(el: Any, content: Iterable[str | Inline], ns: str) -> None:
    """Append ``content`` to ``el`` as text and core elements of namespace ``ns``."""
    last: Any = None
    for part in content:
        if isinstance(part, str):
            if ns.endswith("2.0") and _INVALID.search(part):
                last = _write_with_cp(el, part, ns, last)
                continue
            if last is None:
                el.text = (el.text or "") + part
            else:
                last.tail = (last.tail or "") + part
            continue
        tag = part.tag if part.tag.startswith("{") else (f"{{{ns}}}{part.tag}" if ns else part.tag)
        child = etree.SubElement(el, tag, part.attrs)
        write_content(child, part.content, ns)
        last = child


def _write_with_cp(el: Any, text: str, ns: str, last: Any) -> Any:
    pos = 0
    for m in _INVALID.finditer(text):
        chunk = text[pos : m.start()]
        if last is None:
            el.text = (el.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        last = etree.SubElement(el, f"{{{ns}}}cp", {"hex": f"{ord(m.group()):04X}"})
        pos = m.end()
    if last is None:
        el.text = (el.text or "") + text[pos:]
    else:
        last.tail = (last.tail or "") + text[pos:]
    return last


# --- XLIFF → TMX -------------------------------------------------------------


def _markup(part: Inline, with_content: bool = True) -> str:
    """An XLIFF inline element as native code text (``<g id="1">``)."""
    attrs = "".join(f' {k}="{v}"' for k, v in part.attrs.items())
    if with_content and part.content:
        return f"<{part.tag}{attrs}>{content_to_markup(part.content)}</{part.tag}>"
    return f"<{part.tag}{attrs}/>" if with_content else f"<{part.tag}{attrs}>"


def _from_tmx_data(data: str) -> Inline | None:
    try:
        parsed = markup_to_content(data)
    except MarkupError:
        return None
    return parsed[0] if len(parsed) == 1 and isinstance(parsed[0], Inline) else None


def to_tmx(content: Content, data: dict[str, str] | None = None, v2: bool = False) -> Content:
    """XLIFF content (from `read_content`) as TMX content (see module doc)."""
    if all(part.__class__ is str for part in content):
        return content
    data = data or {}
    out: list[str | Inline] = []
    counter = [0]
    for part in content:
        out.extend(_part_to_tmx(part, data, v2, counter))
    return normalize_content(out)


def _next(counter: list[int]) -> str:
    counter[0] += 1
    return str(counter[0])


def _part_to_tmx(part: str | Inline, data: dict[str, str], v2: bool, counter: list[int]) -> list:
    if isinstance(part, str):
        return [part]
    tag, attrs = part.tag, part.attrs
    ident = attrs.get("id", "")
    ref = attrs.get("dataRef") or attrs.get("dataRefStart")
    if ref and ref.startswith(TMX_ID) and ref in data:
        restored = _from_tmx_data(data[ref])
        if restored is not None:
            if restored.tag == "hi" and tag == "pc":
                inner = to_tmx(part.content, data, v2)
                return [Inline("hi", restored.attrs, inner)]
            return [restored]
    if (
        not v2
        and tag == "ph"
        and ident.startswith(TMX_ID)
        and attrs.get("ctype", "").startswith("x-tmx")
    ):
        restored = _from_tmx_data("".join(p for p in part.content if isinstance(p, str)))
        if restored is not None:
            return [restored]
    if tag == "mrk":
        mtype = attrs.get("mtype") or attrs.get("type")
        if mtype == "x-tmx-hi" or mtype == "tmx:hi":
            restored = _from_tmx_data(attrs.get("comment") or attrs.get("value") or "<hi/>")
            hattrs = restored.attrs if restored is not None else {}
            return [Inline("hi", hattrs, to_tmx(part.content, data, v2))]
        hattrs = {"type": mtype} if mtype else {}
        return [Inline("hi", hattrs, to_tmx(part.content, data, v2))]
    if tag == "cp" and v2:
        try:
            char = chr(int(attrs.get("hex", ""), 16))
        except (ValueError, OverflowError):
            char = "\x00"
        if not _INVALID.match(char) and char != "\x00":
            return [char]
        # a character XML 1.0 (and so TMX) cannot hold: a code carrying the XLIFF element
        return [Inline("ph", {}, (_markup(part),))]
    x = {"x": ident} if ident.isdigit() else {}
    if tag in ("g", "pc"):
        i = _next(counter)
        start = data.get(attrs.get("dataRefStart", ""), _markup(part, with_content=False))
        end = data.get(attrs.get("dataRefEnd", ""), f"</{part.tag}>")
        return [
            Inline("bpt", {"i": i, **x}, (start,)),
            *to_tmx(part.content, data, v2),
            Inline("ept", {"i": i}, (end,)),
        ]
    if tag in ("bpt", "ept", "it", "ph") and not v2:
        native = tuple(
            p if isinstance(p, str) else Inline("sub", {}, to_tmx(p.content, data, v2))
            for p in part.content
        )
        tattrs: dict[str, str] = {}
        if tag in ("bpt", "ept"):
            tattrs["i"] = attrs.get("rid") or ident or _next(counter)
        if tag == "it":
            tattrs["pos"] = "end" if attrs.get("pos") == "close" else "begin"
        if tag != "ept" and ident.isdigit():
            tattrs["x"] = ident
        return [Inline(tag, tattrs, native)]
    if tag in ("bx", "ex") or (tag in ("sc", "ec") and attrs.get("isolated") == "yes"):
        native = data.get(attrs.get("dataRef", ""), _markup(part))
        pos = "begin" if tag in ("bx", "sc") else "end"
        return [Inline("it", {"pos": pos, **x}, (native,))]
    if tag in ("sc", "ec"):
        native = data.get(attrs.get("dataRef", ""), _markup(part))
        key = attrs.get("id") if tag == "sc" else attrs.get("startRef", "")
        return [Inline("bpt" if tag == "sc" else "ept", {"i": key or _next(counter)}, (native,))]
    native = data.get(attrs.get("dataRef", ""), _markup(part))
    return [Inline("ph", x, (native,))]


# --- TMX → XLIFF -------------------------------------------------------------


def from_tmx(content: Content, v2: bool, data: dict[str, str], start: int = 0) -> Content:
    """TMX content as XLIFF content; ``data`` collects 2.x ``originalData`` entries."""
    out: list[str | Inline] = []
    n = start
    for part in content:
        if isinstance(part, str):
            out.append(part)
            continue
        n += 1
        if part.tag == "hi":
            inner = from_tmx(part.content, v2, data, n * 100)
            empty = content_to_markup((Inline("hi", part.attrs, ()),))
            if v2:
                ref = f"{TMX_ID}{len(data) + 1}"
                data[ref] = empty
                out.append(Inline("pc", {"id": f"{TMX_ID}{n}", "dataRefStart": ref}, inner))
            else:
                out.append(Inline("mrk", {"mtype": "x-tmx-hi", "comment": empty}, inner))
            continue
        markup = content_to_markup((part,))
        if v2:
            ref = f"{TMX_ID}{len(data) + 1}"
            data[ref] = markup
            out.append(Inline("ph", {"id": f"{TMX_ID}{n}", "dataRef": ref}, ()))
        else:
            out.append(
                Inline("ph", {"id": f"{TMX_ID}{n}", "ctype": f"x-tmx-{part.tag}"}, (markup,))
            )
    return tuple(out)
