"""Findings: what checks and validators report. No printing here; reporters render them.

A finding points at one unit (a PO entry or a TMX unit) of one file. ``span`` is a
half-open character range ``(start, end)`` into the text named by ``span_side``:
``"target"`` when the problem is something present in the translation (a leftover
kana, a forbidden term), ``"source"`` when something of the source is missing
from the translation (a number, a term). ``expected`` says what the reviewer
should see instead (the preferred term, the missing number), when known.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
#: lower is more severe; used to sort and to compare against a threshold
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    unit: str | None = None
    file: str | None = None
    line: int | None = None
    source: str | None = None
    target: str | None = None
    span: tuple[int, int] | None = None
    expected: str | None = None
    span_side: Literal["source", "target"] = "target"

    def to_dict(self) -> dict[str, Any]:
        # not dataclasses.asdict: its deep copy of plain strings cost seconds at 100k
        data = {name: getattr(self, name) for name in _FIELDS}
        data["span"] = list(self.span) if self.span is not None else None
        return data

    @property
    def fingerprint(self) -> str:
        """Identity that survives line moves: used by baselines."""
        return "\x1f".join(
            (self.rule, self.file or "", self.unit or "", self.source or "", self.message)
        )


_FIELDS = tuple(f.name for f in fields(Finding))


def sort_key(finding: Finding) -> tuple[Any, ...]:
    return (
        finding.file or "",
        finding.line if finding.line is not None else -1,
        finding.unit or "",
        SEVERITY_RANK.get(finding.severity, 9),
        finding.rule,
        finding.span or (-1, -1),
        finding.message,
    )


def summarize(findings: list[Finding]) -> dict[str, Any]:
    """Counts by severity and by rule, in a stable order."""
    by_severity = {sev: 0 for sev in SEVERITIES}
    by_rule: dict[str, int] = {}
    for f in findings:
        by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    return {
        "total": len(findings),
        "errors": by_severity["error"],
        "warnings": by_severity["warning"],
        "info": by_severity["info"],
        "by_rule": dict(sorted(by_rule.items())),
    }
