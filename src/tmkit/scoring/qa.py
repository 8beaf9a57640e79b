"""The reference-free QA score: `tmkit check` findings turned into an MQM-style figure.

Each finding gets an MQM severity, each severity a penalty weight:

==============  ==========================================  ======
MQM severity    tmkit findings                              weight
==============  ==========================================  ======
critical        rules in `CRITICAL_RULES` (any severity)    25
major           other ``error`` findings                    5
minor           ``warning`` findings                        1
neutral         ``info`` findings                           0
==============  ==========================================  ======

Critical rules are the ones where the reader gets no or wrong content:
``untranslated`` (a unit with no English at all) and ``glossary.forbidden``
(a deprecated or superseded rendering, such as an institution's former name,
which a published text must never carry). ``info`` findings are neutral:
the one tmkit emits (``glossary.source-variant``) is about the Japanese
source, not the translation.

The penalty is normalised per 1,000 source characters (whitespace excluded,
since Japanese has none): ``score = max(0, 100 − points × 1000 / chars)``.
The default pass mark is 90, i.e. at most 10 penalty points per 1,000
source characters: two major errors, or ten minor ones; a single critical
error fails any text shorter than 2,500 characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tmkit.model.errors import UsageError
from tmkit.model.findings import Finding

MQM_SEVERITIES = ("critical", "major", "minor", "neutral")
CRITICAL_RULES: frozenset[str] = frozenset({"untranslated", "glossary.forbidden"})
#: tmkit severity → MQM severity, for rules that are not critical
SEVERITY_MAP: Mapping[str, str] = {"error": "major", "warning": "minor", "info": "neutral"}
DEFAULT_THRESHOLD = 90.0
#: penalties are counted per this many source characters
PER_CHARS = 1000


@dataclass(frozen=True, slots=True)
class QAWeights:
    minor: float = 1.0
    major: float = 5.0
    critical: float = 25.0
    neutral: float = 0.0

    def weight(self, mqm_severity: str) -> float:
        return float(getattr(self, mqm_severity))

    @classmethod
    def parse(cls, text: str) -> QAWeights:
        """``"minor=1,major=5,critical=25"`` (any subset) → weights."""
        values: dict[str, float] = {}
        for item in text.split(","):
            if not item.strip():
                continue
            name, sep, value = item.partition("=")
            name = name.strip().lower()
            if not sep or name not in MQM_SEVERITIES:
                raise UsageError(
                    f"bad QA weight {item.strip()!r} (use e.g. minor=1,major=5,critical=25)"
                )
            try:
                number = float(value)
            except ValueError:
                raise UsageError(f"QA weight {name} is not a number: {value.strip()!r}") from None
            if number < 0:
                raise UsageError(f"QA weight {name} must not be negative")
            values[name] = number
        return cls(**values)

    def to_dict(self) -> dict[str, float]:
        return {s: self.weight(s) for s in MQM_SEVERITIES}


def mqm_severity(finding: Finding, critical_rules: Iterable[str] = CRITICAL_RULES) -> str:
    if finding.rule in set(critical_rules):
        return "critical"
    return SEVERITY_MAP.get(finding.severity, "minor")


@dataclass(frozen=True, slots=True)
class QAScore:
    score: float
    passed: bool
    threshold: float
    points: float
    source_chars: int
    weights: QAWeights
    #: findings per MQM severity
    counts: dict[str, int] = field(default_factory=dict)
    #: rule → {"severity": MQM severity, "count": n, "points": p}, sorted by rule
    by_rule: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def penalty_per_1000(self) -> float | None:
        """Penalty points per 1,000 source characters (None: penalties but no source)."""
        if self.source_chars == 0:
            return 0.0 if self.points == 0 else None
        return self.points * PER_CHARS / self.source_chars

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "passed": self.passed,
            "threshold": self.threshold,
            "penalty_points": self.points,
            "penalty_per_1000_chars": self.penalty_per_1000,
            "source_chars": self.source_chars,
            "weights": self.weights.to_dict(),
            "counts": dict(self.counts),
            "by_rule": {rule: dict(v) for rule, v in self.by_rule.items()},
        }


def source_characters(sources: Iterable[str]) -> int:
    """Characters of source text, whitespace excluded."""
    return sum(len("".join(text.split())) for text in sources)


def qa_score(
    findings: Iterable[Finding],
    source_chars: int,
    weights: QAWeights | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    critical_rules: Iterable[str] = CRITICAL_RULES,
) -> QAScore:
    """The 0–100 QA score of a text with ``source_chars`` source characters.

    An empty source scores 100 without findings and 0 with any penalised one.
    """
    weights = weights or QAWeights()
    critical = frozenset(critical_rules)
    counts = {s: 0 for s in MQM_SEVERITIES}
    by_rule: dict[str, dict[str, Any]] = {}
    points = 0.0
    for finding in findings:
        severity = mqm_severity(finding, critical)
        weight = weights.weight(severity)
        counts[severity] += 1
        points += weight
        entry = by_rule.setdefault(finding.rule, {"severity": severity, "count": 0, "points": 0.0})
        entry["count"] += 1
        entry["points"] += weight
    if source_chars > 0:
        score = max(0.0, 100.0 - points * PER_CHARS / source_chars)
    else:
        score = 100.0 if points == 0 else 0.0
    return QAScore(
        score=score,
        passed=score >= threshold,
        threshold=threshold,
        points=points,
        source_chars=source_chars,
        weights=weights,
        counts=counts,
        by_rule=dict(sorted(by_rule.items())),
    )


@dataclass(frozen=True, slots=True)
class QAReport:
    files: list[str]
    units: int
    qa: QAScore
    findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        return {"files": self.files, "units": self.units, **self.qa.to_dict()}
