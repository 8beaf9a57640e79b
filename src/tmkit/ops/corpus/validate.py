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
from tmkit.ops.corpus.engine import Failed, partition_of
from tmkit.ops.corpus.inputs import Shard
from tmkit.ops.corpus.run import CorpusRun, map_indexed
from tmkit.ops.corpus.spill import partition_count, read_segments, spill_area, write_segments


@dataclass(frozen=True)
class ValidateSpec:
    target_lang: str | None
    strict: bool
    partitions: int
    spill: str = ""


def validate_shard(shard: Shard, index: int, spec: ValidateSpec) -> tuple[Any, ...]:
    """(findings, units, per partition the segment of [(tuid, shard index, line)] first
    in this shard)."""
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
    return findings, counter.units, write_segments(spec.spill, f"tuids-{index}", parts)


def tuid_partition(segments: list[Any], names: list[str]) -> list[Finding]:
    from tmkit.ops.validate import RULES

    seen: set[str] = set()
    found: list[Finding] = []
    entries = sorted(read_segments(segments), key=lambda e: e[1])
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
    run = CorpusRun()
    names = [s.path for s in shards]
    findings: list[Finding] = []
    with spill_area(engine) as spill:
        spec = ValidateSpec(target_lang, strict, partition_count(engine, len(shards)), spill)
        results = map_indexed(engine, validate_shard, shards, spec, run, progress)
        good = [r for r in results if not isinstance(r, Failed)]
        del results
        for found, units, _ in good:
            findings.extend(found)
            run.units += units
        parts = [[segments[p] for _, _, segments in good] for p in range(spec.partitions)]
        if good:
            for found in engine.map(tuid_partition, parts, names):
                findings.extend(found)
    findings.sort(key=sort_key)
    return findings, run
