"""Merging translation memories and pretranslating templates. No files, no printing.

* `resolve_languages`: the source and target languages of a set of inputs, from
  options or headers (PO ``X-Source-Language`` / ``Language``, TMX ``srclang``
  and the languages present); disagreeing inputs are an `InputError`.
* `combine_units`: units from several memories, de-duplicated; units with the
  same source and context but different targets are *conflicts*, resolved by
  ``prefer`` (``newest``: the latest ``changedate``/``creationdate``, ties to
  the first; ``first``: the first in input order) and reported as findings.
* `MemoryLookup` + `pretranslate`: fill a template from a memory, exact
  matches first (source and context, then source alone), then fuzzy matches
  (`tmkit.text.fuzzy`) at or above a threshold, flagged fuzzy with the score in a
  translator comment and the memory's source as ``#| msgid``.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from tmkit.formats.convert import (
    catalog_header,
    catalog_to_memory,
    memory_to_catalog,
    unit_messages,
)
from tmkit.model.catalog import Catalog, Message
from tmkit.model.errors import InputError, UsageError
from tmkit.model.findings import Finding
from tmkit.model.memory import (
    ALL_LANGUAGES,
    Memory,
    MemoryHeader,
    TranslationUnit,
    same_language,
)
from tmkit.model.progress import Progress
from tmkit.ops.combine import CONFLICT_RULE, PREFER_CHOICES, Prefer, Stream, combine_units
from tmkit.ops.merge_languages import (
    DEFAULT_SOURCE_LANGUAGE,
    InputLanguages,
    catalog_languages,
    memory_languages,
    resolve_languages,
)
from tmkit.ops.merge_stream import MemoryStream
from tmkit.ops.pretranslate import (
    DEFAULT_THRESHOLD,
    PretranslateStats,
    fuzzy_comment,
    pretranslate,
    pretranslate_message,
)
from tmkit.tm.base import TmEntry
from tmkit.tm.files import entries_from_catalog, entries_from_memory
from tmkit.tm.memory import MemoryLookup

# what other modules (and users) import from here
__all__ = [
    "CONFLICT_RULE",
    "DEFAULT_SOURCE_LANGUAGE",
    "DEFAULT_THRESHOLD",
    "PREFER_CHOICES",
    "CatalogStream",
    "InputLanguages",
    "MergeInput",
    "MergeResult",
    "Prefer",
    "PretranslateStats",
    "catalog_languages",
    "catalog_units",
    "combine_units",
    "fuzzy_comment",
    "input_languages",
    "memory_languages",
    "memory_lookup",
    "merge_inputs",
    "pretranslate",
    "pretranslate_message",
    "resolve_languages",
]


# --- the whole merge -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CatalogStream:
    """A catalog read lazily: its header, and ``messages()`` giving its messages afresh
    on each call (a large PO file is read again rather than held in memory).

    ``unique_contexts``: True when the reader knows no msgctxt repeats, which
    saves a reading pass."""

    header: Message | None
    messages: Callable[[], Iterable[Message]]
    unique_contexts: bool = False


@dataclass(frozen=True, slots=True)
class MergeInput:
    """One input: a catalog (PO, read or streamed) or a memory (TMX, read or streamed)."""

    name: str
    data: Catalog | CatalogStream | Memory | MemoryStream


@dataclass(slots=True)
class MergeResult:
    """What to write. For a memory, ``units`` is a stream; for a catalog asked as a
    stream, ``messages`` (after ``catalog_header``): ``findings`` and ``count`` are
    complete once it has been consumed."""

    source_lang: str
    target_lang: str
    header: MemoryHeader | None = None
    units: Iterator[TranslationUnit] | None = None
    catalog: Catalog | None = None
    findings: list[Finding] = field(default_factory=list)
    count: int = 0
    pretranslated: PretranslateStats | None = None
    catalog_header: Message | None = None
    messages: Iterator[Message] | None = None


def memory_lookup(inputs: list[MergeInput], source_lang: str, target_lang: str) -> MemoryLookup:
    """A lookup over every input, earlier inputs winning on equal keys."""
    return MemoryLookup(list(memory_entries(inputs, source_lang, target_lang)))


def memory_entries(
    inputs: Iterable[MergeInput], source_lang: str, target_lang: str
) -> Iterator[TmEntry]:
    """Every input's memory entries, input by input, in order."""
    for item in inputs:
        if isinstance(item.data, CatalogStream):
            streamed = Catalog(list(item.data.messages()), item.data.header)
            yield from entries_from_catalog(streamed, item.name)
        elif isinstance(item.data, Catalog):
            yield from entries_from_catalog(item.data, item.name)
        elif isinstance(item.data, MemoryStream):
            yield from entries_from_memory(item.data.read(), source_lang, target_lang, item.name)
        else:
            yield from entries_from_memory(item.data, source_lang, target_lang, item.name)


def input_languages(item: MergeInput, source_hint: str | None = None) -> InputLanguages:
    if isinstance(item.data, Catalog):
        return catalog_languages(item.data, item.name)
    if isinstance(item.data, CatalogStream):
        return catalog_languages(Catalog(header=item.data.header), item.name)
    return memory_languages(item.data, item.name, source_hint)


def catalog_units(
    catalog: Catalog | CatalogStream, source_lang: str, target_lang: str, include_fuzzy: bool
) -> tuple[MemoryHeader, Callable[[], Iterator[TranslationUnit]]]:
    """What `catalog_to_memory` makes of a catalog, as a header and a stream of units.

    The messages are read twice, once to count contexts (a context is also the
    tuid when it is unique) and once to make the units, unless the stream knows
    its contexts are unique; nothing else is held.
    """
    # the same unit mapping as catalog_to_memory, one message at a time
    from tmkit.formats.convert import _exported, _unit

    header = catalog_to_memory(Catalog(header=catalog.header), source_lang, target_lang).header
    date = header.attrs.get("creationdate")

    def messages() -> Iterable[Message]:
        return catalog.messages() if isinstance(catalog, CatalogStream) else catalog.messages

    contexts: Counter[str] | None = None
    if not (isinstance(catalog, CatalogStream) and catalog.unique_contexts):
        contexts = Counter()
        for m in messages():
            if m.msgctxt is not None and _exported(m, include_fuzzy):
                contexts[m.msgctxt] += 1

    def units() -> Iterator[TranslationUnit]:
        for m in messages():
            if _exported(m, include_fuzzy):
                unique = m.msgctxt is not None and (contexts is None or contexts[m.msgctxt] == 1)
                yield _unit(m, source_lang, target_lang, m.msgctxt if unique else None, date)

    return header, units


def _stream(item: MergeInput, source_lang: str, target_lang: str, include_fuzzy: bool) -> Stream:
    data = item.data
    if isinstance(data, Memory):
        return item.name, lambda: data.units
    if isinstance(data, MemoryStream):
        return item.name, data.read
    return item.name, catalog_units(data, source_lang, target_lang, include_fuzzy)[1]


def _check_targets(inputs: list[MergeInput], source_lang: str, target_lang: str) -> None:
    for item in inputs:
        if isinstance(item.data, Memory | MemoryStream) and (
            item.data.units if isinstance(item.data, Memory) else item.data.count
        ):
            langs = item.data.languages()
            if not any(same_language(lang, source_lang) for lang in langs):
                raise InputError(
                    f"it has no {source_lang} variants (it holds {', '.join(langs)})", item.name
                )
            if not any(same_language(lang, target_lang) for lang in langs):
                raise InputError(
                    f"it has no {target_lang} variants (it holds {', '.join(langs)})", item.name
                )


def merge_inputs(
    inputs: list[MergeInput],
    output: Literal["memory", "catalog"],
    template: Catalog | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    include_fuzzy: bool = False,
    prefer: Prefer = "newest",
    threshold: float = DEFAULT_THRESHOLD,
    memories: list | None = None,
    progress: Progress | None = None,
    stream: bool = False,
) -> MergeResult:
    """Merge PO catalogs and TMX memories into one memory or one catalog.

    * to a memory: translated entries of catalogs (fuzzy ones only with
      ``include_fuzzy``, keeping their ``fuzzy`` flag as an ``x-po-flag``
      prop) and every unit of memories, de-duplicated by `combine_units`;
    * to a catalog: the same, every unit becoming an editable message
      (fuzzy messages of catalogs are kept, still fuzzy);
    * with a ``template``: the template pretranslated from all inputs
      (always a catalog), and from ``memories`` (`tmkit.tm` memories, asked
      after the inputs).

    With ``stream``, a catalog comes as ``catalog_header`` and ``messages``, made
    as they are read (see `tmkit.ops.merge_stream`).
    """
    if not inputs:
        raise UsageError("nothing to merge: give at least one input")
    infos = [input_languages(i, source_lang) for i in inputs]
    if template is not None:
        template_info = catalog_languages(template, template.path or "template")
        infos.append(InputLanguages(template_info.name, template_info.source, (), "catalog"))
    src, tgt = resolve_languages(infos, source_lang, target_lang)
    _check_targets(inputs, src, tgt)
    result = MergeResult(src, tgt)
    if template is not None:
        if output != "catalog":
            raise UsageError("pretranslating a template (--template) writes a PO file")
        lookup = memory_lookup(inputs, src, tgt)
        if memories:
            from tmkit.tm.base import ChainedMemory

            lookup = ChainedMemory([lookup, *memories])
        catalog, stats = pretranslate(template, lookup, tgt, threshold, progress)
        result.catalog, result.pretranslated = catalog, stats
        result.count = len(catalog.messages)
        return result
    keep_fuzzy = include_fuzzy or output == "catalog"
    streams = [_stream(i, src, tgt, keep_fuzzy) for i in inputs]
    only = inputs[0].data if len(inputs) == 1 else None
    if only is None:
        header = MemoryHeader(attrs={"srclang": src})
    elif isinstance(only, Memory | MemoryStream):
        header = copy.deepcopy(only.header)
        if header.srclang == ALL_LANGUAGES or not header.srclang:
            header.attrs["srclang"] = src
    else:
        header = catalog_to_memory(Catalog(header=only.header), src, tgt).header
    if only is not None and not isinstance(only, Memory | MemoryStream):
        # one catalog: its keys are unique already, nothing to combine
        units: Iterator[TranslationUnit] = iter(streams[0][1]())
    else:
        units = combine_units(streams, src, tgt, prefer, result.findings)

    def counted() -> Iterator[TranslationUnit]:
        for unit in units:
            result.count += 1
            yield unit

    if output == "memory":
        result.header, result.units = header, counted()
        return result
    if stream:
        result.catalog_header = catalog_header(header, src, tgt)
        result.messages = unit_messages(counted(), src, tgt)
        return result
    merged = Memory(header, list(counted()))
    result.catalog = memory_to_catalog(merged, src, tgt)
    return result
