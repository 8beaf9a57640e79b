"""A consistency partition too large to hold: small groups in batches, huge groups on disk.

A partition holds every unit of its keys, and one key can be shared by a large
part of a corpus (a sentence template whose numbers fold to one placeholder, the
same source repeated with millions of targets). So a large partition is read
twice, one shard's segment at a time: first to count the units of each group,
then to route each unit to a batch of whole small groups (at most `BATCH_UNITS`
units, spilled again and checked in memory by the check itself) or, for a group of
`HUGE_GROUP` units or more, to an SQLite file in the spill directory, where the
group's findings are computed by queries that sort and count on disk. Findings
are spilled in chunks too, so the task's memory stays bounded whatever the size
of a group.

The huge-group path gives the findings the check itself gives (the same message:
the five first other renderings and locations in sorted order, and how many
more); the tests compare the two.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tmkit.checks.base import CheckContext, iter_checks, rule_matches
from tmkit.checks.consistency import MAX_PLACES, MAX_TEXTS, _place, norm_source, norm_target
from tmkit.checks.run import run_checks
from tmkit.model.bulk import collector_paused
from tmkit.model.findings import Finding
from tmkit.model.units import Unit
from tmkit.ops.corpus.packed import order_rows, unpack_units
from tmkit.ops.corpus.spill import Segment, read_segments, write_segments

#: units checked in memory at once (a batch of whole groups): about 130 MiB at the
#: peak of the check, findings included
BATCH_UNITS = 100_000
#: a group this large (one that fills no batch) is checked in SQLite on disk, about
#: 1.5 times slower
HUGE_GROUP = BATCH_UNITS
#: findings spilled per chunk
CHUNK = 50_000
#: a partition of more units is read in two passes
LARGE_PARTITION = BATCH_UNITS

#: rule → (the side grouped by, its normaliser; the side compared, its normaliser)
_SIDES: dict[str, tuple[int, Callable[[str], str], int, Callable[[str], str]]] = {
    "consistency.target": (0, norm_source, 1, norm_target),
    "consistency.source": (1, norm_target, 0, norm_source),
}
_MESSAGES = {
    "consistency.target": "same source translated differently elsewhere",
    "consistency.source": "same translation used for a different source",
}


def is_large(rule: str, segments: list[Segment]) -> bool:
    size = sum(s[3] for s in segments if s is not None)
    return rule in _SIDES and size > LARGE_PARTITION


def _rows(segments: list[Segment]) -> Iterator[list[Any]]:
    """One segment's rows at a time."""
    for segment in segments:
        if segment is not None:
            yield list(read_segments([segment]))


def check_large_partition(
    rule: str, segments: list[Segment], ctx: CheckContext, spill: str, name: str
) -> list[Segment]:
    """The findings of ``rule`` over a partition, spilled as packed chunks."""
    key_side, key_norm, _, _ = _SIDES[rule]
    sizes: dict[str, int] = {}
    for rows in _rows(segments):
        for row in rows:
            k = key_norm(row[key_side])
            sizes[k] = sizes.get(k, 0) + 1
    batch_of: dict[str, int] = {}
    batches, filled = 0, BATCH_UNITS
    for k, n in sizes.items():
        if n >= HUGE_GROUP:
            continue
        if filled + n > BATCH_UNITS:
            batches, filled = batches + 1, 0
        batch_of[k] = batches - 1
        filled += n
    huge = {k for k, n in sizes.items() if n >= HUGE_GROUP}
    del sizes
    db = _open_db(Path(spill) / f"{name}.sqlite") if huge else None
    routed: list[list[Segment]] = []
    for number, rows in enumerate(_rows(segments)):
        parts: list[list[Any]] = [[] for _ in range(batches)]
        big: list[tuple[str, tuple[Any, ...]]] = []
        for row in rows:
            k = key_norm(row[key_side])
            if k in huge:
                big.append((k, row))
            else:
                parts[batch_of[k]].append(row)
        if big:
            _insert(db, rule, big)
        del rows, big
        routed.append(write_segments(spill, f"{name}-{number}", parts))
    del batch_of
    out: list[Segment] = []
    for b in range(batches):
        units = unpack_units(read_segments([r[b] for r in routed]))
        with collector_paused():
            found = run_checks(units, ctx, [rule]) if units else []
        del units
        out.extend(_spill_findings(found, spill, f"{name}-found-{b}"))
    if db is not None:
        chunk: list[Finding] = []
        for finding in _huge_findings(db, rule, ctx):
            chunk.append(finding)
            if len(chunk) >= CHUNK:
                out.extend(_spill_findings(chunk, spill, f"{name}-huge-{len(out)}"))
                chunk = []
        out.extend(_spill_findings(chunk, spill, f"{name}-huge-{len(out)}"))
        db.close()
    return [s for s in out if s is not None]


def _spill_findings(found: list[Finding], spill: str, name: str) -> list[Segment]:
    return write_segments(spill, name, [order_rows(found)]) if found else []


def _open_db(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE", "cache_size=-32768"):
        db.execute(f"PRAGMA {pragma}")
    db.execute(
        "CREATE TABLE u (key TEXT, variant TEXT, text TEXT, place TEXT,"
        " id TEXT, file TEXT, line INTEGER, source TEXT, target TEXT, ignored TEXT)"
    )
    return db


def _insert(db: Any, rule: str, rows: list[tuple[str, tuple[Any, ...]]]) -> None:
    _, _, side, norm = _SIDES[rule]
    db.executemany(
        "INSERT INTO u VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            (
                key,
                norm(unit.target if side else unit.source),
                (unit.target if side else unit.source).strip(),
                _place(unit),
                unit.id,
                unit.file,
                unit.line,
                unit.source,
                unit.target,
                "\x1f".join(sorted(unit.ignored)),
            )
            for key, unit in ((k, Unit(*row)) for k, row in rows)
        ),
    )


def _first(rows: Iterator[Any], skip: Callable[[Any], bool]) -> list[str]:
    """The first `MAX_TEXTS` (= `MAX_PLACES`) values of ``rows`` not skipped."""
    out: list[str] = []
    for row in rows:
        if not skip(row):
            out.append(row[0])
            if len(out) == max(MAX_TEXTS, MAX_PLACES):
                break
    return out


def _listing(items: list[str], count: int, limit: int, sep: str) -> str:
    more = f" and {count - limit} more" if count > limit else ""
    return sep.join(items[:limit]) + more


def _huge_findings(db: Any, rule: str, ctx: CheckContext) -> Iterator[Finding]:
    """Each unit's finding in every huge group with more than one variant."""
    db.execute("CREATE INDEX u_key ON u (key, variant)")
    query = "SELECT key FROM u GROUP BY key HAVING COUNT(DISTINCT variant) > 1"
    for key in [k for (k,) in db.execute(query)]:
        for finding in _group_findings(db, rule, key):
            if not any(drop(finding) for drop in ctx.suppressions):
                yield finding


def _texts(db: Any, key: str, but: str | None) -> list[str]:
    """The first other texts for a unit of variant ``but`` (None: of the whole group)."""
    rows = db.execute("SELECT DISTINCT text, variant FROM u WHERE key = ? ORDER BY text", (key,))
    return _first(rows, lambda r: r[1] == but)


def _places(db: Any, but: str | None) -> list[str]:
    """The first other places for a unit of variant ``but``: a place is another's
    unless every unit there is of ``but``."""
    rows = db.execute("SELECT place, c, mv FROM pl ORDER BY place")
    return _first(rows, lambda r: r[1] == 1 and r[2] == but)


def _group_findings(db: Any, rule: str, key: str) -> Iterator[Finding]:
    severity = next(c.severity for c in iter_checks() if c.id == rule)
    on_target = rule == "consistency.target"
    for table in ("pl", "vs", "ex"):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute(
        "CREATE TEMP TABLE pl AS SELECT place, COUNT(DISTINCT variant) AS c,"
        " MIN(variant) AS mv FROM u WHERE key = ? GROUP BY place",
        (key,),
    )
    db.execute(
        "CREATE TEMP TABLE vs AS SELECT variant, COUNT(DISTINCT text) AS nt"
        " FROM u WHERE key = ? GROUP BY variant",
        (key,),
    )
    db.execute(
        "CREATE TEMP TABLE ex AS SELECT mv AS variant, COUNT(*) AS ne"
        " FROM pl WHERE c = 1 GROUP BY mv"
    )
    db.execute("CREATE INDEX vs_variant ON vs (variant)")
    db.execute("CREATE INDEX ex_variant ON ex (variant)")
    (n_places,) = db.execute("SELECT COUNT(*) FROM pl").fetchone()
    (n_texts,) = db.execute("SELECT SUM(nt) FROM vs").fetchone()
    # the first texts (places) of the whole group are every variant's, but for the
    # few variants among them, which get their own
    head_texts = db.execute(
        "SELECT DISTINCT text, variant FROM u WHERE key = ? ORDER BY text LIMIT ?",
        (key, MAX_TEXTS),
    ).fetchall()
    head_places = db.execute(
        "SELECT place, c, mv FROM pl ORDER BY place LIMIT ?", (MAX_PLACES,)
    ).fetchall()
    own_texts = {v: _texts(db, key, v) for _, v in head_texts}
    own_places = {mv: _places(db, mv) for _, c, mv in head_places if c == 1}
    everyone_texts, everyone_places = _texts(db, key, None), _places(db, None)
    last: str | None = None
    message = expected = ""
    for variant, nt, ne, uid, file, line, source, target, ignored in db.execute(
        "SELECT u.variant, vs.nt, COALESCE(ex.ne, 0), id, file, line, source, target,"
        " ignored FROM u JOIN vs USING (variant) LEFT JOIN ex USING (variant)"
        " WHERE key = ? ORDER BY u.variant",
        (key,),
    ):
        if variant != last:
            last = variant
            texts = own_texts.get(variant, everyone_texts)
            places = own_places.get(variant, everyone_places)
            quote = _listing([repr(t) for t in texts], n_texts - nt, MAX_TEXTS, "; ")
            where = _listing(places, n_places - ne, MAX_PLACES, ", ")
            message = f"{_MESSAGES[rule]}: {quote} ({where})"
            expected = texts[0]
        if ignored and rule_matches(rule, ignored.split("\x1f")):
            continue
        yield Finding(
            rule,
            severity,
            message,
            uid,
            file,
            line,
            source,
            target,
            (0, len(target if on_target else source)),
            expected if on_target else None,
            "target" if on_target else "source",
        )
