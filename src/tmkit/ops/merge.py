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
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from tmkit.formats.convert import (
    catalog_header,
    catalog_to_memory,
    key_digest,
    memory_to_catalog,
    unit_context,
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
    content_to_markup,
    primary_language,
    same_language,
)
from tmkit.model.progress import Progress, ticked
from tmkit.ops.merge_stream import MemoryStream
from tmkit.tm.base import TmEntry, TmHit
from tmkit.tm.files import entries_from_catalog, entries_from_memory
from tmkit.tm.memory import MemoryLookup

#: a PO file's source language when its header does not say (tmkit extract writes it)
DEFAULT_SOURCE_LANGUAGE = "ja"
DEFAULT_THRESHOLD = 75.0
CONFLICT_RULE = "merge-conflict"

Prefer = Literal["newest", "first"]
PREFER_CHOICES: tuple[Prefer, ...] = ("newest", "first")


# --- languages ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InputLanguages:
    """What one input says about its languages (None: it does not say)."""

    name: str
    source: str | None
    #: target languages it holds (a PO: its Language; a TMX: every non-source language)
    targets: tuple[str, ...]
    kind: Literal["catalog", "memory"]


def catalog_languages(catalog: Catalog, name: str) -> InputLanguages:
    meta = catalog.metadata
    source = meta.get("X-Source-Language") or None
    target = meta.get("Language") or None
    return InputLanguages(name, source, (target,) if target else (), "catalog")


def memory_languages(
    memory: Memory | MemoryStream, name: str, source_hint: str | None = None
) -> InputLanguages:
    srclang = memory.header.srclang
    source = srclang if srclang and srclang != ALL_LANGUAGES else None
    anchor = source or source_hint or DEFAULT_SOURCE_LANGUAGE
    targets: dict[str, str] = {}
    for lang in memory.languages():
        if not same_language(lang, anchor):
            targets.setdefault(primary_language(lang), lang)
    return InputLanguages(name, source, tuple(targets.values()), "memory")


def resolve_languages(
    inputs: list[InputLanguages], source_lang: str | None = None, target_lang: str | None = None
) -> tuple[str, str]:
    """(source, target) for a merge of ``inputs``; options win over headers.

    Raises `InputError` when no target language can be told, when inputs name
    different ones, or when an input contradicts the languages in use.
    """
    if source_lang is None:
        named = [(i.source, i.name) for i in inputs if i.source]
        if len({primary_language(s) for s, _ in named}) > 1:
            listed = ", ".join(f"{s} ({n})" for s, n in named)
            raise InputError(f"inputs disagree on the source language: {listed}; use --source-lang")
        source_lang = named[0][0] if named else DEFAULT_SOURCE_LANGUAGE
    else:
        for i in inputs:
            if i.source and not same_language(i.source, source_lang):
                raise InputError(f"its source language is {i.source}, not {source_lang}", i.name)
    if target_lang is None:
        seen: dict[str, tuple[str, str]] = {}
        for i in inputs:
            for lang in i.targets:
                if not same_language(lang, source_lang):
                    seen.setdefault(primary_language(lang), (lang, i.name))
        if not seen:
            names = ", ".join(i.name for i in inputs)
            raise InputError(
                f"cannot tell the target language of {names} "
                "(no PO Language header, no TMX variant besides the source); use --target-lang"
            )
        if len(seen) > 1:
            listed = ", ".join(f"{lang} ({name})" for lang, name in seen.values())
            raise InputError(f"inputs hold several target languages: {listed}; use --target-lang")
        target_lang = next(iter(seen.values()))[0]
    if same_language(source_lang, target_lang):
        raise UsageError(f"source and target language are both {source_lang}")
    for i in inputs:
        if i.kind == "catalog" and i.targets and not same_language(i.targets[0], target_lang):
            raise InputError(f"its Language is {i.targets[0]}, not {target_lang}", i.name)
    return source_lang, target_lang


# --- combining memories --------------------------------------------------------


def unit_date(unit: TranslationUnit, target_lang: str) -> str:
    """The date a unit's translation was last touched (TMX dates sort as strings)."""
    target = unit.variant(target_lang)
    for attrs in ((target.attrs if target else {}), unit.attrs):
        for name in ("changedate", "creationdate"):
            if attrs.get(name):
                return attrs[name]
    return ""


def _unit_key(
    unit: TranslationUnit, source_lang: str, target_lang: str
) -> tuple[tuple[str | None, str], str] | None:
    """((context, source markup), target markup); None for a unit without the source."""
    source = unit.variant(source_lang)
    if source is None:
        return None
    targets = [v for v in unit.variants_in(target_lang) if v is not source]
    target = content_to_markup(targets[0].content) if targets else ""
    return (unit_context(unit), content_to_markup(source.content)), target


@dataclass(slots=True)
class _Seen:
    position: int
    target: bytes  # digests (`key_digest`): a million distinct units hold no text
    date: str
    origin: str
    line: int | None
    others: list[tuple[bytes, str, int | None]] | None = None


Stream = tuple[str, Callable[[], Iterable[TranslationUnit]]]
#: distinct units `combine_units` keeps in memory to spare itself a second reading
HOLD_LIMIT = 10_000
# A conflicting key's texts, gathered by a later pass: context, source, target by digest.
_Texts = dict[bytes, tuple[str | None, str, dict[bytes, str]]]


def combine_units(
    streams: list[Stream],
    source_lang: str,
    target_lang: str,
    prefer: Prefer = "newest",
    findings: list[Finding] | None = None,
) -> Iterator[TranslationUnit]:
    """The units of every stream, without duplicates; conflicts go to ``findings``.

    A stream is ``(name, units_factory)``; with ``prefer="first"`` each is read
    once and units are yielded as they come; with ``"newest"`` each is read
    twice (first to pick the winners). Only digests of keys and targets, and
    dates, are held per distinct unit; the texts of conflicting units are
    gathered on the second pass (``"first"``: on one more pass, when there are
    conflicts). Units without a ``source_lang`` variant are dropped.
    """
    if prefer not in PREFER_CHOICES:
        raise UsageError(f"--prefer must be one of {', '.join(PREFER_CHOICES)}, not {prefer!r}")
    seen: dict[bytes, _Seen] = {}
    dates: dict[str, str] = {}  # one string per distinct date, not one per unit
    # The kept units themselves while they are few: then no second pass is needed
    # (a memory of a million copies of one unit is read once).
    held: dict[bytes, TranslationUnit] | None = {}
    texts: _Texts = {}
    position = 0
    for name, factory in streams:
        for unit in factory():
            keyed = _unit_key(unit, source_lang, target_lang)
            if keyed is None:
                continue
            key, target = key_digest(*keyed[0]), key_digest(None, keyed[1])
            known = seen.get(key)
            if known is None:
                date = unit_date(unit, target_lang) if prefer == "newest" else ""
                date = dates.setdefault(date, date)
                seen[key] = _Seen(position, target, date, name, unit.line)
                if held is not None:
                    held = held if len(held) < HOLD_LIMIT else None
                    if held is not None:
                        held[key] = unit
                if prefer == "first":
                    yield unit
            elif target != known.target:
                if known.others is None:
                    known.others = []
                if held is not None:  # both texts are at hand: no pass to gather them
                    _note_texts(_unit_key(held[key], source_lang, target_lang), {key}, texts)
                    _note_texts(keyed, {key}, texts)
                replaced = False
                if prefer == "newest":
                    date = unit_date(unit, target_lang)
                    if date > known.date:
                        known.others.append((known.target, known.origin, known.line))
                        date = dates.setdefault(date, date)
                        known.position, known.target, known.date = position, target, date
                        known.origin, known.line = name, unit.line
                        replaced = True
                        if held is not None:
                            held[key] = unit
                if not replaced and all(target != t for t, _, _ in known.others):
                    known.others.append((target, name, unit.line))
            position += 1
    conflicted = {key for key, kept in seen.items() if kept.others}
    if held is not None:
        if prefer == "newest":
            for key in sorted(held, key=lambda k: seen[k].position):
                yield held[key]
    elif prefer == "newest" or conflicted:
        # Positions come in order on the second pass: the winners, sorted, are
        # walked with one index (8 bytes each, not a set of ints).
        winners = array(
            "q", sorted(s.position for s in seen.values()) if prefer == "newest" else ()
        )
        winners.append(-1)
        dates.clear()
        position = next_winner = 0
        for _name, factory in streams:
            for unit in factory():
                keyed = _unit_key(unit, source_lang, target_lang)
                if keyed is None:
                    continue
                if conflicted:
                    _note_texts(keyed, conflicted, texts)
                if position == winners[next_winner]:
                    next_winner += 1
                    yield unit
                position += 1
    if findings is not None:
        findings.extend(_conflicts(seen, texts, prefer))


def _note_texts(
    keyed: tuple[tuple[str | None, str], str], conflicted: set[bytes], texts: _Texts
) -> None:
    (context, source), target = keyed
    key = key_digest(context, source)
    if key in conflicted:
        texts.setdefault(key, (context, source, {}))[2].setdefault(key_digest(None, target), target)


def _conflicts(seen: dict[bytes, _Seen], texts: _Texts, prefer: Prefer) -> Iterator[Finding]:
    for key, kept in seen.items():
        if not kept.others:
            continue
        context, source, targets = texts[key]
        dropped = "; ".join(
            f"{targets[target]!r} ({origin}{f':{line}' if line else ''})"
            for target, origin, line in kept.others
        )
        yield Finding(
            rule=CONFLICT_RULE,
            severity="warning",
            message=f"{len(kept.others) + 1} translations; kept the {prefer}, dropped {dropped}",
            unit=context,
            file=kept.origin,
            line=kept.line,
            source=source,
            target=targets[kept.target],
        )


# --- pretranslation ----------------------------------------------------------


def fuzzy_comment(hit: TmHit) -> str:
    where = f" from {hit.entry.origin}" if hit.entry.origin else ""
    return f"tmkit: fuzzy match {hit.score:.1f}%{where}"


def pretranslate_message(
    message: Message, lookup: MemoryLookup, threshold: float = DEFAULT_THRESHOLD
) -> TmHit | None:
    """Fill one untranslated singular message from ``lookup``, in place; the hit used, if any."""
    if message.msgid_plural is not None or message.msgstr or message.is_header:
        return None
    hit = lookup.find(message.msgid, message.msgctxt, threshold)
    if hit is None:
        return None
    message.msgstr = hit.entry.target
    if not hit.exact:
        message.fuzzy = True
        message.previous_msgctxt = hit.entry.context
        message.previous_msgid = hit.entry.source
        message.translator_comments = [
            c for c in message.translator_comments if not c.startswith("tmkit: fuzzy match")
        ] + [fuzzy_comment(hit)]
    return hit


@dataclass(slots=True)
class PretranslateStats:
    exact_context: int = 0
    exact_source: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    def summary(self) -> str:
        exact = self.exact_context + self.exact_source
        return (
            f"{exact} exact ({self.exact_context} with context), "
            f"{self.fuzzy} fuzzy, {self.untranslated} untranslated"
        )


def pretranslate(
    template: Catalog,
    lookup: MemoryLookup,
    target_lang: str,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
) -> tuple[Catalog, PretranslateStats]:
    """A translation of ``template``: its entries in order, filled from ``lookup``.

    The header is the template's, with ``Language`` set and its fuzzy flag
    removed (as msginit does); the template is not changed.
    """
    stats = PretranslateStats()
    header = copy.deepcopy(template.header)
    out = Catalog(header=header)
    out.set_metadata("Language", target_lang)
    if out.header is not None:
        out.header.flags = [f for f in out.header.flags if f != "fuzzy"]
    messages = template.messages
    for message in ticked(messages, progress, "pretranslating", len(messages)):
        if message.obsolete or message.is_header:
            continue
        entry = copy.deepcopy(message)
        entry.lineno = None
        if not entry.msgstr and entry.msgid_plural is None:
            hit = pretranslate_message(entry, lookup, threshold)
            if hit is None:
                stats.untranslated += 1
            elif hit.kind == "context":
                stats.exact_context += 1
            elif hit.kind == "source":
                stats.exact_source += 1
            else:
                stats.fuzzy += 1
        out.messages.append(entry)
    return out, stats


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
    entries: list[TmEntry] = []
    for item in inputs:
        if isinstance(item.data, CatalogStream):
            streamed = Catalog(list(item.data.messages()), item.data.header)
            entries.extend(entries_from_catalog(streamed, item.name))
        elif isinstance(item.data, Catalog):
            entries.extend(entries_from_catalog(item.data, item.name))
        elif isinstance(item.data, MemoryStream):
            entries.extend(
                entries_from_memory(item.data.read(), source_lang, target_lang, item.name)
            )
        else:
            entries.extend(entries_from_memory(item.data, source_lang, target_lang, item.name))
    return MemoryLookup(entries)


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
