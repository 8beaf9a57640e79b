"""``--format junit``: JUnit XML for CI dashboards.

One ``<testcase>`` per finding (classname = file, name = rule and unit); errors and
warnings are ``<failure>``s typed by severity, info findings pass with the message
in ``<system-out>``. A clean run has one passing test case, so the suite is never empty.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tmkit.model.findings import Finding, summarize
from tmkit.report import ReportMeta, register


def _details(f: Finding) -> str:
    lines = [f"{f.file or ''}:{f.line or ''} [{f.unit or ''}]", f.message]
    if f.source is not None:
        lines.append(f"source: {f.source}")
    if f.target is not None:
        lines.append(f"target: {f.target}")
    if f.expected:
        lines.append(f"expected: {f.expected}")
    return "\n".join(lines)


def _render_per_rule(findings: list[Finding], meta: ReportMeta) -> str:
    """One test case per rule that ran; it fails when the rule has error findings."""
    by_rule: dict[str, list[Finding]] = {rule: [] for rule in meta.rules}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    failed = [r for r, fs in by_rule.items() if any(f.severity == "error" for f in fs)]
    tests, failures = str(len(by_rule)), str(len(failed))
    root = ET.Element("testsuites", name=meta.tool, tests=tests, failures=failures)
    suite = ET.SubElement(
        root, "testsuite", name=meta.tool, tests=tests, failures=failures, errors="0"
    )
    for rule, items in by_rule.items():
        case = ET.SubElement(suite, "testcase", classname=meta.tool, name=rule)
        errors = [f for f in items if f.severity == "error"]
        others = [f for f in items if f.severity != "error"]
        if errors:
            message = f"{len(errors)} error(s): {errors[0].message}"
            failure = ET.SubElement(case, "failure", message=message, type="error")
            failure.text = "\n\n".join(_details(f) for f in errors)
        if others:
            ET.SubElement(case, "system-out").text = "\n\n".join(
                f"{f.severity}: {_details(f)}" for f in others
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


@register("junit")
def render_junit(findings: list[Finding], meta: ReportMeta) -> str:
    if meta.junit_per_rule:
        return _render_per_rule(findings, meta)
    s = summarize(findings)
    failures = s["errors"] + s["warnings"]
    tests = max(len(findings), 1)
    root = ET.Element("testsuites", name=meta.tool, tests=str(tests), failures=str(failures))
    suite = ET.SubElement(
        root, "testsuite", name=meta.tool, tests=str(tests), failures=str(failures), errors="0"
    )
    if not findings:
        ET.SubElement(suite, "testcase", classname=meta.tool, name="no findings")
    for f in findings:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f.file or meta.tool,
            name=f"{f.rule} [{f.unit or ''}]" + (f" line {f.line}" if f.line else ""),
        )
        if f.severity == "info":
            ET.SubElement(case, "system-out").text = _details(f)
        else:
            failure = ET.SubElement(case, "failure", message=f.message, type=f.severity)
            failure.text = _details(f)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
