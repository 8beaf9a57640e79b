"""``--format json``: ``{"findings": [...], "summary": {...}}``, keys in a fixed order."""

from __future__ import annotations

import json
from collections.abc import Iterator

from tmkit.model.findings import Finding, summarize
from tmkit.report import ReportMeta, register, register_stream

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


def _item(f: Finding, meta: ReportMeta) -> dict:
    data = f.to_dict()
    return {(meta.unit_key if k == "unit" else k): data[k] for k in FIELDS}


@register("json")
def render_json(findings: list[Finding], meta: ReportMeta) -> str:
    items = [_item(f, meta) for f in findings]
    summary = summarize(findings) | meta.extra
    ok = summary["errors"] == 0
    doc = {"ok": ok, "findings": items, "summary": summary}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@register_stream("json")
def iter_json(findings: list[Finding], meta: ReportMeta) -> Iterator[str]:
    """`render_json`'s text, one finding at a time (a nested value indented by
    ``indent=2`` is the value dumped alone with every line shifted: what this does)."""
    summary = summarize(findings) | meta.extra
    yield '{\n  "ok": ' + json.dumps(summary["errors"] == 0) + ',\n  "findings": ['
    for i, f in enumerate(findings):
        item = json.dumps(_item(f, meta), ensure_ascii=False, indent=2).replace("\n", "\n    ")
        yield ("," if i else "") + "\n    " + item
    yield ("\n  ]" if findings else "]") + ',\n  "summary": '
    yield json.dumps(summary, ensure_ascii=False, indent=2).replace("\n", "\n  ") + "\n}\n"
