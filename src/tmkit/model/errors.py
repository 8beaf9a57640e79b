"""One error hierarchy for everything tmkit refuses to work with.

Library code raises these; the CLI catches `TmkitError` once, prints
``str(error)`` as a single line and exits with ``error.exit_code``.
"""

from __future__ import annotations

import errno
import re

_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


def one_line(text: str) -> str:
    """Fold embedded newlines (libxml2 messages, tracebacks of other tools) into ``; ``."""
    return _NEWLINES.sub("; ", text.strip())


class TmkitError(Exception):
    """Base error. Renders as ``path:line:col: message`` with whatever parts are known."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.col = col

    def __str__(self) -> str:
        parts = [str(p) for p in (self.path, self.line, self.col) if p is not None]
        if parts:
            return one_line(":".join(parts) + ": " + str(self.message))
        return one_line(str(self.message))


class InputError(TmkitError):
    """The input cannot be used: missing, unreadable, undecodable or malformed."""


class ParseError(InputError):
    """The input is readable but violates its format's syntax."""


class UsageError(TmkitError):
    """The command was called in a way that cannot work (bad option combination, ...)."""


class ConfigError(TmkitError):
    """The project configuration is invalid; the message names the file and key."""


class OutputError(TmkitError):
    """A file cannot be written or read for a reason of the system (folder, disk, limits)."""


# Messages for the errors a user can fix, in tmkit's words; others use the C library's.
_OS_MESSAGES = {
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a folder in the path is a file",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EISDIR: "is a directory",
    errno.EMFILE: "too many open files (raise `ulimit -n`)",
    errno.ENFILE: "too many open files in the system",
    errno.EFBIG: "file too large",
    errno.ENAMETOOLONG: "file name too long",
}


def from_os_error(err: OSError) -> TmkitError:
    """``path: what is wrong`` for any OSError (the CLI maps every one through this)."""
    message = _OS_MESSAGES.get(err.errno or -1) or (err.strerror or str(err) or type(err).__name__)
    if err.errno == errno.ENOENT and err.filename is not None:
        from pathlib import Path

        folder = Path(str(err.filename)).parent
        if str(folder) not in ("", ".") and not folder.exists():
            message = f"folder {folder} does not exist"
    path = None if err.filename is None else str(err.filename)
    return OutputError(message, path)


def from_encoding_error(err: Exception) -> TmkitError:
    """One line for a UnicodeError or an unknown/non-text codec (LookupError)."""
    if isinstance(err, UnicodeDecodeError):
        return InputError(
            f"cannot decode byte {err.object[err.start : err.start + 1]!r} at offset "
            f"{err.start} as {err.encoding}: {err.reason}"
        )
    if isinstance(err, UnicodeEncodeError):
        return InputError(
            f"cannot encode {err.object[err.start : err.start + 1]!r} as {err.encoding}: "
            f"{err.reason}"
        )
    if isinstance(err, UnicodeError):
        return InputError(f"encoding error: {err}")
    return InputError(f"unusable encoding: {err}")
