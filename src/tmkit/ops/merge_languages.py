"""The source and target languages of a merge's inputs, from options or headers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tmkit.model.catalog import Catalog
from tmkit.model.errors import InputError, UsageError
from tmkit.model.memory import (
    ALL_LANGUAGES,
    Memory,
    primary_language,
    same_language,
)
from tmkit.ops.merge_stream import MemoryStream

#: a PO file's source language when its header does not say (tmkit extract writes it)
DEFAULT_SOURCE_LANGUAGE = "ja"


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
