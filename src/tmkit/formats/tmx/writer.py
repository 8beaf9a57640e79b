"""The deterministic TMX 1.4b writer (see `tmkit.formats.tmx`)."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tmkit import __version__
from tmkit.formats.atomic import encoded_batches, open_atomic
from tmkit.formats.tmx.spec import (
    HEADER_ATTRS,
    HEADER_DEFAULTS,
    HEADER_REQUIRED,
    SEGTYPES,
    TU_ATTRS,
    TUV_ATTRS,
    XML_LANG,
)
from tmkit.model.errors import InputError
from tmkit.model.memory import (
    Inline,
    Memory,
    MemoryHeader,
    Meta,
    Prop,
    TranslationUnit,
)

# --- writing -----------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _check_chars(value: str) -> str:
    m = _NOT_XML.search(value)
    if m:
        raise InputError(
            f"character U+{ord(m.group()):04X} cannot be written in XML 1.0 (in {value[:40]!r})"
        )
    return value


def _text_xml(value: str) -> str:
    if _NOT_XML.search(value):
        _check_chars(value)
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _attr_xml(value: str) -> str:
    return _text_xml(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _attrs_xml(attrs: Iterable[tuple[str, str]]) -> str:
    out = []
    for name, value in attrs:
        if name == XML_LANG:
            name = "xml:lang"
        out.append(f' {name}="{_attr_xml(value)}"')
    return "".join(out)


def _inline_xml(content: Iterable[str | Inline]) -> str:
    out: list[str] = []
    for part in content:
        if isinstance(part, str):
            out.append(_text_xml(part))
        elif part.content:
            attrs = _attrs_xml(part.attrs.items())
            out.append(f"<{part.tag}{attrs}>{_inline_xml(part.content)}</{part.tag}>")
        else:
            out.append(f"<{part.tag}{_attrs_xml(part.attrs.items())}/>")
    return "".join(out)


def _meta_xml(meta: Iterable[Meta], indent: str) -> Iterator[str]:
    # TMX 1.4b wants notes and props in any order: keep the model's order.
    for m in meta:
        attrs: list[tuple[str, str]] = []
        if isinstance(m, Prop):
            attrs.append(("type", m.type))
        if m.lang:
            attrs.append(("xml:lang", m.lang))
        if m.encoding:
            attrs.append(("o-encoding", m.encoding))
        if isinstance(m, Prop):
            yield f"{indent}<prop{_attrs_xml(attrs)}>{_text_xml(m.value)}</prop>\n"
        else:
            yield f"{indent}<note{_attrs_xml(attrs)}>{_text_xml(m.text)}</note>\n"


def tmx_date(epoch: int) -> str:
    """TMX's date form, ``YYYYMMDDThhmmssZ``, in UTC."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(epoch))


def source_date() -> str | None:
    """``SOURCE_DATE_EPOCH`` as a TMX date, if set and valid."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return tmx_date(int(raw)) if raw.isdigit() else None


def _header_attrs(header: MemoryHeader) -> list[tuple[str, str]]:
    attrs = dict(header.attrs)
    attrs["creationtool"] = "tmkit"
    attrs["creationtoolversion"] = __version__
    for name, value in HEADER_DEFAULTS.items():
        if not attrs.get(name):
            attrs[name] = value
    if attrs.get("segtype") not in SEGTYPES:
        attrs["segtype"] = "sentence"
    if "creationdate" not in attrs:
        date = source_date()
        if date:
            attrs["creationdate"] = date
    ordered = [(name, attrs.pop(name)) for name in HEADER_REQUIRED]
    ordered.extend((k, v) for k, v in attrs.items() if k in HEADER_ATTRS)
    return ordered


def _unit_xml(unit: TranslationUnit) -> str:
    out: list[str] = []
    attrs: list[tuple[str, str]] = []
    if unit.tuid is not None:
        attrs.append(("tuid", unit.tuid))
    attrs.extend((k, v) for k, v in unit.attrs.items() if k in TU_ATTRS and k != "tuid")
    out.append(f"    <tu{_attrs_xml(attrs)}>\n")
    out.extend(_meta_xml(unit.meta, "      "))
    if not unit.variants:
        raise InputError(f"a translation unit (tuid {unit.tuid!r}) has no variant to write")
    for v in unit.variants:
        if not v.lang:
            where = f"tuid {unit.tuid!r}" if unit.tuid else f"line {v.line}"
            raise InputError(f"a variant ({where}) has no language; TMX needs xml:lang")
        vattrs = [("xml:lang", v.lang)]
        vattrs.extend((k, val) for k, val in v.attrs.items() if k in TUV_ATTRS and k != "lang")
        out.append(f"      <tuv{_attrs_xml(vattrs)}>\n")
        out.extend(_meta_xml(v.meta, "        "))
        out.append(f"        <seg>{_inline_xml(v.content)}</seg>\n      </tuv>\n")
    out.append("    </tu>\n")
    return "".join(out)


def iter_tmx_text(header: MemoryHeader, units: Iterable[TranslationUnit]) -> Iterator[str]:
    """TMX 1.4b text, piece by piece."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    yield '<tmx version="1.4">\n'
    head = f"  <header{_attrs_xml(_header_attrs(header))}"
    if not header.meta and not header.encodings:
        yield head + "/>\n"
    else:
        yield head + ">\n"
        yield from _meta_xml(header.meta, "    ")
        for ude in header.encodings:
            attrs = [("name", ude.name)] + ([("base", ude.base)] if ude.base else [])
            yield f"    <ude{_attrs_xml(attrs)}>\n"
            for m in ude.maps:
                pairs = [
                    ("unicode", m.unicode),
                    ("code", m.code),
                    ("ent", m.ent),
                    ("subst", m.subst),
                ]
                yield f"      <map{_attrs_xml((k, v) for k, v in pairs if v is not None)}/>\n"
            yield "    </ude>\n"
        yield "  </header>\n"
    yield "  <body>\n"
    for unit in units:
        yield _unit_xml(unit)
    yield "  </body>\n</tmx>\n"


def format_tmx(memory: Memory) -> str:
    return "".join(iter_tmx_text(memory.header, memory.units))


def write_tmx(
    memory: Memory | MemoryHeader,
    path: str | Path,
    units: Iterable[TranslationUnit] | None = None,
) -> None:
    """Write a memory, or a header plus a stream of units, atomically as TMX 1.4b."""
    if isinstance(memory, Memory):
        header, body = memory.header, memory.units if units is None else units
    else:
        header, body = memory, units if units is not None else ()
    with open_atomic(path) as fh:
        _write_pieces(iter_tmx_text(header, body), fh)


def _write_pieces(pieces: Iterable[str], fh: BinaryIO) -> None:
    """Encode and write text pieces in batches of about 64 KiB."""
    for data in encoded_batches(pieces):
        fh.write(data)
