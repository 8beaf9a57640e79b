"""The HTML review page: escaping, placement, highlights, scores, CSP, determinism.

The segments are data on the page (one JSON block the script renders a page at a
time, issue 16), so what a row shows is read from that data: `segments` below
turns it back into per-segment texts, marks and findings.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmkit.checks.base import CheckContext
from tmkit.checks.glossary import build_matcher
from tmkit.checks.run import run_checks
from tmkit.formats.io import read_glossaries as load_glossaries
from tmkit.formats.po import read_po
from tmkit.model.findings import SEVERITIES, Finding
from tmkit.ops.check import catalog_check_units as pairs_from_catalog
from tmkit.ops.review import Mark, pieces, render_report, report_file
from tmkit.report.html import unpack_text

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "report"
REVIEW = DATA / "review.po"
GLOSSARY = DATA / "glossary.csv"
REFERENCE = DATA / "reference.po"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each table row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: dict[str, list[str]] = {}
        self._row: str | None = None
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "tr" and (a.get("id") or "").startswith("seg-"):
            self._row = a["id"]
            self.rows[self._row] = []
        if tag == "style" or (tag == "script" and "type" not in a):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._row = None
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._row is not None:
            self.rows[self._row].append(data)
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)

    def row_text(self, ident: str) -> str:
        return "".join(self.rows[ident])


def parse(html: str) -> Elements:
    p = Elements()
    p.feed(html)
    p.close()
    return p


def _text(value) -> str:
    if isinstance(value, str):
        return value
    return "".join(p if isinstance(p, str) else p[0] for p in value)


def decoded(html: str) -> list[list]:
    """The page's segments as its script reads them: each ``[unit, fuzzy, refs, labels,
    notes, source, target, findings, chrf, comment]`` with every string resolved (refs
    as file, line pairs; findings as [rule, severity, message(, expected)]; texts as
    unpack_text gives them, a marked piece's style as [classes, titles])."""
    raw = html.split('<script type="application/json" id="review-data">', 1)[1]
    data = json.loads(raw.split("</script>", 1)[0])
    defaults = [None, None, None, [], [], [], [], 0, None, ""]
    out = []

    def one(v):
        return [v] if isinstance(v, int) else v

    for part in data["parts"]:
        classes, titles, rules, files, labels, messages = (
            [data[name][i] for i in part[k]]
            for k, name in enumerate(("classes", "titles", "rules", "files", "labels", "messages"))
        )
        found = [f for s in part[7] for f in (s[6] if len(s) > 6 else [])]
        found = [[rules[f[0]], f[1], messages[k], *f[2:]] for k, f in enumerate(found)]
        styles = []
        for k in range(0, len(part[6]), 2):
            names = [titles[r] if r >= 0 else f"{found[-1 - r][0]}: {found[-1 - r][2]}"
                     for r in one(part[6][k + 1])]  # fmt: skip
            styles.append([classes[part[6][k]], list(dict.fromkeys(names))])
        last, at = [None, 0], 0
        for stored in part[7]:
            full = stored + defaults[len(stored) :]
            refs = full[3]
            if isinstance(refs, int):
                refs = [last[0], last[1] + refs]
            for k in range(0, len(refs), 2):
                if refs[k + 1] is not None:
                    last = refs[k : k + 2]
            texts = []
            for value in (full[1], full[2]):
                value = unpack_text(value)
                if not isinstance(value, str):
                    value = [p if isinstance(p, str) else [p[0], styles[p[1]]] for p in value]
                texts.append(value)
            mine = found[at : at + len(full[6])]
            at += len(full[6])
            named = [files[x] if k % 2 == 0 else x for k, x in enumerate(refs)]
            notes = [[labels[c] for c in one(full[i])] for i in (4, 5)]
            out.append([full[0], full[7], named, *notes, *texts, mine, full[8], full[9]])
    return out


def segments(html: str) -> dict[str, dict]:
    """seg-N → its source, target, unit, comment, finding rules and worst severity,
    and its marked pieces as (classes, text), read from the page's JSON block."""
    out = {}
    for number, s in enumerate(decoded(html), start=1):
        marked = set()
        for side in (s[5], s[6]):
            if not isinstance(side, str):
                marked |= {(p[1][0], p[0]) for p in side if not isinstance(p, str)}
        severities = [f[1] for f in s[7]]
        out[f"seg-{number}"] = {
            "unit": s[0],
            "source": _text(s[5]),
            "target": _text(s[6]),
            "comment": s[9],
            "rules": [f[0] for f in s[7]],
            "worst": SEVERITIES[min(severities)] if severities else None,
            "marked": marked,
            "chrf": s[8],
        }
    return out


@pytest.fixture(scope="module")
def review() -> tuple[str, list[Finding]]:
    result = report_file(REVIEW, glossaries=[GLOSSARY], reference=REFERENCE)
    return result.html, result.findings


def test_hostile_text_is_shown_as_text(review: tuple[str, list[Finding]]) -> None:
    html, _ = review
    doc = parse(html)
    tags = [t for t, _ in doc.tags]
    # Our own script and the data block are the only script elements (the data block
    # is JSON, inert); the segments' markup is no element at all.
    assert tags.count("script") == 2
    assert [a.get("type") for t, a in doc.tags if t == "script"] == ["application/json", None]
    assert "img" not in tags
    assert not any(k.startswith("on") for _, attrs in doc.tags for k in attrs)
    assert "<script>alert(" not in html
    assert "<img src=x" not in html
    # …but the reviewer reads it, verbatim (the script puts it into the page as text).
    rows = segments(html)
    assert "<script>alert('src')</script>は" in rows["seg-2"]["source"]
    assert "<script>alert('tgt')</script> is not" in rows["seg-2"]["target"]
    assert '"><img src=x onerror=alert(2)> There are three' in rows["seg-3"]["target"]
    # The translator comment is text too, and so is the hostile msgctxt (a link title).
    assert 'A translator note with <b>markup</b> & "quotes".' in rows["seg-2"]["comment"]
    assert rows["seg-3"]["unit"] == 's03"><img src=x onerror=alert(1)>'


def test_findings_sit_beside_their_segment(review: tuple[str, list[Finding]]) -> None:
    html, findings = review
    rows = segments(html)
    assert sorted(rows["seg-2"]["rules"]) == [
        "glossary.forbidden",
        "glossary.missing",
        "latin.mismatch",
    ]
    assert rows["seg-4"]["rules"] == ["untranslated"]
    assert rows["seg-5"]["rules"] == ["fuzzy"]
    assert rows["seg-1"]["rules"] == [] and rows["seg-6"]["rules"] == []
    assert sum(len(r["rules"]) for r in rows.values()) == len(findings)
    # Rows are marked with their worst severity, for the coloured edge.
    assert rows["seg-2"]["worst"] == "error" and rows["seg-5"]["worst"] == "warning"
    assert rows["seg-1"]["worst"] is None


def test_glossary_terms_highlighted_in_both_languages(review: tuple[str, list[Finding]]) -> None:
    html, _ = review
    found = set().union(*(r["marked"] for r in segments(html).values()))
    assert ("t-src", "量子科学技術研究開発機構") in found
    assert ("t-src", "加速器") in found
    assert ("t-ok", "National Institutes for Quantum Science and Technology") in found
    assert ("t-ok", "accelerator") in found
    # The superseded name is both a forbidden term and the span of the finding on it.
    assert (
        "t-bad f-error",
        "National Institutes for Quantum and Radiological Science and Technology",
    ) in found


def test_other_files_findings_are_listed_apart() -> None:
    catalog = read_po(REVIEW)
    stray = Finding("tmx.dtd", "error", "bad <tu>", unit="s01", file="out/review.tmx", line=3)
    mine = Finding("fuzzy", "warning", "translation is marked fuzzy", unit="s05", file=str(REVIEW))
    html = render_report(catalog, str(REVIEW), findings=[stray, mine])
    section = html.split('<section id="other-findings">', 1)[1]
    assert 'data-rule="tmx.dtd"' in section and "bad &lt;tu&gt;" in section
    rows = segments(html)
    assert rows["seg-1"]["rules"] == [] and rows["seg-5"]["rules"] == ["fuzzy"]
    assert 'data-rule="fuzzy"' not in section


def test_reference_metrics_and_segment_chrf_equal_sacrebleu(
    review: tuple[str, list[Finding]],
) -> None:
    from sacrebleu.metrics import BLEU, CHRF, TER

    html, _ = review
    hyps = [
        "The accelerator of the National Institutes for Quantum Science and Technology",
        '"><img src=x onerror=alert(2)> There are three accelerators.',
        "",  # s04 is untranslated: scored as empty, as `tmkit score` does
        "There are 100 researchers.",
    ]
    refs = [
        "The accelerator of the National Institutes for Quantum Science and Technology",
        "There are two accelerators.",
        "A sentence not yet translated.",
        "The institute has 100 researchers.",
    ]
    table = html.split('<table class="metrics">', 1)[1].split("</table>", 1)[0]
    for metric in (BLEU(), CHRF(), CHRF(word_order=2), TER()):
        score = metric.corpus_score(hyps, [refs])
        row = f'<td>{score.name}</td><td class="num">{score.score:.2f}</td>'
        assert row in table
        assert unescape(table).count(metric.get_signature().format()) == 1
    assert "4 segment(s) scored against the reference; 2 without" in html
    chrf = CHRF()
    rows = segments(html)
    for ident, hyp, ref in zip(("seg-1", "seg-3", "seg-4", "seg-6"), hyps, refs, strict=True):
        expected = f"{chrf.sentence_score(hyp, [ref]).score:.1f}"
        assert f"{rows[ident]['chrf']:.1f}" == expected
    # s05's reference is fuzzy and s02 has none: no figure.
    for ident in ("seg-2", "seg-5"):
        assert rows[ident]["chrf"] is None


def test_qa_score_is_tmkit_scorings(review: tuple[str, list[Finding]]) -> None:
    from tmkit.scoring import qa_score
    from tmkit.scoring.qa import source_characters

    html, findings = review
    catalog = read_po(REVIEW)
    qa = qa_score(findings, source_characters(p.source for p in pairs_from_catalog(catalog)))
    assert f'QA score</div><div class="value">{qa.score:.1f}</div>' in html
    assert f'Source characters</div><div class="value">{qa.source_chars:,}</div>' in html
    assert ("pass" if qa.passed else "fail") + " (pass mark 90.0)" in html


def test_without_reference_there_is_no_chrf_column() -> None:
    html = report_file(REVIEW).html
    assert ">chrF</th>" not in html and 'class="metrics"' not in html
    assert 'id="plot-chrf"' not in html and 'id="plot-qa"' in html
    marked = [cls for r in segments(html).values() for cls, _ in r["marked"]]
    assert not any("t-src" in cls for cls in marked)  # no glossary, no highlights


def test_content_security_policy_allows_exactly_the_inline_style_and_script(
    review: tuple[str, list[Finding]],
) -> None:
    html, _ = review
    doc = parse(html)
    metas = [a for t, a in doc.tags if t == "meta" and a.get("http-equiv")]
    assert len(metas) == 1
    policy = metas[0]["content"] or ""
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert "unsafe" not in policy and "http" not in policy

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert directives["script-src"] == digest("".join(doc.scripts))
    assert directives["style-src"] == digest("".join(doc.styles))
    # No style attributes (the policy would block them) and nothing fetched.
    assert not any("style" in a for _, a in doc.tags)
    assert not any(
        k in ("src", "href") and not (v or "#").startswith("#")
        for _, a in doc.tags
        for k, v in a.items()
    )


def test_output_is_deterministic() -> None:
    catalog = read_po(REVIEW)
    ctx = CheckContext(glossary=build_matcher(load_glossaries([GLOSSARY])))
    findings = run_checks(pairs_from_catalog(catalog, str(REVIEW)), ctx)
    args = dict(glossary=ctx.glossary, reference=read_po(REFERENCE), title="Review")
    first = render_report(catalog, str(REVIEW), findings=findings, **args)
    again = render_report(read_po(REVIEW), str(REVIEW), findings=list(reversed(findings)), **args)
    assert first == again
    assert not re.search(r"20\d\d-\d\d-\d\d", first)


def test_title_and_languages_are_escaped() -> None:
    html = render_report(
        read_po(REVIEW),
        "a<b>.po",
        findings=[],
        title="<i>T</i>",
        source_lang='ja"x',
        target_lang="en",
    )
    assert "<title>&lt;i&gt;T&lt;/i&gt;</title>" in html
    assert "<code>a&lt;b&gt;.po</code>" in html
    assert 'lang="ja&quot;x"' in html


@given(
    st.text(max_size=30),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.sampled_from(["a", "b"]))),
)
def test_pieces_keep_the_text_whatever_the_marks(text: str, raw: list) -> None:
    marks = [
        Mark(min(a, b), max(a, b), css, f'<{css}>"')
        for a, b, css in raw
        if min(a, b) < max(a, b) <= len(text)
    ]
    out = pieces(text, marks)
    assert "".join(t for t, _ in out) == text
    for t, style in out:
        assert t
        if style is not None:
            assert set(style[0].split()) <= {"a", "b"}


def test_real_interview_with_the_qst_glossary() -> None:
    po = ROOT / "target" / "en" / "interview.po"
    tbx = ROOT / "glossary" / "qst.tbx"
    result = report_file(po, glossaries=[tbx])
    rows = segments(result.html)
    catalog = read_po(po)
    active = [m for m in catalog.active() if not m.is_header]
    assert len(rows) == len(active) > 100
    # Every segment's source and translation is on the page, in document order.
    for i, m in enumerate(active, start=1):
        row = rows[f"seg-{i}"]
        assert row["source"] == m.msgid and row["target"] == m.msgstr
    highlighted = [t for r in rows.values() for cls, t in r["marked"] if "t-src" in cls]
    assert len(highlighted) > 100
    assert sum(len(r["rules"]) for r in rows.values()) == len(result.findings)


@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.sampled_from("ab字\ue000\uf8ff"), min_size=1, max_size=5),
            st.none() | st.integers(0, 20_000),
        ),
        max_size=6,
    )
)
def test_marked_texts_unpack_to_their_pieces(raw: list) -> None:
    """A text stored with its marks inline (or as a list, when it holds private-use
    characters) reads back as its pieces, whatever the style numbers."""
    from tmkit.report.html import pack_text

    stored = json.loads(json.dumps(pack_text(raw), ensure_ascii=False))
    back = unpack_text(stored)
    if isinstance(back, str):
        assert "".join(t for t, _ in raw) == back
        assert all(style is None for _, style in raw)
        return
    got = [(p, None) if isinstance(p, str) else (p[0], p[1]) for p in back]
    # neighbouring unmarked pieces of a packed string read back as one
    merged: list = []
    for t, style in raw:
        if style is None and merged and merged[-1][1] is None:
            merged[-1] = (merged[-1][0] + t, None)
        else:
            merged.append((t, style))
    assert got in (raw, merged)
