"""The review page's segment data in parts (`tmkit.ops.review_parts`,
`tmkit.report.html_data`): each part is a function of its own segments, so the
build keeps it in its cache and makes anew only the parts whose segments changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tmkit.ops.review as review_module
import tmkit.ops.review_parts as parts_module
from tmkit.checks.glossary import build_matcher
from tmkit.formats.io import read_glossaries
from tmkit.formats.po import read_po
from tmkit.model import Catalog, Message
from tmkit.model.findings import Finding
from tmkit.ops.build_cache import Table
from tmkit.ops.review import render_report, review
from tmkit.ops.review_parts import PART_SPAN, runs

DATA = Path(__file__).resolve().parent / "data" / "report"


def _catalog(n: int = 1500, docs: int = 2) -> Catalog:
    messages = [
        Message(
            msgid=f"文{k}の研究です。",
            msgstr=f"Sentence {k} on research." if k % 7 else "",
            msgctxt=f"u{k:05d}",
            references=[f"source/ja/doc{1 + k * docs // n}.txt:{k + 1}"],
            extracted_comments=["role: body"] if k % 3 else ["role: title", "a longer note here"],
            flags=["fuzzy"] if k % 11 == 0 else [],
            lineno=4 * k + 10,
        )
        for k in range(n)
    ]
    return Catalog(messages, path="x.po")


def _findings(catalog: Catalog, where: str = "x.po:1") -> list[Finding]:
    out = []
    for m in catalog.messages[::5]:
        out.append(
            Finding(
                "consistency.target",
                "warning",
                f"same source translated differently elsewhere ({where})",
                unit=m.msgctxt,
                file="x.po",
                line=m.lineno,
                span=(0, 2),
                span_side="source",
                expected="x",
            )
        )
    return out


def _units(catalog: Catalog) -> list[list[str]]:
    units = [m.msgctxt for m in catalog.messages]
    return [[units[i] for i in run] for run in runs(catalog.messages, units)]


def test_parts_start_at_each_document_and_inside_one_at_units_of_their_own() -> None:
    catalog = _catalog()
    found = _units(catalog)
    assert 2 < len(found) < 2 * len(catalog.messages) // PART_SPAN + 8
    assert sum(map(len, found)) == len(catalog.messages)
    # a document's first segment starts a part
    firsts = {run[0] for run in found}
    assert {"u00000", "u00750"} <= firsts
    # an entry added inside a part changes that part only (the others keep their units)
    catalog.messages.insert(600, Message(msgid="新しい文", msgstr="New", msgctxt="new"))
    again = _units(catalog)
    changed = [run for run in again if run not in found]
    assert len(changed) <= 2 and any("new" in run for run in changed)
    assert len([run for run in found if run not in again]) == 1


def test_alternating_documents_make_no_small_parts() -> None:
    catalog = _catalog(3000)
    for k, m in enumerate(catalog.messages):
        m.references = [f"source/ja/doc{k % 4}.txt:{k}"]
    found = _units(catalog)
    assert len(found) <= 3000 // 50  # one a segment without the rule


def test_a_part_is_the_same_made_from_its_segments_alone() -> None:
    catalog = _catalog()
    findings = _findings(catalog)
    whole = review(catalog, "x.po", findings=findings)
    assert len(whole.parts) > 2
    units = [m.msgctxt for m in catalog.messages]
    for run, (part, said) in zip(runs(catalog.messages, units), whole.parts, strict=True):
        alone = Catalog([catalog.messages[i] for i in run], path="x.po")
        mine = [f for f in findings if f.unit in {m.msgctxt for m in alone.messages}]
        (own, own_said), *rest = review(alone, "x.po", findings=mine).parts
        assert not rest
        assert own == part and own_said == said


def test_a_kept_part_is_used_when_only_its_messages_changed(monkeypatch) -> None:
    """A consistency finding's message names lines of other documents: they move when
    another document grows. The part keeps its data; the page gets the new messages."""
    catalog = _catalog()
    table = Table({})
    first = render_report(catalog, "x.po", findings=_findings(catalog), kept_parts=table)
    made: list[int] = []
    real = parts_module._make
    monkeypatch.setattr(parts_module, "_make", lambda rows, *a: made.append(1) or real(rows, *a))
    moved = [
        Finding(**{**f.to_dict(), "line": f.line + 8, "span": f.span})
        for f in _findings(catalog, "x.po:9")
    ]
    again = Table(dict(table.used))
    second = render_report(catalog, "x.po", findings=moved, kept_parts=again)
    assert made == []
    assert first != second and first.replace("x.po:1)", "x.po:9)") == second
    assert second == render_report(catalog, "x.po", findings=moved)


def test_a_part_made_anew_takes_the_marks_of_the_part_it_replaces(monkeypatch) -> None:
    catalog = read_po(DATA / "review.po")
    matcher = build_matcher(read_glossaries([DATA / "glossary.csv"]))
    table = Table({})
    review(catalog, "r.po", findings=[], glossary=matcher, kept_parts=table)
    marked: list[str] = []
    real = review_module._term_marks
    monkeypatch.setattr(
        review_module, "_term_marks", lambda s, t, g: marked.append(t) or real(s, t, g)
    )
    edited = next(m for m in catalog.messages if m.msgstr and not m.is_header)
    edited.msgstr = "The accelerator, reworded."
    again = Table(dict(table.used))
    got = render_report(catalog, "r.po", findings=[], glossary=matcher, kept_parts=again)
    assert marked == ["The accelerator, reworded."]
    assert got == render_report(catalog, "r.po", findings=[], glossary=matcher)


def test_the_page_names_each_string_once() -> None:
    catalog = _catalog()
    html = render_report(catalog, "x.po", findings=_findings(catalog))
    raw = html.split('<script type="application/json" id="review-data">', 1)[1]
    data = json.loads(raw.split("</script>", 1)[0])
    for name in ("classes", "titles", "rules", "files", "labels", "messages"):
        assert len(data[name]) == len(set(map(json.dumps, data[name]))), name
    assert data["files"] == ["source/ja/doc1.txt", "source/ja/doc2.txt"]
    assert len(data["parts"]) == len(
        list(runs(catalog.messages, [m.msgctxt for m in catalog.messages]))
    )


@pytest.mark.parametrize("hostile", ["</script><script>alert(1)</script>", "<!--", "\u2028"])
def test_a_part_cannot_end_the_data_block(hostile: str) -> None:
    catalog = Catalog([Message(msgid=hostile, msgstr=hostile, msgctxt=hostile)], path="x.po")
    html = render_report(catalog, "x.po", findings=[])
    block = html.split('<script type="application/json" id="review-data">', 1)[1]
    data = block.split("</script>", 1)[0]
    assert "<" not in data
    assert json.loads(data)["parts"][0][7][0][0] == hostile
