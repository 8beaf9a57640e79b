"""A translation memory in a SQL database: what SQLite and PostgreSQL share.

The schema is in `tmkit.tm.schema`.

Writers hold the store's write lock for a whole import (`SqlMemory.write`), so an
import is one transaction (a killed import leaves nothing of itself) and unit
ids grow in commit order, which the cached fuzzy index relies on
(`tmkit.tm.index`). Readers never wait for writers.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from tmkit.model.errors import InputError, UsageError
from tmkit.text.fuzzy import normalize
from tmkit.tm.base import (
    DEFAULT_THRESHOLD,
    AddReport,
    Conflict,
    Prefer,
    TmEntry,
    TmHit,
    check_prefer,
    find,
    newer,
)
from tmkit.tm.index import StoreIndex, with_news
from tmkit.tm.schema import MIGRATIONS, SCHEMA_VERSION, Filters

BATCH = 500
#: units added since the last lookup that one lookup's statement may carry (more: read in pages)
NEWS_LIMIT = 5_000
_UNIT_COLUMNS = "id, source, target, context, origin, project, creator, created, changed, alt"


def _hash(*parts: str | None) -> str:
    text = "\x1f".join("\x00" if p is None else p for p in parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class SqlMemory:
    """A memory in a database; subclasses give the connection and the dialect."""

    #: the column type of a growing integer key
    id_column = "INTEGER PRIMARY KEY"
    spec = ""
    #: what a unit row holds, in the order `_entry` takes it
    unit_columns = _UNIT_COLUMNS

    def __init__(self, cache_dir: Path | None) -> None:
        self._cache_dir = cache_dir
        self._meta: dict[str, str] = {}
        self._index: StoreIndex | None = None

    # -- what a dialect gives -------------------------------------------------------

    def execute(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        raise NotImplementedError

    def write(self) -> AbstractContextManager[None]:
        """A transaction holding the store's write lock."""
        raise NotImplementedError

    def has_schema(self) -> bool:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # -- schema -------------------------------------------------------------------------

    def init(self, source_lang: str, target_lang: str) -> None:
        with self.write():
            if self.has_schema():
                raise UsageError(f"{self.spec}: already a translation memory (tm upgrade migrates)")
            for version in sorted(MIGRATIONS):
                for statement in MIGRATIONS[version](self.id_column):
                    self.execute(statement)
            meta = {
                "schema_version": str(SCHEMA_VERSION),
                "source_lang": source_lang,
                "target_lang": target_lang,
                "store_id": uuid.uuid4().hex,
                "generation": "0",
                "epoch": "0",
            }
            self.executemany("INSERT INTO tm_meta (key, value) VALUES (?, ?)", list(meta.items()))
        self._meta = {}

    def upgrade(self) -> tuple[int, int]:
        """Run the migrations this store lacks: (version before, version after)."""
        with self.write():
            before = int(self._read_meta()["schema_version"])
            for version in sorted(v for v in MIGRATIONS if v > before):
                for statement in MIGRATIONS[version](self.id_column):
                    self.execute(statement)
                self._set_meta("schema_version", str(version))
        return before, SCHEMA_VERSION

    def _read_meta(self) -> dict[str, str]:
        if not self.has_schema():
            raise InputError("not a translation memory (create it with `tmkit tm init`)", self.spec)
        return dict(self.execute("SELECT key, value FROM tm_meta"))

    def meta(self) -> dict[str, str]:
        if not self._meta:
            self._meta = self._read_meta()
            version = int(self._meta["schema_version"])
            if version > SCHEMA_VERSION:
                raise InputError(
                    f"schema version {version} is newer than this tmkit ({SCHEMA_VERSION})",
                    self.spec,
                )
            if version < SCHEMA_VERSION:
                raise InputError(f"schema version {version}: run `tmkit tm upgrade`", self.spec)
        return self._meta

    def _set_meta(self, key: str, value: str) -> None:
        self.execute("UPDATE tm_meta SET value = ? WHERE key = ?", (value, key))

    def _bump(self, epoch: bool = False) -> None:
        self.execute(
            "UPDATE tm_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) "
            "WHERE key = 'generation'" + (" OR key = 'epoch'" if epoch else "")
        )

    # -- the protocol ------------------------------------------------------------------

    def languages(self) -> tuple[str | None, str | None]:
        meta = self.meta()
        return meta["source_lang"], meta["target_lang"]

    def __len__(self) -> int:
        return int(self.execute("SELECT COUNT(*) FROM tm_units")[0][0])

    def __iter__(self) -> Iterator[TmEntry]:
        return self.entries()

    def entries(self, filters: Filters = Filters()) -> Iterator[TmEntry]:
        where, params = filters.where()
        last = 0
        while True:
            cond = (where + " AND" if where else " WHERE") + " id > ?"
            rows = self.execute(
                f"SELECT {_UNIT_COLUMNS} FROM tm_units{cond} ORDER BY id LIMIT 5000",
                [*params, last],
            )
            if not rows:
                return
            for row in rows:
                yield _entry(row)
            last = rows[-1][0]

    def exact(self, source: str, context: str | None = None) -> TmHit | None:
        nsource = normalize(source)
        rows = self.execute(
            f"SELECT {_UNIT_COLUMNS} FROM tm_units WHERE source_hash = ? AND nsource = ? "
            "ORDER BY id",
            (_hash(nsource), nsource),
        )
        for row in rows:
            if row[3] == context:
                return TmHit(_entry(row), "context")
        return TmHit(_entry(rows[0]), "source") if rows else None

    def fuzzy(
        self, source: str, threshold: float = DEFAULT_THRESHOLD, limit: int | None = 1
    ) -> list[TmHit]:
        # One statement per lookup in the usual case: the index is asked first, then
        # one query reads the units it found, the units added since it was brought
        # up to date, and the store's epoch, all from one snapshot. New units go into
        # the index and are scored on their own; a delete (a new epoch) reloads it.
        index = self._fresh_index() if self._index is None else self._index
        for _attempt in range(3):
            found = self._lookup(index, source, threshold, limit)
            state = self._rows_and_news(index.last_id, [h.id for h in found])
            if state is None or state[0] != index.epoch:
                index = self._fresh_index()  # deleted units, or too many new ones
                continue
            rows, news = state[1], state[2]
            if news:
                # the new units come after every unit the lookup saw: scoring them
                # alone and keeping the earlier unit on a tie gives what a whole new
                # lookup would, at the cost of the few units added (a busy writer
                # would otherwise make every lookup run twice)
                added = [(row[0], row[-1]) for row in news]
                index.absorb(added)
                found = with_news(found, added, source, threshold, limit)
            if all(h.id in rows for h in found):
                return [TmHit(_entry(rows[h.id][:-1]), "fuzzy", h.score) for h in found]
            index = self._fresh_index()
        raise InputError("the memory keeps changing under the lookup; try again", self.spec)

    @staticmethod
    def _lookup(index: StoreIndex, source: str, threshold: float, limit: int | None) -> list:
        if limit == 1:
            best = index.best(source, threshold)
            return [best] if best is not None else []
        return index.matches(source, threshold, limit)

    def find(
        self, source: str, context: str | None = None, threshold: float = DEFAULT_THRESHOLD
    ) -> TmHit | None:
        return find(self, source, context, threshold)

    def _rows_and_news(self, after: int, ids: list[int]) -> tuple[str, dict, list] | None:
        """From one snapshot: the epoch key, the rows of ``ids`` and every unit with an id
        above ``after`` (rows end with ``nsource``). None when the new units are more
        than one statement should carry."""
        marks = ", ".join("?" * len(ids)) or "NULL"
        rows = self.execute(
            # two selects, not one with OR: SQLite would scan the table for the OR
            f"SELECT {_UNIT_COLUMNS}, nsource FROM tm_units WHERE id IN ({marks}) "
            f"UNION ALL SELECT {_UNIT_COLUMNS}, nsource FROM tm_units WHERE id > ? "
            "UNION ALL SELECT -1, value, '', NULL, NULL, NULL, NULL, NULL, NULL, 0, '' "
            "FROM tm_meta WHERE key = 'epoch' "
            "UNION ALL SELECT -2, value, '', NULL, NULL, NULL, NULL, NULL, NULL, 0, '' "
            "FROM tm_meta WHERE key = 'store_id' "
            f"ORDER BY 1 LIMIT {NEWS_LIMIT + len(ids) + 2}",
            [*ids, after],
        )
        if len(rows) == NEWS_LIMIT + len(ids) + 2 or len(rows) < 2:
            return None
        epoch = f"{rows[0][1][:12]}-{rows[1][1]}"
        by_id = {row[0]: row for row in rows[2:]}
        news = [row for row in rows[2:] if row[0] > after]
        return epoch, by_id, news

    def _state(self) -> tuple[str, int]:
        """The store's epoch key and its greatest unit id."""
        rows = dict(
            self.execute(
                "SELECT key, value FROM tm_meta WHERE key IN ('epoch', 'store_id') "
                "UNION ALL SELECT 'last', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM tm_units"
            )
        )
        return f"{rows['store_id'][:12]}-{rows['epoch']}", int(rows["last"])

    def _fresh_index(self) -> StoreIndex:
        if self._index is None:
            self._index = StoreIndex(self._read_sources, self._cache_dir)
        self._index.refresh(*self._state())
        return self._index

    def save_index(self) -> bool:
        """A writer's upkeep after an import: rebuild the saved fuzzy index when there is
        none or it lacks many units, so that readers never rebuild it themselves."""
        epoch, last = self._state()
        index = StoreIndex(self._read_sources, self._cache_dir)
        return index.save(
            epoch,
            last,
            lambda after: int(
                self.execute("SELECT COUNT(*) FROM tm_units WHERE id > ?", (after,))[0][0]
            ),
        )

    def _read_sources(self, after: int) -> Iterator[tuple[int, str]]:
        while True:
            rows = self.execute(
                "SELECT id, nsource FROM tm_units WHERE id > ? ORDER BY id LIMIT 50000", (after,)
            )
            if not rows:
                return
            yield from rows
            after = rows[-1][0]

    # -- writing ------------------------------------------------------------------------

    def add(self, entries: Iterable[TmEntry], prefer: Prefer = "newest") -> AddReport:
        """Add ``entries`` in one transaction; ``prefer`` settles a known key's new target."""
        check_prefer(prefer)
        report = AddReport()
        with self.write():
            meta = self._read_meta()
            langs = (meta["source_lang"], meta["target_lang"])
            batch: list[TmEntry] = []
            for entry in entries:
                batch.append(entry)
                if len(batch) >= BATCH:
                    self._add_batch(batch, langs, prefer, report)
                    batch = []
            if batch:
                self._add_batch(batch, langs, prefer, report)
            if report.added or report.replaced or report.kept_both:
                self._bump()
        return report

    def _add_batch(
        self, batch: list[TmEntry], langs: tuple[str, str], prefer: Prefer, report: AddReport
    ) -> None:
        keyed = []
        for e in batch:
            nsource = normalize(e.source)
            keyed.append((e, nsource, _hash(nsource, e.context, *langs, e.project)))
        hashes = sorted({k for _, _, k in keyed})
        marks = ", ".join("?" * len(hashes))
        known: dict[str, list[list[Any]]] = {}
        for row in self.execute(
            f"SELECT key_hash, alt, id, {_UNIT_COLUMNS} FROM tm_units "
            f"WHERE key_hash IN ({marks}) ORDER BY alt",
            hashes,
        ):
            known.setdefault(row[0], []).append([row[1], row[2], _entry(row[3:])])
        inserts: dict[tuple[str, int], tuple] = {}
        updates: dict[int, TmEntry] = {}
        history: list[tuple] = []
        for e, nsource, key in keyed:
            rows = known.setdefault(key, [])
            if not rows:
                rows.append([0, None, e])
                inserts[(key, 0)] = (e, nsource)
                report.added += 1
                continue
            first = rows[0][2]
            if any(r[2].target == e.target for r in rows):
                report.unchanged += 1
            elif prefer == "keep-both":
                alt = rows[-1][0] + 1
                rows.append([alt, None, e])
                inserts[(key, alt)] = (e, nsource)
                report.kept_both += 1
                report.conflicts.append(
                    Conflict(e.source, e.context, first.target, e.target, e.origin, "kept-both")
                )
            elif prefer == "newest" and newer(e, first):
                alt, unit_id = rows[0][0], rows[0][1]
                rows[0][2] = e
                if unit_id is None:
                    inserts[(key, alt)] = (e, nsource)
                else:
                    updates[unit_id] = e
                    history.append(
                        (unit_id, first.target, first.origin, first.creator, first.changed)
                    )
                report.replaced += 1
                report.conflicts.append(
                    Conflict(e.source, e.context, e.target, first.target, e.origin, "replaced")
                )
            else:
                report.dropped += 1
                report.conflicts.append(
                    Conflict(e.source, e.context, first.target, e.target, e.origin, "dropped")
                )
        if inserts:
            self.executemany(
                "INSERT INTO tm_units (key_hash, source_hash, alt, source, nsource, context, "
                "source_lang, target_lang, project, target, origin, creator, created, changed) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        key,
                        _hash(ns),
                        alt,
                        e.source,
                        ns,
                        e.context,
                        *langs,
                        e.project,
                        e.target,
                        e.origin,
                        e.creator,
                        e.created,
                        e.changed,
                    )
                    for (key, alt), (e, ns) in inserts.items()
                ],
            )
        if history:
            self.executemany(
                "INSERT INTO tm_history (unit_id, target, origin, creator, changed, replaced_by) "
                "VALUES (?, ?, ?, ?, ?, 'newest')",
                history,
            )
        if updates:
            self.executemany(
                "UPDATE tm_units SET target = ?, origin = ?, creator = ?, created = ?, "
                "changed = ? WHERE id = ?",
                [
                    (e.target, e.origin, e.creator, e.created, e.changed, unit_id)
                    for unit_id, e in updates.items()
                ],
            )

    def delete(self, filters: Filters, source: str | None = None) -> int:
        """Delete the units the filters (and an exact source, if given) select."""
        where, params = filters.where()
        if source is not None:
            nsource = normalize(source)
            where += (" AND" if where else " WHERE") + " source_hash = ? AND nsource = ?"
            params += [_hash(nsource), nsource]
        with self.write():
            self._read_meta()
            ids = [r[0] for r in self.execute(f"SELECT id FROM tm_units{where}", params)]
            for i in range(0, len(ids), BATCH):
                chunk = ids[i : i + BATCH]
                marks = ", ".join("?" * len(chunk))
                self.execute(f"DELETE FROM tm_units WHERE id IN ({marks})", chunk)
            if ids:
                self._bump(epoch=True)
        return len(ids)

    def dedupe(self) -> int:
        """Remove units that repeat an earlier one's source, context and target
        (keep-both twins and copies in several projects); the earliest stays."""
        with self.write():
            self._read_meta()
            rows = self.execute(
                "SELECT id FROM tm_units t WHERE EXISTS (SELECT 1 FROM tm_units e "
                "WHERE e.source_hash = t.source_hash AND e.nsource = t.nsource "
                "AND e.target = t.target AND e.id < t.id "
                "AND COALESCE(e.context, '') = COALESCE(t.context, ''))"
            )
            ids = [r[0] for r in rows]
            for i in range(0, len(ids), BATCH):
                chunk = ids[i : i + BATCH]
                marks = ", ".join("?" * len(chunk))
                self.execute(f"DELETE FROM tm_units WHERE id IN ({marks})", chunk)
            if ids:
                self._bump(epoch=True)
        return len(ids)

    def summary(self) -> dict[str, Any]:
        meta = self.meta()
        (units, sources, projects, creators, first, last) = self.execute(
            "SELECT COUNT(*), COUNT(DISTINCT source_hash), COUNT(DISTINCT project), "
            "COUNT(DISTINCT creator), MIN(COALESCE(changed, created)), "
            "MAX(COALESCE(changed, created)) FROM tm_units"
        )[0]
        history = self.execute("SELECT COUNT(*) FROM tm_history")[0][0]
        return {
            "memory": self.spec,
            "schema_version": int(meta["schema_version"]),
            "source_lang": meta["source_lang"],
            "target_lang": meta["target_lang"],
            "units": int(units),
            "distinct_sources": int(sources),
            "projects": int(projects),
            "creators": int(creators),
            "oldest": first,
            "newest": last,
            "replaced_targets": int(history),
            "generation": int(self._read_meta()["generation"]),
        }

    def concordance(self, text: str, where: str = "both", limit: int = 50) -> list[TmEntry]:
        """Units whose source or target holds ``text`` (NFKC, case-insensitive for Latin)."""
        needle = normalize(text).casefold()
        columns = {"source": ["nsource"], "target": ["target"], "both": ["nsource", "target"]}
        found = []
        for row in self._substring_rows(needle, columns[where]):
            entry = _entry(row)
            haystacks = {"source": [entry.source], "target": [entry.target]}
            haystacks["both"] = haystacks["source"] + haystacks["target"]
            if any(needle in normalize(h).casefold() for h in haystacks[where]):
                found.append(entry)
                if len(found) >= limit:
                    break
        return found

    def _substring_rows(self, needle: str, columns: list[str]) -> Iterator[tuple]:
        """Rows that may hold ``needle`` (a superset; the caller checks)."""
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cond = " OR ".join(f"LOWER({c}) LIKE ? ESCAPE '\\'" for c in columns)
        last = 0
        while True:
            rows = self.execute(
                f"SELECT {_UNIT_COLUMNS} FROM tm_units WHERE ({cond}) AND id > ? "
                "ORDER BY id LIMIT 1000",
                [pattern] * len(columns) + [last],
            )
            if not rows:
                return
            yield from rows
            last = rows[-1][0]


def _entry(row: tuple | list) -> TmEntry:
    _id, source, target, context, origin, project, creator, created, changed, _alt = row
    return TmEntry(source, target, context, origin, project, creator, created, changed)


#: a unit row (`SqlMemory.unit_columns`) as an entry, for the dialects' own lookups
entry_of_row = _entry
