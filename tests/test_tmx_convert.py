"""PO ⇄ TMX: catalog → memory → TMX file → memory → catalog gives back the messages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tmkit.formats.convert import (
    INLINE_COMMENT,
    INLINE_FLAG,
    catalog_to_memory,
    memory_to_catalog,
    po_date,
)
from tmkit.formats.tmx import read_tmx, write_tmx
from tmkit.model.catalog import Catalog, Message
from tmkit.model.memory import Inline, content_to_markup, markup_to_content

TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("&<>\"' 日本語。English"),
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co")),
    ),
    min_size=1,
    max_size=10,
).filter(lambda t: "\ufffe" not in t and "\uffff" not in t)
LINES = st.lists(TEXT, max_size=2)


@st.composite
def messages(draw):
    plural = draw(st.booleans())
    msg = Message(
        msgid=draw(TEXT),
        msgctxt=draw(st.one_of(st.none(), TEXT)),
        translator_comments=draw(LINES),
        extracted_comments=draw(LINES),
        references=draw(LINES),
        flags=draw(st.lists(st.sampled_from(["c-format", "tmkit-ignore:x"]), unique=True)),
        previous_msgid=draw(st.one_of(st.none(), TEXT)),
    )
    if plural:
        msg.msgid_plural = draw(TEXT)
        msg.msgstr_plural = {0: draw(TEXT), 1: draw(TEXT)}
    else:
        msg.msgstr = draw(TEXT)
    return msg


def _unique(msgs):
    seen, out = set(), []
    for m in msgs:
        if m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out


@settings(max_examples=50, deadline=None)
@given(msgs=st.lists(messages(), max_size=5).map(_unique))
def test_po_tmx_po_property(msgs, tmp_path_factory):
    catalog = Catalog(
        messages=msgs, header=Message("", "Language: en\n", translator_comments=["h"])
    )
    path = tmp_path_factory.mktemp("po") / "c.tmx"
    write_tmx(catalog_to_memory(catalog, "ja", "en"), path)
    back = memory_to_catalog(read_tmx(path), "ja", "en")
    for m in back.messages:
        m.lineno = None
    assert back.messages == msgs
    assert back.header.msgstr == "Language: en\n"
    assert back.header.translator_comments == ["h"]


def test_inline_markup_round_trip():
    content = (
        "a < b & ",
        Inline("bpt", {"i": "1", "type": 'x"y'}, ("<b>",)),
        "太字",
        Inline("ept", {"i": "1"}, ("</b>",)),
    )
    markup = content_to_markup(content)
    assert (
        markup == 'a &lt; b &amp; <bpt i="1" type="x&quot;y">&lt;b&gt;</bpt>'
        '太字<ept i="1">&lt;/b&gt;</ept>'
    )
    assert markup_to_content(markup) == content


SAMPLES = Path(__file__).parent / "data" / "tmx" / "samples"


def test_tmx_with_inlines_becomes_marked_po_and_back(tmp_path):
    memory = read_tmx(SAMPLES / "okapi-trados-tw4win8-utf16le-bom.tmx")
    catalog = memory_to_catalog(memory, "en", "fr")
    flagged = [m for m in catalog.messages if INLINE_COMMENT in m.extracted_comments]
    assert not any(INLINE_FLAG in m.flags for m in catalog.messages)  # msgcat would drop it
    assert len(flagged) == 1
    assert (
        flagged[0].msgid == 'A simple <bpt i="1" type="bold">&lt;b&gt;</bpt>sentence'
        '<ept i="1">&lt;/b&gt;</ept> with nothing special.'
    )
    # duplicate source "Another sentence.": the first unit wins
    assert [m.msgstr for m in catalog.messages if m.msgid == "Another sentence."] == [
        "Une autre phrase."
    ]
    again = catalog_to_memory(catalog, "en", "fr")
    assert again.units[1].variants[0].content == memory.units[1].variants[0].content


def test_old_inline_flag_still_read_and_becomes_the_comment():
    markup = 'a <ph x="1">&lt;br/&gt;</ph> &amp; b'
    old = Message(markup, markup.replace("a ", "A "), flags=["c-format", INLINE_FLAG])
    memory = catalog_to_memory(Catalog(messages=[old]), "ja", "en")
    source = memory.units[0].variants[0].content
    assert source == ("a ", Inline("ph", {"x": "1"}, ("<br/>",)), " & b")
    (back,) = memory_to_catalog(memory, "ja", "en").messages
    assert back.msgid == markup
    assert back.flags == ["c-format"]
    assert back.extracted_comments == [INLINE_COMMENT]


def test_unmarked_po_text_stays_text():
    literal = Message('a <ph x="1"/> b', "x")
    memory = catalog_to_memory(Catalog(messages=[literal]), "ja", "en")
    assert memory.units[0].variants[0].content == ('a <ph x="1"/> b',)


def _c14n_segs(path: Path) -> list[bytes]:
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, load_dtd=False))
    return [etree.tostring(seg, method="c14n") for seg in tree.iter("seg")]


@pytest.mark.parametrize(
    "name", ["okapi-inline-it-bpt-ept-ph-sub-hi.tmx", "okapi-trados-tw4win8-utf16le-bom.tmx"]
)
def test_inline_codes_survive_msgcat(name, tmp_path):
    """TMX with inline codes → PO → GNU msgcat → TMX keeps every inline element."""
    po = pytest.importorskip("tmkit.formats.po", reason="the PO writer has not landed yet")
    msgcat = shutil.which("msgcat")
    if msgcat is None:
        pytest.skip("GNU gettext's msgcat is not installed")
    memory = read_tmx(SAMPLES / name)
    lang = memory.header.srclang
    target = next(v.lang for v in memory.units[0].variants if v.lang != lang)
    # one unit per msgid (the first wins going to PO), so that the round trip loses none
    seen: set[str] = set()
    kept = []
    for unit in memory.units:
        msgid = content_to_markup(unit.variant(lang).content)
        if msgid not in seen:
            seen.add(msgid)
            kept.append(unit)
    memory.units = kept
    written = tmp_path / "in.tmx"
    write_tmx(memory, written)
    catalog = memory_to_catalog(read_tmx(written), lang, target)
    assert any(INLINE_COMMENT in m.extracted_comments for m in catalog.messages)
    before = tmp_path / "in.po"
    po.write_po(catalog, before)
    after = tmp_path / "msgcat.po"
    subprocess.run([msgcat, "-o", str(after), str(before)], check=True, capture_output=True)
    assert f"#. {INLINE_COMMENT}" in after.read_text(encoding="utf-8")
    again = tmp_path / "out.tmx"
    write_tmx(catalog_to_memory(po.read_po(after), lang, target), again)
    assert _c14n_segs(again) == _c14n_segs(written)
    assert b"<bpt" in b"".join(_c14n_segs(again))


def test_fuzzy_and_untranslated_and_dates(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    header = Message("", "PO-Revision-Date: 2026-11-29 13:35+0900\n")
    catalog = Catalog(
        messages=[Message("a", "A"), Message("b", "B", flags=["fuzzy"]), Message("c", "")],
        header=header,
    )
    memory = catalog_to_memory(catalog, "ja", "en")
    assert [u.variants[0].text for u in memory.units] == ["a"]
    assert memory.header.attrs["creationdate"] == "20261129T043500Z"
    assert memory.units[0].variants[1].attrs["changedate"] == "20261129T043500Z"
    assert len(catalog_to_memory(catalog, "ja", "en", include_fuzzy=True)) == 2
    assert po_date("YEAR-MO-DA HO:MI+ZONE") is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    catalog.header = None
    assert catalog_to_memory(catalog, "ja", "en").header.attrs["creationdate"] == "19700101T000000Z"


PO_TEXT = """\
# Translator notes for the file.
msgid ""
msgstr ""
"Project-Id-Version: interview\\n"
"PO-Revision-Date: 2026-11-29 13:35+0900\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

# checked by the editor
#. answer
#: source/ja/interview.txt:3
#, c-format
msgctxt "s3"
msgid "量子科学技術研究開発機構の理事長に聞いた。"
msgstr "We asked the president of QST."

#: source/ja/interview.txt:4
#, fuzzy
#| msgid "古い文。"
msgctxt "s4"
msgid "新しい文 & <記号>。"
msgstr "A new sentence & <signs>."

msgid "one file"
msgid_plural "%d files"
msgstr[0] "one file"
msgstr[1] "%d files"
"""


def test_po_file_tmx_po_file_identical(tmp_path):
    po = pytest.importorskip("tmkit.formats.po", reason="the PO reader has not landed yet")
    src = tmp_path / "in.po"
    src.write_text(PO_TEXT, encoding="utf-8")
    catalog = po.read_po(src)
    tmx_path = tmp_path / "mid.tmx"
    write_tmx(catalog_to_memory(catalog, "ja", "en", include_fuzzy=True), tmx_path)
    back = memory_to_catalog(read_tmx(tmx_path), "ja", "en")
    out = tmp_path / "out.po"
    po.write_po(back, out)
    assert out.read_text(encoding="utf-8") == po.format_po(catalog)
