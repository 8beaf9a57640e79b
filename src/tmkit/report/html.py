"""The reviewer's report: one self-contained HTML page, rendered from a `Review`.

The review (`tmkit.ops.review`) has computed everything: the summary (counts, the
QA score, sacrebleu metrics with their signatures when a reference is given), the
plot counts, and the segments as the page's data, in parts. This module only writes
it out:

* summary, metrics, plots (inline SVG) and the findings that name no segment are
  HTML;
* the segments are data, embedded once as JSON (strings interned in tables; made a
  part at a time, `tmkit.report.html_data`), and the page's script shows them a
  page of a few hundred rows at a time, with search and filters, segments with
  findings first by default. So the page opens at 100k segments as fast as at 100.

The page loads nothing: CSS and script are inline and allowed by hash in a
Content-Security-Policy whose default is ``'none'`` (the JSON block is data, not
script). Document text reaches the page only as escaped HTML or as JSON that the
script puts into the DOM as text, never as markup. The output is a pure function
of the review (no dates, no random ids, stable order), so a build that writes it
is idempotent. Without JavaScript the summary, plots and other findings are there;
the segment table needs the script.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import Any

from tmkit.model.findings import SEVERITIES, Finding
from tmkit.report.html_assets import CONTENT_SECURITY_POLICY, SCRIPT, STYLE
from tmkit.report.html_data import pack_text, page_data, unpack_text
from tmkit.report.html_plots import histogram, rule_bars


def render(review: Any) -> str:
    """The review page of a `tmkit.ops.review.Review` as a string of HTML."""
    return "".join(render_parts(review))


def render_parts(review: Any) -> Iterator[str]:
    """`render` in parts, for a caller that writes them as they come (never joined)."""
    r = review
    yield from (
        _head(r.title),
        '<body>\n<header class="page">\n',
        f"<h1>{escape(r.title)}</h1>\n",
        f'<p class="sub"><code>{escape(r.name)}</code> · '
        f'<span lang="{escape(r.source_lang)}">{escape(r.source_lang)}</span> → '
        f'<span lang="{escape(r.target_lang)}">{escape(r.target_lang)}</span></p>\n',
        "</header>\n<main>\n",
        _summary(r),
        _plots(r),
        _filter_bar(r),
        _table(r),
    )
    yield from page_data(r.parts, r.scores is not None, (r.source_lang, r.target_lang))
    yield from (
        _loose_findings(r.loose),
        "</main>\n",
        _footer(r.qa),
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n",
    )


# --- page pieces --------------------------------------------------------------------


def _head(title: str) -> str:
    from tmkit import __version__

    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(CONTENT_SECURITY_POLICY)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="tmkit {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n"
    )


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}"


def _card(label: str, value: str, detail: str = "", css: str = "") -> str:
    cls = f"card {css}".strip()
    extra = f'<div class="detail">{escape(detail)}</div>' if detail else ""
    return (
        f'<div class="{cls}"><div class="label">{escape(label)}</div>'
        f'<div class="value">{escape(value)}</div>{extra}</div>\n'
    )


def _summary(r: Any) -> str:
    from tmkit.model.findings import summarize

    n, qa = r.counts, r.qa
    counts = summarize(r.findings)
    per_1000 = qa.penalty_per_1000
    qa_detail = f"{'pass' if qa.passed else 'fail'} (pass mark {_fmt(qa.threshold)})"
    penalty = f"{_fmt(qa.points)} points" + (
        f", {_fmt(per_1000, 2)} per 1,000 chars" if per_1000 is not None else ""
    )
    out = ['<section id="summary">\n<h2>Summary</h2>\n<div class="cards">\n']
    out.append(
        _card(
            "Segments",
            str(n.segments),
            f"{n.translated} translated, {n.fuzzy} fuzzy, {n.empty} empty",
        )
    )
    out.append(_card("Source characters", f"{qa.source_chars:,}", "whitespace excluded"))
    out.append(_card("QA score", _fmt(qa.score), qa_detail, "pass" if qa.passed else "fail"))
    out.append(_card("Penalty", _fmt(qa.points), penalty))
    for severity, key in (("error", "errors"), ("warning", "warnings"), ("info", "info")):
        n = counts[key]
        label = "info" if severity == "info" else f"{severity}s"
        out.append(_card(label, str(n), "", f"sev-{severity}"))
    out.append("</div>\n")
    mqm = ", ".join(f"{name} {n}" for name, n in qa.counts.items())
    weights = ", ".join(f"{k}={_fmt(v, 0)}" for k, v in qa.weights.to_dict().items())
    out.append(
        f'<p class="note">QA score: 100 − penalty points per 1,000 source characters; '
        f"MQM severities: {escape(mqm)} (weights {escape(weights)}).</p>\n"
    )
    if r.scores is not None:
        out.append(_metrics_table(r.scores))
    out.append("</section>\n")
    return "".join(out)


def _metrics_table(scores: Any) -> str:
    if not scores.metrics:
        return '<p class="empty">No segment pairs up with the reference: no metrics.</p>\n'
    rows = "".join(
        f'<tr><td>{escape(m.name)}</td><td class="num">{_fmt(m.score, 2)}</td>'
        f"<td><code>{escape(m.signature)}</code></td></tr>\n"
        for m in scores.metrics
    )
    return (
        "<h3>Reference metrics</h3>\n"
        f'<p class="note">{scores.paired} segment(s) scored against the reference; '
        f"{scores.unpaired} without a translated reference unit.</p>\n"
        '<table class="metrics"><thead><tr><th>Metric</th><th>Score</th>'
        f"<th>sacrebleu signature</th></tr></thead>\n<tbody>\n{rows}</tbody></table>\n"
    )


def _plots(r: Any) -> str:
    out = ['<section id="plots">\n<h2>Plots</h2>\n<div class="plots">\n']
    out.append(
        histogram(r.qa_bins, "Segment QA scores", "Segments by QA score", "bar-score", "plot-qa")
    )
    if r.chrf_bins is not None:
        out.append(
            histogram(
                r.chrf_bins,
                "Segment chrF",
                "Segments by chrF against the reference",
                "bar-chrf",
                "plot-chrf",
            )
        )
    out.append(rule_bars(r.rules, r.rule_summaries))
    out.append("</div>\n</section>\n")
    return "".join(out)


def _filter_bar(r: Any) -> str:
    rules = sorted({f.rule for f in r.findings})
    options = "".join(f'<option value="{escape(x)}">{escape(x)}</option>' for x in rules)
    boxes = "".join(
        f'<label><input type="checkbox" name="severity" value="{s}" checked> '
        f'<span class="badge sev-{s}">{s}</span></label>\n'
        for s in SEVERITIES
    )
    return (
        '<section id="review">\n<h2>Segments</h2>\n'
        '<div class="legend"><span><span class="t-src">term</span> glossary term in the source'
        '</span><span><span class="t-ok">term</span> allowed rendering</span>'
        '<span><span class="t-bad">term</span> forbidden rendering</span>'
        '<span><span class="f-error">text</span> / <span class="f-warning">text</span> '
        "span of a finding</span></div>\n"
        '<form id="filters" aria-label="Filter segments">\n<fieldset disabled>\n'
        "<legend>Filter</legend>\n"
        f"{boxes}"
        '<label>Rule <select id="f-rule"><option value="">all rules</option>'
        f"{options}</select></label>\n"
        '<label>Search <input type="search" id="f-query" size="18" '
        'placeholder="text or unit id"></label>\n'
        '<label>Order <select id="f-order"><option value="findings">findings first</option>'
        '<option value="document">document order</option></select></label>\n'
        '<label><input type="checkbox" id="f-only"> only segments with findings</label>\n'
        '<span id="f-count" aria-live="polite"></span>\n'
        "</fieldset>\n"
        '<p id="no-js" class="note">The segment table needs JavaScript '
        f"({r.counts.segments:,} segments).</p>\n"
        "</form>\n"
    )


def _table(r: Any) -> str:
    with_chrf = r.scores is not None
    cols = '<col class="c-num"><col class="c-src"><col class="c-tgt"><col class="c-notes">'
    heads = (
        f'<th scope="col">#</th><th scope="col">Source ({escape(r.source_lang)})</th>'
        f'<th scope="col">Translation ({escape(r.target_lang)})</th>'
        '<th scope="col">Findings and notes</th>'
    )
    if with_chrf:
        cols += '<col class="c-chrf">'
        heads += '<th scope="col">chrF</th>'
    pager = '<nav class="pager" aria-label="Pages"></nav>\n'
    return (
        pager + f'<table class="segments">\n<colgroup>{cols}</colgroup>\n'
        f"<thead><tr>{heads}</tr></thead>\n"
        f'<tbody id="segments"></tbody>\n</table>\n{pager}</section>\n'
    )


def _finding_item(f: Finding) -> str:
    place = ":".join(str(x) for x in (f.file, f.line) if x is not None)
    where = f" <code>{escape(place)}</code>" if place else ""
    if f.unit:
        where += f" <code>{escape(f.unit)}</code>"
    expected = f'<span class="expected">expected: {escape(f.expected)}</span>' if f.expected else ""
    return (
        f'<li class="finding sev-{escape(f.severity)}" data-rule="{escape(f.rule)}" '
        f'data-severity="{escape(f.severity)}"><span class="badge sev-{escape(f.severity)}">'
        f'{escape(f.severity)}</span> <span class="rule">{escape(f.rule)}</span>{where} '
        f"{escape(f.message)}{expected}</li>\n"
    )


def _loose_findings(findings: list[Finding]) -> str:
    if not findings:
        return ""
    items = "".join(_finding_item(f) for f in findings)
    return (
        '<section id="other-findings">\n<h2>Findings outside the table</h2>\n'
        '<p class="note">Findings that name no segment of this catalog.</p>\n'
        f'<ul class="findings">\n{items}</ul>\n</section>\n'
    )


def _footer(qa: Any) -> str:
    return (
        "<footer>Generated by tmkit. Severities: error (blocks publication), warning "
        "(should be fixed), info (about the source). QA weights per MQM severity: "
        f"{escape(', '.join(f'{k} {_fmt(v, 0)}' for k, v in qa.weights.to_dict().items()))}."
        "</footer>\n"
    )


__all__ = ["pack_text", "render", "render_parts", "unpack_text"]
