"""The team back end: a memory on a PostgreSQL server (``postgresql://host/db``).

Needs ``psycopg`` 3 (``pip install 'tmkit[postgres]'``). Credentials come from
libpq's usual places, never from the command line: ``PGPASSWORD``/``PGUSER``…,
``~/.pgpass`` or a service file (``postgresql:///?service=tm``); a URL holding a
password is refused.

Writers take a transaction-level advisory lock, so imports run one at a time
(unit ids then grow in commit order, which the cached fuzzy index needs) while
readers go on from their MVCC snapshot. Normalisation and fuzzy scoring happen in
Python, never in SQL, so every back end scores alike. The database's CTYPE is
checked on connect: under ``C``/``POSIX`` PostgreSQL treats CJK characters as
non-letters (``pg_trgm``'s ``show_trgm('日本語')`` is empty), which would make
any in-database text search blind to Japanese.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tmkit.model.errors import InputError, UsageError
from tmkit.tm.base import DEFAULT_THRESHOLD, TmHit
from tmkit.tm.sql import SqlMemory, entry_of_row
from tmkit.tm.trigram import ensure_index, lookup, split_mode

#: the advisory lock key writers of a memory hold (any fixed number will do)
WRITE_LOCK = 0x746D6B6974  # "tmkit"


def cache_root() -> Path:
    if os.environ.get("TMKIT_CACHE_DIR"):
        return Path(os.environ["TMKIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tmkit" / "tm"


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.password or "password=" in parts.query:
        raise UsageError(
            "a password in a memory URL would show in shell history and process lists; "
            "put it in ~/.pgpass, PGPASSWORD or a service file instead"
        )


def check_ctype(ctype: str, name: str) -> None:
    plain = ctype.split(".")[0].upper()
    if plain in ("C", "POSIX") and "UTF" not in ctype.upper():
        raise InputError(
            f"the database's LC_CTYPE is {ctype!r}, which is blind to CJK characters; "
            "create it with a UTF-8 locale: createdb --template=template0 --locale=C.UTF-8 "
            "(or initdb --locale=C.UTF-8)",
            name,
        )


class PostgresMemory(SqlMemory):
    id_column = "BIGSERIAL PRIMARY KEY"

    def __init__(self, url: str) -> None:
        check_url(url)
        try:
            import psycopg
        except ImportError:
            raise UsageError(
                f"{url}: PostgreSQL memories need psycopg: pip install 'tmkit[postgres]'"
            ) from None
        self._psycopg = psycopg
        self.spec = url
        # ?fuzzy=trigram: pg_trgm's fast, inexact lookups (tmkit.tm.trigram)
        url, self.fuzzy_mode = split_mode(url)
        self._trigram_ready = False
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise InputError(f"cannot connect: {first}", url) from None
        ctype, database = self.conn.execute(
            "SELECT datctype, datname FROM pg_database WHERE datname = current_database()"
        ).fetchone()
        check_ctype(ctype, url)
        self._tx_depth = 0
        # one cache per server and database, for every user of this machine account
        info = self.conn.info
        place = f"{info.host}:{info.port}/{database}"
        digest = hashlib.blake2b(place.encode(), digest_size=8).hexdigest()
        super().__init__(cache_root() / digest)

    def fuzzy(
        self, source: str, threshold: float = DEFAULT_THRESHOLD, limit: int | None = 1
    ) -> list[TmHit]:
        if self.fuzzy_mode == "exact":
            return super().fuzzy(source, threshold, limit)
        if not self._trigram_ready:
            ensure_index(self)
            self._trigram_ready = True
        hits = lookup(self, source, threshold, limit)
        return [TmHit(entry_of_row(row), "fuzzy", score) for row, score in hits]

    def execute(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        try:
            cur = self.conn.execute(sql.replace("?", "%s"), tuple(params))
            return cur.fetchall() if cur.description is not None else []
        except self._psycopg.Error as err:
            raise InputError(f"database error: {_first_line(err)}", self.spec) from None

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        try:
            with self.conn.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)
        except self._psycopg.Error as err:
            raise InputError(f"database error: {_first_line(err)}", self.spec) from None

    @contextmanager
    def write(self) -> Iterator[None]:
        if self._tx_depth:
            yield
            return
        self._tx_depth += 1
        try:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                yield
        finally:
            self._tx_depth -= 1

    def has_schema(self) -> bool:
        return self.execute("SELECT to_regclass('tm_meta')")[0][0] is not None

    def close(self) -> None:
        self.conn.close()


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
