"""Segmentation rules as data, following the SRX 2.0 model.

A `RuleSet` is what one language gets out of an SRX file: the ordered rules of
every language rule its language maps to (all of them when the file cascades,
the first otherwise) plus tmkit's bracket-protection extension.

Regexes are SRX/ICU syntax, compiled with the `regex` package in its VERSION1
mode: like ICU, inline flags such as ``(?i)`` are scoped to their group,
character classes nest and support ``&&``/``--``, and ``\\p{..}`` properties,
``\\uXXXX`` and ``\\x{...}`` escapes work. ``\\w``, ``\\d``, ``\\s`` and ``\\b``
are Unicode-aware, as in ICU.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# VERSION1 gives ICU's scoped inline flags and nested/set-operation classes.
REGEX_FLAGS = regex.V1


def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """Compile one SRX regex the way the segmenter will; raises `regex.error`."""
    return regex.compile(pattern, REGEX_FLAGS)


def forward_pattern(before: str, after: str) -> str:
    """How a break rule is searched: ``before`` then, without consuming it, ``after``."""
    if after:
        return f"(?:{before})(?={after})"
    return f"(?:{before})"


def position_pattern(before: str, after: str) -> str:
    """How a no-break rule is tested at one position: ``before`` ends there, ``after`` starts."""
    parts = []
    if before:
        parts.append(f"(?<={before})")
    if after:
        parts.append(f"(?={after})")
    return "".join(parts) or "(?:)"


@dataclass(frozen=True, slots=True)
class Rule:
    """One ``<rule>``: break (or not) where ``before`` ends and ``after`` starts."""

    is_break: bool
    before: str
    after: str
    # Where the rule came from, for messages and debugging: "file:line".
    origin: str = ""


@dataclass(frozen=True, slots=True)
class BracketPair:
    """tmkit extension: no break strictly between a matched ``open`` and ``close``."""

    open: str
    close: str


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules one language gets, in the order they are tried."""

    language: str
    rules: tuple[Rule, ...]
    protect: tuple[BracketPair, ...] = ()
    # The language rule names that contributed, in order (for messages and reports).
    names: tuple[str, ...] = ()
    source: str = ""
