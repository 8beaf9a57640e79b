"""Round trip on generated pages: extract → reversible "translation" with the codes left in
place → rebuild → re-extract gives the translated segments, and the tag tree is unchanged."""

from __future__ import annotations

import io
import re

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from markup_cases import pseudo, translate_segment
from tmkit.formats.html import read_html, write_html
from tmkit.text.segment import Segmenter, default_rules
from tmkit.text.structure import segment_id

SPLIT = Segmenter(default_rules("ja")).split

WORDS = st.sampled_from(
    ["量子", "科学", "研究所", "です", "装置", "QST", "data", "東京", "10", "人材", "を", "は"]
)
PUNCT = st.sampled_from(["。", "、", " ", "!", "?", "(", ")", "&", "<", ">", '"', "\n  "])


@st.composite
def text(draw) -> str:
    parts = draw(st.lists(st.one_of(WORDS, PUNCT), min_size=1, max_size=8))
    raw = "".join(parts)
    escaped = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if draw(st.booleans()):
        escaped = escaped.replace("&amp;", "&#38;")
    return escaped


def inline(depth: int = 0):
    leaf = st.one_of(
        text(),
        st.just("<br>"),
        st.builds(lambda t: f'<img src="a.png" alt="{t}">', st.sampled_from(["写真", "図"])),
    )
    if depth >= 2:
        return leaf
    element = st.builds(
        lambda tag, kids: f"{tag[0]}{''.join(kids)}{tag[1]}",
        st.sampled_from(
            [
                ("<b>", "</b>"),
                ("<em>", "</em>"),
                ('<a href="x.html#s1">', "</a>"),
                ("<span>", "</span>"),
            ]
        ),
        st.lists(inline(depth + 1), min_size=1, max_size=3),
    )
    return st.one_of(leaf, element)


BLOCKS = st.sampled_from(
    [
        ("<p>", "</p>"),
        ("<h2>", "</h2>"),
        ("<ul><li>", "</li></ul>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<blockquote><p>", "</p></blockquote>"),
    ]
)


@st.composite
def page(draw) -> str:
    blocks = draw(
        st.lists(
            st.builds(
                lambda b, kids: b[0] + "".join(kids) + b[1],
                BLOCKS,
                st.lists(inline(), min_size=1, max_size=5),
            ),
            min_size=1,
            max_size=4,
        )
    )
    return '<html lang="ja"><body>\n  ' + "\n  ".join(blocks) + "\n</body></html>\n"


def _extract(html: str):
    return read_html(io.BytesIO(html.encode("utf-8")), "p.html", split=SPLIT, ids=segment_id)


def _shape(markup: str) -> str:
    return re.sub(r"<(bpt|ept|ph)( [^>]*)>.*?</\1>", r"<\1\2/>", markup)


def _tree(html: str) -> list:
    root = lxml.html.document_fromstring(html.encode("utf-8"))
    return [
        (el.tag, sorted((k, v) for k, v in el.attrib.items() if k not in ("alt", "lang")))
        for el in root.iter()
        if isinstance(el.tag, str)
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page())
def test_generated_pages_round_trip(html: str) -> None:
    doc = _extract(html)
    out = io.BytesIO()
    write_html(doc, out, translate=translate_segment, target_lang="en")
    rebuilt = out.getvalue().decode("utf-8")
    expected = [_shape(translate_segment(seg)) for _b, seg in doc.segments()]
    again = [_shape(seg.text) for _b, seg in _extract(rebuilt).segments()]
    assert again == expected
    assert _tree(rebuilt) == _tree(html)
    assert '<html lang="en">' in rebuilt
    # and nothing is lost untranslated
    same = io.BytesIO()
    write_html(doc, same)
    assert same.getvalue().decode("utf-8") == html


def test_pseudo_translation_is_reversible() -> None:
    assert pseudo("量子 QST。").replace("ǂ", "") == "量子 QST。"
