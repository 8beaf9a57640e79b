"""``--format sarif``: SARIF 2.1.0 for code-scanning UIs.

Each finding is a result with its rule, a level (error, warning, note), the file
and line as a physical location, the unit (msgctxt/msgid or tuid) as a logical
location, and a stable fingerprint (hash of rule, file, unit, source, message) so
a code-scanning service can follow a finding across line moves.
"""

from __future__ import annotations

import hashlib
import json

from tmkit import __version__
from tmkit.model.findings import Finding
from tmkit.report import ReportMeta, register

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _fingerprint(f: Finding) -> str:
    return hashlib.sha256(f.fingerprint.encode("utf-8")).hexdigest()


@register("sarif")
def render_sarif(findings: list[Finding], meta: ReportMeta) -> str:
    rule_ids = sorted(set(meta.rules) | {f.rule for f in findings})
    index = {rule: i for i, rule in enumerate(rule_ids)}
    rules = []
    for rule in rule_ids:
        severity, summary = meta.rules.get(rule, ("warning", rule))
        rules.append(
            {
                "id": rule,
                "name": rule,
                "shortDescription": {"text": summary},
                "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
            }
        )
    results = []
    for f in findings:
        location: dict[str, object] = {}
        if f.file:
            physical: dict[str, object] = {"artifactLocation": {"uri": f.file.replace("\\", "/")}}
            if f.line:
                physical["region"] = {"startLine": f.line}
            location["physicalLocation"] = physical
        if f.unit is not None:
            location["logicalLocations"] = [{"name": f.unit, "kind": "element"}]
        result: dict[str, object] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVELS.get(f.severity, "warning"),
            "message": {"text": f.message},
            "partialFingerprints": {"tmkit/v1": _fingerprint(f)},
        }
        if location:
            result["locations"] = [location]
        props = {k: v for k, v in (("source", f.source), ("target", f.target)) if v is not None}
        if f.expected:
            props["expected"] = f.expected
        if props:
            result["properties"] = props
        results.append(result)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tmkit",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
