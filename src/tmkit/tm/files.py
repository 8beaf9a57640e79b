"""Memory entries from files: TMX and PO today, any bilingual format the gateway
(`tmkit.formats.io`) registers (XLIFF …) through its `Unit` view."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tmkit.formats.convert import FLAG, po_date, unit_context
from tmkit.model.catalog import Catalog
from tmkit.model.memory import Memory, TranslationUnit, plain_text
from tmkit.tm.base import TmEntry

#: the TMX prop naming the project a unit belongs to (written back by `tm export`)
PROJECT_PROP = "x-project"


def read_file(path: str | Path) -> tuple[str, Any]:
    """(format name, model object) of a bilingual file, through the format gateway."""
    from tmkit.formats import io

    fmt = io.detect(path, kind="catalog")
    return fmt.name, io.read(path, format=fmt.name)


def _attr(unit: TranslationUnit, target, names: tuple[str, ...]) -> str | None:
    for attrs in ((target.attrs if target is not None else {}), unit.attrs):
        for name in names:
            if attrs.get(name):
                return attrs[name]
    return None


def entries_from_memory(
    memory: Memory | Iterable[TranslationUnit], source_lang: str, target_lang: str, origin=None
) -> Iterator[TmEntry]:
    """Usable pairs of a memory: both languages present, target non-empty, not marked fuzzy.

    Texts are plain (inline codes dropped), as a template's msgids are.
    """
    units = memory.units if isinstance(memory, Memory) else memory
    for unit in units:
        if "fuzzy" in unit.props(FLAG):
            continue
        source = unit.variant(source_lang)
        if source is None:
            continue
        targets = [v for v in unit.variants_in(target_lang) if v is not source]
        target = targets[0] if targets else None
        text = plain_text(target.content) if target is not None else ""
        if text:
            projects = unit.props(PROJECT_PROP)
            yield TmEntry(
                plain_text(source.content),
                text,
                unit_context(unit),
                origin,
                project=projects[0] if projects else None,
                creator=_attr(unit, target, ("changeid", "creationid")),
                created=_attr(unit, target, ("creationdate",)),
                changed=_attr(unit, target, ("changedate", "creationdate")),
            )


def entries_from_catalog(catalog: Catalog, origin: str | None = None) -> Iterator[TmEntry]:
    """Translated (not fuzzy, not obsolete) singular messages of a catalog."""
    meta = catalog.metadata
    changed = po_date(meta.get("PO-Revision-Date", "")) if meta else None
    creator = (meta.get("Last-Translator") or None) if meta else None
    for m in catalog.messages:
        if m.translated and not m.is_header and m.msgid_plural is None:
            yield TmEntry(
                m.msgid,
                m.msgstr,
                m.msgctxt,
                origin or catalog.path,
                creator=creator,
                changed=changed,
            )


def entries_from_file(
    path: str | Path, source_lang: str, target_lang: str, project: str | None = None
) -> Iterator[TmEntry]:
    """The usable entries of a memory file; ``project`` fills in where a unit names none."""
    from dataclasses import replace

    name, obj = read_file(path)
    if isinstance(obj, Memory):
        entries: Iterable[TmEntry] = entries_from_memory(obj, source_lang, target_lang, str(path))
    elif isinstance(obj, Catalog):
        entries = entries_from_catalog(obj, str(path))
    else:
        from tmkit.formats import io

        entries = (
            TmEntry(u.source, u.target, u.context, str(path))
            for u in io.units(obj, str(path), name)
            if u.done
        )
    for e in entries:
        yield replace(e, project=project) if project and not e.project else e


def file_languages(path: str | Path) -> tuple[str | None, str | None]:
    """(source, target) a memory file names in its header, None where it does not."""
    from tmkit.model.memory import ALL_LANGUAGES, same_language

    _, obj = read_file(path)
    if isinstance(obj, Memory):
        src = obj.header.srclang
        src = None if not src or src == ALL_LANGUAGES else src
        others = [lang for lang in obj.languages() if src is None or not same_language(lang, src)]
        return src, (others[0] if len(others) == 1 else None)
    if isinstance(obj, Catalog):
        meta = obj.metadata
        return meta.get("X-Source-Language") or None, meta.get("Language") or None
    return None, None
