"""``--format json``: ``{"findings": [...], "summary": {...}}``, keys in a fixed order."""

from __future__ import annotations

import json

from tmkit.findings import Finding, summarize
from tmkit.report import ReportMeta, register

FIELDS = (
    "rule",
    "severity",
    "unit",
    "file",
    "line",
    "message",
    "source",
    "target",
    "span",
    "span_side",
    "expected",
)


@register("json")
def render_json(findings: list[Finding], meta: ReportMeta) -> str:
    items = []
    for f in findings:
        data = f.to_dict()
        items.append({k: data[k] for k in FIELDS})
    summary = summarize(findings) | meta.extra
    return json.dumps({"findings": items, "summary": summary}, ensure_ascii=False, indent=2) + "\n"
