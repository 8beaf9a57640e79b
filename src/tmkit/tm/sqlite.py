"""The embedded back end: a memory in one SQLite file (``sqlite:///path/tm.db``).

WAL mode lets readers go on while one writer imports; the busy timeout makes a
second writer wait for the lock instead of failing. Each import is one
``BEGIN IMMEDIATE`` transaction. The fuzzy index is cached in ``tm.db-index/``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tmkit.model.errors import InputError
from tmkit.tm.sql import SqlMemory

#: how long a writer waits for another's lock, in milliseconds
BUSY_TIMEOUT_MS = 120_000


class SqliteMemory(SqlMemory):
    id_column = "INTEGER PRIMARY KEY AUTOINCREMENT"

    def __init__(self, path: str | Path, create: bool = False) -> None:
        self.path = Path(path)
        self.spec = f"sqlite:///{self.path}"
        if not create and not self.path.is_file():
            raise InputError("no such memory (create it with `tmkit tm init`)", str(self.path))
        try:
            self.conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as err:
            raise InputError(f"cannot open the memory: {err}", str(self.path)) from None
        super().__init__(self.path.with_name(self.path.name + "-index"))
        self._depth = 0

    def execute(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        try:
            return self.conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.DatabaseError as err:
            raise InputError(f"database error: {err}", str(self.path)) from None

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.DatabaseError as err:
            raise InputError(f"database error: {err}", str(self.path)) from None

    @contextmanager
    def write(self) -> Iterator[None]:
        if self._depth:
            yield
            return
        self.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.execute("COMMIT")
        finally:
            self._depth -= 1

    def has_schema(self) -> bool:
        return bool(
            self.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tm_meta'")
        )

    def close(self) -> None:
        self.conn.close()
