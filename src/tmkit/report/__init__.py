"""Reporters: findings → text for people and machines, looked up by name.

Each reporter module registers a function ``render(findings, meta) -> str`` at
import. ``meta`` is a `ReportMeta`: the tool name, rule summaries (for SARIF's
rule table and the text legend) and extra summary fields (files, units,
baseline-suppressed counts). Output is deterministic: findings arrive sorted,
and nothing time- or machine-dependent is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tmkit.model.errors import UsageError
from tmkit.model.findings import Finding


@dataclass
class ReportMeta:
    tool: str = "tmkit"
    #: rule id → (severity, one-line summary)
    rules: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: extra fields merged into the summary (files checked, units, suppressed …)
    extra: dict[str, Any] = field(default_factory=dict)
    #: key naming the unit id in JSON (``tuid`` for TMX validation)
    unit_key: str = "unit"
    #: JUnit: one test case per rule in ``rules`` (a CI gate) instead of one per finding
    junit_per_rule: bool = False


Reporter = Callable[[list[Finding], ReportMeta], str]
REPORTERS: dict[str, Reporter] = {}
#: reporters that can write as they go: the same text, in chunks (never one big string)
Streamer = Callable[[list[Finding], ReportMeta], Iterator[str]]
STREAMERS: dict[str, Streamer] = {}


def register(name: str) -> Callable[[Reporter], Reporter]:
    def add(func: Reporter) -> Reporter:
        REPORTERS[name] = func
        return func

    return add


def register_stream(name: str) -> Callable[[Streamer], Streamer]:
    def add(func: Streamer) -> Streamer:
        STREAMERS[name] = func
        return func

    return add


def stream_for(name: str) -> Streamer:
    """The reporter ``name`` as chunks of text: streamed when it can be, else in one."""
    reporter = reporter_for(name)
    streamer = STREAMERS.get(name.lower())
    if streamer is not None:
        return streamer
    return lambda findings, meta: iter([reporter(findings, meta)])


def reporter_for(name: str) -> Reporter:
    _load()
    try:
        return REPORTERS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(REPORTERS))
        raise UsageError(f"unknown report format {name!r} (known: {known})") from None


def render(name: str, findings: list[Finding], meta: ReportMeta | None = None) -> str:
    return reporter_for(name)(findings, meta or ReportMeta())


def _load() -> None:
    from tmkit.report import json_report, junit, sarif, text  # noqa: F401


__all__ = [
    "REPORTERS",
    "STREAMERS",
    "ReportMeta",
    "Reporter",
    "Streamer",
    "register",
    "register_stream",
    "render",
    "reporter_for",
    "stream_for",
]
