"""Engines run one function over every shard: in this process, or on a Dask cluster.

`LocalEngine` needs nothing beyond tmkit (and imports no Dask); `DaskEngine`
starts a `dask.distributed.LocalCluster` sized to the cores, or connects to a
scheduler address (``--scheduler tcp://host:8786`` or ``[tool.tmkit.corpus]
scheduler`` in the project config). Both give the same results in the same order.

Tasks never raise: a shard that cannot be read comes back as a `Failed` naming its
file and line, so the other shards finish and their results are still reported.
Results that later tasks consume (hash partitions) stay where they were computed
(futures on Dask), so no single process gathers the whole corpus.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmkit.model.errors import TmkitError

#: Called once per finished shard with (done, total).
Progress = Callable[[int, int], None]


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


def partition_of(key: str, partitions: int) -> int:
    """A stable partition for ``key`` (the same in every process: not Python's hash)."""
    return zlib.crc32(key.encode("utf-8")) % partitions


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _item(value: Any, path: tuple[int, ...] | None) -> Any:
    """``value[i][j]…`` along ``path``; for a path of None, the `Failed` itself (else None)."""
    if path is None:
        return value if isinstance(value, Failed) else None
    if isinstance(value, Failed):
        return None
    for index in path:
        value = value[index]
    return value


class LocalEngine:
    """Shards one after another in this process."""

    name = "local"
    workers = 1

    def map(
        self,
        func: Callable[..., Any],
        items: Sequence[Any],
        *args: Any,
        progress: Progress | None = None,
    ) -> list[Any]:
        out = []
        for i, item in enumerate(items):
            out.append(func(item, *args))
            if progress is not None:
                progress(i + 1, len(items))
        return out

    def scatter_map(self, func: Callable[..., Any], items: Sequence[Any], *args: Any) -> list[Any]:
        """Like `map`, but results may stay remote (here they are plain values)."""
        return self.map(func, items, *args)

    def pick(self, handles: Sequence[Any], *path: int) -> list[Any]:
        """``result[i][j]…`` of each (remote) result: one column of partitions."""
        return [_item(h, path) for h in handles]

    def submit(self, func: Callable[..., Any], *args: Any) -> Any:
        return func(*args)

    def split(
        self, handles: Sequence[Any], paths: Sequence[Any], progress: Progress | None = None
    ) -> list[list[Any]]:
        """Per handle, its parts along ``paths`` (see `DaskEngine.split`)."""
        if progress is not None:
            progress(len(handles), len(handles))
        return [[_item(h, p) for p in paths] for h in handles]

    def wait(self, handles: Sequence[Any], progress: Progress | None = None) -> None:
        if progress is not None:
            progress(len(handles), len(handles))

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        return list(handles)

    def close(self) -> None:
        pass


class DaskEngine:
    """Shards as tasks on a `dask.distributed` cluster (started here or given by address)."""

    name = "dask"

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int | None = None,
        processes: bool = True,
        memory_limit: str | None = None,
        announce: Callable[[str], None] | None = None,
    ) -> None:
        from dask.distributed import Client, LocalCluster

        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            n = workers or default_workers()
            self._cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=processes,
                memory_limit=memory_limit or "auto",
                dashboard_address=":0" if announce else None,
            )
            self.client = Client(self._cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        if announce is not None:
            link = self.client.dashboard_link if self._cluster is not None or scheduler else ""
            announce(f"dask: {self.workers} worker(s); dashboard {link}")

    def map(
        self,
        func: Callable[..., Any],
        items: Sequence[Any],
        *args: Any,
        progress: Progress | None = None,
    ) -> list[Any]:
        from dask.distributed import as_completed

        futures = self.scatter_map(func, items, *args)
        index = {f.key: i for i, f in enumerate(futures)}
        results: list[Any] = [None] * len(futures)
        for done, future in enumerate(as_completed(futures), 1):
            results[index[future.key]] = future.result()
            future.release()
            if progress is not None:
                progress(done, len(futures))
        return results

    def scatter_map(self, func: Callable[..., Any], items: Sequence[Any], *args: Any) -> list[Any]:
        return [self.client.submit(func, item, *args, pure=False) for item in items]

    def pick(self, handles: Sequence[Any], *path: int) -> list[Any]:
        return [self.client.submit(_item, h, path, pure=False) for h in handles]

    def submit(self, func: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(func, *args, pure=False)

    def split(
        self, handles: Sequence[Any], paths: Sequence[Any], progress: Progress | None = None
    ) -> list[list[Any]]:
        """Per handle, futures of its parts along ``paths``, made as each task finishes.

        The whole result is then dropped, so a worker keeps only the parts still
        wanted (hash partitions), not every shard's findings until the end. The
        caller gathers the small parts it needs at once.
        """
        from dask.distributed import as_completed

        handles = list(handles)
        index = {h.key: i for i, h in enumerate(handles)}
        out: list[list[Any]] = [[] for _ in handles]
        for done, future in enumerate(as_completed(handles), 1):
            i = index[future.key]
            out[i] = [self.client.submit(_item, future, p, pure=False) for p in paths]
            handles[i] = None  # type: ignore[call-overload]
            if progress is not None:
                progress(done, len(out))
        return out

    def wait(self, handles: Sequence[Any], progress: Progress | None = None) -> None:
        """Block until every task is done, reporting progress; results stay on the workers."""
        from dask.distributed import as_completed

        for done, _ in enumerate(as_completed(list(handles)), 1):
            if progress is not None:
                progress(done, len(handles))

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        return self.client.gather(list(handles))

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
) -> LocalEngine | DaskEngine:
    from tmkit.model.errors import UsageError

    if engine == "local":
        if scheduler:
            raise UsageError("--scheduler needs --engine dask")
        return LocalEngine()
    if engine != "dask":
        raise UsageError(f"unknown engine {engine!r} (use local or dask)")
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise UsageError("--engine dask needs Dask: pip install 'tmkit[dask]'") from None
    return DaskEngine(scheduler, workers, processes, announce=announce)


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
