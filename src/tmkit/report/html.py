"""The reviewer's report: one self-contained HTML page for a translated catalog.

`render_report` lays out, in document order, every segment's source and
translation side by side, glossary terms highlighted in both languages and the
findings of `tmkit check` beside their segment; above it a summary (counts, the
QA score of `tmkit.scoring.qa`, and sacrebleu metrics with their signatures when
a reference is given), two inline SVG plots and a filter bar.

The page loads nothing: CSS and script are inline and allowed by hash in a
Content-Security-Policy whose default is ``'none'``. Every piece of document
text goes through `html.escape`, attributes included. The output is a pure
function of the inputs (no dates, no random ids, stable order), so a build
that writes it is idempotent. Without JavaScript the page is complete; only
the filters do nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise
from pathlib import Path
from typing import Any

from tmkit.model.catalog import Catalog, Message
from tmkit.model.errors import InputError
from tmkit.model.findings import SEVERITIES, SEVERITY_RANK, Finding, sort_key
from tmkit.report.html_assets import CONTENT_SECURITY_POLICY, SCRIPT, STYLE

#: histogram bins of the score plots: [0, 10), [10, 20) … [90, 100]
_BINS = 10
#: extracted comments such as ``role: title`` label a segment; others fold away
_LABEL = re.compile(r"[A-Za-z][\w-]*: \S{1,30}")


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    css: str
    title: str


@dataclass(slots=True)
class _Segment:
    number: int
    message: Message
    source: str
    target: str
    findings: list[Finding] = field(default_factory=list)
    source_marks: list[_Mark] = field(default_factory=list)
    target_marks: list[_Mark] = field(default_factory=list)
    chrf: float | None = None
    qa: float = 100.0

    @property
    def unit(self) -> str:
        m = self.message
        return m.msgctxt if m.msgctxt is not None else m.msgid

    @property
    def worst(self) -> str | None:
        if not self.findings:
            return None
        return min((f.severity for f in self.findings), key=lambda s: SEVERITY_RANK.get(s, 9))


@dataclass(frozen=True, slots=True)
class _ReferenceScores:
    metrics: list[Any]  # tmkit.scoring.MetricScore
    chrf: dict[int, float]  # segment number → chrF
    paired: int
    unpaired: int


# --- the one entry point ------------------------------------------------------------


def render_report(
    catalog: Catalog,
    path: str | Path | None,
    *,
    findings: Iterable[Finding],
    glossary: Any = None,
    source_lang: str = "ja",
    target_lang: str = "en",
    reference: Catalog | None = None,
    title: str | None = None,
) -> str:
    """The review page of ``catalog`` (read from ``path``) as a string of HTML.

    ``findings`` are those of `tmkit check` for this catalog; each is shown
    beside the segment whose unit (and line) it names, anything else in a list
    after the table. ``glossary`` is a `tmkit.model.Glossary` or a matcher from
    `tmkit.checks.glossary.build_matcher`. ``reference`` is a catalog of
    reference translations, paired by msgctxt (else msgid) as `tmkit score` does.
    """
    from tmkit.scoring import qa_score
    from tmkit.scoring.qa import source_characters

    all_findings = sorted(findings, key=sort_key)
    segments = _segments(catalog)
    loose = _place_findings(segments, all_findings, path, catalog.path)
    matcher = _matcher(glossary)
    for seg in segments:
        _mark_terms(seg, matcher)
        _mark_findings(seg)
        seg.qa = qa_score(seg.findings, source_characters([seg.source])).score
    qa = qa_score(all_findings, source_characters(_sources(catalog)))
    scores = _reference_scores(segments, reference, target_lang) if reference is not None else None
    if scores is not None:
        for seg in segments:
            seg.chrf = scores.chrf.get(seg.number)

    name = str(path) if path is not None else (catalog.path or "catalog")
    heading = title or f"Translation review: {Path(name).name}"
    parts = [
        _head(heading),
        '<body>\n<header class="page">\n',
        f"<h1>{escape(heading)}</h1>\n",
        f'<p class="sub"><code>{escape(name)}</code> · '
        f'<span lang="{escape(source_lang)}">{escape(source_lang)}</span> → '
        f'<span lang="{escape(target_lang)}">{escape(target_lang)}</span></p>\n',
        "</header>\n<main>\n",
        _summary(segments, all_findings, qa, scores),
        _plots(segments, all_findings, scores),
        _filter_bar(all_findings),
        _table(segments, source_lang, target_lang, scores is not None),
        _loose_findings(loose),
        "</main>\n",
        _footer(qa),
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


# --- data ---------------------------------------------------------------------------


def _active(catalog: Catalog) -> list[Message]:
    return [m for m in catalog.active() if not m.is_header]


def _sources(catalog: Catalog) -> list[str]:
    # The same source texts `tmkit check` scores: one per plural form.
    from tmkit.formats.unitview import catalog_units

    return [p.source for p in catalog_units(catalog, catalog.path)]


def _target_text(message: Message) -> str:
    if message.msgid_plural is not None:
        return message.msgstr_plural.get(0, "")
    return message.msgstr


def _segments(catalog: Catalog) -> list[_Segment]:
    return [
        _Segment(number, m, m.msgid, _target_text(m))
        for number, m in enumerate(_active(catalog), start=1)
    ]


def _same_file(a: str | None, b: str | Path | None) -> bool:
    if a is None or b is None:
        return False
    return os.path.normpath(a) == os.path.normpath(str(b))


def _place_findings(
    segments: list[_Segment],
    findings: list[Finding],
    path: str | Path | None,
    catalog_path: str | None,
) -> list[Finding]:
    """Attach findings to segments by unit (and line, for repeated units); return the rest.

    A finding of another file (a TMX validation finding, say) stays out of the
    table even when its unit id happens to match.
    """
    by_unit_line: dict[tuple[str, int | None], _Segment] = {}
    by_unit: dict[str, _Segment] = {}
    for seg in segments:
        by_unit_line.setdefault((seg.unit, seg.message.lineno), seg)
        by_unit.setdefault(seg.unit, seg)
    loose: list[Finding] = []
    for f in findings:
        ours = f.file is None or _same_file(f.file, path) or _same_file(f.file, catalog_path)
        seg = None
        if ours and f.unit is not None:
            seg = by_unit_line.get((f.unit, f.line)) or by_unit.get(f.unit)
        if seg is None:
            loose.append(f)
        else:
            seg.findings.append(f)
    return loose


def _matcher(glossary: Any) -> Any:
    if glossary is None:
        return None
    from tmkit.glossary.matcher import GlossaryMatcher

    if isinstance(glossary, GlossaryMatcher):
        return glossary
    from tmkit.checks.glossary import build_matcher

    return build_matcher(glossary)


def _term_list(terms: Iterable[Any], limit: int = 3) -> str:
    texts = [t.text for t in terms]
    more = len(texts) - limit
    shown = " | ".join(texts[:limit])
    return shown + (f" (+{more})" if more > 0 else "")


def _mark_terms(seg: _Segment, matcher: Any) -> None:
    if matcher is None or not seg.source:
        return
    for check in matcher.check_pair(seg.source, seg.target):
        concept = check.concept
        wanted = _term_list(check.required) if check.required else "no English term"
        for hit in check.source_hits:
            seg.source_marks.append(
                _Mark(hit.start, hit.end, "t-src", f"Glossary {concept.id}: {hit.text} → {wanted}")
            )
        for hit in check.allowed_found:
            seg.target_marks.append(
                _Mark(hit.start, hit.end, "t-ok", f"Glossary {concept.id}: {hit.status} term")
            )
        for hit in check.forbidden_found:
            seg.target_marks.append(
                _Mark(
                    hit.start,
                    hit.end,
                    "t-bad",
                    f"Glossary {concept.id}: {hit.status} term; use {wanted}",
                )
            )


def _mark_findings(seg: _Segment) -> None:
    for f in seg.findings:
        if f.span is None:
            continue
        # A span counts only against the text it was measured on (plural forms differ).
        if f.span_side == "source":
            text, marks, measured = seg.source, seg.source_marks, f.source
        else:
            text, marks, measured = seg.target, seg.target_marks, f.target
        if measured is not None and measured != text:
            continue
        start, end = f.span
        if 0 <= start < end <= len(text):
            marks.append(_Mark(start, end, f"f-{f.severity}", f"{f.rule}: {f.message}"))


def _unit_keys(catalog: Catalog) -> list[tuple[tuple[str, str, int], Message]]:
    """Messages keyed as `tmkit score` pairs them: msgctxt, else msgid; repeats numbered."""
    seen: dict[tuple[str, str], int] = {}
    keyed = []
    for m in _active(catalog):
        kind, value = ("id", m.msgctxt) if m.msgctxt is not None else ("source", m.msgid)
        n = seen[(kind, value)] = seen.get((kind, value), 0) + 1
        keyed.append(((kind, value, n), m))
    return keyed


def _reference_scores(
    segments: list[_Segment], reference: Catalog, target_lang: str
) -> _ReferenceScores:
    """Corpus metrics and per-segment chrF through `tmkit.scoring`'s engine.

    Pairing follows `tmkit score`: a segment is scored when the reference has
    the same key translated (not empty, not fuzzy); the hypothesis is scored
    whatever it holds.
    """
    from tmkit.scoring import DEFAULT_METRICS, MetricScore, MetricSpec, corpus_statistics
    from tmkit.scoring.corpus import segment_scores
    from tmkit.scoring.metrics import build_metric, tokenizer_for
    from tmkit.scoring.pairing import Pair
    from tmkit.scoring.units import primary_language

    refs = {
        key: _target_text(m) for key, m in _unit_keys(reference) if _target_text(m) and not m.fuzzy
    }
    hyp_catalog = Catalog([seg.message for seg in segments])
    pairs = []
    for seg, (key, _message) in zip(segments, _unit_keys(hyp_catalog), strict=True):
        ref = refs.get(key)
        if ref is not None:
            pairs.append(Pair(str(seg.number), seg.source, (seg.target, ref), seg.message.lineno))
    if not pairs:
        return _ReferenceScores([], {}, 0, len(segments))
    tokenizer = tokenizer_for(primary_language(target_lang))
    specs = [MetricSpec(name, tokenizer) for name in DEFAULT_METRICS]
    stats = corpus_statistics(
        specs, ((p.texts[0], p.texts[1:]) for p in pairs), keep_segments=True, workers=1
    )
    metrics = []
    for metric_stats in stats.metrics:
        metric = build_metric(metric_stats.spec)
        metric.num_refs = stats.n_refs
        score = metric._compute_score_from_stats(metric_stats.corpus_stats())
        metrics.append(
            MetricScore(
                metric_stats.spec.name,
                score.name,
                score.score,
                metric.get_signature().format(),
                score._verbose,
            )
        )
    chrf = {int(row.key): row.scores["chrf"] for row in segment_scores(pairs, stats.metrics)}
    return _ReferenceScores(metrics, chrf, len(pairs), len(segments) - len(pairs))


# --- HTML pieces --------------------------------------------------------------------


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


def _summary(
    segments: list[_Segment], findings: list[Finding], qa: Any, scores: _ReferenceScores | None
) -> str:
    from tmkit.model.findings import summarize

    translated = sum(1 for s in segments if s.message.translated)
    fuzzy = sum(1 for s in segments if s.message.fuzzy)
    empty = sum(1 for s in segments if not s.target)
    counts = summarize(findings)
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
    if scores is not None:
        out.append(_metrics_table(scores))
    out.append("</section>\n")
    return "".join(out)


def _metrics_table(scores: _ReferenceScores) -> str:
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


def _plots(
    segments: list[_Segment], findings: list[Finding], scores: _ReferenceScores | None
) -> str:
    out = ['<section id="plots">\n<h2>Plots</h2>\n<div class="plots">\n']
    out.append(
        _histogram(
            [s.qa for s in segments],
            "Segment QA scores",
            "Segments by QA score",
            "bar-score",
            "plot-qa",
        )
    )
    if scores is not None and scores.chrf:
        out.append(
            _histogram(
                [scores.chrf[k] for k in sorted(scores.chrf)],
                "Segment chrF",
                "Segments by chrF against the reference",
                "bar-chrf",
                "plot-chrf",
            )
        )
    out.append(_rule_bars(findings))
    out.append("</div>\n</section>\n")
    return "".join(out)


def _histogram(values: Sequence[float], caption: str, label: str, css: str, ident: str) -> str:
    counts = [0] * _BINS
    for v in values:
        counts[min(_BINS - 1, max(0, int(v // (100 / _BINS))))] += 1
    width, height, left, bottom, top = 380, 200, 36, 28, 12
    plot_w, plot_h = width - left - 20, height - bottom - top
    peak = max(counts) or 1
    bar_w = plot_w / _BINS
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
    step = 100 // _BINS
    for i, n in enumerate(counts):
        h = plot_h * n / peak
        x = left + i * bar_w
        hi = "100" if i == _BINS - 1 else str((i + 1) * step)
        parts.append(
            f'<rect class="{css}" x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" '
            f'width="{bar_w - 2:.1f}" height="{h:.1f}"><title>{i * step}–{hi}: {n} segment(s)'
            "</title></rect>\n"
        )
    for i in range(0, _BINS + 1, 2):
        x = left + i * bar_w
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{i * step}</text>'
        )
    parts.append(
        f'\n<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}"/>\n</svg></figure>\n'
    )
    return "".join(parts)


def _rule_severity(findings: list[Finding]) -> dict[str, tuple[int, str]]:
    """rule → (count, most severe severity)."""
    out: dict[str, tuple[int, str]] = {}
    for f in findings:
        n, sev = out.get(f.rule, (0, f.severity))
        if SEVERITY_RANK.get(f.severity, 9) < SEVERITY_RANK.get(sev, 9):
            sev = f.severity
        out[f.rule] = (n + 1, sev)
    return out


def _rule_summaries() -> dict[str, str]:
    from tmkit.checks.base import CHECKS, iter_checks

    list(iter_checks())
    return {rule: c.summary for rule, c in CHECKS.items()}


def _rule_bars(findings: list[Finding]) -> str:
    rules = _rule_severity(findings)
    caption = '<figure id="plot-rules"><figcaption>Findings by rule</figcaption>\n'
    if not rules:
        return caption + '<p class="empty">No findings.</p></figure>\n'
    order = sorted(rules.items(), key=lambda item: (-item[1][0], item[0]))
    summaries = _rule_summaries()
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


def _filter_bar(findings: list[Finding]) -> str:
    rules = sorted({f.rule for f in findings})
    options = "".join(f'<option value="{escape(r)}">{escape(r)}</option>' for r in rules)
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
        '<form id="filters" aria-label="Filter findings">\n<fieldset disabled>\n'
        "<legend>Filter</legend>\n"
        f"{boxes}"
        '<label>Rule <select id="f-rule"><option value="">all rules</option>'
        f"{options}</select></label>\n"
        '<label><input type="checkbox" id="f-only"> only segments with findings</label>\n'
        '<span id="f-count" aria-live="polite"></span>\n'
        "</fieldset>\n"
        '<p id="no-js" class="note">The filters need JavaScript; every segment is shown.</p>\n'
        "</form>\n"
    )


def _marked(text: str, marks: list[_Mark]) -> str:
    """``text`` escaped, with each run covered by marks wrapped in one ``<span>``.

    Marks may overlap (a glossary term inside a finding's span): the text is cut
    at every mark edge and each piece carries the classes of all marks over it.
    """
    if not marks:
        return escape(text)
    edges = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in pairwise(edges):
        piece = escape(text[a:b])
        over = [m for m in marks if m.start <= a and b <= m.end]
        if not over:
            out.append(piece)
            continue
        classes = " ".join(dict.fromkeys(m.css for m in over))
        titles = "\n".join(dict.fromkeys(m.title for m in over))
        out.append(f'<span class="{classes}" title="{escape(titles)}">{piece}</span>')
    return "".join(out)


def _finding_item(f: Finding, with_unit: bool = False) -> str:
    where = ""
    if with_unit:
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


def _short_reference(ref: str) -> str:
    """``source/ja/interview.txt:12`` → ``interview.txt:12`` (the full one is the tooltip)."""
    return ref.replace("\\", "/").rsplit("/", 1)[-1]


def _row(seg: _Segment, source_lang: str, target_lang: str, with_chrf: bool) -> str:
    m = seg.message
    # Short extracted comments (``role: title``) label the segment; long ones (the
    # template's glossary notes) fold away beside the findings.
    short = [c for c in m.extracted_comments if _LABEL.fullmatch(c)]
    long = [c for c in m.extracted_comments if not _LABEL.fullmatch(c)]
    meta_html = "".join(
        f'<span class="meta" title="{escape(ref)}">{escape(_short_reference(ref))}</span>'
        for ref in m.references
    ) + "".join(f'<span class="meta">{escape(c)}</span>' for c in short)
    fuzzy = ' <span class="badge fuzzy">fuzzy</span>' if m.fuzzy else ""
    if seg.target:
        target = _marked(seg.target, seg.target_marks)
    else:
        target = '<span class="untranslated">(untranslated)</span>'
    items = [_finding_item(f) for f in seg.findings]
    if m.translator_comments:
        # A translator comment is one paragraph wrapped over several PO lines.
        note = " ".join(c.strip() for c in m.translator_comments if c.strip())
        items.append(f'<li class="comment">{escape(note)}</li>\n')
    notes = f'<ul class="findings">\n{"".join(items)}</ul>' if items else ""
    if long:
        lines = "".join(f"<li>{escape(c)}</li>" for c in long)
        notes += (
            f'<details class="extracted"><summary>{len(long)} extracted comment(s)</summary>'
            f"<ul>{lines}</ul></details>"
        )
    worst = f' class="worst-{seg.worst}"' if seg.worst else ""
    source = _marked(seg.source, seg.source_marks)
    chrf = ""
    if with_chrf:
        value = _fmt(seg.chrf) if seg.chrf is not None else "–"
        chrf = f'<td class="chrf">{value}</td>'
    return (
        f'<tr id="seg-{seg.number}"{worst}>'
        f'<td class="num"><a href="#seg-{seg.number}" title="{escape(seg.unit)}">'
        f"{seg.number}</a>{fuzzy}{meta_html}</td>"
        f'<td class="text" lang="{escape(source_lang)}">{source}</td>'
        f'<td class="text" lang="{escape(target_lang)}">{target}</td>'
        f"<td>{notes}</td>{chrf}</tr>\n"
    )


def _table(segments: list[_Segment], source_lang: str, target_lang: str, with_chrf: bool) -> str:
    cols = '<col class="c-num"><col class="c-src"><col class="c-tgt"><col class="c-notes">'
    heads = (
        f'<th scope="col">#</th><th scope="col">Source ({escape(source_lang)})</th>'
        f'<th scope="col">Translation ({escape(target_lang)})</th>'
        '<th scope="col">Findings and notes</th>'
    )
    if with_chrf:
        cols += '<col class="c-chrf">'
        heads += '<th scope="col">chrF</th>'
    rows = "".join(_row(s, source_lang, target_lang, with_chrf) for s in segments)
    return (
        f'<table class="segments">\n<colgroup>{cols}</colgroup>\n'
        f"<thead><tr>{heads}</tr></thead>\n"
        f'<tbody id="segments">\n{rows}</tbody>\n</table>\n</section>\n'
    )


def _loose_findings(findings: list[Finding]) -> str:
    if not findings:
        return ""
    items = "".join(_finding_item(f, with_unit=True) for f in findings)
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


# --- files in, page out: the library call behind `tmkit report` -----------------------


@dataclass(frozen=True, slots=True)
class ReviewReport:
    html: str
    findings: list[Finding]
    units: int


def read_catalog(path: str | Path, source_lang: str = "ja", target_lang: str = "en") -> Catalog:
    """A PO file as it is, or a TMX memory as a catalog (one message per unit)."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", str(path))
    if p.is_dir():
        raise InputError("is a directory, not a PO or TMX file", str(path))
    suffix = p.suffix.lower()
    if suffix in (".po", ".pot"):
        from tmkit.formats.po import read_po

        catalog = read_po(p)
    elif suffix == ".tmx":
        from tmkit.formats.convert import memory_to_catalog
        from tmkit.formats.tmx import read_tmx

        memory = read_tmx(p)
        srclang = memory.header.srclang
        if not srclang or srclang == "*all*":
            srclang = source_lang
        catalog = memory_to_catalog(memory, srclang, target_lang)
    else:  # any other bilingual format through the gateway (XLIFF …)
        catalog = _gateway_catalog(p, source_lang, target_lang)
    catalog.path = str(path)
    return catalog


def _gateway_catalog(path: Path, source_lang: str, target_lang: str) -> Catalog:
    """A bilingual file the gateway reads, as a catalog: its own document's catalog view
    (``bilingual_model``, as XLIFF gives), or a memory converted."""
    from tmkit.formats import io
    from tmkit.formats.convert import memory_to_catalog
    from tmkit.model.memory import Memory

    data = io.read(path, kind="catalog")
    as_model = getattr(data, "bilingual_model", None)
    if as_model is not None:
        data = as_model()
    if isinstance(data, Memory):
        srclang = data.header.srclang
        data = memory_to_catalog(data, srclang or source_lang, target_lang)
    if not isinstance(data, Catalog):
        raise InputError("cannot report on this file (use a PO, TMX or XLIFF file)", str(path))
    return data


def report_file(
    path: str | Path,
    *,
    glossaries: Sequence[str | Path] = (),
    reference: str | Path | None = None,
    source_lang: str = "ja",
    target_lang: str = "en",
    title: str | None = None,
    checklist: str | Path | None = None,
) -> ReviewReport:
    """Read ``path`` (PO or TMX), run `tmkit check` over it and render the review page."""
    from tmkit.checks.base import CheckContext
    from tmkit.checks.run import run_checks, with_suppressions
    from tmkit.formats.io import read_glossaries
    from tmkit.formats.unitview import catalog_units

    catalog = read_catalog(path, source_lang, target_lang)
    ctx = CheckContext()
    if glossaries:
        from tmkit.checks.glossary import build_matcher

        ctx.glossary = build_matcher(read_glossaries(glossaries))
    if checklist is not None:
        from tmkit.checks.checklist import load_checklist

        load_checklist(checklist).install(ctx)
    reference_catalog = (
        read_catalog(reference, source_lang, target_lang) if reference is not None else None
    )
    pairs = list(with_suppressions(catalog_units(catalog, str(path))))
    findings = run_checks(pairs, ctx)
    html = render_report(
        catalog,
        str(path),
        findings=findings,
        glossary=ctx.glossary,
        source_lang=source_lang,
        target_lang=target_lang,
        reference=reference_catalog,
        title=title,
    )
    return ReviewReport(html, findings, len(pairs))


__all__ = ["ReviewReport", "read_catalog", "render_report", "report_file"]
