"""The plots of the review page as inline SVG, from counts computed in Python."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

#: histogram bins of the score plots: [0, 10), [10, 20) … [90, 100]
BINS = 10


def histogram(counts: Sequence[int], caption: str, label: str, css: str, ident: str) -> str:
    """Counts per bin of 10 points (0–100) as an SVG bar chart."""
    width, height, left, bottom, top = 380, 200, 36, 28, 12
    plot_w, plot_h = width - left - 20, height - bottom - top
    peak = max(counts) or 1
    bar_w = plot_w / BINS
    parts = [
        f'<figure id="{ident}"><figcaption>{escape(caption)}</figcaption>\n'
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-t"><title id="{ident}-t">{escape(label)}</title>\n'
    ]
    for tick in (0, peak):
        y = top + plot_h - plot_h * tick / peak
        parts.append(
            f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>\n'
        )
    step = 100 // BINS
    for i, n in enumerate(counts):
        h = plot_h * n / peak
        x = left + i * bar_w
        hi = "100" if i == BINS - 1 else str((i + 1) * step)
        parts.append(
            f'<rect class="{css}" x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" '
            f'width="{bar_w - 2:.1f}" height="{h:.1f}"><title>{i * step}–{hi}: {n} segment(s)'
            "</title></rect>\n"
        )
    for i in range(0, BINS + 1, 2):
        x = left + i * bar_w
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{i * step}</text>'
        )
    parts.append(
        f'\n<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}"/>\n</svg></figure>\n'
    )
    return "".join(parts)


def rule_bars(rules: Sequence[tuple[str, int, str]], summaries: dict[str, str]) -> str:
    """Findings per rule (most frequent first) as clickable SVG bars."""
    caption = '<figure id="plot-rules"><figcaption>Findings by rule</figcaption>\n'
    if not rules:
        return caption + '<p class="empty">No findings.</p></figure>\n'
    order = [(rule, (n, sev)) for rule, n, sev in rules]
    label_w, bar_max, row_h, top = 190, 300, 24, 6
    width = label_w + bar_max + 50
    height = top * 2 + row_h * len(order)
    peak = order[0][1][0]
    parts = [
        caption,
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="plot-rules-t"><title id="plot-rules-t">Number of findings per rule'
        "</title>\n",
    ]
    for i, (rule, (n, sev)) in enumerate(order):
        y = top + i * row_h
        w = max(2.0, bar_max * n / peak)
        tip = f"{rule} ({sev}): {n} finding(s)"
        if rule in summaries:
            tip += f". {summaries[rule]}"
        parts.append(
            f'<g data-rule-bar="{escape(rule)}" tabindex="0" role="button">'
            f"<title>{escape(tip)}</title>"
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(rule)}</text>'
            f'<rect class="bar-{sev}" x="{label_w}" y="{y + 4}" width="{w:.1f}" '
            f'height="{row_h - 8}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 16}">{n}</text></g>\n'
        )
    parts.append("</svg></figure>\n")
    return "".join(parts)
