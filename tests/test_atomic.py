"""Atomic writes: the old file survives a failed write, and no temp file is left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tmkit.formats.atomic import (
    LockTimeout,
    locked_update,
    open_atomic,
    remove_stale_temps,
    temp_name,
    write_bytes_atomic,
)


def test_replaces_content_and_keeps_mode(tmp_path):
    path = tmp_path / "a.po"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    write_bytes_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_failure_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    path = tmp_path / "a.tmx"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), open_atomic(path) as fh:
        fh.write(b"half a memo")
        raise RuntimeError("disk full")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.tmx"]


def test_new_file_honours_umask(tmp_path):
    old = os.umask(0o027)
    try:
        write_bytes_atomic(tmp_path / "n.txt", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "n.txt").stat().st_mode & 0o777 == 0o640


# --- issue 17, cases 5 and 6: locking and leftovers ---------------------------------


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_temp_files_have_a_recognisable_name(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_bytes_atomic(tmp_path / "a.po", b"x")
    assert seen == [f".a.po.tmkit-{os.getpid()}.tmp"]


def test_a_later_write_removes_stale_temps_of_dead_runs(tmp_path):
    target = tmp_path / "a.po"
    target.write_bytes(b"old")
    stale = temp_name(target, dead_pid())
    stale.write_bytes(b"half")
    alive = temp_name(target, os.getppid())  # a live process: maybe writing right now
    alive.write_bytes(b"busy")
    other = temp_name(tmp_path / "b.po", dead_pid())  # another target's: not ours to judge
    other.write_bytes(b"other")
    write_bytes_atomic(target, b"new")
    assert not stale.exists()
    assert alive.exists() and other.exists()
    assert target.read_bytes() == b"new"
    assert remove_stale_temps(tmp_path / "b.po") == [other]


HOLD = """
import sys, time
from tmkit.formats.atomic import locked_update
with locked_update(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    if len(sys.argv) > 3:
        with open(sys.argv[1], "a", encoding="utf-8") as fh:
            fh.write(sys.argv[3])
"""


def hold_lock(path: Path, seconds: float, append: str | None = None) -> subprocess.Popen:
    args = [sys.executable, "-c", HOLD, str(path), str(seconds)]
    proc = subprocess.Popen([*args, *([append] if append else [])], stdout=subprocess.PIPE)
    assert proc.stdout.readline() == b"locked\n"
    return proc


def test_a_second_writer_waits_and_says_so(tmp_path, capfd):
    target = tmp_path / "a.po"
    target.write_bytes(b"old")
    holder = hold_lock(target, 1.5)
    started = time.monotonic()
    write_bytes_atomic(target, b"new")
    waited = time.monotonic() - started
    holder.wait()
    assert waited >= 0.8
    assert target.read_bytes() == b"new"
    assert "waiting for another tmkit run" in capfd.readouterr().err


def test_the_wait_has_a_timeout(tmp_path):
    target = tmp_path / "a.po"
    target.write_bytes(b"old")
    holder = hold_lock(target, 5)
    try:
        with pytest.raises(LockTimeout) as err, locked_update(target, timeout=0.3):
            pass
    finally:
        holder.kill()
        holder.wait()
    assert str(err.value).startswith(f"{target}: still locked by another process after 0.3 s")


def test_locked_update_is_reentrant_and_survives_the_replace(tmp_path):
    target = tmp_path / "a.po"
    target.write_bytes(b"1")
    with locked_update(target):
        data = target.read_bytes()
        write_bytes_atomic(target, data + b"2")  # reuses the held lock: no self-deadlock
    with locked_update(target):  # the new inode locks fine
        write_bytes_atomic(target, target.read_bytes() + b"3")
    assert target.read_bytes() == b"123"


def test_update_waits_for_a_writer_and_keeps_its_changes(tmp_path):
    """Case 5: `tmkit update` reads the PO only once the other writer is done."""
    pot, po = tmp_path / "t.pot", tmp_path / "t.po"
    header = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n'
    po.write_text(header + '\nmsgid "一"\nmsgstr "One"\n', encoding="utf-8")
    pot.write_text(header + '\nmsgid "一"\nmsgstr ""\n\nmsgid "二"\nmsgstr ""\n', encoding="utf-8")
    # another writer holds the lock and adds a translation while update would run
    holder = hold_lock(po, 2.0, '\nmsgid "三"\nmsgstr "Three"\n')
    result = subprocess.run(
        [sys.executable, "-m", "tmkit", "update", str(pot), str(po)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert "waiting for another tmkit run" in result.stderr
    text = po.read_text(encoding="utf-8")
    assert 'msgid "二"' in text  # update's change
    assert '#~ msgid "三"\n#~ msgstr "Three"' in text  # the other writer's, kept (obsolete)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_target_is_still_replaced(tmp_path):
    target = tmp_path / "a.po"
    target.write_bytes(b"old")
    target.chmod(0o200)
    write_bytes_atomic(target, b"new")
    target.chmod(0o600)
    assert target.read_bytes() == b"new"


def test_a_file_system_without_flock_writes_unlocked(tmp_path, monkeypatch):
    import errno
    import fcntl

    def no_locks(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    target = tmp_path / "a.po"
    target.write_bytes(b"old")
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
