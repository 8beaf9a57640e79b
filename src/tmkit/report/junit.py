"""``--format junit``: JUnit XML for CI dashboards.

One ``<testcase>`` per finding (classname = file, name = rule and unit); errors and
warnings are ``<failure>``s typed by severity, info findings pass with the message
in ``<system-out>``. A clean run has one passing test case, so the suite is never empty.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tmkit.findings import Finding, summarize
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


@register("junit")
def render_junit(findings: list[Finding], meta: ReportMeta) -> str:
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
