"""Back ends for the memory tests: SQLite always, PostgreSQL when a server is given.

The PostgreSQL server comes from TMKIT_TEST_PG (`.ci/start-postgres` starts one
and exports it). Without one the PostgreSQL tests skip and say so; with CI set
they fail instead, since CI must run them.
"""

from __future__ import annotations

import os
import uuid

import pytest

PG_URL = os.environ.get("TMKIT_TEST_PG")


def need_postgres() -> str:
    if PG_URL:
        return PG_URL
    reason = "no PostgreSQL server: run `source .ci/start-postgres` (sets TMKIT_TEST_PG)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
    pytest.skip(reason)


def fresh_postgres() -> str:
    """A new empty database on the test server; its URL."""
    import psycopg

    url = need_postgres()
    name = f"tm_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
    base, _, query = url.partition("?")
    base = base[: base.rindex("/") + 1] + name
    return base + ("?" + query if query else "")


def fresh_spec(kind: str, tmp_path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / f'tm-{uuid.uuid4().hex[:8]}.db'}"
    return fresh_postgres()


BACKENDS = ["sqlite", "postgres"]
