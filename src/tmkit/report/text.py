"""``--format text``: for a reviewer. Findings grouped by segment, with file:line,
the source and target, the offending span marked ⟦like this⟧, and what was expected."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from tmkit.model.findings import Finding, summarize
from tmkit.report import ReportMeta, register, register_stream

OPEN, CLOSE = "⟦", "⟧"


def mark(text: str, span: tuple[int, int] | None) -> str:
    if span is None:
        return text
    start, end = span
    if not (0 <= start <= end <= len(text)):
        return text
    return text[:start] + OPEN + text[start:end] + CLOSE + text[end:]


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n")


def _where(f: Finding) -> str:
    place = f.file or "<input>"
    if f.line is not None:
        place += f":{f.line}"
    return place


@register_stream("text")
def iter_text(findings: list[Finding], meta: ReportMeta) -> Iterator[str]:
    """The text report one segment at a time."""
    key = lambda f: (f.file or "", f.line if f.line is not None else -1, f.unit or "")  # noqa: E731
    for _, group in groupby(findings, key=key):
        out: list[str] = []
        items = list(group)
        first = items[0]
        head = _where(first)
        if first.unit is not None and first.unit != first.source:
            head += f"  [{_one_line(first.unit)}]"
        out.append(head)
        if first.source is not None:
            out.append(f"  source: {_one_line(first.source)}")
        if first.target is not None:
            out.append(f"  target: {_one_line(first.target)}")
        for f in items:
            out.append(f"  {f.severity:<7} {f.rule}: {f.message}")
            if f.span is not None:
                text = f.source if f.span_side == "source" else f.target
                if text is not None and f.span != (0, len(text)):
                    out.append(f"          {f.span_side}: {_one_line(mark(text, f.span))}")
            if f.expected:
                out.append(f"          expected: {_one_line(f.expected)}")
        out.append("")
        yield "\n".join(out) + "\n"
    s = summarize(findings)
    line = f"{s['errors']} error(s), {s['warnings']} warning(s), {s['info']} info"
    extras = [f"{k}: {v}" for k, v in meta.extra.items() if not isinstance(v, dict | list)]
    if extras:
        line += " (" + ", ".join(extras) + ")"
    yield line + "\n"


@register("text")
def render_text(findings: list[Finding], meta: ReportMeta) -> str:
    return "".join(iter_text(findings, meta))
