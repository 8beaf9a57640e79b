"""The ``tmkit tm`` commands: create, fill, search, export and tidy a stored memory.

No printing here: each function returns what the command reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tmkit.model.errors import UsageError
from tmkit.tm.base import AddReport, Prefer, TmEntry, check_prefer
from tmkit.tm.spec import is_store, open_store
from tmkit.tm.sql import Filters

__all__ = ["Filters", "SearchHit", "dedupe", "delete", "export", "import_files", "init", "search"]


def _store(spec: str, create: bool = False):
    if not is_store(spec):
        raise UsageError(
            f"{spec}: `tmkit tm` works on a stored memory: sqlite:///path/tm.db or "
            "postgresql://… (a TMX/PO file is imported with `tmkit tm import`)"
        )
    return open_store(spec, create=create)


def init(spec: str, source_lang: str, target_lang: str) -> None:
    store = _store(spec, create=True)
    try:
        store.init(source_lang, target_lang)
    finally:
        store.close()


def upgrade(spec: str) -> tuple[int, int]:
    store = _store(spec)
    try:
        return store.upgrade()
    finally:
        store.close()


def import_files(
    spec: str, files: list[Path], prefer: str = "newest", project: str | None = None
) -> AddReport:
    """Import every file in one transaction: a failed or killed import adds nothing."""
    from tmkit.tm.files import entries_from_file

    chosen: Prefer = check_prefer(prefer)
    store = _store(spec)
    try:
        src, tgt = store.languages()
        # read every file before the transaction: a bad file fails before anything is written
        entries = [e for f in files for e in entries_from_file(f, src, tgt, project)]
        report = store.add(entries, chosen)
        if report.added or report.kept_both:
            # after the commit, so no reader waits for it: keep the saved index close
            # to the memory, so that readers never rebuild it
            store.save_index()
        return report
    finally:
        store.close()


def export(spec: str, output: Path, filters) -> int:
    """Write the selected units as TMX 1.4b; the number written."""
    from tmkit.formats.convert import CONTEXT
    from tmkit.formats.tmx import write_tmx
    from tmkit.model.memory import MemoryHeader, Prop, TranslationUnit, Variant
    from tmkit.tm.files import PROJECT_PROP

    store = _store(spec)
    count = 0
    try:
        src, tgt = store.languages()

        def units() -> Iterator[TranslationUnit]:
            nonlocal count
            for e in store.entries(filters):
                count += 1
                attrs = {
                    name: value
                    for name, value in (
                        ("creationdate", e.created),
                        ("changedate", e.changed),
                        ("changeid", e.creator),
                    )
                    if value
                }
                meta = [Prop(CONTEXT, e.context)] if e.context is not None else []
                if e.project:
                    meta.append(Prop(PROJECT_PROP, e.project))
                variants = [Variant(src, (e.source,)), Variant(tgt, (e.target,), attrs)]
                yield TranslationUnit(variants=variants, meta=meta)

        header = MemoryHeader(
            attrs={
                "creationtool": "tmkit",
                "creationtoolversion": "1",
                "segtype": "sentence",
                "o-tmf": "tmkit",
                "adminlang": "en",
                "srclang": src,
                "datatype": "plaintext",
            }
        )
        write_tmx(header, output, units=units())
    finally:
        store.close()
    return count


@dataclass(frozen=True, slots=True)
class SearchHit:
    entry: TmEntry
    score: float
    #: (start, end) of each match in source and target (concordance only)
    source_spans: tuple[tuple[int, int], ...] = ()
    target_spans: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict:
        e = self.entry
        return {
            "source": e.source,
            "target": e.target,
            "context": e.context,
            "score": self.score,
            "project": e.project,
            "creator": e.creator,
            "changed": e.changed,
            "origin": e.origin,
        }


def search(
    spec: str,
    query: str,
    threshold: float = 75.0,
    limit: int = 10,
    concordance: bool = False,
    where: str = "both",
) -> list[SearchHit]:
    """Fuzzy matches for ``query`` (best first), or with ``concordance`` the units
    whose source or target holds it."""
    from tmkit.tm.spec import open_tm

    if where not in ("source", "target", "both"):
        raise UsageError(f"--in must be source, target or both, not {where!r}")
    memory = open_tm(spec)
    try:
        if not concordance:
            return [SearchHit(h.entry, h.score) for h in memory.fuzzy(query, threshold, limit)]
        if hasattr(memory, "concordance"):
            found = memory.concordance(query, where, limit)
        else:
            found = _concordance(memory, query, where, limit)
        return [
            SearchHit(
                e,
                100.0,
                spans(e.source, query) if where != "target" else (),
                spans(e.target, query) if where != "source" else (),
            )
            for e in found
        ]
    finally:
        getattr(memory, "close", lambda: None)()


def _concordance(memory, query: str, where: str, limit: int) -> list[TmEntry]:
    found = []
    for e in memory:
        texts = {"source": [e.source], "target": [e.target]}.get(where, [e.source, e.target])
        if any(spans(t, query) for t in texts):
            found.append(e)
            if len(found) >= limit:
                break
    return found


def spans(text: str, query: str) -> tuple[tuple[int, int], ...]:
    """Where ``query`` occurs in ``text``, ignoring case (positions in ``text``)."""
    if not query:
        return ()
    return tuple((m.start(), m.end()) for m in re.finditer(re.escape(query), text, re.IGNORECASE))


def stats(spec: str) -> dict:
    store = _store(spec)
    try:
        return store.summary()
    finally:
        store.close()


def delete(spec: str, filters, source: str | None = None) -> int:
    store = _store(spec)
    try:
        removed = store.delete(filters, source)
        if removed:
            store.save_index()  # a new epoch: its index is built here, not by a reader
        return removed
    finally:
        store.close()


def dedupe(spec: str) -> int:
    store = _store(spec)
    try:
        removed = store.dedupe()
        if removed:
            store.save_index()
        return removed
    finally:
        store.close()
