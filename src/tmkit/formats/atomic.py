"""Atomic, locked writes: a temp file in the target's folder, fsync, then rename over it.

* The temp file is named ``.NAME.tmkit-PID.tmp``: recognisable, and it says who made it.
  A run killed with SIGKILL cannot remove its own; the next write of the same target
  removes every such file whose process is gone (`remove_stale_temps`).
* Writers of one file take an advisory lock on it (``flock``: it belongs to the open
  file, so reading the file elsewhere in the process does not drop it, unlike
  ``lockf``). A run that has to wait says so on stderr and gives up after
  `lock_timeout` seconds with a one-line error. `locked_update` holds the lock around a
  whole read-modify-write, so two `tmkit update` runs on one PO serialise instead of
  the second overwriting the first's changes.
* The lock is on the target's inode. `os.replace` puts a new inode at the path, so a
  waiter that finally gets the lock checks that its inode is still the one at the path
  and otherwise locks the new one.
* A missing target is not locked (there is nothing to lose), and a platform without
  ``fcntl`` writes without locking.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from tmkit.model.errors import TmkitError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: seconds to wait for another run's lock; TMKIT_LOCK_TIMEOUT overrides it
DEFAULT_LOCK_TIMEOUT = 120.0
_POLL = 0.1
_TEMP = re.compile(r"\.(?P<name>.+)\.tmkit-(?P<pid>\d+)\.tmp\Z")

# Locks this process holds, by resolved path: flock on a second descriptor of the same
# file would wait for ourselves, so nested `locked_update`/`open_atomic` reuse the first.
_held: dict[str, int] = {}


class LockTimeout(TmkitError):
    """Another process kept the file locked for longer than the timeout."""


def lock_timeout() -> float:
    try:
        return float(os.environ.get("TMKIT_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


def temp_name(path: Path, pid: int | None = None) -> Path:
    return path.with_name(f".{path.name}.tmkit-{os.getpid() if pid is None else pid}.tmp")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def remove_stale_temps(path: str | Path) -> list[Path]:
    """Remove ``.NAME.tmkit-PID.tmp`` files of ``path`` whose process no longer runs."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    removed = []
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            m = _TEMP.match(entry.name)
            if m and m["name"] == path.name and not _alive(int(m["pid"])):
                with suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        if err.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        if err.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
            return True  # a file system without flock (some NFS, FUSE): write unlocked
        raise
    return True


def _acquire(path: Path, timeout: float) -> int | None:
    """Lock the file at ``path``; return its descriptor (None: no file, or no fcntl)."""
    if fcntl is None:
        return None
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            return None  # nothing to lose, or a file we may replace but not read
        try:
            while not _try_lock(fd):
                if not told:
                    print(
                        f"tmkit: {path}: waiting for another tmkit run to finish writing it",
                        file=sys.stderr,
                        flush=True,
                    )
                    told = True
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"still locked by another process after {timeout:g} s"
                        " (TMKIT_LOCK_TIMEOUT sets the wait)",
                        str(path),
                    )
                time.sleep(_POLL)
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            return fd
        os.close(fd)  # replaced while we waited: lock the file now at the path


@contextmanager
def locked_update(path: str | Path, timeout: float | None = None) -> Iterator[None]:
    """Hold ``path``'s write lock for a whole read-modify-write (re-entrant in one process).

    Every `open_atomic` of the same path inside the block reuses this lock.
    """
    key = os.path.realpath(path)
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    fd = _acquire(Path(path), lock_timeout() if timeout is None else timeout)
    _held[key] = 1
    try:
        yield
    finally:
        del _held[key]
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the flock


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    with open_atomic(path) as fh:
        fh.write(data)


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes_atomic(path, text.encode(encoding))


def _target_error(err: OSError, path: Path) -> OSError:
    """The same error, naming the target instead of our temp file."""
    return type(err)(err.errno, err.strerror, str(path))


@contextmanager
def open_atomic(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to stream into; it replaces ``path`` only if the block succeeds.

    OS errors (missing or read-only folder, disk full, ...) name ``path``, never the
    temp file, and leave no temp file behind.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    with locked_update(path):
        remove_stale_temps(path)
        tmp = temp_name(path)
        with suppress(FileNotFoundError):
            os.unlink(tmp)  # a dead run that had our pid
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as err:
            raise _target_error(err, path) from None
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o777)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, path)
        except BaseException as err:
            with suppress(FileNotFoundError):
                os.unlink(tmp)
            if isinstance(err, OSError) and err.filename in (None, str(tmp)):
                raise _target_error(err, path) from None
            raise


def encoded_batches(pieces: Iterable[str], limit: int = 1 << 16) -> Iterator[bytes]:
    """Text pieces as UTF-8 bytes in batches of about ``limit`` characters (the last may
    be empty): a big output is never held whole, and not written piece by piece."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size > limit:
            yield "".join(batch).encode("utf-8")
            batch.clear()
            size = 0
    yield "".join(batch).encode("utf-8")
