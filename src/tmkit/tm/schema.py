"""The schema of a stored memory, its migrations, and the filters that select units.

Schema (version `SCHEMA_VERSION`; ``tm init`` creates it, ``tm upgrade`` runs the
migrations a store lacks, in order):

* ``tm_meta``: key/value: schema version, languages, the store's id, its
  *generation* (bumped by every write) and *epoch* (bumped by every delete).
* ``tm_units``: one row per unit, keyed by (NFKC source, context, languages,
  project, alt) through ``key_hash``; ``alt`` > 0 only for ``keep-both`` twins.
* ``tm_history``: targets replaced by a newer one (newest-wins), with their dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCHEMA_VERSION = 1


def _schema(id_column: str) -> list[str]:
    return [
        "CREATE TABLE tm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"""CREATE TABLE tm_units (
            id {id_column},
            key_hash TEXT NOT NULL,
            source_hash TEXT NOT NULL,
            alt INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL,
            nsource TEXT NOT NULL,
            context TEXT,
            source_lang TEXT NOT NULL,
            target_lang TEXT NOT NULL,
            project TEXT,
            target TEXT NOT NULL,
            origin TEXT,
            creator TEXT,
            created TEXT,
            changed TEXT,
            UNIQUE (key_hash, alt))""",
        "CREATE INDEX tm_units_source ON tm_units (source_hash)",
        f"""CREATE TABLE tm_history (
            id {id_column},
            unit_id BIGINT NOT NULL,
            target TEXT NOT NULL,
            origin TEXT,
            creator TEXT,
            changed TEXT,
            replaced_by TEXT)""",
    ]


#: schema version → statements taking a store from the version before to it
MIGRATIONS: dict[int, Any] = {1: _schema}


@dataclass(frozen=True, slots=True)
class Filters:
    """Which units `export`, `delete` and iteration see (None: any)."""

    project: str | None = None
    creator: str | None = None
    since: str | None = None
    until: str | None = None
    origin: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = [], []
        for column, value in (
            ("project", self.project),
            ("creator", self.creator),
            ("origin", self.origin),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.since is not None:
            clauses.append("COALESCE(changed, created, '') >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append("COALESCE(changed, created, '') <= ?")
            params.append(self.until)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
