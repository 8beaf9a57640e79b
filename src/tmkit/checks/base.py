"""The check framework: `Hit` and the `@check` registry over `tmkit.model.units.Unit`s.

A check is a small function registered with an id, a severity and a one-line
summary. Pair checks take one `Unit` and a `CheckContext` and yield `Hit`s;
corpus checks (``scope="corpus"``) take every pair at once and yield
``(pair, hit)`` tuples (consistency needs to see the whole set). The runner in
`tmkit.checks.run` turns hits into `tmkit.model.findings.Finding`s, so checks never
see file formats and never print.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from tmkit.model.findings import Severity
from tmkit.model.units import Unit

Scope = Literal["pair", "corpus"]


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check found in one pair; the runner adds the pair's coordinates."""

    message: str
    span: tuple[int, int] | None = None
    span_side: Literal["source", "target"] = "target"
    expected: str | None = None


@dataclass
class CheckContext:
    """Shared inputs for a run: the glossary matcher and tunables."""

    glossary: Any = None
    options: dict[str, Any] = field(default_factory=dict)
    #: per-run memo shared by checks that compute one thing for several rules
    cache: dict[Any, Any] = field(default_factory=dict)
    #: checks this run adds to the registered ones (a project checklist's rules)
    extra_checks: list[Check] = field(default_factory=list)
    #: predicates over findings: a finding any of them accepts is dropped
    suppressions: list[Callable[[Any], bool]] = field(default_factory=list)


PairCheck = Callable[[Unit, CheckContext], Iterable[Hit]]
CorpusCheck = Callable[[list[Unit], CheckContext], Iterable[tuple[Unit, Hit]]]


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    severity: Severity
    summary: str
    func: Callable[..., Iterable[Any]]
    scope: Scope = "pair"
    #: run on pairs whose target is empty (only `untranslated` wants them)
    wants_empty: bool = False
    #: needs a glossary; skipped without one
    needs_glossary: bool = False
    #: runs only when ``--select`` names it or its family (the corpus cleaning checks)
    opt_in: bool = False
    #: characters one of which the source or target must hold for the check to find
    #: anything ("" = always run): the runner skips it on every other pair unasked
    triggers: str = ""
    #: what else the pair must have for the check to find anything: "content" (inline
    #: codes, ``source_content``), "notes" (any note), "fuzzy" (marked fuzzy), "empty"
    #: (no target: the check finds nothing in a translated pair) or "" (nothing)
    needs: str = ""
    #: for a check that a run's settings may switch off: does it run at all in this
    #: context? (asked once per run, not per pair; None: always)
    when: Callable[[CheckContext], bool] | None = None


CHECKS: dict[str, Check] = {}


def check(
    id: str,
    *,
    severity: Severity,
    summary: str,
    scope: Scope = "pair",
    wants_empty: bool = False,
    needs_glossary: bool = False,
    opt_in: bool = False,
    triggers: str = "",
    needs: str = "",
    when: Callable[[CheckContext], bool] | None = None,
) -> Callable[[Callable[..., Iterable[Any]]], Callable[..., Iterable[Any]]]:
    """Register the decorated function as check ``id`` (``triggers``, ``needs``, ``when``:
    see `Check`)."""

    def register(func: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        if id in CHECKS:
            raise ValueError(f"check {id!r} registered twice")
        CHECKS[id] = Check(
            id,
            severity,
            summary,
            func,
            scope,
            wants_empty,
            needs_glossary,
            opt_in,
            triggers,
            needs,
            when,
        )
        return func

    return register


def rule_matches(rule: str, patterns: Iterable[str]) -> bool:
    """``number.mismatch`` matches ``number.mismatch``, ``number`` and ``all``."""
    for pattern in patterns:
        if pattern in ("all", "*") or rule == pattern or rule.startswith(pattern + "."):
            return True
    return False


def iter_checks() -> Iterator[Check]:
    """Every registered check in id order (imports the check modules first)."""
    import tmkit.checks  # noqa: F401  (registration happens at import)

    return iter(sorted(CHECKS.values(), key=lambda c: c.id))
