"""PostgreSQL's pg_trgm as an optional fast fuzzy mode (``postgresql://…?fuzzy=trigram``).

**Not exact**, and never the default: pg_trgm ranks units by trigram-set
similarity, and a unit can reach a 75 edit score with a trigram similarity far
below any workable cut-off (a 38-character Japanese pair scoring 76.3 had 0.18),
so a match the exact index finds can be missed. What it does return is scored
like every other lookup (``fuzz.ratio`` on NFKC text, in Python), so a score is
never wrong, only a match may be absent. It needs no index in the client's
cache: the GIN index lives in the database (built by the first lookup).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from tmkit.model.errors import UsageError
from tmkit.text.fuzzy import normalize

#: pg_trgm's similarity cut-off for candidates (its ``%`` operator)
SIMILARITY = 0.3
#: candidates read per lookup, most similar first, then rescored
CANDIDATES = 200
MODES = ("exact", "trigram")


def split_mode(url: str) -> tuple[str, str]:
    """``url`` without its ``fuzzy=`` option (libpq does not know it), and the mode."""
    base, mark, query = url.partition("?")
    # the other options kept as written (re-encoding them would change the URL)
    kept, mode = [], "exact"
    for part in query.split("&") if query else []:
        if part.startswith("fuzzy="):
            mode = part[len("fuzzy=") :]
        else:
            kept.append(part)
    if mode not in MODES:
        raise UsageError(f"{url}: fuzzy= must be one of {', '.join(MODES)}, not {mode!r}")
    return base + (mark + "&".join(kept) if kept else ""), mode


def ensure_index(memory) -> None:
    """The pg_trgm extension and a GIN index over normalised sources (once per database)."""
    with memory.write():
        memory.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        memory.execute(
            "CREATE INDEX IF NOT EXISTS tm_units_trgm ON tm_units USING gin (nsource gin_trgm_ops)"
        )
    memory.execute(f"SELECT set_limit({SIMILARITY})")


def lookup(memory, source: str, threshold: float, limit: int | None) -> list[tuple[tuple, float]]:
    """(unit row, score) best first (ties: earliest unit), from pg_trgm's candidates."""
    query = normalize(source)
    # "%%": psycopg's escape for pg_trgm's similarity operator
    rows = memory.execute(
        f"SELECT {memory.unit_columns}, nsource FROM tm_units WHERE nsource %% ? "
        f"ORDER BY similarity(nsource, ?) DESC, id LIMIT {CANDIDATES}",
        (query, query),
    )
    scored = [(row[:-1], fuzz.ratio(query, row[-1])) for row in rows]
    hits = sorted((h for h in scored if h[1] >= threshold), key=lambda h: (-h[1], h[0][0]))
    return hits if limit is None else hits[:limit]
