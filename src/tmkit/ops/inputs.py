"""Bilingual inputs for merge, update, stats and build (through the gateway), and memories."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from tmkit.formats import io
from tmkit.formats.unitview import catalog_units, memory_units, messages_units, units_to_memory
from tmkit.model.catalog import Catalog
from tmkit.model.memory import Memory
from tmkit.model.units import Unit
from tmkit.ops.merge import (
    CatalogStream,
    MergeInput,
    input_languages,
    memory_lookup,
    resolve_languages,
)


def read_input(path: str | Path, stream: bool = False) -> MergeInput:
    """A bilingual file opened through the format gateway.

    A PO catalog or a TMX memory is kept as its own model (nothing is lost in a
    merge); any other bilingual format (XLIFF, a registered plug-in) comes as a
    memory built from its units. With ``stream`` a PO or TMX file is read lazily
    (once more on each pass) instead of held in memory.
    """
    path = Path(path)
    fmt = io.detect(path, kind="catalog")
    if fmt.name == "tmx" and stream:
        from tmkit.ops.merge_stream import open_memory_stream

        return MergeInput(str(path), open_memory_stream(path))
    if fmt.name == "po" and stream:
        from tmkit.formats.po_stream import contexts_repeat, iter_po

        header, first = iter_po(path)
        close = getattr(first, "close", None)  # a generator; an empty file gives a plain iterator
        if close is not None:
            close()
        unique = contexts_repeat(path) is False
        return MergeInput(str(path), CatalogStream(header, lambda: iter_po(path)[1], unique))
    data = io.read(path, format=fmt.name)
    as_model = getattr(data, "bilingual_model", None)
    if as_model is not None:  # a format's own document that knows its PO/TMX model (XLIFF)
        data = as_model()
    if not isinstance(data, Catalog | Memory):
        source, targets = fmt.languages(data) if fmt.languages else (None, [])
        units = io.units(data, str(path), fmt.name)
        data = units_to_memory(units, source or "ja", targets[0] if targets else "en")
    return MergeInput(str(path), data)


def load_memories(
    paths: Iterable[str | Path],
    alongside: MergeInput | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
):
    """One memory over ``--tm`` values (files and database URLs, see `tmkit.tm.spec`),
    languages resolved with the file they serve.

    Files are combined into one in-memory lookup (earlier files win on equal
    keys), asked before the databases, in the order given. ``alongside`` (the
    translation being updated or analysed) takes part in telling the languages
    but is not itself a memory. None when no paths.
    """
    from tmkit.tm.spec import is_store, open_tm

    specs = [str(p) for p in paths]
    stores = [open_tm(s, source_lang, target_lang) for s in specs if is_store(s)]
    for store in stores:
        source_lang, target_lang = (
            source_lang or store.languages()[0],
            target_lang or store.languages()[1],
        )
    sources = [read_input(p) for p in specs if not is_store(p)]
    if not sources and not stores:
        return None
    memories = []
    if sources:
        infos = [input_languages(i, source_lang) for i in sources]
        if alongside is not None:
            infos.append(input_languages(alongside, source_lang))
        src, tgt = resolve_languages(infos, source_lang, target_lang)
        memories.append(memory_lookup(sources, src, tgt))
    memories += stores
    if len(memories) == 1:
        return memories[0]
    from tmkit.tm.base import ChainedMemory

    return ChainedMemory(memories)


def input_units(item: MergeInput) -> Iterator[Unit]:
    """The units of an input read by `read_input`."""
    data = item.data
    if isinstance(data, Catalog):
        return catalog_units(data, item.name)
    if isinstance(data, Memory):
        return memory_units(data.units, item.name, data.header.srclang)
    return messages_units(data.messages(), item.name)
