"""The streaming PO reader used by `tmkit merge` must read what `read_po` reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.formats.po import format_po, read_po
from tmkit.formats.po_stream import iter_po
from tmkit.model import Catalog, Message
from tmkit.model.errors import InputError, ParseError

TESTS = Path(__file__).parent
SHARED = Path("/work/shared/standards/po-wrap-test")
FILES = sorted(
    p for p in TESTS.rglob("*.po*") if p.suffix in (".po", ".pot") and "bad" not in p.parts
)
FILES += sorted(SHARED.glob("*.po")) if SHARED.is_dir() else []


def fields(m: Message | None) -> tuple | None:
    if m is None:
        return None
    return (
        m.msgctxt, m.msgid, m.msgid_plural, m.msgstr, m.msgstr_plural, m.translator_comments,
        m.extracted_comments, m.references, m.flags, m.previous_msgctxt, m.previous_msgid,
        m.previous_msgid_plural, m.obsolete, m.lineno,
    )  # fmt: skip


def streamed(path: Path) -> tuple[tuple | None, list[tuple]]:
    header, messages = iter_po(path)
    return fields(header), [fields(m) for m in messages]


def read(path: Path) -> tuple[tuple | None, list[tuple]]:
    catalog = read_po(path)
    return fields(catalog.header), [fields(m) for m in catalog.messages]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_messages_as_read_po(path: Path) -> None:
    try:
        expected = read(path)
    except (InputError, ParseError):
        with pytest.raises((InputError, ParseError)):
            streamed(path)
        return
    assert streamed(path) == expected


def test_there_are_files_to_compare() -> None:
    assert len(FILES) >= 10


text = st.text(alphabet=st.sampled_from([*'ab 漢字。"\\\n\t\r#:,\\']), min_size=0, max_size=30)
line = st.text(alphabet=st.sampled_from(list('ab 漢字。#:,.|~\\"')), max_size=20)
ref = st.from_regex(r"[a-z/]{1,8}(:[0-9]{1,3})?", fullmatch=True)


@st.composite
def messages(draw: st.DrawFn) -> Message:
    plural = draw(st.booleans()) and draw(st.booleans())
    m = Message(
        msgid=draw(text.filter(bool)),
        msgctxt=draw(st.none() | text),
        translator_comments=draw(st.lists(line, max_size=2)),
        extracted_comments=draw(st.lists(line.map(str.strip).filter(bool), max_size=2)),
        references=draw(st.lists(ref, max_size=3)),
        flags=draw(
            st.lists(
                st.sampled_from(["c-format", "no-wrap", "tmkit-ignore:x"]), max_size=2, unique=True
            )
        ),
        obsolete=draw(st.integers(0, 4)) == 0,
    )
    if plural:
        m.msgid_plural = draw(text)
        m.msgstr_plural = {0: draw(text.filter(bool)), 1: draw(text.filter(bool))}
    else:
        m.msgstr = draw(text)
    if draw(st.booleans()) and (m.msgstr or plural):
        m.fuzzy = True
        m.previous_msgid = draw(st.none() | text.filter(bool))
        if m.previous_msgid is not None:
            m.previous_msgctxt = draw(st.none() | text)
    return m


@settings(max_examples=300, deadline=None)
@given(st.lists(messages(), max_size=6), st.booleans())
def test_random_catalogs_read_alike(
    tmp_path_factory, items: list[Message], with_header: bool
) -> None:
    header = Message(msgid="", msgstr="Language: en\nContent-Type: text/plain; charset=UTF-8\n")
    catalog = Catalog(header=header if with_header else None)
    keys = set()
    for m in items:
        if m.key not in keys:  # gettext refuses a key twice, obsolete or not
            keys.add(m.key)
            catalog.messages.append(m)
    path = tmp_path_factory.mktemp("po") / "x.po"
    path.write_text(format_po(catalog), encoding="utf-8")
    assert streamed(path) == read(path)


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('msgid "a\nmsgstr ""\n', 1),
        ('msgid "a"\nmsgstr "b"\nfoo\n', 3),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4),
        ('msgid "a"b"\nmsgstr ""\n', 1),
    ],
)
def test_errors_carry_the_line(tmp_path: Path, content: str, line: int) -> None:
    path = tmp_path / "bad.po"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ParseError) as err:
        streamed(path)
    assert err.value.line == line
    with pytest.raises(ParseError):
        read_po(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        iter_po(tmp_path / "nope.po")


HEAD = 'msgid ""\nmsgstr ""\n\n'


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('msgctxt "a"\nmsgid "x"\nmsgstr ""\n\nmsgctxt "b"\nmsgid "x"\nmsgstr ""\n', False),
        ('msgctxt "a"\nmsgid "x"\nmsgstr ""\n\nmsgctxt "a"\nmsgid "y"\nmsgstr ""\n', True),
        ('msgctxt "\\t"\nmsgid "x"\nmsgstr ""\n\nmsgctxt "\t"\nmsgid "y"\nmsgstr ""\n', True),
        (
            'msgctxt "a"\nmsgid "x"\nmsgstr ""\n\n#~ msgctxt "a"\n#~ msgid "y"\n#~ msgstr "z"\n',
            False,
        ),
        ('msgctxt ""\n"a"\nmsgid "x"\nmsgstr ""\n\nmsgctxt "a"\nmsgid "y"\nmsgstr ""\n', None),
        ('msgctxt "a"\r\nmsgid "x"\r\nmsgstr ""\r\n', False),
        # after a header every msgctxt line is preceded by a newline: the fast path
        (
            HEAD + 'msgctxt "a"\nmsgid "x"\nmsgstr ""\n\nmsgctxt "a"\nmsgid "y"\nmsgstr ""\n',
            True,
        ),
        (
            HEAD + 'msgctxt "a"\nmsgid "x"\nmsgstr ""\n\nmsgctxt "b"\nmsgid "x"\nmsgstr ""\n',
            False,
        ),
        (
            HEAD + 'msgctxt "a"\n"b"\nmsgid "x"\nmsgstr ""\n\nmsgctxt "ab"\nmsgid "y"\nmsgstr ""\n',
            None,
        ),
        (HEAD + 'msgctxt "a"\nmsgid "msgctxt"\nmsgstr ""\n', False),
    ],
)
def test_contexts_repeat(tmp_path: Path, content: str, expected: bool | None) -> None:
    from tmkit.formats.po_stream import contexts_repeat

    path = tmp_path / "x.po"
    path.write_bytes(content.encode("utf-8"))
    assert contexts_repeat(path) is expected
