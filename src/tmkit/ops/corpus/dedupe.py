"""`tmkit dedupe`: exact duplicates and source conflicts across a corpus, by hash partition.

Keys are normalised texts (NFKC, white space collapsed and trimmed; case kept).
Each shard sends (source key, target key, position) of its units to the partition
of the source key, so duplicates and conflicts always meet in one partition and
no worker holds the whole corpus. A partition decides what to drop; each shard is
then read again and its kept units written as one output shard (the TMX units as
read, props and notes included; Moses and other inputs become TMX units).

* duplicate: the same (source, target) again; every copy after the first is dropped;
* conflict: one source with several targets; reported, and with ``prefer`` resolved
  by keeping one target: ``first`` or ``last`` seen, the ``majority`` (ties: first
  seen) or the ``longest`` (ties: first seen).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmkit.model.errors import UsageError
from tmkit.ops.corpus.engine import partition_of
from tmkit.ops.corpus.inputs import Shard
from tmkit.ops.corpus.run import CorpusRun, collect_failures, scatter_shards

PREFER = ("none", "first", "last", "majority", "longest")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


@dataclass(frozen=True)
class DedupeSpec:
    prefer: str
    partitions: int
    out_dir: str | None
    compression: str = "none"


def _records(shard: Shard) -> tuple[Any, list[Any]]:
    """(header or None, [(translation unit or None, source, target)]) in file order."""
    from tmkit.formats import io
    from tmkit.formats.unitview import memory_units
    from tmkit.ops.corpus.inputs import moses_units

    if shard.moses:
        return None, [(None, u.source, u.target) for u in moses_units(shard)]
    fmt = io.detect(shard.path, kind="catalog")
    obj = io.read(shard.path, format=fmt.name)
    if fmt.name == "tmx":
        rows = []
        for tu in obj.units:
            unit = next(memory_units([tu], shard.path, obj.header.srclang), None)
            rows.append((tu, unit.source, unit.target) if unit else (tu, None, None))
        return obj.header, rows
    return None, [(None, u.source, u.target) for u in io.units(obj, shard.path, fmt.name)]


def dedupe_shard(shard: Shard, index: int, spec: DedupeSpec) -> tuple[Any, ...]:
    _, rows = _records(shard)
    parts: list[list[tuple[str, str, int, int]]] = [[] for _ in range(spec.partitions)]
    for seq, (_, source, target) in enumerate(rows):
        if source is None:
            continue
        key = normalise(source)
        parts[partition_of(key, spec.partitions)].append((key, normalise(target), index, seq))
    return len(rows), parts


def _choose(variants: dict[str, list[tuple[int, int]]], prefer: str) -> str | None:
    order = sorted(variants, key=lambda t: variants[t][0])
    if prefer == "first":
        return order[0]
    if prefer == "last":
        return max(variants, key=lambda t: variants[t][-1])
    if prefer == "majority":
        return max(order, key=lambda t: len(variants[t]))  # max keeps the first of ties
    if prefer == "longest":
        return max(order, key=len)
    return None


def dedupe_partition(parts: list[Any], spec: DedupeSpec) -> tuple[list[Any], list[Any], int]:
    """(drops [(shard, seq, reason)], conflicts [report entries], duplicate count)."""
    groups: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for part in parts:
        for key, target, index, seq in part or ():
            groups.setdefault(key, {}).setdefault(target, []).append((index, seq))
    drops: list[tuple[int, int, str]] = []
    conflicts: list[dict[str, Any]] = []
    duplicates = 0
    for source, variants in groups.items():
        for places in variants.values():
            places.sort()
            duplicates += len(places) - 1
            drops.extend((i, s, "duplicate") for i, s in places[1:])
        if len(variants) < 2:
            continue
        kept = _choose(variants, spec.prefer)
        ordered = sorted(variants, key=lambda t: variants[t][0])
        conflicts.append(
            {
                "source": source,
                "targets": [{"target": t, "count": len(variants[t])} for t in ordered],
                "kept": kept,
                "first": variants[ordered[0]][0],
            }
        )
        if kept is not None:
            for t in ordered:
                if t != kept:
                    drops.append((variants[t][0][0], variants[t][0][1], "conflict"))
    return drops, conflicts, duplicates


def write_shard(shard: Shard, index: int, drops: list[Any], spec: DedupeSpec) -> tuple[str, int]:
    """Write the kept units of one shard; returns (output name, units written)."""
    from tmkit.formats import io
    from tmkit.model.memory import Memory, MemoryHeader, TranslationUnit, Variant
    from tmkit.ops.corpus.shard import _compress

    dropped = {seq for found in drops if found for i, seq, _ in found if i == index}
    header, rows = _records(shard)
    units = []
    for seq, (tu, source, target) in enumerate(rows):
        if seq in dropped:
            continue
        if tu is None:
            tu = TranslationUnit(None, [Variant("ja", (source,)), Variant("en", (target,))])
        units.append(tu)
    header = header or MemoryHeader({"srclang": "ja", "datatype": "plaintext"})
    data, _ = io.dumps(Memory(header, units), "tmx")
    suffix = ".tmx" + ("" if spec.compression == "none" else "." + spec.compression)
    name = f"{io.inner_name(shard.path).stem}{suffix}"
    if shard.moses:
        name = f"{Path(shard.path).stem}{suffix}"
    from tmkit.formats.atomic import write_bytes_atomic

    write_bytes_atomic(Path(spec.out_dir or ".") / name, _compress(data, spec.compression))
    return name, len(units)


@dataclass
class DedupeResult:
    units: int
    duplicates: int
    conflicts: list[dict[str, Any]]
    dropped: int
    outputs: list[tuple[str, int]]
    run: CorpusRun

    def to_dict(self, names: list[str]) -> dict[str, Any]:
        conflicts = []
        for c in self.conflicts:
            index, seq = c["first"]
            conflicts.append(
                {
                    "source": c["source"],
                    "targets": c["targets"],
                    "kept": c["kept"],
                    "shard": names[index],
                    "unit": seq + 1,
                }
            )
        return {
            "units": self.units,
            "duplicates": self.duplicates,
            "conflicts": len(self.conflicts),
            "dropped": self.dropped,
            "kept": self.units - self.dropped,
            "outputs": [{"shard": n, "units": u} for n, u in self.outputs],
            "conflict_list": conflicts,
            "failures": [f.message for f in self.run.failures],
        }


def dedupe_corpus(
    engine: Any,
    shards: list[Shard],
    out_dir: str | Path | None = None,
    prefer: str = "none",
    compression: str = "none",
    progress: Any = None,
) -> DedupeResult:
    if prefer not in PREFER:
        raise UsageError(f"unknown --prefer {prefer!r} (use {', '.join(PREFER)})")
    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    spec = DedupeSpec(
        prefer, max(1, engine.workers * 2), str(out_dir) if out_dir else None, compression
    )
    run = CorpusRun()
    handles = scatter_shards(engine, dedupe_shard, shards, spec)
    engine.wait(handles, progress)
    failed = collect_failures(engine, handles, run)
    good = [h for h, bad in zip(handles, failed, strict=True) if not bad]
    run.units = sum(engine.gather(engine.pick(good, 0)))
    parts = [
        engine.submit(dedupe_partition, engine.pick(good, 1, p), spec)
        for p in range(spec.partitions)
    ]
    decided = engine.gather(parts) if good else []
    conflicts = sorted((c for _, found, _ in decided for c in found), key=lambda c: c["first"])
    duplicates = sum(d for _, _, d in decided)
    drops = [d for d, _, _ in decided]
    outputs: list[tuple[str, int]] = []
    if out_dir is not None:
        tasks = [
            engine.submit(write_shard, shards[i], i, drops, spec)
            for i, bad in enumerate(failed)
            if not bad
        ]
        outputs = engine.gather(tasks)
    dropped = sum(len(d) for d in drops)
    return DedupeResult(run.units, duplicates, conflicts, dropped, outputs, run)


def write_report(result: DedupeResult, names: list[str], path: str | Path) -> None:
    from tmkit.formats.atomic import write_text_atomic

    text = json.dumps(result.to_dict(names), ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(path, text)
