"""Engines run one function over every shard: in this process, or on a Dask cluster.

`LocalEngine` needs nothing beyond tmkit (and imports no Dask); `DaskEngine`
starts a `dask.distributed.LocalCluster` sized to the cores, or connects to a
scheduler address (``--scheduler tcp://host:8786`` or ``[tool.tmkit.corpus]
scheduler`` in the project config). Both give the same results in the same order.

Tasks never raise: a shard that cannot be read comes back as a `Failed` naming its
file and line, so the other shards finish and their results are still reported.
Results come back as each task ends and leave the workers: what later tasks
consume (hash partitions) is spilled to disk (`tmkit.ops.corpus.spill`), so no
worker holds more than one shard or one partition.

Workers are processes with one thread each: tmkit's per-unit work is Python code,
which holds the GIL, so threads in one process would share one core.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmkit.model.bulk import collector_paused
from tmkit.model.errors import TmkitError

#: Called once per finished shard with (done, total).
ShardProgress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Failed:
    """A shard whose task failed: the one-line message names the file and the line."""

    shard: str
    message: str


def guarded(func: Callable[..., Any], shard_name: str, *args: Any) -> Any:
    """``func(*args)``, with any error turned into a `Failed` (one line, no traceback)."""
    try:
        return func(*args)
    except TmkitError as err:
        return Failed(shard_name, str(err) if err.path else f"{shard_name}: {err}")
    except (OSError, EOFError, ValueError, zlib.error) as err:
        # gzip/zstd streams cut short or corrupt, and codecs errors below the readers
        return Failed(shard_name, f"{shard_name}: cannot read: {err}")


def _pickled(func: Callable[..., Any], *args: Any) -> bytes:
    """``func(*args)`` pickled here, in the task: Dask serialises a list or tuple result
    item by item (a header, a pickle call and a module look-up for each), and findings
    come back by the hundred thousand. As one bytes object it is one frame."""
    value = func(*args)
    with collector_paused():
        return pickle.dumps(value, protocol=5)


def partition_of(key: str, partitions: int) -> int:
    """A stable partition for ``key`` (the same in every process: not Python's hash)."""
    return zlib.crc32(key.encode("utf-8")) % partitions


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


#: A local cluster's housekeeping, slowed down: the workers' sampling profiler (every
#: 10 ms), the event-loop tick (20 ms), the memory (100 ms) and system monitors (500 ms)
#: run in every worker and the scheduler, and on two cores their CPU is the shards'.
QUIET_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
}


class _Engine:
    """What both engines share: `map` is their `imap` gathered in item order."""

    def imap(
        self,
        func: Callable[..., Any],
        items: Sequence[Any],
        *args: Any,
        progress: ShardProgress | None = None,
    ) -> Iterator[tuple[int, Any]]:
        raise NotImplementedError

    def map(
        self,
        func: Callable[..., Any],
        items: Sequence[Any],
        *args: Any,
        progress: ShardProgress | None = None,
    ) -> list[Any]:
        """``func(item, *args)`` for every item, in item order."""
        results: list[Any] = [None] * len(items)
        for i, value in self.imap(func, items, *args, progress=progress):
            results[i] = value
        return results


class LocalEngine(_Engine):
    """Shards one after another in this process."""

    name = "local"
    workers = 1

    def __init__(self, spill: str | None = None) -> None:
        #: where hash partitions are spilled (None: the system temporary directory)
        self.spill = spill

    def imap(
        self,
        func: Callable[..., Any],
        items: Sequence[Any],
        *args: Any,
        progress: ShardProgress | None = None,
    ) -> Iterator[tuple[int, Any]]:
        """(index, result) of each item as it is done (here: in order, when asked)."""
        for i, item in enumerate(items):
            yield i, func(item, *args)
            if progress is not None:
                progress(i + 1, len(items))

    def close(self) -> None:
        pass


class DaskEngine(_Engine):
    """Shards as tasks on a `dask.distributed` cluster (started here or given by address)."""

    name = "dask"

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int | None = None,
        processes: bool = True,
        memory_limit: str | None = None,
        announce: Callable[[str], None] | None = None,
        spill: str | None = None,
    ) -> None:
        from dask.distributed import Client, LocalCluster

        #: where hash partitions are spilled: every worker must reach it (see spill.py)
        self.spill = spill
        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            import dask

            n = workers or default_workers()
            with dask.config.set(QUIET_CLUSTER):
                self._cluster = LocalCluster(
                    n_workers=n,
                    threads_per_worker=1,
                    processes=processes,
                    memory_limit=memory_limit or "auto",
                    dashboard_address=":0" if announce else None,
                )
            # results come straight from the workers, not relayed by the scheduler
            # (which runs in this process: each result would pass through it twice)
            self.client = Client(self._cluster, direct_to_workers=True)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        if announce is not None:
            link = self.client.dashboard_link if self._cluster is not None or scheduler else ""
            announce(f"dask: {self.workers} worker(s); dashboard {link}")

    def imap(
        self,
        func: Callable[..., Any],
        items: Sequence[Any],
        *args: Any,
        progress: ShardProgress | None = None,
    ) -> Iterator[tuple[int, Any]]:
        """(index, result) of each item as it is done. The tasks are submitted now (in
        the order given, which is the order the workers take them in), so the caller
        can do its own work while they run."""
        from dask.distributed import as_completed

        futures = [self.client.submit(_pickled, func, item, *args, pure=False) for item in items]
        index = {f.key: i for i, f in enumerate(futures)}

        def results() -> Iterator[tuple[int, Any]]:
            for done, future in enumerate(as_completed(futures), 1):
                data = future.result()
                with collector_paused():  # a result is many small objects, no cycles
                    value = pickle.loads(data)
                future.release()
                if progress is not None:
                    progress(done, len(futures))
                yield index[future.key], value

        return results()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    processes: bool = True,
    announce: Callable[[str], None] | None = None,
    spill: str | None = None,
) -> LocalEngine | DaskEngine:
    from tmkit.model.errors import UsageError

    if engine == "local":
        if scheduler:
            raise UsageError("--scheduler needs --engine dask")
        return LocalEngine(spill)
    if engine != "dask":
        raise UsageError(f"unknown engine {engine!r} (use local or dask)")
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise UsageError("--engine dask needs Dask: pip install 'tmkit[dask]'") from None
    return DaskEngine(scheduler, workers, processes, announce=announce, spill=spill)


class ResultCache:
    """Per-shard results on disk, keyed by the shard's checksum and the task's options."""

    def __init__(self, directory: str | Path, task: str, options: Any) -> None:
        self.directory = Path(directory)
        self.tag = zlib.crc32(repr((task, options)).encode("utf-8"))

    def _path(self, checksum: str) -> Path:
        return self.directory / f"{checksum}-{self.tag:08x}.pickle"

    def get(self, checksum: str) -> Any:
        path = self._path(checksum)
        if not path.is_file():
            return None
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError):
            return None

    def put(self, checksum: str, value: Any) -> None:
        from tmkit.formats.atomic import write_bytes_atomic

        self.directory.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(self._path(checksum), pickle.dumps(value, protocol=5))
