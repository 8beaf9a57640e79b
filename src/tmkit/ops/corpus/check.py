"""`tmkit check` over a corpus: pair checks per shard, corpus checks per hash partition.

Pair checks see one unit at a time, so each shard is checked on its own. Corpus
checks (consistency) compare units that share a key (the normalised source, or
the target), so each shard spills its units to the partition of that key
(`tmkit.ops.corpus.spill`) and each partition runs the check over exactly the
units that could be compared: the findings equal those of one run over all
units. A corpus check without a known key gets one partition holding every unit
(exact, but neither spread nor bounded).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from tmkit.checks.run import apply_baseline, read_baseline, run_checks, selected_checks
from tmkit.model.bulk import collector_paused
from tmkit.model.findings import Finding
from tmkit.model.units import Unit
from tmkit.ops.corpus.engine import Failed, partition_of
from tmkit.ops.corpus.groups import check_large_partition, is_large
from tmkit.ops.corpus.inputs import Shard, shard_units
from tmkit.ops.corpus.packed import (
    findings_of_rows,
    in_corpus_order,
    order_rows,
    pack_unit,
    unpack_units,
)
from tmkit.ops.corpus.run import CorpusRun, map_indexed
from tmkit.ops.corpus.spill import partition_count, read_segments, spill_area, write_segments


def _consistency_keys() -> dict[str, Callable[[Unit], str | None]]:
    """Partition key per consistency rule; None for a unit the rule ignores anyway
    (untranslated or fuzzy; for consistency.source, targets under four words)."""
    from tmkit.checks.consistency import enough_words, norm_source, norm_target

    def source_key(u: Unit) -> str | None:
        return norm_source(u.source) if u.translated and not u.fuzzy else None

    def target_key(u: Unit) -> str | None:
        if not u.translated or u.fuzzy:
            return None
        target = norm_target(u.target)
        return target if enough_words(target) else None

    return {"consistency.target": source_key, "consistency.source": target_key}


@dataclass(frozen=True)
class CheckSpec:
    glossaries: tuple[str, ...]
    pair_ids: tuple[str, ...]
    corpus_ids: tuple[str, ...]
    partitions: int
    spill: str
    options: tuple[tuple[str, Any], ...] = ()
    #: shards whose pair findings come from the --resume cache (only their keys are needed)
    cached: frozenset[int] = frozenset()
    #: findings go back as tuples (`tmkit.ops.corpus.packed`): the tasks run in other processes
    packed: bool = False


_CONTEXTS: dict[Any, Any] = {}


def _context(spec: CheckSpec) -> Any:
    """The check context of a run, built once per worker process (the glossary matcher)."""
    key = (spec.glossaries, spec.options)
    if key not in _CONTEXTS:
        from tmkit.ops.check import glossary_context

        _CONTEXTS.clear()
        _CONTEXTS[key] = glossary_context(spec.glossaries, dict(spec.options))
    ctx = _CONTEXTS[key]
    ctx.cache.clear()
    return ctx


def _found(findings: list[Finding], spec: CheckSpec) -> list[Any]:
    return order_rows(findings) if spec.packed else findings


def check_shard(shard: Shard, index: int, spec: CheckSpec) -> tuple[Any, ...]:
    """(pair findings, unit count, per corpus check the spilled segment of each partition)."""
    units = list(shard_units(shard))
    ctx = _context(spec)
    wanted = spec.pair_ids and index not in spec.cached
    # as check_files does: units and findings make no cycles, and a worker's heap
    # (Dask's own objects) would be walked again every few thousand of them
    with collector_paused():
        findings = run_checks(units, ctx, spec.pair_ids) if wanted else []
    keys = _consistency_keys()
    segments: list[list[Any]] = []
    for number, rule in enumerate(spec.corpus_ids):
        key = keys.get(rule)
        parts: list[list[Any]] = [[] for _ in range(spec.partitions if key else 1)]
        for unit in units:
            if key is None:
                parts[0].append(unit)
            elif (k := key(unit)) is not None:
                parts[partition_of(k, spec.partitions)].append(pack_unit(unit))
        segments.append(write_segments(spec.spill, f"check-{index}-{number}", parts))
    return _found(findings, spec), len(units), segments


def check_partition(item: tuple[str, int, list[Any]], spec: CheckSpec) -> tuple[list[Any], ...]:
    """One corpus check over one partition: the units of every shard with keys in it.
    (findings, segments of spilled packed findings): a large partition is checked by
    `tmkit.ops.corpus.groups` in bounded memory, its findings spilled."""
    rule, number, segments = item
    if is_large(rule, segments):
        name = f"{rule}-{number}"
        return [], check_large_partition(rule, segments, _context(spec), spec.spill, name)
    rows = list(read_segments(segments))
    # the units of a known key come as tuples (`pack_unit`), of others as they were read
    units = unpack_units(rows) if rows and isinstance(rows[0], tuple) else rows
    del rows
    with collector_paused():
        return _found(run_checks(units, _context(spec), [rule]) if units else [], spec), []


class _Found:
    """Findings as the tasks return them, gathered for the corpus order.

    From other processes they come as `order_rows`, each task's sorted. A finding
    is built as its rows arrive (while the workers go on), and at the end only the
    order of the rows is sorted, which merges the runs. Local tasks return
    findings, sorted at the end by `in_corpus_order`, the same order."""

    def __init__(self, packed: bool) -> None:
        self.packed = packed
        self.rows: list[Any] = []
        self.findings: list[Finding] = []

    def add(self, found: list[Any]) -> None:
        if self.packed:
            self.add_rows(found)
        else:
            self.findings.extend(found)

    def add_rows(self, rows: list[Any]) -> None:
        if self.packed:
            self.rows.extend(rows)
        self.findings.extend(findings_of_rows(rows))

    def in_order(self) -> list[Finding]:
        if not self.packed:
            return in_corpus_order(self.findings)
        with collector_paused():
            order = sorted(range(len(self.rows)), key=self.rows.__getitem__)
            self.rows = []
            return [self.findings[i] for i in order]


@dataclass
class CorpusCheck:
    findings: list[Finding]
    run: CorpusRun
    baseline_suppressed: int = 0
    all_findings: list[Finding] = field(default_factory=list)
    #: checklist rules' ids → (severity, summary), as `tmkit.ops.check.CheckRun` has
    extra_rules: dict[str, tuple[str, str]] = field(default_factory=dict)


def _cached(shards: list[Shard], spec: CheckSpec) -> tuple[Any, list[str], dict[int, Any]]:
    from pathlib import Path

    from tmkit.ops.corpus.engine import ResultCache
    from tmkit.ops.corpus.run import CACHE_DIR

    stamps = tuple((g, Path(g).stat().st_mtime_ns, Path(g).stat().st_size) for g in spec.glossaries)
    cache = ResultCache(CACHE_DIR, "check", (stamps, spec.pair_ids, spec.options))
    sums = [s.checksum() for s in shards]
    hits = {i: cache.get(c) for i, c in enumerate(sums)}
    return cache, sums, {i: v for i, v in hits.items() if v is not None}


def check_corpus(
    engine: Any,
    shards: list[Shard],
    glossaries: Iterable[str] = (),
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    baseline: str | None = None,
    options: dict[str, Any] | None = None,
    progress: Any = None,
    resume: bool = False,
) -> CorpusCheck:
    """Check every shard; with ``resume``, pair findings of shards seen before (same
    checksum, same rules and glossaries) come from the cache and only the cheap keys
    for the corpus checks are computed again."""
    glossaries = tuple(str(g) for g in glossaries)
    known = read_baseline(baseline) if baseline is not None else None
    checks = selected_checks(select, ignore, glossary=bool(glossaries))
    spec = CheckSpec(
        glossaries,
        tuple(c.id for c in checks if c.scope != "corpus"),
        tuple(c.id for c in checks if c.scope == "corpus"),
        1,
        "",
        tuple(sorted((options or {}).items())),
    )
    run = CorpusRun()
    cache, sums, cached = _cached(shards, spec) if resume else (None, [], {})
    with spill_area(engine) as spill:
        spec = replace(
            spec,
            partitions=partition_count(engine, len(shards)),
            spill=spill,
            cached=frozenset(cached),
            packed=engine.name != "local",
        )
        results = map_indexed(engine, check_shard, shards, spec, run, progress)
        good = [(i, r) for i, r in enumerate(results) if not isinstance(r, Failed)]
        del results
        keys = _consistency_keys()
        partitions = [
            (rule, p, [segments[r][p] for _, (_, _, segments) in good])
            for r, rule in enumerate(spec.corpus_ids)
            for p in range(spec.partitions if rule in keys else 1)
        ]
        # the largest first: a large one taken last would leave the other workers idle
        partitions.sort(key=lambda item: -sum(s[3] for s in item[2] if s is not None))
        # submitted before the pair findings are taken in, which then overlaps them
        pending = engine.imap(check_partition, partitions, spec) if good else iter(())
        found = _Found(spec.packed)
        # the findings pile up by the hundred thousand (no cycles): with the collector
        # running, every result taken in would walk all those before it again
        with collector_paused():
            for i, (pair_found, units, _) in good:
                run.units += units
                if i in cached:  # cached as rows, whichever engine wrote them
                    found.add_rows(cached[i])
                    run.resumed += 1
                    continue
                found.add(pair_found)
                if cache is not None:
                    cache.put(sums[i], pair_found if spec.packed else order_rows(pair_found))
            for _, (partition_found, spilled) in pending:
                found.add(partition_found)
                for segment in spilled:
                    found.add_rows(list(read_segments([segment])))
            findings = found.in_order()
    result = CorpusCheck(findings, run, 0, list(findings))
    if known is not None:
        result.findings, result.baseline_suppressed = apply_baseline(findings, known)
    return result
