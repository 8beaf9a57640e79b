"""`written_catalog` gives the bytes of `format_po` and the catalog `parse_po` reads back."""

from __future__ import annotations

from dataclasses import fields

from tmkit.formats.po import format_po, parse_po
from tmkit.model.catalog import Catalog, Message
from tmkit.ops.build_po import covered_digest, pieces, written_catalog


def _catalog() -> Catalog:
    header = Message(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\nLanguage: en\n")
    messages = [
        Message("一。", "One.", msgctxt="s1", references=["a.txt:1"], extracted_comments=["x"]),
        Message("二。", "", msgctxt="s2", flags=["fuzzy"]),  # fuzzy dropped when empty
        Message("三。", "Three.", flags=["possible-c-format", "fuzzy", "wrap"]),
        Message("四。", "Four.", flags=["fuzzy"], previous_msgid="四つ。"),
        Message("五。", "Five.", references=["./b.txt:007", "c d.txt:2"]),
        Message("六。", "Six.", translator_comments=["cr\r", "", "~ x"]),
        Message("%d 個", msgid_plural="%d 個", msgstr_plural={0: "%d item", 1: "%d items"}),
        Message("古い。", "Old.", obsolete=True),
        Message("空。", "", obsolete=True),  # not written at all
        Message("七。" * 40, "Seven. " * 30, msgctxt="s7", extracted_comments=["", "role: body"]),
    ]
    return Catalog(messages=messages, header=header)


def _as_tuple(m: Message) -> tuple:
    return tuple(getattr(m, f.name) for f in fields(m))


def test_same_bytes_and_same_catalog_as_reading_back() -> None:
    catalog = _catalog()
    text = format_po(catalog)
    expected = parse_po(text, "t.po")
    written = written_catalog(_catalog(), "t.po")
    assert "".join(pieces(written.chunks)) == text
    assert written.catalog.path == "t.po"
    assert _as_tuple(written.catalog.header) == _as_tuple(expected.header)
    assert [_as_tuple(m) for m in written.catalog.messages] == [
        _as_tuple(m) for m in expected.messages
    ]


def test_export_digest_ignores_untranslated_entries() -> None:
    base = written_catalog(_catalog(), "t.po")
    more = _catalog()
    more.messages.insert(0, Message("新しい。", "", msgctxt="s0", references=["a.txt:9"]))
    grown = written_catalog(more, "t.po")
    assert grown.export_digest == base.export_digest
    assert grown.chunks != base.chunks
    edited = _catalog()
    edited.messages[0].msgstr = "One!"
    assert written_catalog(edited, "t.po").export_digest != base.export_digest


def test_covered_digest_follows_translated_template_entries() -> None:
    template = Catalog(messages=[Message("一。", msgctxt="s1"), Message("二。", msgctxt="s2")])
    one = Catalog(messages=[Message("一。", "One.", msgctxt="s1"), Message("二。", msgctxt="s2")])
    both = Catalog(
        messages=[Message("一。", "One.", msgctxt="s1"), Message("二。", "Two.", msgctxt="s2")]
    )
    added = Catalog(messages=[*template.messages, Message("三。", msgctxt="s3")])
    assert covered_digest(template, one) == covered_digest(added, one)
    assert covered_digest(template, one) != covered_digest(template, both)
