"""The reviewer's report: one self-contained HTML page, rendered from a `Review`.

The review (`tmkit.ops.review`) has computed everything: the summary (counts, the
QA score, sacrebleu metrics with their signatures when a reference is given), the
plot counts, and per segment its texts cut into marked pieces (glossary terms,
spans of findings) and its findings. This module only writes it out:

* summary, metrics, plots (inline SVG) and the findings that name no segment are
  HTML;
* the segments are data, embedded once as JSON (strings interned in tables), and
  the page's script shows them a page of a few hundred rows at a time, with
  search and filters, segments with findings first by default. So the page opens
  at 100k segments as fast as at 100.

The page loads nothing: CSS and script are inline and allowed by hash in a
Content-Security-Policy whose default is ``'none'`` (the JSON block is data, not
script). Document text reaches the page only as escaped HTML or as JSON that the
script puts into the DOM as text, never as markup. The output is a pure function
of the review (no dates, no random ids, stable order), so a build that writes it
is idempotent. Without JavaScript the summary, plots and other findings are there;
the segment table needs the script.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from tmkit.model.findings import SEVERITIES, Finding
from tmkit.report.html_assets import CONTENT_SECURITY_POLICY, SCRIPT, STYLE
from tmkit.report.html_plots import histogram, rule_bars


def render(review: Any) -> str:
    """The review page of a `tmkit.ops.review.Review` as a string of HTML."""
    return "".join(render_parts(review))


def render_parts(review: Any) -> list[str]:
    """`render` in parts, for a caller that writes them as they are (never joined)."""
    r = review
    return [
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
        _data(r),
        _loose_findings(r.loose),
        "</main>\n",
        _footer(r.qa),
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n",
    ]


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

    segments, qa = r.segments, r.qa
    translated = sum(1 for s in segments if s.message.translated)
    fuzzy = sum(1 for s in segments if s.message.fuzzy)
    empty = sum(1 for s in segments if not s.target)
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
            str(len(segments)),
            f"{translated} translated, {fuzzy} fuzzy, {empty} empty",
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
        f"({len(r.segments):,} segments).</p>\n"
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


# --- the segments as data -------------------------------------------------------------


class _Table:
    """Strings interned once: the JSON names them by index."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.index)
        return found

    def values(self) -> list[Any]:
        return list(self.index)


_SEVERITY_CODE = {s: i for i, s in enumerate(SEVERITIES)}


#: the default of each optional segment field, by position (see `_data`)
_DEFAULTS: dict[int, Any] = {3: [], 4: [], 5: [], 6: [], 7: 0, 8: None, 9: ""}


def _is_default(index: int, value: Any) -> bool:
    default = _DEFAULTS.get(index, ...)
    return value is None if default is None else type(value) is type(default) and value == default


def _data(r: Any) -> str:
    """The segments as one JSON block, every repeated string once.

    Each segment is ``[unit, source, target, refs, labels, notes, findings, fuzzy,
    chrf, comment]``, trailing fields at their default (empty, 0, null) left out:

    * texts are a string, or a list of pieces (a string, or ``[text, style]`` with
      style an index into ``styles`` = ``[classes, title(s)]``, a title an index into
      ``titles``: a string, or ``[rule, message]`` for a finding's span, written
      "rule: message"); a text free of private-use characters is always a string,
      its marked pieces each between a style mark and U+F8FF (`unpack_text`);
    * refs are ``file, line`` pairs in one flat list (file an index into ``files``),
      or one number ``d`` for the common case of a single reference in the file of
      the previous segment's last one, ``d`` lines further;
    * labels and notes index ``labels`` (one index alone when there is one);
    * findings are ``[rule, severity, message(, expected)]``, indexes into ``rules``,
      ``severities`` and ``messages``.
    """
    styles, titles, files, labels, rules, messages = (_Table() for _ in range(6))

    def title(value: Any) -> int:
        if isinstance(value, tuple):
            return titles((rules(value[0]), messages(value[1])))
        return titles(value)

    def style(value: tuple[str, tuple[Any, ...]]) -> int:
        classes, names = value
        refs = tuple(title(t) for t in names)
        return styles((classes, refs[0] if len(refs) == 1 else refs))

    def text(pieces: list[Any]) -> Any:
        return pack_text([(t, None if st is None else style(st)) for t, st in pieces])

    last: list[Any] = [None, 0]  # the file and line of the previous segment's last reference

    def refs(values: list[str]) -> Any:
        flat: list[Any] = []
        for value in values:
            path, _, line = value.rpartition(":")
            if path and line.isdigit():
                flat += [files(path), int(line)]
            else:
                flat += [files(value), None]
        if len(flat) == 2 and flat[0] == last[0] and flat[1] is not None and flat[1] >= last[1]:
            out: Any = flat[1] - last[1]
        else:
            out = flat
        for k in range(0, len(flat), 2):
            if flat[k + 1] is not None:
                last[:] = flat[k : k + 2]
        return out

    def indexes(values: list[str]) -> Any:
        found = [labels(c) for c in values]
        return found[0] if len(found) == 1 else found

    segs = []
    for seg in r.segments:
        m = seg.message
        row = [
            seg.unit,
            text(seg.source_pieces()) if seg.source else "",
            text(seg.target_pieces()) if seg.target else "",
            refs(m.references),
            indexes(seg.labels),
            indexes(seg.notes),
            [
                [rules(f.rule), _SEVERITY_CODE.get(f.severity, 2), messages(f.message)]
                + ([f.expected] if f.expected is not None else [])
                for f in seg.findings
            ],
            1 if m.fuzzy else 0,
            round(seg.chrf, 1) if seg.chrf is not None else None,
            seg.comment,
        ]
        # trailing fields at their default are left out (a tenth of a 100k page)
        while len(row) > 3 and _is_default(len(row) - 1, row[-1]):
            row.pop()
        segs.append(row)
    data = {
        "chrf": r.scores is not None,
        "lang": [r.source_lang, r.target_lang],
        "severities": list(SEVERITIES),
        "rules": rules.values(),
        "messages": messages.values(),
        "titles": [list(t) if isinstance(t, tuple) else t for t in titles.values()],
        "styles": [[c, list(t) if isinstance(t, tuple) else t] for c, t in styles.values()],
        "files": files.values(),
        "labels": labels.values(),
        "segs": segs,
    }
    text_json = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # inside <script>, only "</script" or "<!--" could end or bend the block: no "<" at all
    text_json = text_json.replace("<", "\\u003c")
    return f'<script type="application/json" id="review-data">{text_json}</script>\n'


#: marked pieces inside a text string: a style mark (U+E000 + style, or for a style
#: past 6,143 U+F800 + style // 6144 then U+E000 + style % 6144), the text, U+F8FF;
#: 6 bytes a mark where a list of pieces took about 13
_PRIVATE = re.compile("[\ue000-\uf8ff]")
_LOW, _HIGH, _END = 0xE000, 0xF800, "\uf8ff"
_SPAN = _HIGH - _LOW


def _style_mark(index: int) -> str:
    if index < _SPAN:
        return chr(_LOW + index)
    return chr(_HIGH + index // _SPAN) + chr(_LOW + index % _SPAN)


def pack_text(pieces: list[tuple[str, int | None]]) -> Any:
    """Pieces (text, style index or None) as stored: a string when it can be one."""
    if any(_PRIVATE.search(t) for t, _ in pieces):
        return [t if st is None else [t, st] for t, st in pieces]
    if len(pieces) == 1 and pieces[0][1] is None:
        return pieces[0][0]
    return "".join(t if st is None else _style_mark(st) + t + _END for t, st in pieces)


def unpack_text(value: Any) -> Any:
    """A stored text as the list of pieces it stands for (what the page's script does)."""
    if not isinstance(value, str) or not _PRIVATE.search(value):
        return value
    out: list[Any] = []
    at = 0
    while (found := _PRIVATE.search(value, at)) is not None:
        if found.start() > at:
            out.append(value[at : found.start()])
        code = ord(value[found.start()])
        if code >= _HIGH:
            style = (code - _HIGH) * _SPAN + ord(value[found.start() + 1]) - _LOW
            start = found.start() + 2
        else:
            style, start = code - _LOW, found.start() + 1
        end = value.index(_END, start)
        out.append([value[start:end], style])
        at = end + 1
    if at < len(value):
        out.append(value[at:])
    return out


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
