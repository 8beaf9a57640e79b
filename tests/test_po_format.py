"""Reading PO into the catalog model, round trips, bad input, and registration."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tmkit.formats import io
from tmkit.formats.po import dump_po, format_po, load_po, parse_po, read_po, write_po
from tmkit.model.catalog import Catalog, Message
from tmkit.model.errors import InputError, ParseError

sys.path.insert(0, str(Path(__file__).parent))
from test_po_wrap import catalogs  # the catalog strategy lives with the msgcat tests

DATA = Path(__file__).parent / "data" / "po"
BAD = Path(__file__).parent / "bad" / "po"


@pytest.fixture(scope="module")
def fields() -> Catalog:
    return read_po(DATA / "fields.po")


def test_header_entry_is_kept_apart_with_opening_comments_and_flags(fields: Catalog) -> None:
    header = fields.header
    assert header is not None
    assert header.translator_comments == ["Opening comment block.", "", " indented two spaces"]
    assert header.flags == ["fuzzy"]
    assert header.lineno == 5
    assert fields.metadata["Language"] == "en"
    assert header.msgstr.startswith("Project-Id-Version: fields\nLanguage: en\n")
    assert all(not m.is_header for m in fields.messages)


def test_every_entry_field_is_mapped(fields: Catalog) -> None:
    m = fields.messages[0]
    assert m.msgctxt == "ctx"
    assert (m.msgid, m.msgstr) == ("原文 %d 件", "%d items")
    assert m.translator_comments == ["", "translator note  "]
    assert m.extracted_comments == ["extracted one", "extracted two"]
    assert m.references == ["source/ja/interview.txt:12", "./src/a.c:3", "notes.txt"]
    assert m.flags == ["fuzzy", "c-format", "tmkit-ignore:number-mismatch"]
    assert (m.previous_msgctxt, m.previous_msgid) == ("old ctx", "古い原文")
    assert m.lineno == 22
    assert not m.obsolete


def test_plural_escapes_and_obsolete_entries(fields: Catalog) -> None:
    plural, escaped, obsolete = fields.messages[1:]
    assert plural.msgid_plural == "%d files"
    assert plural.msgstr_plural == {0: "1 ファイル", 1: "%d ファイル"}
    assert escaped.msgid == 'tab\there "quoted" back\\slash\nnext'
    assert escaped.msgstr == "line one\nline two"
    assert obsolete.obsolete
    assert obsolete.msgstr == "消えた"
    assert obsolete.previous_msgid == "older"
    assert obsolete.translator_comments == ["obsolete note"]
    assert obsolete.flags == ["fuzzy"]


def test_unknown_flags_survive_writing(fields: Catalog) -> None:
    """msgcat drops flags it does not know; tmkit keeps them (checks store their ignores there)."""
    text = format_po(fields)
    assert "#, fuzzy, c-format, tmkit-ignore:number-mismatch\n" in text


def test_flags_are_written_in_msgcat_order() -> None:
    message = Message(
        msgid="a",
        msgstr="b",
        flags=["python-format", "no-wrap", "fuzzy", "range: 1..3", "possible-c-format", "wrap"],
    )
    text = format_po(Catalog(messages=[message]))
    assert text.splitlines()[0] == "#, fuzzy, c-format, python-format, range: 1..3"


def test_fuzzy_is_dropped_when_untranslated_like_msgcat() -> None:
    text = format_po(Catalog(messages=[Message(msgid="a", flags=["fuzzy", "c-format"])]))
    assert text.splitlines()[0] == "#, c-format"


def test_obsolete_entries_go_last_and_empty_ones_are_dropped() -> None:
    catalog = Catalog(
        messages=[
            Message(msgid="old", msgstr="古い", obsolete=True),
            Message(msgid="gone", obsolete=True),
            Message(msgid="new", msgstr="新しい"),
        ]
    )
    text = format_po(catalog)
    assert text == 'msgid "new"\nmsgstr "新しい"\n\n#~ msgid "old"\n#~ msgstr "古い"\n'


def test_references_are_packed_to_the_width_and_normalised() -> None:
    refs = [f"./src/{'x' * 20}_{i}.c:0{i}" for i in range(4)]
    text = format_po(Catalog(messages=[Message(msgid="a", msgstr="b", references=refs)]))
    ref_lines = [ln for ln in text.splitlines() if ln.startswith("#:")]
    assert ref_lines == [
        f"#: src/{'x' * 20}_0.c:0 src/{'x' * 20}_1.c:1",
        f"#: src/{'x' * 20}_2.c:2 src/{'x' * 20}_3.c:3",
    ]


def test_comments_are_never_wrapped() -> None:
    long = "長い" * 60
    text = format_po(Catalog(messages=[Message(msgid="a", msgstr="b", translator_comments=[long])]))
    assert text.splitlines()[0] == "# " + long


# ----------------------------------------------------------------- round trips


def test_read_write_read_gives_equal_catalogs(tmp_path: Path, fields: Catalog) -> None:
    out = tmp_path / "again.po"
    write_po(fields, out)
    again = read_po(out)
    assert again.header == fields.header
    assert len(again.messages) == len(fields.messages)
    for before, after in zip(fields.messages, again.messages, strict=True):
        assert _fields(after) | {"lineno": 0, "references": []} == _fields(before) | {
            "lineno": 0,
            "references": [],
        }
        assert after.references == [r.removeprefix("./") for r in before.references]


def test_msgcat_output_reads_back_to_the_same_bytes(tmp_path: Path) -> None:
    golden = DATA / "wrap" / "msgcat.po"
    catalog = read_po(golden)
    write_po(catalog, tmp_path / "same.po")
    assert (tmp_path / "same.po").read_bytes() == golden.read_bytes()
    assert read_po(tmp_path / "same.po").messages == [
        Message(**{**_fields(m), "lineno": m.lineno}) for m in catalog.messages
    ]


def _fields(m: Message) -> dict:
    return {name: getattr(m, name) for name in Message.__slots__}


def _expected_after_write(catalog: Catalog) -> list[tuple]:
    """What survives a write: msgcat's normalisations (obsolete last, empty obsolete dropped;
    unlike msgcat, an obsolete plural with any translated form is kept)."""
    active = [m for m in catalog.messages if not m.obsolete]
    obsolete = [
        m
        for m in catalog.messages
        if m.obsolete
        and (any(m.msgstr_plural.values()) if m.msgid_plural is not None else m.msgstr)
    ]
    return [_texts(m) for m in active + obsolete]


def _texts(m: Message) -> tuple:
    return (
        m.msgctxt, m.msgid, m.msgid_plural, m.msgstr if m.msgid_plural is None else None,
        m.msgstr_plural or None, m.obsolete, m.translator_comments, m.extracted_comments,
        m.previous_msgctxt, m.previous_msgid, m.previous_msgid_plural,
    )  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_round_trip_keeps_every_text(catalog: Catalog) -> None:
    text = format_po(catalog)
    again = parse_po(text, "mem.po")
    assert again.header == catalog.header.__class__(**{**_fields(catalog.header), "lineno": 1})
    assert [_texts(m) for m in again.messages] == _expected_after_write(catalog)
    assert format_po(again) == text  # writing is idempotent


# ----------------------------------------------------------------- bad input

BAD_CASES = {
    "unterminated-string.po": (1, "unterminated string"),
    "stray-text.po": (3, "unknown keyword"),
    "bad-utf8.po": (4, "cannot decode as UTF-8"),
    "duplicate.po": (4, "duplicate message definition"),
    "msgstr-first.po": (1, "syntax error"),
    "bad-previous.po": (1, "unknown keyword"),
    "unescaped-quote.po": (2, "unescaped double quote"),
    "bad-plural-index.po": (4, "unexpected text"),
    "unknown-charset.po": (2, "unknown charset"),
}


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in BAD.glob("*.po")) == sorted(BAD_CASES)


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_input_gives_one_line_path_line_message(name: str) -> None:
    line, words = BAD_CASES[name]
    path = BAD / name
    with pytest.raises(InputError) as caught:
        read_po(path)
    rendered = str(caught.value)
    assert "\n" not in rendered
    assert re.match(rf"{re.escape(str(path))}:{line}:(\d+:)? ", rendered)
    assert words in rendered
    assert caught.value.exit_code == 2


def test_missing_file_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_po(tmp_path / "absent.po")
    with pytest.raises(InputError, match="directory"):
        read_po(tmp_path)


def test_syntax_errors_are_parse_errors() -> None:
    with pytest.raises(ParseError):
        read_po(BAD / "unterminated-string.po")


# ----------------------------------------------------------------- registry


def test_po_adapter_is_registered_for_po_and_pot() -> None:
    for name in ("x.po", "x.pot", "X.PO"):
        fmt = io.detect(name)
        assert fmt.name == "po"
        assert fmt.kind == "catalog"
        assert fmt.read is load_po
        assert fmt.write is dump_po


def test_po_is_in_the_gateway_and_recognised_by_content(tmp_path: Path, fields: Catalog) -> None:
    from tmkit.formats import io

    path = tmp_path / "template.in2"  # gettext's tests name their templates so
    write_po(fields, path)
    assert io.detect(path).name == "po"
    assert [m.msgid for m in io.read(path).messages] == [m.msgid for m in fields.messages]


def test_dump_po_returns_the_line_of_each_msgid(fields: Catalog) -> None:
    import io as stdio

    from tmkit.formats.po import dump_po, load_po

    buffer = stdio.BytesIO()
    lines = dump_po(fields, buffer)
    again = load_po(stdio.BytesIO(buffer.getvalue()), "x.po")
    written = sorted(line for line in lines if line)  # the file puts obsolete entries last
    assert written == [m.lineno for m in again.messages]
    assert len(lines) == len(fields.messages)
