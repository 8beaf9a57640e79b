"""The review counts the catalog's source characters as `tmkit check` does (one
source per unit), while counting a plain entry's source once for both its segment
and the catalog: plural and inline-markup entries go through the unit view."""

from __future__ import annotations

from tmkit.formats.convert import INLINE_COMMENT, INLINE_FLAG
from tmkit.formats.unitview import catalog_units
from tmkit.model import Catalog, Message
from tmkit.ops.review import review
from tmkit.scoring.qa import source_characters


def _catalog() -> Catalog:
    header = Message(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")
    messages = [
        Message(msgid="量子 の 研究", msgstr="quantum research", msgctxt="a"),
        Message(
            msgid="一つの装置",
            msgid_plural="複数の装置です",
            msgstr_plural={0: "one device", 1: "devices"},
            msgctxt="b",
        ),
        Message(msgid="<b>太字</b>の文", msgstr="<b>bold</b> text", flags=[INLINE_FLAG]),
        Message(
            msgid="<i>斜体</i>です",
            msgstr="<i>italic</i>",
            extracted_comments=[INLINE_COMMENT],
        ),
        Message(msgid="古い", msgstr="old", obsolete=True),
        Message(msgid="未訳の文", msgstr=""),
    ]
    return Catalog(messages, header, path="x.po")


def test_source_characters_as_check_counts_them() -> None:
    catalog = _catalog()
    want = source_characters(u.source for u in catalog_units(catalog, catalog.path))
    got = review(catalog, "x.po", findings=[]).qa.source_chars
    assert got == want
    # the plural's second form and the markup's plain text count as check counts them
    assert want != source_characters(m.msgid for m in catalog.active() if not m.is_header)
