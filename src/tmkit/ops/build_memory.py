"""The memories of the build's update step, read only as far as the build needs them.

`update` asks the memories only for the entries the last translation leaves
untranslated: after one edited document, a handful of new sentences. Reading the
project's own TMX (68 MB at 100k segments) and indexing all of it for them cost
about 6 s and 400 MB. So, when few sentences are asked for (`NARROW_LIMIT`), the
lookup holds only the memory entries that can answer them: those with the same
source, or a source that scores at least the threshold against one of them.
Such a lookup answers those sentences exactly as the whole one does (exact hits by
context then source, and the best fuzzy score with ties to the earliest entry, are
decided among entries it keeps, in their order). Any other question goes to the
whole memory, read then.

The project's own TMX is the build's export of the last translation. When the
build state vouches that the TMX and the PO on disk are the last build's outputs,
and that the TMX was made from that PO by this code and configuration, its entries
are made from the PO already in memory instead of parsing the TMX
(tests/test_build_memory.py checks that both give the same entries).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from tmkit.model.catalog import Catalog
from tmkit.ops.build_steps import Lazy
from tmkit.ops.project import Project

#: sentences asked at most for a narrowed lookup (each memory entry is scored against each)
NARROW_LIMIT = 64


def memory_paths(project: Project) -> list[Path]:
    paths = [project.path(p) for p in project.memories]
    if project.tmx is not None and project.path(project.tmx).is_file():
        paths.append(project.path(project.tmx))
    return paths


def memory_specs(project: Project) -> list[str | Path]:
    """Memory files, then the project's shared memory (``tm``: sqlite:/// or postgresql://)."""
    specs: list[str | Path] = list(memory_paths(project))
    if project.tm:
        from tmkit.tm.spec import SQLITE_PREFIX, sqlite_path

        spec = project.tm
        if spec.startswith(SQLITE_PREFIX):
            spec = SQLITE_PREFIX + str(project.path(sqlite_path(spec)))
        specs.append(spec)
    return specs


def load_memories(project: Project):
    """The project's memories, then its own TMX (old translations of edited sentences)."""
    from tmkit.ops.inputs import load_memories as load

    return load(memory_specs(project), None, project.source_lang, project.target_lang)


class BuildMemories:
    """The lookup `update_catalog` asks (``find``): narrowed to ``queries`` when they are
    few, the whole memory otherwise; each read only when first asked."""

    def __init__(
        self,
        project: Project,
        queries: set[str],
        threshold: float,
        own_entries: Callable[[], Iterable[Any]] | None = None,
    ) -> None:
        self._whole = Lazy(lambda: load_memories(project))
        narrow = not project.tm and 0 < len(queries) <= NARROW_LIMIT
        self._queries = queries if narrow else set()
        self._threshold = threshold
        self._narrowed = Lazy(lambda: _narrowed(project, queries, threshold, own_entries))

    def find(self, source: str, context: str | None = None, threshold: float | None = None):
        if threshold is None:
            from tmkit.tm.base import DEFAULT_THRESHOLD

            threshold = DEFAULT_THRESHOLD
        if source in self._queries and threshold == self._threshold:
            return self._narrowed().find(source, context, threshold)
        return self._whole().find(source, context, threshold)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._whole(), name)


def untranslated_sources(template: Catalog, old: Catalog) -> set[str]:
    """The sources `update` may ask the memories for: template entries without a
    translated entry of the same key in ``old`` (a superset: any other goes to the
    whole memory)."""
    from tmkit.ops.update import has_translation

    done = {(m.msgctxt, m.msgid) for m in old.messages if not m.obsolete and has_translation(m)}
    return {
        m.msgid
        for m in template.messages
        if not m.is_header and (m.msgctxt, m.msgid) not in done  # m.key, without a call
    }


def _narrowed(project: Project, queries: set[str], threshold: float, own_entries):
    from tmkit.tm.memory import MemoryLookup

    keep = wanted(queries, threshold)
    return MemoryLookup(
        (e for e in _entries(project, own_entries, keep) if keep(e.source)),
        project.source_lang,
        project.target_lang,
    )


def _entries(project: Project, own_entries, keep) -> Iterator[Any]:
    """Every entry of the memory files, in the order `load_memories` combines them
    (languages resolved as it does: a file of other languages is refused the same)."""
    from tmkit.ops.inputs import read_input
    from tmkit.ops.merge import input_languages, memory_entries
    from tmkit.ops.merge_languages import resolve_languages

    own = project.path(project.tmx) if project.tmx is not None else None
    paths = memory_paths(project)
    if own_entries is not None:
        paths = [p for p in paths if p != own]
    items = [read_input(p) for p in paths]
    infos = [input_languages(i, project.source_lang) for i in items]
    src, tgt = resolve_languages(infos, project.source_lang, project.target_lang)
    yield from memory_entries(items, src, tgt)
    if own_entries is not None:
        yield from own_entries(keep)


@cache
def _remembered_nfkc() -> Callable[[str], str]:
    """`tmkit.text.fuzzy.normalize`, remembered: a build asks it of the same sources
    twice (the update's candidates, then the memory's entries made from them). Made
    on first use, as the module is imported only then (with rapidfuzz and numpy)."""
    from tmkit.text.fuzzy import normalize

    return lru_cache(maxsize=1 << 17)(normalize)


def wanted(queries: set[str], threshold: float) -> Wanted:
    """Whether a memory entry of this source can answer one of ``queries``: the same
    source, or a fuzzy score at least ``threshold`` (with slack: keeping more never
    changes an answer)."""
    return Wanted(queries, threshold)


class Wanted:
    """`wanted`'s test: called with one source, or ``many(sources)`` for a list at once
    (the scores in one C call instead of one call per source)."""

    def __init__(self, queries: set[str], threshold: float) -> None:
        from tmkit.text.fuzzy import normalize

        self.queries = queries
        self.normed = [normalize(q) for q in queries]
        self.cutoff = max(0.0, threshold - 0.5)

    def __call__(self, source: str) -> bool:
        from rapidfuzz import fuzz, process

        from tmkit.text.fuzzy import normalize

        if source in self.queries:
            return True
        found = process.extractOne(
            normalize(source), self.normed, scorer=fuzz.ratio, score_cutoff=self.cutoff
        )
        return found is not None

    def many(self, sources: list[str]) -> list[bool]:
        """``[self(s) for s in sources]``, the scores computed together: a score kept is
        at least the cutoff, above 0, so a source passes when any score is not 0."""
        from rapidfuzz import fuzz, process

        if not self.normed:
            return [False] * len(sources)
        if self.cutoff <= 0:
            return [True] * len(sources)  # any score is at least 0
        nfkc = _remembered_nfkc()
        normed = [nfkc(s) for s in sources]
        scores = process.cdist(self.normed, normed, scorer=fuzz.ratio, score_cutoff=self.cutoff)
        near = scores.max(axis=0) > 0
        queries = self.queries
        return [bool(n) or s in queries for s, n in zip(sources, near.tolist(), strict=True)]


def own_tmx_entries(
    project: Project, old: Catalog, origin: str, keep: Wanted | None = None
) -> Iterator[Any]:
    """The entries of the project's TMX as made from ``old`` (the PO it was exported from);
    with ``keep``, only those whose source it keeps (a message without inline markup
    has its msgid as the entry's source, so the others are not even converted)."""
    from tmkit.formats.convert import _marked, catalog_memory_units
    from tmkit.tm.files import entries_from_memory

    if keep is not None:
        # a unit's tuid depends on the other messages, but an entry does not read it
        near = keep.many([m.msgid for m in old.messages])
        messages = [m for m, n in zip(old.messages, near, strict=True) if n or _marked(m)]
        old = Catalog(messages, old.header, path=old.path)
    _, units = catalog_memory_units(old, project.source_lang, project.target_lang)
    for entry in entries_from_memory(units, project.source_lang, project.target_lang, origin):
        if keep is None or keep(entry.source):
            yield entry
