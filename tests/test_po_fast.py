"""The PO reader's short way (`tmkit.formats.po_fast`) reads what the line reader reads:
the same messages, in the same order, and the same errors, however the text is cut
into blocks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.formats import po_stream
from tmkit.formats.po_fast import read_blocks

#: lines of plain entries and of everything the short way leaves to the line reader
LINES = [
    'msgid "a"', 'msgid "b"', 'msgstr "x"', 'msgstr ""', '"cont"', '"c\\"q"', '"x\\ny"',
    '"bad\\z"', '"oct\\101"', 'msgctxt "k"', 'msgctxt ""', "#. note", "#: f.c:1 g.c:2",
    "#, fuzzy, c-format", "# tr", "#", '#~ msgid "o"', '#~ msgstr "p"', '#| msgid "prev"',
    '#~| msgid "pp"', "", "", 'msgid_plural "ps"', 'msgstr[0] "s0"', 'msgstr[1] "s1"',
    '  msgid "sp"', 'msgid "a" msgstr "b"', 'domain "d"', 'msgstr "r"\r', '"x"\r', "#.\r",
    "junk", '"unterminated', 'msgstr [0] "z"', '#~ "c"', '#~ msgctxt "oc"', "#: f.c:1\r",
    "#. a\rb", "#.x", "#.  y", "#:", "#: a.c:1\tb.c:2 ",
]  # fmt: skip


@st.composite
def entries(draw: st.DrawFn) -> list[str]:
    """A plain entry (what the short way takes whole), or a stray line."""
    if draw(st.booleans()):
        return [draw(st.sampled_from(LINES))]
    lines = draw(
        st.lists(
            st.sampled_from(
                ["#. note", "#: f.c:1", "#, fuzzy", "# tr", "#", "#.x", "#: g.c:2 h.c:3", "#.\r"]
            ),
            max_size=3,
        )
    )
    if draw(st.booleans()):
        lines.append(f'msgctxt "{draw(st.sampled_from("kl"))}"')
    lines.append(f'msgid "{draw(st.sampled_from("abcd"))}"')
    lines += draw(st.lists(st.sampled_from(['"cont"', '"x\\ny"']), max_size=2))
    lines.append('msgstr "' + draw(st.sampled_from(["", "t", "u\\\\n"])) + '"')
    lines += draw(st.lists(st.sampled_from(['"cont"', '"z"']), max_size=2))
    return [*lines, ""]


def _read(messages):  # type: ignore[no-untyped-def]
    try:
        return [repr(m) for m in messages()]
    except Exception as err:  # the error itself is what must agree
        return (type(err).__name__, str(err))


@settings(max_examples=400, deadline=None)
@given(st.lists(entries(), min_size=1, max_size=8), st.booleans(), st.data())
def test_short_way_reads_what_the_line_reader_reads(parts, final_newline, data) -> None:
    lines = [line for part in parts for line in part]
    text = "\n".join(lines) + ("\n" if final_newline else "")
    expected = _read(lambda: po_stream.read_messages(text.split("\n")[: len(lines)], "f.po"))
    # blocks end at line ends (but the last), as `po_charset.text_blocks` cuts them
    ends = [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    cuts = sorted(data.draw(st.sets(st.sampled_from(ends))) if ends else [])
    blocks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if b > a]
    assert _read(lambda: read_blocks(blocks, "f.po")) == expected


def test_an_entry_too_long_to_carry_goes_to_the_line_reader(monkeypatch) -> None:
    from tmkit.formats import po_fast

    text = 'msgid "a"\nmsgstr "b"\n"c"\n\nmsgid "d"\nmsgstr "e"\n"f"\n'
    blocks = ['msgid "a"\nmsgstr "b"\n', '"c"\n\nmsgid "d"\nmsgstr "e"\n', '"f"\n']
    expected = [repr(m) for m in po_stream.read_messages(text.split("\n")[:-1], "f.po")]
    monkeypatch.setattr(po_fast, "CARRY_LIMIT", 0)
    assert [repr(m) for m in read_blocks(blocks, "f.po")] == expected


def test_plain_entries_keep_their_fields_and_lines() -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '# who\n#. note\n#: a.txt:1 b.txt:2\n#, fuzzy, c-format\nmsgctxt "c"\n'
        'msgid "one "\n"two"\nmsgstr "eins"\n\n'
    )
    header, message = read_blocks([text], "f.po")
    assert header.msgstr == "Content-Type: text/plain; charset=UTF-8\n"
    assert (message.msgctxt, message.msgid, message.msgstr) == ("c", "one two", "eins")
    assert message.translator_comments == ["who"]
    assert message.extracted_comments == ["note"]
    assert message.references == ["a.txt:1", "b.txt:2"]
    assert message.flags == ["fuzzy", "c-format"]
    assert message.lineno == 10
