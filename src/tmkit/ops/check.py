"""`tmkit check` as one call: open files through the gateway, run the checks, apply a baseline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmkit.checks.base import CheckContext
from tmkit.checks.run import apply_baseline, read_baseline, run_checks, with_suppressions
from tmkit.formats import io
from tmkit.formats.unitview import catalog_units
from tmkit.model.bulk import collector_paused
from tmkit.model.catalog import Catalog
from tmkit.model.findings import Finding
from tmkit.model.units import Unit

if TYPE_CHECKING:  # imported by `qa_files` only: `check` never loads the scoring package
    from tmkit.scoring.qa import QAReport, QAWeights


@dataclass
class CheckRun:
    findings: list[Finding]
    files: int = 0
    units: int = 0
    baseline_suppressed: int = 0
    all_findings: list[Finding] = field(default_factory=list)
    #: rules the run added (checklist): id → (severity, summary), for report metadata
    extra_rules: dict[str, tuple[str, str]] = field(default_factory=dict)


def load_units(path: str | Path, format: str | None = None) -> list[Unit]:
    """Every unit of a bilingual file (PO, TMX, XLIFF …), suppressions resolved."""
    return list(with_suppressions(io.iter_units(path, format)))


def catalog_check_units(catalog: Catalog, name: str | None = None) -> list[Unit]:
    """The units of a catalog already in memory, suppressions resolved."""
    return list(with_suppressions(catalog_units(catalog, name)))


def glossary_context(glossaries: Iterable[str | Path], options: dict[str, Any] | None = None):
    """A check context with the glossary matcher built once for the run (None: no glossary)."""
    ctx = CheckContext(options=dict(options or {}))
    paths = list(glossaries)
    if paths:
        from tmkit.checks.glossary import build_matcher

        ctx.glossary = build_matcher(io.read_glossaries(paths))
    return ctx


def check_files(
    paths: Iterable[str | Path],
    glossaries: Iterable[str | Path] = (),
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    baseline: str | Path | None = None,
    options: dict[str, Any] | None = None,
    checklist: str | Path | None = None,
    memories: Iterable[str | Path] = (),
) -> CheckRun:
    """Read every file, run the checks over all their units together, apply the baseline.

    ``checklist`` is a project checklist (`tmkit.checks.checklist`) whose rules run
    with the built-in ones; ``memories`` (TMX, PO …) are a reference for the
    consistency checks: they take part, but nothing in them is reported."""
    # Units, matches and findings make no reference cycles, yet the collector would
    # walk them all again every few thousand objects (15-20% of a 100k-pair check).
    with collector_paused():
        return _check_files(
            paths, glossaries, select, ignore, baseline, options, checklist, memories
        )


def _check_files(
    paths: Iterable[str | Path],
    glossaries: Iterable[str | Path],
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    baseline: str | Path | None,
    options: dict[str, Any] | None,
    checklist: str | Path | None,
    memories: Iterable[str | Path],
) -> CheckRun:
    ctx = glossary_context(glossaries, options)
    select = list(select or [])
    if "spelling" in select:  # named on its own: the opt-in spelling check runs
        ctx.options.setdefault("spelling.on", True)
    if checklist is not None:
        from tmkit.checks.checklist import load_checklist

        load_checklist(checklist).install(ctx)
    tm_units = [u for path in memories for u in load_units(path)]
    if tm_units:
        from tmkit.checks.consistency import TM_PAIRS

        ctx.options[TM_PAIRS] = tm_units
    known = read_baseline(baseline) if baseline is not None else None
    units: list[Unit] = []
    files = 0
    for path in paths:
        units.extend(load_units(path))
        files += 1
    findings = run_checks(units, ctx, select, ignore)
    result = CheckRun(findings, files, len(units), 0, list(findings))
    result.extra_rules = {c.id: (c.severity, c.summary) for c in ctx.extra_checks}
    if known is not None:
        result.findings, result.baseline_suppressed = apply_baseline(findings, known)
    return result


def qa_files(
    paths: Iterable[str],
    glossaries: Iterable[str] = (),
    weights: QAWeights | None = None,
    threshold: float | None = None,
    critical_rules: Iterable[str] | None = None,
) -> QAReport:
    """Run the checks over bilingual files (with glossaries) and score the findings (MQM-style).

    ``threshold`` and ``critical_rules`` default to `tmkit.scoring.qa`'s."""
    from tmkit.scoring.qa import (
        CRITICAL_RULES,
        DEFAULT_THRESHOLD,
        QAReport,
        qa_score,
        source_characters,
    )

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    critical_rules = CRITICAL_RULES if critical_rules is None else critical_rules
    ctx = glossary_context(glossaries)
    files = [str(p) for p in paths]
    with collector_paused():  # as in check_files
        units = [unit for path in files for unit in load_units(path)]
        findings = run_checks(units, ctx)
    chars = source_characters(u.source for u in units)
    return QAReport(
        files, len(units), qa_score(findings, chars, weights, threshold, critical_rules), findings
    )


def rule_table() -> dict[str, tuple[str, str]]:
    """Every registered check: id → (severity, one-line summary), in registry order."""
    from tmkit.checks import iter_checks

    return {c.id: (c.severity, c.summary) for c in iter_checks()}


def write_baseline(path: str | Path, findings: list[Finding]) -> None:
    """Write ``findings`` as a baseline file (atomically) for a later ``check --baseline``."""
    from tmkit.checks.run import baseline_text
    from tmkit.formats.atomic import write_text_atomic

    write_text_atomic(path, baseline_text(findings))
