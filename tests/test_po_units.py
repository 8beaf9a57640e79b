"""PO entries as units: the short ways (`plain_unit`, the common entry of `messages_units`)
make the units the dataclass would make, field for field."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.formats.po import parse_po
from tmkit.formats.unitview import catalog_units, message_state, message_suppress, messages_units
from tmkit.model.catalog import Message
from tmkit.model.units import State, Unit, plain_unit


def test_plain_unit_is_the_unit_the_dataclass_makes() -> None:
    args = ("源", "target", "c1", "f.po", 7, State.FUZZY, frozenset({"number"}), ("fuzzy",))
    fast = plain_unit(*args, "c1", ("note",))
    slow = Unit(*args[:6], suppress=args[6], flags=args[7], context="c1", notes=("note",))
    assert type(fast) is Unit
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    # every field is set (a field added to Unit must be added to plain_unit too)
    for f in dataclasses.fields(Unit):
        assert getattr(fast, f.name) == getattr(slow, f.name), f.name
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.target = "x"  # type: ignore[misc]
    assert dataclasses.replace(fast, target="x") == dataclasses.replace(slow, target="x")
    assert pickle.loads(pickle.dumps(fast)) == slow


PO = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#. role: body
#: a.txt:1
msgctxt "plain"
msgid "一"
msgstr "one"

#. role: body
msgctxt "new"
msgid "二"
msgstr ""

#. tmkit-state: reviewed
msgid "三"
msgstr "three"

# tmkit-ignore: number.mismatch reason
#. role: body
msgid "四"
msgstr "four"

#, fuzzy, tmkit-ignore:length
msgid "五"
msgstr "five"

#. tmkit: inline-markup
msgid "<ph x=\"1\">&lt;br/&gt;</ph>六"
msgstr "<ph x=\"1\">&lt;br/&gt;</ph>six"

msgid "七"
msgid_plural "七s"
msgstr[0] "seven"
msgstr[1] "sevens"

#~ msgid "八"
#~ msgstr "eight"
"""


def test_catalog_units_field_for_field() -> None:
    units = list(catalog_units(parse_po(PO, "f.po")))
    expected = [
        Unit("一", "one", "plain", "f.po", 8, context="plain", notes=("role: body",)),
        Unit("二", "", "new", "f.po", 13, State.NEW, context="new", notes=("role: body",)),
        Unit("三", "three", "三", "f.po", 17, State.REVIEWED, notes=("tmkit-state: reviewed",)),
        Unit(
            "四",
            "four",
            "四",
            "f.po",
            22,
            suppress=frozenset({" number.mismatch reason"}),  # as written, after the mark
            notes=("role: body", "tmkit-ignore: number.mismatch reason"),
        ),
        Unit(
            "五",
            "five",
            "五",
            "f.po",
            26,
            State.FUZZY,
            suppress=frozenset({"length"}),
            flags=("fuzzy", "tmkit-ignore:length"),
        ),
    ]
    assert units[: len(expected)] == expected
    markup, *plural = units[len(expected) :]
    assert (markup.source, markup.target, markup.source_content is not None) == ("六", "six", True)
    assert [(u.source, u.target, u.form) for u in plural] == [
        ("七", "seven", 0),
        ("七s", "sevens", 1),
    ]


def test_iter_units_reads_what_open_units_reads(tmp_path) -> None:
    from tmkit.formats import io

    po = tmp_path / "f.po"
    po.write_text(PO, encoding="utf-8")
    tmx = tmp_path / "m.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ja" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" '
        'creationtoolversion="1"/><body><tu tuid="a"><tuv xml:lang="ja"><seg>一</seg></tuv>'
        '<tuv xml:lang="en"><seg>one</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    for path in (po, tmx):
        assert list(io.iter_units(path)) == list(io.open_units(path)[2])
    assert len(list(io.iter_units(po))) == 8


def test_iter_units_fails_as_open_units_fails(tmp_path) -> None:
    from tmkit.formats import io
    from tmkit.model.errors import InputError

    bad = tmp_path / "bad.po"
    bad.write_text(PO.replace('msgid "三"', 'msgid "三\\z"'), encoding="utf-8")
    with pytest.raises(InputError) as streamed:
        list(io.iter_units(bad))
    with pytest.raises(InputError) as read:
        list(io.open_units(bad)[2])
    assert str(streamed.value) == str(read.value) and "invalid control sequence" in str(read.value)


_EXTRACTED = ["role: body", "tmkit-state: final", "tmkit-state: bogus", "tmkit-state: new"]
_TRANSLATOR = ["a reviewer's note", "tmkit-ignore: number a reason", "tmkit-state: final"]
_FLAGS = ["fuzzy", "c-format", "tmkit-ignore:latin", "no-wrap"]


@st.composite
def _singular_messages(draw: st.DrawFn) -> Message:
    return Message(
        draw(st.sampled_from(["", "一", "二"])),
        draw(st.sampled_from(["", "one"])),
        draw(st.sampled_from([None, "", "c"])),
        extracted_comments=draw(st.lists(st.sampled_from(_EXTRACTED), max_size=2)),
        translator_comments=draw(st.lists(st.sampled_from(_TRANSLATOR), max_size=2)),
        flags=draw(st.lists(st.sampled_from(_FLAGS), max_size=2, unique=True)),
        obsolete=draw(st.booleans()),
        lineno=draw(st.integers(1, 9)),
    )


@settings(max_examples=400, deadline=None)
@given(_singular_messages())
def test_the_common_entry_is_the_keyword_unit(message: Message) -> None:
    """`messages_units`'s short way for a singular entry without inline markup gives the
    unit of the general definition (state, suppressions, flags, notes)."""
    want = []
    if not message.obsolete and not message.is_header:
        want.append(
            Unit(
                message.msgid,
                message.msgstr,
                id=message.msgctxt if message.msgctxt is not None else message.msgid,
                file="f.po",
                line=message.lineno,
                state=message_state(message),
                suppress=message_suppress(message),
                flags=tuple(message.flags),
                context=message.msgctxt,
                notes=(*message.extracted_comments, *message.translator_comments),
            )
        )
    got = list(messages_units([message], "f.po"))
    assert got == want
    assert [repr(u) for u in got] == [repr(u) for u in want]
