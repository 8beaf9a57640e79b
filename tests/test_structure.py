"""Document structure: roles, speakers, markers, lossless rebuild and stable ids.

These tests use a deliberately simple splitter (after 。) so they exercise the
structure layer alone; the real segmenter has its own tests.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmkit.model import Role, Speaker
from tmkit.text.structure import parse_document, split_lines


class AfterMaru:
    def split(self, line: str) -> list[str]:
        pieces = re.findall(r"[^。]*。\s*|[^。]+$", line)
        return pieces or [line]


SPLIT = AfterMaru()

INTERVIEW = """\
量子科学の話:QST理事長に聞く

2023年10月23日 聞き手 JST 樋口 義広

今回のインタビューでは、理事長に話を伺った。

未来社会の実現に貢献

── 今年4月に着任されました。現状についてお聞かせください

QSTは研究所である。私はバトンを受け継いでいる。

千葉市稲毛区にあるQST本部正門(提供:QST)

インフラ更新を通じて技術を伝承する

その通りだ。

インタビューは2023年8月30日、QST本部にて実施
聞き手:樋口義広・JST参事役(当時)

  1. 注1)RIビームファクトリーは加速器。世界最大である。

小安 重夫(こやす しげお):

1978年東京大学卒業。2023年4月より現職。

【国際頭脳循環の重要性】

国際頭脳循環の強化は、必須条件である。

国際頭脳循環トップページへ戻る

上へ戻る"""


def roles(doc):
    return [(b.role, b.speaker) for b in doc.blocks]


def test_interview_roles_and_speakers():
    doc = parse_document(INTERVIEW, "i.txt", SPLIT)
    assert roles(doc) == [
        (Role.TITLE, None),
        (Role.BYLINE, None),
        (Role.LEAD, None),
        (Role.HEADING, None),
        (Role.QUESTION, Speaker.INTERVIEWER),
        (Role.ANSWER, Speaker.INTERVIEWEE),
        (Role.CAPTION, None),
        (Role.HEADING, None),
        (Role.ANSWER, Speaker.INTERVIEWEE),
        (Role.BYLINE, None),
        (Role.BYLINE, None),
        (Role.FOOTNOTE, None),
        (Role.PROFILE, None),
        (Role.PROFILE, None),
        (Role.HEADING, None),
        (Role.BODY, None),
        (Role.BOILERPLATE, None),
        (Role.BOILERPLATE, None),
    ]


def test_question_marker_is_kept_but_not_in_text():
    doc = parse_document(INTERVIEW, "i.txt", SPLIT)
    q = next(b for b in doc.blocks if b.role is Role.QUESTION)
    assert q.marker == "── "
    assert q.segments[0].text.startswith("今年4月")
    assert q.segments[0].location.col == 4


def test_question_marker_takes_any_space_after_the_dashes():
    # The interview writes "──" + NO-BREAK SPACE; some writers use U+3000 or none.
    for space in ("\u00a0", "\u3000", " ", ""):
        doc = parse_document(f"題\n── {space}質問ですか\n".replace(" ", "", 1), "q.txt", SPLIT)
        block = doc.blocks[1]
        assert block.role is Role.QUESTION
        assert block.marker == "──" + space
        assert block.segments[0].text == "質問ですか"


def test_footnote_list_number_is_a_marker():
    doc = parse_document(INTERVIEW, "i.txt", SPLIT)
    fn = next(b for b in doc.blocks if b.role is Role.FOOTNOTE)
    assert fn.marker == "  1. "
    assert [s.text for s in fn.segments] == [
        "注1)RIビームファクトリーは加速器。",
        "世界最大である。",
    ]


def test_boilerplate_is_kept_but_not_translatable():
    doc = parse_document(INTERVIEW, "i.txt", SPLIT)
    texts = [s.text for _, s in doc.translatable_segments()]
    assert "上へ戻る" not in texts
    assert doc.text().endswith("上へ戻る")


def test_locations_are_one_based_lines_and_columns():
    doc = parse_document(INTERVIEW, "i.txt", SPLIT)
    answer = next(b for b in doc.blocks if b.role is Role.ANSWER)
    first, second = answer.segments
    assert (first.location.line, first.location.col) == (11, 1)
    assert second.location.col == 1 + len("QSTは研究所である。")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_rebuild_is_exact_for_every_line_ending(newline):
    text = INTERVIEW.replace("\n", newline) + newline
    assert parse_document(text, "i.txt", SPLIT).text() == text


def test_rebuild_keeps_ideographic_spaces_and_blank_lines():
    text = "\n\n\u3000題名\u3000\n \n\u3000本文である。\u3000次の文。  \n\n"
    doc = parse_document(text, "t.txt", SPLIT)
    assert doc.text() == text
    assert doc.preamble == "\n\n"
    assert [s.text for _, s in doc.segments()] == ["題名", "本文である。", "次の文。"]


@given(
    st.text(
        alphabet=st.sampled_from(list("あ。、 \u3000\n\r\t「」()──注1)上へ戻るA.")), max_size=200
    )
)
def test_rebuild_is_exact_for_any_text(text):
    assert parse_document(text, "x.txt", SPLIT).text() == text


def test_split_lines_keeps_terminators():
    assert split_lines("a\r\nb\rc\nd") == ["a\r\n", "b\r", "c\n", "d"]
    assert split_lines("") == []


def ids_by_text(doc):
    return {s.text: s.id for _, s in doc.segments() if s.text}


def test_ids_survive_inserting_and_deleting_paragraphs():
    before = parse_document(INTERVIEW, "i.txt", SPLIT)
    inserted = INTERVIEW.replace(
        "その通りだ。", "新しい段落を挿入した。もう一文ある。\n\nその通りだ。"
    )
    deleted = INTERVIEW.replace("QSTは研究所である。私はバトンを受け継いでいる。\n\n", "")
    for changed in (inserted, deleted):
        after = ids_by_text(parse_document(changed, "i.txt", SPLIT))
        for text, seg_id in ids_by_text(before).items():
            if text in after:
                assert after[text] == seg_id, text


def test_repeated_text_gets_distinct_ids():
    doc = parse_document("同じ文。同じ文。\n", "d.txt", SPLIT)
    a, b = (s.id for _, s in doc.segments())
    assert a != b and b == a + "-2"
