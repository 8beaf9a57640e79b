"""The HTML and Markdown extraction table (tests/markup_cases.py) against its golden files."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from markup_cases import HTML_CASES, MARKDOWN_CASES, translate_segment
from tmkit.formats.html import read_html, write_html
from tmkit.formats.markdown import read_markdown, write_markdown
from tmkit.text.segment import Segmenter, default_rules
from tmkit.text.structure import segment_id

DATA = Path(__file__).parent / "data"
REGEN = os.environ.get("TMKIT_REGEN") == "1"
SPLIT = Segmenter(default_rules("ja")).split
FILTERS = {
    "html": (read_html, write_html, ".en.html"),
    "markdown": (read_markdown, write_markdown, ".en.md"),
}


def run(kind: str, source: str) -> tuple[list[str], str, object]:
    read, write, _ = FILTERS[kind]
    doc = read(io.BytesIO(source.encode("utf-8")), "case", split=SPLIT, ids=segment_id)
    segments = [seg.text for _b, seg in doc.segments()]
    out = io.BytesIO()
    write(doc, out, translate=translate_segment, target_lang="en")
    return segments, out.getvalue().decode("utf-8"), doc


def golden(path: Path, text: str) -> None:
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} missing: run with TMKIT_REGEN=1"
    assert text == path.read_text(encoding="utf-8")


CASES = [("html", *c) for c in HTML_CASES] + [("markdown", *c) for c in MARKDOWN_CASES]


def test_the_table_is_large_enough() -> None:
    assert len(HTML_CASES) >= 60 and len(MARKDOWN_CASES) >= 30
    names = [(c[0], c[1]) for c in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("kind", "name", "what", "source"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_case(kind: str, name: str, what: str, source: str) -> None:
    segments, rebuilt, doc = run(kind, source)
    folder = DATA / kind
    golden(folder / f"{name}.segments", "".join(s + "\n" for s in segments))
    golden(folder / f"{name}{FILTERS[kind][2]}", rebuilt)
    # untranslated, the document comes back byte for byte
    out = io.BytesIO()
    FILTERS[kind][1](doc, out)
    assert out.getvalue().decode("utf-8") == source


def _tags(html: str) -> list[tuple[str, tuple]]:
    """The element tree in document order: tag and attributes (translatable ones and
    lang aside, which are meant to change)."""
    import lxml.html

    tree = lxml.html.document_fromstring(html.encode("utf-8")) if html.strip() else None
    if tree is None:
        return []
    skip = {"alt", "title", "aria-label", "placeholder", "content", "value", "lang", "xml:lang"}
    return [
        (el.tag, tuple(sorted((k, v) for k, v in el.attrib.items() if k not in skip)))
        for el in tree.iter()
        if isinstance(el.tag, str) and el.tag not in ("rt", "rp")
    ]


@pytest.mark.parametrize(
    ("kind", "name", "what", "source"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_rebuilt_document_extracts_to_the_translation(kind, name, what, source) -> None:
    _, rebuilt, doc = run(kind, source)
    expected = [_shape(translate_segment(seg)) for _b, seg in doc.segments()]
    again, _, _ = run(kind, rebuilt)
    # codes compared by tag and number: a code's native markup carries the translated
    # attributes (title, alt, lang="en") in the English page
    assert [_shape(s) for s in again] == expected


def _shape(markup: str) -> str:
    return re.sub(r"<(bpt|ept|ph)( [^>]*)>.*?</\1>", r"<\1\2/>", markup)


@pytest.mark.parametrize(("name", "what", "source"), HTML_CASES, ids=[c[0] for c in HTML_CASES])
def test_html_tag_tree_is_kept(name, what, source) -> None:
    _, rebuilt, _ = run("html", source)
    assert _tags(rebuilt) == _tags(source)


@pytest.mark.parametrize(
    ("name", "what", "source"), MARKDOWN_CASES, ids=[c[0] for c in MARKDOWN_CASES]
)
def test_markdown_renders_to_the_same_structure(name, what, source) -> None:
    from tmkit.formats.markdown import _parser

    _, rebuilt, _ = run("markdown", source)
    md = _parser()
    shape = lambda text: [(t.type, t.tag, t.level) for t in md.parse(text) if t.type != "inline"]  # noqa: E731
    inline = lambda text: [  # noqa: E731
        c.type
        for t in md.parse(text)
        if t.type == "inline"
        for c in t.children or []
        if c.type != "text"
    ]
    assert shape(rebuilt) == shape(source)
    assert [k for k in inline(rebuilt) if k != "softbreak"] == [
        k for k in inline(source) if k != "softbreak"
    ]
