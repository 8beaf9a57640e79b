"""Hash partitions spilled to disk, so worker memory stays bounded by the shard size.

Work that must see units from several shards (consistency, dedupe, tuid
duplicates, near-duplicate bands) sends each unit's record to the partition of its
key. A shard task writes all its partitions to one spill file, each partition a
compressed pickle at an offset, and returns only the (path, offset, length,
records) of each: a few bytes per partition travel through the scheduler, the records stay on
disk until the partition's task reads its segment from every shard's file. With
as many partitions as shards (`partition_count`), a partition holds about one
shard's worth of records, whatever the corpus size. Nothing waits in a worker's
memory between the two steps, so a worker's peak is one shard or one partition.
(A partition holds every record of a key, and one key can be shared by a large
part of the corpus, such as a consistency group of one sentence template whose
numbers fold to one placeholder: consistency reads such a partition in bounded
memory, `tmkit.ops.corpus.groups`.)

The spill directory is made per run under the engine's ``spill`` directory (the
system temporary directory by default) and removed at the end. With workers on
other machines it must be a directory every worker can read and write (a shared
file system): ``[corpus] spill`` in the project config.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: (spill file, offset, length, records) of one partition's records from one task;
#: None: no records
Segment = tuple[str, int, int, int] | None


def partition_count(engine: Any, shards: int) -> int:
    """As many partitions as shards (a partition then holds about one shard's records),
    and at least two per worker so that every worker has partitions to run."""
    return max(1, engine.workers * 2, shards)


def write_segments(directory: str, name: str, parts: Iterable[list[Any]]) -> list[Segment]:
    """Write each partition's records (a list) to ``directory/name``; their segments."""
    path = str(Path(directory) / name)
    segments: list[Segment] = []
    with open(path, "wb") as f:
        for part in parts:
            if not part:
                segments.append(None)
                continue
            data = zlib.compress(pickle.dumps(part, protocol=5), 1)
            segments.append((path, f.tell(), len(data), len(part)))
            f.write(data)
    return segments


def read_segments(segments: Iterable[Segment]) -> Iterator[Any]:
    """The records of one partition: every segment's, in the order given."""
    for segment in segments:
        if segment is None:
            continue
        path, offset, length, _ = segment
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read(length)
        yield from pickle.loads(zlib.decompress(data))


@contextmanager
def spill_area(engine: Any) -> Iterator[str]:
    """A fresh directory for one run's spill files, removed afterwards."""
    base = getattr(engine, "spill", None) or None
    if base is not None:
        Path(base).mkdir(parents=True, exist_ok=True)
    directory = tempfile.mkdtemp(prefix="tmkit-spill-", dir=base)
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)
