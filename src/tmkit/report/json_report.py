"""``--format json``: ``{"findings": [...], "summary": {...}}``, keys in a fixed order."""

from __future__ import annotations

import json

from tmkit.model.findings import Finding, summarize
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
        items.append({(meta.unit_key if k == "unit" else k): data[k] for k in FIELDS})
    summary = summarize(findings) | meta.extra
    ok = summary["errors"] == 0
    doc = {"ok": ok, "findings": items, "summary": summary}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
