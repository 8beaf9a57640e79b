"""Atomic writes: the old file survives a failed write, and no temp file is left behind."""

from __future__ import annotations

import os

import pytest

from tmkit.formats.atomic import open_atomic, write_bytes_atomic


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
