"""`tmkit dedupe`: exact duplicates and source conflicts across a corpus, by hash partition.

Keys are normalised texts (NFKC, white space collapsed and trimmed; case kept).
Each shard spills (source key, target key, position) of its units to the
partition of the source key (`tmkit.ops.corpus.spill`), so duplicates and
conflicts always meet in one partition and no worker holds the whole corpus. A
partition decides what to drop and spills its drops by shard; each shard is then
read again with only its own drops and its kept units written as one output shard
(the TMX units as read, props and notes included; Moses and other inputs become
TMX units).

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
from tmkit.ops.corpus.engine import Failed, partition_of
from tmkit.ops.corpus.inputs import Shard
from tmkit.ops.corpus.run import CorpusRun, map_indexed
from tmkit.ops.corpus.spill import partition_count, read_segments, spill_area, write_segments

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
    spill: str = ""


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
    """(units read, the spilled segment of each partition)."""
    _, rows = _records(shard)
    parts: list[list[tuple[str, str, int, int]]] = [[] for _ in range(spec.partitions)]
    for seq, (_, source, target) in enumerate(rows):
        if source is None:
            continue
        key = normalise(source)
        parts[partition_of(key, spec.partitions)].append((key, normalise(target), index, seq))
    return len(rows), write_segments(spec.spill, f"dedupe-{index}", parts)


#: a partition task spills its drops every this many
DROPS_CHUNK = 200_000


def _choose(variants: dict[str, list[Any]], prefer: str) -> str | None:
    """The target kept; ``variants``: target -> [first place, last place, count]."""
    order = sorted(variants, key=lambda t: variants[t][0])
    if prefer == "first":
        return order[0]
    if prefer == "last":
        return max(variants, key=lambda t: variants[t][1])
    if prefer == "majority":
        return max(order, key=lambda t: variants[t][2])  # max keeps the first of ties
    if prefer == "longest":
        return max(order, key=len)
    return None


def dedupe_partition(
    item: tuple[int, list[Any]], spec: DedupeSpec
) -> tuple[list[Any], list[Any], int, int]:
    """(spilled drops: per spill, a segment per shard; conflicts [report entries];
    duplicate count; units dropped).

    Records come in (shard, unit) order, so a pair seen before is a duplicate as it
    comes and is not kept: memory holds each distinct (source, target) once, not
    every occurrence (a source repeated millions of times), and the drops are
    spilled as they pile up."""
    number, segments = item
    groups: dict[str, dict[str, list[Any]]] = {}
    drops: list[list[int]] = [[] for _ in segments]
    spilled: list[list[Any]] = []
    pending = duplicates = dropped = 0

    def spill() -> None:
        nonlocal drops, pending
        spilled.append(write_segments(spec.spill, f"drops-{number}-{len(spilled)}", drops))
        drops, pending = [[] for _ in segments], 0

    for key, target, index, seq in read_segments(segments):
        variants = groups.setdefault(key, {})
        seen = variants.get(target)
        if seen is None:
            variants[target] = [(index, seq), (index, seq), 1]
            continue
        seen[1] = (index, seq)
        seen[2] += 1
        duplicates += 1
        drops[index].append(seq)
        pending += 1
        if pending >= DROPS_CHUNK:
            spill()
    dropped = duplicates
    conflicts: list[dict[str, Any]] = []
    for source, variants in groups.items():
        if len(variants) < 2:
            continue
        kept = _choose(variants, spec.prefer)
        ordered = sorted(variants, key=lambda t: variants[t][0])
        conflicts.append(
            {
                "source": source,
                "targets": [{"target": t, "count": variants[t][2]} for t in ordered],
                "kept": kept,
                "first": variants[ordered[0]][0],
            }
        )
        if kept is not None:
            for t in ordered:
                if t != kept:
                    index, seq = variants[t][0]
                    drops[index].append(seq)
                    dropped += 1
    del groups
    spill()
    return spilled, conflicts, duplicates, dropped


def write_shard(item: tuple[Shard, list[Any]], spec: DedupeSpec) -> tuple[str, int]:
    """Write the kept units of one shard (its drops: a segment from each partition);
    returns (output name, units written)."""
    from tmkit.formats import io
    from tmkit.model.memory import Memory, MemoryHeader, TranslationUnit, Variant
    from tmkit.ops.corpus.shard import _compress

    shard, drops = item
    dropped = set(read_segments(drops))
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
    run = CorpusRun()
    with spill_area(engine) as spill:
        spec = DedupeSpec(
            prefer,
            partition_count(engine, len(shards)),
            str(out_dir) if out_dir else None,
            compression,
            spill,
        )
        results = map_indexed(engine, dedupe_shard, shards, spec, run, progress)
        good = [i for i, r in enumerate(results) if not isinstance(r, Failed)]
        run.units = sum(results[i][0] for i in good)
        # a shard's position in the drop files is its index among all shards
        segments = [None if isinstance(r, Failed) else r[1] for r in results]
        parts = [
            (p, [None if s is None else s[p] for s in segments]) for p in range(spec.partitions)
        ]
        del results, segments
        decided = engine.map(dedupe_partition, parts, spec) if good else []
        conflicts = [c for _, found, _, _ in decided for c in found]
        conflicts.sort(key=lambda c: c["first"])
        duplicates = sum(d for _, _, d, _ in decided)
        dropped = sum(n for _, _, _, n in decided)
        outputs: list[tuple[str, int]] = []
        if out_dir is not None and good:
            items = [
                (shards[i], [part[i] for spilled, _, _, _ in decided for part in spilled])
                for i in good
            ]
            outputs = engine.map(write_shard, items, spec)
    return DedupeResult(run.units, duplicates, conflicts, dropped, outputs, run)


def write_report(result: DedupeResult, names: list[str], path: str | Path) -> None:
    from tmkit.formats.atomic import write_text_atomic

    text = json.dumps(result.to_dict(names), ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(path, text)
