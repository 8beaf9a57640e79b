"""Reading PO and TMX inputs for merge, update, stats and build, and the memories made of them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tmkit.model.errors import UsageError
from tmkit.ops.merge import (
    CatalogStream,
    MergeInput,
    input_languages,
    memory_lookup,
    resolve_languages,
)

PO_SUFFIXES = (".po", ".pot")
TMX_SUFFIXES = (".tmx",)


def read_input(path: str | Path, stream: bool = False) -> MergeInput:
    """A PO or TMX file, told apart by its extension; with ``stream`` a PO file is
    read lazily (twice) instead of held in memory."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in PO_SUFFIXES and stream:
        from tmkit.formats.po_stream import contexts_repeat, iter_po

        header, first = iter_po(path)
        first.close()
        unique = contexts_repeat(path) is False
        return MergeInput(str(path), CatalogStream(header, lambda: iter_po(path)[1], unique))
    if suffix in PO_SUFFIXES:
        from tmkit.formats.po import read_po

        return MergeInput(str(path), read_po(path))
    if suffix in TMX_SUFFIXES:
        from tmkit.formats.tmx import read_tmx

        return MergeInput(str(path), read_tmx(path))
    raise UsageError(f"{path}: not a PO (.po, .pot) or TMX (.tmx) file")


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
