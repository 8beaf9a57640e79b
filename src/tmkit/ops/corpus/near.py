"""Near-duplicate clusters: MinHash over character 3-grams, LSH bands by hash partition.

Each unit's text (normalised source + target) becomes a MinHash signature of
`PERMUTATIONS` values; the signature is cut into `BANDS` bands and each band's
hash goes to a partition. Units sharing a band are candidates; a candidate pair
is kept when its estimated Jaccard similarity (agreeing signature values) reaches
the threshold, and kept pairs are joined into clusters. Exact duplicates form
clusters too (similarity 1.0). Deterministic: hashes are CRC-32 with fixed seeds.
"""

from __future__ import annotations

import zlib
from typing import Any

from tmkit.ops.corpus.dedupe import _records, normalise
from tmkit.ops.corpus.engine import Failed, partition_of
from tmkit.ops.corpus.inputs import Shard
from tmkit.ops.corpus.run import CorpusRun, map_indexed
from tmkit.ops.corpus.spill import partition_count, read_segments, spill_area, write_segments

PERMUTATIONS = 64
BANDS = 16
NGRAM = 3
_SEEDS = tuple(range(1, PERMUTATIONS + 1))


def signature(text: str) -> tuple[int, ...]:
    grams = {text[i : i + NGRAM] for i in range(max(1, len(text) - NGRAM + 1))}
    hashes = [zlib.crc32(g.encode("utf-8")) for g in grams]
    return tuple(min((h * (2 * s + 1) + s) & 0xFFFFFFFF for h in hashes) for s in _SEEDS)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def near_shard(shard: Shard, index: int, spec: tuple[int, str]) -> list[Any]:
    """The spilled segment of each partition: (band key, place, signature) records."""
    partitions, spill = spec
    _, rows = _records(shard)
    parts: list[list[Any]] = [[] for _ in range(partitions)]
    width = PERMUTATIONS // BANDS
    for seq, (_, source, target) in enumerate(rows):
        if source is None:
            continue
        sig = signature(normalise(source) + "\t" + normalise(target))
        for band in range(BANDS):
            key = f"{band}:{sig[band * width : (band + 1) * width]}"
            parts[partition_of(key, partitions)].append((key, (index, seq), sig))
    return write_segments(spill, f"near-{index}", parts)


def near_partition(segments: list[Any], threshold: float) -> set[tuple[Any, Any]]:
    buckets: dict[str, list[tuple[Any, Any]]] = {}
    for key, where, sig in read_segments(segments):
        buckets.setdefault(key, []).append((where, sig))
    pairs: set[tuple[Any, Any]] = set()
    for members in buckets.values():
        members.sort()
        for i, (a, sa) in enumerate(members):
            for b, sb in members[i + 1 :]:
                if a != b and similarity(sa, sb) >= threshold:
                    pairs.add((a, b))
    return pairs


def near_duplicates(engine: Any, shards: list[Shard], threshold: float) -> list[list[dict]]:
    """Clusters of units whose estimated Jaccard similarity is at least ``threshold``."""
    partitions = partition_count(engine, len(shards))
    with spill_area(engine) as spill:
        results = map_indexed(engine, near_shard, shards, (partitions, spill), CorpusRun())
        good = [r for r in results if not isinstance(r, Failed)]
        parts = [[segments[p] for segments in good] for p in range(partitions)]
        found = engine.map(near_partition, parts, threshold) if good else []
    parent: dict[Any, Any] = {}

    def root(x: Any) -> Any:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for pairs in found:
        for a, b in pairs:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    clusters: dict[Any, list[Any]] = {}
    for x in parent:
        clusters.setdefault(root(x), []).append(x)
    return [
        [{"shard": shards[i].name, "unit": seq + 1} for i, seq in sorted(members)]
        for _, members in sorted(clusters.items())
        if len(members) > 1
    ]
