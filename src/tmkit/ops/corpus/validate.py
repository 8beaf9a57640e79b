"""`tmkit validate` over a corpus: each TMX shard on its own, tuids across shards by partition.

Every rule but ``tuid-duplicate`` looks at one file at a time. For tuids, each
shard sends the first line of every tuid it holds to the tuid's partition; a
partition reports a tuid again in every later shard that holds it (a repeat
inside one shard is already reported by that shard), which is what one pass over
the shards concatenated reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tmkit.model.errors import InputError
from tmkit.model.findings import Finding, sort_key
from tmkit.ops.corpus.engine import partition_of
from tmkit.ops.corpus.inputs import Shard
from tmkit.ops.corpus.run import CorpusRun, collect_failures, scatter_shards


@dataclass(frozen=True)
class ValidateSpec:
    target_lang: str | None
    strict: bool
    partitions: int


def validate_shard(shard: Shard, index: int, spec: ValidateSpec) -> tuple[Any, ...]:
    """(findings, units, per partition: [(tuid, shard index, line)] first in this shard)."""
    from tmkit.ops.validate import Validation, iter_findings

    if not shard.tmx:
        raise InputError("validate reads TMX shards only", shard.name)
    first: dict[str, int | None] = {}

    def seen(unit: Any) -> None:
        if unit.tuid is not None and unit.tuid not in first:
            first[unit.tuid] = unit.line

    counter = Validation(shard.path)
    findings = list(
        iter_findings(
            shard.path, None, spec.target_lang, spec.strict, counter=counter, on_unit=seen
        )
    )
    parts: list[list[tuple[str, int, int | None]]] = [[] for _ in range(spec.partitions)]
    for tuid, line in first.items():
        parts[partition_of(tuid, spec.partitions)].append((tuid, index, line))
    return findings, counter.units, parts


def tuid_partition(parts: list[Any], names: list[str], spec: ValidateSpec) -> list[Finding]:
    from tmkit.ops.validate import RULES

    seen: set[str] = set()
    found: list[Finding] = []
    entries = sorted((e for part in parts if part for e in part), key=lambda e: e[1])
    for tuid, index, line in entries:
        if tuid in seen:
            message = f"tuid {tuid!r} appears again"
            found.append(
                Finding(
                    "tuid-duplicate", RULES["tuid-duplicate"][0], message, tuid, names[index], line
                )
            )
        seen.add(tuid)
    return found


def validate_corpus(
    engine: Any,
    shards: list[Shard],
    target_lang: str | None = None,
    strict: bool = False,
    progress: Any = None,
) -> tuple[list[Finding], CorpusRun]:
    spec = ValidateSpec(target_lang, strict, max(1, engine.workers * 2))
    run = CorpusRun()
    handles = scatter_shards(engine, validate_shard, shards, spec)
    engine.wait(handles, progress)
    failed = collect_failures(engine, handles, run)
    good = [h for h, bad in zip(handles, failed, strict=True) if not bad]
    findings = [f for found in engine.gather(engine.pick(good, 0)) for f in found]
    run.units = sum(engine.gather(engine.pick(good, 1)))
    names = [s.path for s in shards]
    if good:
        tasks = [
            engine.submit(tuid_partition, engine.pick(good, 2, p), names, spec)
            for p in range(spec.partitions)
        ]
        findings.extend(f for found in engine.gather(tasks) for f in found)
    findings.sort(key=sort_key)
    return findings, run
