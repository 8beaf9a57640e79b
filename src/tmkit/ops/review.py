"""The review behind `tmkit report`: read, check, score, and lay out what the page shows.

`review` turns a catalog and its findings into a `Review`: the segments as the
page's data, in parts (`tmkit.ops.review_parts`: per segment its texts cut into
marked pieces, glossary terms in both languages and the spans of findings, its
findings, labels and notes); the findings that name no segment; the summary
(counts, the QA score of `tmkit.scoring.qa`, sacrebleu metrics with their
signatures when a reference is given) and the histograms of the plots.
`tmkit.report.html` only renders it. The glossary matcher is built once per run
(or passed in by `tmkit build`, which has it already).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from tmkit.model.catalog import Catalog, Message
from tmkit.model.findings import SEVERITY_RANK, Finding, sort_key
from tmkit.ops.review_scores import ReferenceScores, reference_scores
from tmkit.report.html_plots import BINS

#: extracted comments such as ``role: title`` label a segment; others fold away
_LABEL = re.compile(r"[A-Za-z][\w-]*: \S{1,30}")


#: a mark's title: its text, or the index of one of its segment's findings (the page
#: writes "rule: message" and keeps the message once, with the finding)
Title = str | int


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    css: str
    title: Title


#: a run of text and the (classes, titles) of the marks over it, or None when unmarked
Piece = tuple[str, tuple[str, tuple[Title, ...]] | None]


@dataclass(slots=True)
class Segment:
    message: Message
    source: str
    target: str
    findings: list[Finding] = field(default_factory=list)
    source_marks: list[Mark] = field(default_factory=list)
    target_marks: list[Mark] = field(default_factory=list)
    chrf: float | None = None

    @property
    def unit(self) -> str:
        m = self.message
        return m.msgctxt if m.msgctxt is not None else m.msgid

    @property
    def labels(self) -> list[str]:
        """Short extracted comments (``role: title``): they label the segment."""
        return [c for c in self.message.extracted_comments if _LABEL.fullmatch(c)]

    @property
    def notes(self) -> list[str]:
        """Long extracted comments (the template's glossary notes): they fold away."""
        return [c for c in self.message.extracted_comments if not _LABEL.fullmatch(c)]

    @property
    def comment(self) -> str:
        """The translator comment: one paragraph wrapped over several PO lines."""
        return " ".join(c.strip() for c in self.message.translator_comments if c.strip())

    def source_pieces(self) -> list[Piece]:
        return pieces(self.source, self.source_marks)

    def target_pieces(self) -> list[Piece]:
        return pieces(self.target, self.target_marks)


@dataclass(frozen=True, slots=True)
class SegmentCounts:
    segments: int
    translated: int
    fuzzy: int
    empty: int


@dataclass(slots=True)
class Review:
    """Everything the review page shows, computed."""

    name: str
    title: str
    source_lang: str
    target_lang: str
    counts: SegmentCounts
    #: the segments as the page's data: each part (`tmkit.report.html_data.Part`)
    #: with the messages of its findings, in order
    parts: list[tuple[Any, list[str]]]
    findings: list[Finding]
    #: findings that name no segment of this catalog (another file's, say)
    loose: list[Finding]
    qa: Any  # tmkit.scoring.qa.QaScore
    scores: ReferenceScores | None
    #: histogram counts per plot (segment QA, and chrF with a reference)
    qa_bins: list[int]
    chrf_bins: list[int] | None
    #: rule → (count, most severe severity), most frequent first
    rules: list[tuple[str, int, str]]
    rule_summaries: dict[str, str]


def pieces(text: str, marks: list[Mark]) -> list[Piece]:
    """``text`` cut at every mark edge; each piece with the classes and titles over it.

    Marks may overlap (a glossary term inside a finding's span). The pieces
    concatenate to ``text``.
    """
    if not marks:
        return [(text, None)] if text else []
    edges = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Piece] = []
    for a, b in pairwise(edges):
        over = [m for m in marks if m.start <= a and b <= m.end]
        if not over:
            out.append((text[a:b], None))
            continue
        classes = " ".join(dict.fromkeys(m.css for m in over))
        titles = tuple(dict.fromkeys(m.title for m in over))
        out.append((text[a:b], (classes, titles)))
    return out


def bins(values: Iterable[float]) -> list[int]:
    counts = [0] * BINS
    for v in values:
        counts[min(BINS - 1, max(0, int(v // (100 / BINS))))] += 1
    return counts


# --- the review -----------------------------------------------------------------------


def review(
    catalog: Catalog,
    path: str | Path | None,
    *,
    findings: Iterable[Finding],
    glossary: Any = None,
    source_lang: str = "ja",
    target_lang: str = "en",
    reference: Catalog | None = None,
    title: str | None = None,
    kept_parts: Any = None,
) -> Review:
    """The review of ``catalog`` (read from ``path``).

    ``findings`` are those of `tmkit check` for this catalog; each goes to the
    segment whose unit (and line) it names, anything else to ``loose``.
    ``glossary`` is a `tmkit.model.Glossary` or a matcher from
    `tmkit.checks.glossary.build_matcher`. ``reference`` is a catalog of reference
    translations, paired by msgctxt (else msgid) as `tmkit score` does.
    ``kept_parts``: a table of the build cache (`tmkit.ops.build_cache`) of the
    page's parts (`tmkit.ops.review_parts`).
    """
    from tmkit.ops.review_parts import make_parts
    from tmkit.scoring import qa_score
    from tmkit.scoring.qa import source_characters

    all_findings = sorted(findings, key=sort_key)
    messages = _active(catalog)
    units = [m.msgctxt if m.msgctxt is not None else m.msgid for m in messages]
    placed, loose = _place_findings(messages, units, all_findings, path, catalog.path)
    scores = reference_scores(messages, reference, target_lang) if reference is not None else None
    made = make_parts(
        messages,
        units,
        placed,
        scores.chrf if scores is not None else None,
        matcher_for(glossary),
        kept_parts,
    )
    del placed
    # the catalog's source characters, as `tmkit check` counts them (one source per
    # unit): a plain entry's unit is its segment's source, counted once for both
    chars = made.source_chars + source_characters(_sources(made.others, catalog.path))
    qa = qa_score(all_findings, chars)
    name = str(path) if path is not None else (catalog.path or "catalog")
    rules = _rule_severity(all_findings)
    return Review(
        name=name,
        title=title or f"Translation review: {Path(name).name}",
        source_lang=source_lang,
        target_lang=target_lang,
        counts=SegmentCounts(made.segments, made.translated, made.fuzzy, made.empty),
        parts=made.parts,
        findings=all_findings,
        loose=loose,
        qa=qa,
        scores=scores,
        qa_bins=made.qa_bins,
        chrf_bins=bins(scores.chrf[k] for k in sorted(scores.chrf))
        if scores is not None and scores.chrf
        else None,
        rules=sorted(
            ((rule, n, sev) for rule, (n, sev) in rules.items()), key=lambda r: (-r[1], r[0])
        ),
        rule_summaries=_rule_summaries() if rules else {},
    )


def _active(catalog: Catalog) -> list[Message]:
    return [m for m in catalog.active() if not m.is_header]


def _sources(messages: list[Message], name: str | None) -> list[str]:
    # The same source texts `tmkit check` scores: one per plural form.
    from tmkit.formats.unitview import messages_units

    return [p.source for p in messages_units(messages, name)]


def _target_text(message: Message) -> str:
    if message.msgid_plural is not None:
        return message.msgstr_plural.get(0, "")
    return message.msgstr


def _same_file(a: str | None, b: str | Path | None) -> bool:
    if a is None or b is None:
        return False
    return os.path.normpath(a) == os.path.normpath(str(b))


def _place_findings(
    messages: list[Message],
    units: list[str],
    findings: list[Finding],
    path: str | Path | None,
    catalog_path: str | None,
) -> tuple[dict[int, list[Finding]], list[Finding]]:
    """The findings of each segment (by index) by unit (and line, for repeated units),
    and the rest.

    A finding of another file (a TMX validation finding, say) stays out of the
    table even when its unit id happens to match.
    """
    # unit → the index of its first entry (the later ones go first: the first one stays)
    by_unit = dict(zip(reversed(units), range(len(units) - 1, -1, -1), strict=True))
    # (unit, line) → index, for the units that more than one entry has
    by_unit_line: dict[tuple[str, int | None], int] = {}
    if len(by_unit) < len(units):
        for i, (unit, m) in enumerate(zip(units, messages, strict=True)):
            first = by_unit[unit]
            if first != i:
                by_unit_line.setdefault((unit, messages[first].lineno), first)
                by_unit_line.setdefault((unit, m.lineno), i)
    placed: dict[int, list[Finding]] = {}
    loose: list[Finding] = []
    ours_by_file: dict[str | None, bool] = {}
    for f in findings:
        ours = ours_by_file.get(f.file)
        if ours is None:
            ours = ours_by_file[f.file] = (
                f.file is None or _same_file(f.file, path) or _same_file(f.file, catalog_path)
            )
        at = None
        if ours and f.unit is not None:
            at = by_unit_line.get((f.unit, f.line)) if by_unit_line else None
            if at is None:
                at = by_unit.get(f.unit)
        if at is None:
            loose.append(f)
        else:
            placed.setdefault(at, []).append(f)
    return placed, loose


def matcher_for(glossary: Any) -> Any:
    """The glossary matcher of the checks, built once (a matcher passes through)."""
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


def _mark_terms(seg: Segment, marks: Iterable[tuple[Any, ...]]) -> None:
    """Put the glossary's marks (`_term_marks`) on the segment."""
    for on_source, start, end, css, title in marks:
        (seg.source_marks if on_source else seg.target_marks).append(Mark(start, end, css, title))


def _term_marks(source: str, target: str, matcher: Any) -> tuple[tuple[Any, ...], ...]:
    """(on the source?, start, end, css class, title) of each glossary mark, in order."""
    marks: list[tuple[Any, ...]] = []
    for check in matcher.check_pair(source, target):
        concept = check.concept
        wanted = _term_list(check.required) if check.required else "no English term"
        marks.extend(
            (True, hit.start, hit.end, "t-src", f"Glossary {concept.id}: {hit.text} → {wanted}")
            for hit in check.source_hits
        )
        marks.extend(
            (False, hit.start, hit.end, "t-ok", f"Glossary {concept.id}: {hit.status} term")
            for hit in check.allowed_found
        )
        marks.extend(
            (
                False,
                hit.start,
                hit.end,
                "t-bad",
                f"Glossary {concept.id}: {hit.status} term; use {wanted}",
            )
            for hit in check.forbidden_found
        )
    return tuple(marks)


def _mark_findings(seg: Segment) -> None:
    for n, f in enumerate(seg.findings):
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
            marks.append(Mark(start, end, f"f-{f.severity}", n))


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


# --- files in, page out: the library call behind `tmkit report` -----------------------


@dataclass(frozen=True, slots=True)
class ReviewReport:
    html: str
    findings: list[Finding]
    units: int


def read_catalog(path: str | Path, source_lang: str = "ja", target_lang: str = "en") -> Catalog:
    """Any bilingual file the gateway reads, as a catalog: a PO file as it is, a document
    with a catalog view of its own (``bilingual_model``, as XLIFF gives), a TMX memory
    converted (one message per unit), or any other format's units as a memory first."""
    from tmkit.formats import io
    from tmkit.formats.convert import memory_to_catalog
    from tmkit.formats.unitview import units_to_memory
    from tmkit.model.memory import Memory

    fmt = io.detect(path, kind="catalog")
    data = io.read(path, format=fmt.name)
    as_model = getattr(data, "bilingual_model", None)
    if as_model is not None:
        data = as_model()
    if not isinstance(data, Catalog | Memory):
        source, targets = fmt.languages(data) if fmt.languages else (None, [])
        units = io.units(data, str(path), fmt.name)
        data = units_to_memory(units, source or source_lang, targets[0] if targets else target_lang)
    if isinstance(data, Memory):
        srclang = data.header.srclang
        if not srclang or srclang == "*all*":
            srclang = source_lang
        data = memory_to_catalog(data, srclang, target_lang)
    data.path = str(path)
    return data


def render_report(catalog: Catalog, path: str | Path | None, **options: Any) -> str:
    """The review page of ``catalog`` as a string of HTML (`review`, then render)."""
    return "".join(report_parts(catalog, path, **options))


def report_parts(catalog: Catalog, path: str | Path | None, **options: Any) -> Iterator[str]:
    """`render_report` in parts, as they are made (never joined)."""
    from tmkit.report.html import render_parts

    return render_parts(review(catalog, path, **options))


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
    """Read any bilingual file, run `tmkit check` over it and render the review page."""
    from tmkit.checks.run import run_checks
    from tmkit.ops.check import catalog_check_units, glossary_context

    catalog = read_catalog(path, source_lang, target_lang)
    ctx = glossary_context(glossaries)
    if checklist is not None:
        from tmkit.checks.checklist import load_checklist

        load_checklist(checklist).install(ctx)
    reference_catalog = (
        read_catalog(reference, source_lang, target_lang) if reference is not None else None
    )
    pairs = catalog_check_units(catalog, str(path))
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
