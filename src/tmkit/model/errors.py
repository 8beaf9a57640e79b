"""One error hierarchy for everything tmkit refuses to work with.

Library code raises these; the CLI catches `TmkitError` once, prints
``str(error)`` as a single line and exits with ``error.exit_code``.
"""

from __future__ import annotations


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
            return ":".join(parts) + ": " + self.message
        return self.message


class InputError(TmkitError):
    """The input cannot be used: missing, unreadable, undecodable or malformed."""


class ParseError(InputError):
    """The input is readable but violates its format's syntax."""


class UsageError(TmkitError):
    """The command was called in a way that cannot work (bad option combination, ...)."""


class ConfigError(TmkitError):
    """The project configuration is invalid; the message names the file and key."""
