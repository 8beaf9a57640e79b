"""Rendering rules of the rebuilt target: plain text and Markdown, per configured style."""

from __future__ import annotations

import pytest

from tmkit.model import Block, Document, Location, Role, Segment, Speaker
from tmkit.ops.rebuild import render_target
from tmkit.ops.rendering import RenderRules, english_text, render_markdown, render_text


def block(role: Role, *texts: str, sep: str = "\n\n", marker: str = "") -> Block:
    segs = [Segment(f"{role}-{t[:6]}", t, Location("d.txt", 1, 1)) for t in texts]
    speaker = Speaker.INTERVIEWER if role is Role.QUESTION else None
    return Block(role, segs, speaker=speaker, marker=marker, separator=sep)


DOC = Document(
    "d.txt",
    [
        block(Role.TITLE, "題"),
        block(Role.HEADING, "【見出し】"),
        block(Role.QUESTION, "質問ですか", marker="── "),
        block(Role.ANSWER, "答え。", "二つ目。", sep="\n\n\n"),
        block(Role.CAPTION, "写真(提供:QST)"),
        block(Role.FOOTNOTE, "注1)注。", sep="\n", marker="  1. "),
        block(Role.FOOTNOTE, "注2)注。", sep="\n", marker="  2. "),
        block(Role.BOILERPLATE, "上へ戻る", sep="\n"),
    ],
)
TABLE = {
    "title-題": "Title",
    "heading-【見出し】": "[A Heading]",
    "question-質問ですか": "Is it “so”?",
    "answer-答え。": 'It\'s "so"[Note 1] and 「so」[2].',
    "answer-二つ目。": "Second──really.",
    "caption-写真(提供:": "A photo (courtesy of QST)",
    "footnote-注1)注。": "Note 1) First note.",
    "footnote-注2)注。": "[2] Second note.",
}


def test_plain_text_marks_each_role_and_resolves_markers():
    text = render_text(DOC, TABLE, RenderRules())
    assert text == (
        "Title\n=====\n\n"
        "A Heading\n---------\n\n"
        "Q: Is it “so”?\n\n"
        "It’s “so”[1] and “so”[2]. Second—really.\n\n"
        "Image: A photo (courtesy of QST)\n\n"
        "[1] First note.\n[2] Second note.\n"
    )


def test_markdown_uses_headings_bold_questions_italic_captions_and_footnotes():
    rules = RenderRules(question="dash", caption="Photo: {text}")
    assert render_markdown(DOC, TABLE, rules) == (
        "# Title\n\n"
        "## A Heading\n\n"
        "**— Is it “so”?**\n\n"
        "It’s “so”[^1] and “so”[^2]. Second—really.\n\n"
        "*Photo: A photo (courtesy of QST)*\n\n"
        "[^1]: First note.\n[^2]: Second note.\n"
    )


def test_straight_quotes_everywhere_when_configured():
    text = render_text(DOC, TABLE, RenderRules(quotes="straight", headings="plain"))
    assert "“" not in text and "’" not in text
    assert 'It\'s "so"[1]' in text and "Title\n\nA Heading\n\n" in text


@pytest.mark.parametrize(
    ("raw", "curly", "straight"),
    [
        ('"quoted" word', "“quoted” word", '"quoted" word'),
        ("the researchers' goal", "the researchers’ goal", "the researchers' goal"),
        ("('inner')", "(‘inner’)", "('inner')"),
        ("──dash", "—dash", "—dash"),
        ("（括弧）【x】", "(括弧)[x]", "(括弧)[x]"),
        ("a\u3000 b", "a b", "a b"),
    ],
)
def test_english_text(raw, curly, straight):
    assert english_text(raw, "curly") == curly
    assert english_text(raw, "straight") == straight


def test_markdown_escapes_what_would_be_syntax():
    doc = Document("d.txt", [block(Role.BODY, "本文。")])
    md = render_markdown(doc, {"body-本文。": "1. a *b* _c_ <d>"}, RenderRules())
    assert md == "1\\. a \\*b\\* \\_c\\_ \\<d\\>\n"


def test_cjk_targets_keep_the_source_layout_unless_configured():
    assert not RenderRules.for_language("ja").english
    assert RenderRules.for_language("ja", {"quotes": "curly"}).english
    assert RenderRules.for_language("en-GB").english
    rules = RenderRules.for_language("ja")
    assert render_target(DOC, {}, "ja", rules) == render_target(DOC, {}, "ja")
    assert render_target(DOC, {}, "ja").startswith("題\n\n【見出し】\n\n── 質問ですか")
