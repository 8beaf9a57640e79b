"""Writing a command's output file: atomically and locked, or to stdout for ``-``."""

from __future__ import annotations

import sys
from pathlib import Path

from tmkit.formats.atomic import locked_update, write_bytes_atomic

__all__ = ["locked_update", "write_bytes", "write_text"]


def write_bytes(path: str | Path, data: bytes) -> None:
    """``data`` to ``path`` (replaced only once it is complete); ``-`` is standard output."""
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_bytes_atomic(path, data)


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding))
