"""`update_catalog` against GNU msgmerge --previous, and its never-lose-a-translation property."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.formats.po import format_po, parse_po, read_po
from tmkit.model import Catalog, Message
from tmkit.ops.update import has_translation, update_catalog

CASES = Path(__file__).parent / "data" / "merge" / "update"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
MSGMERGE = shutil.which("msgmerge")
needs_msgmerge = pytest.mark.skipif(
    MSGMERGE is None, reason="GNU gettext's msgmerge is not installed"
)


def state(m: Message) -> str:
    if m.obsolete:
        return "obsolete"
    if not has_translation(m):
        return "untranslated"
    return "fuzzy" if m.fuzzy else "translated"


def states(catalog: Catalog) -> dict[tuple[tuple[str | None, str], bool], tuple[str, str]]:
    return {(m.key, m.obsolete): (state(m), m.msgstr) for m in catalog.messages}


def msgmerge(old: Path, new: Path) -> Catalog:
    out = subprocess.run(
        [MSGMERGE, "--previous", "--quiet", "-o", "-", str(old), str(new)],
        check=True,
        capture_output=True,
    ).stdout
    return parse_po(out.decode("utf-8"))


@needs_msgmerge
@pytest.mark.parametrize("case", CASE_NAMES)
def test_states_agree_with_msgmerge(case: str) -> None:
    old, new = CASES / case / "old.po", CASES / case / "new.pot"
    ours = update_catalog(read_po(new), read_po(old)).catalog
    theirs = msgmerge(old, new)
    assert states(ours) == states(theirs)
    # same entries in the same order: template order, then the obsolete ones
    assert [(m.key, m.obsolete) for m in ours.messages] == [
        (m.key, m.obsolete) for m in theirs.messages
    ]


@needs_msgmerge
@pytest.mark.parametrize("case", CASE_NAMES)
def test_file_is_what_msgmerge_writes(case: str) -> None:
    """Byte for byte, comments, ``#|`` and header included."""
    old, new = CASES / case / "old.po", CASES / case / "new.pot"
    ours = update_catalog(read_po(new), read_po(old)).catalog
    expected = subprocess.run(
        [MSGMERGE, "--previous", "--quiet", "-o", "-", str(old), str(new)],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    assert format_po(ours) == expected


def test_kept_fuzzy_revived_and_obsolete() -> None:
    old = parse_po(
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        '# note\nmsgctxt "a"\nmsgid "そのままの文です。"\nmsgstr "Unchanged."\n\n'
        'msgctxt "b"\nmsgid "研究成果の最大化を目指している。"\nmsgstr "We aim high."\n\n'
        'msgctxt "c"\nmsgid "消える文。"\nmsgstr "Gone."\n\n'
        'msgctxt "d"\nmsgid "未翻訳で消える文。"\nmsgstr ""\n\n'
        '#~ msgctxt "e"\n#~ msgid "戻ってくる文。"\n#~ msgstr "Back."\n'
    )
    new = parse_po(
        'msgid ""\nmsgstr "POT-Creation-Date: 2026-02-02 00:00+0000\\n"\n\n'
        'msgctxt "e"\nmsgid "戻ってくる文。"\nmsgstr ""\n\n'
        'msgctxt "a"\nmsgid "そのままの文です。"\nmsgstr ""\n\n'
        'msgctxt "b2"\nmsgid "研究成果の最大化を目指していく。"\nmsgstr ""\n'
    )
    result = update_catalog(new, old)
    out = result.catalog
    assert [(m.msgctxt, state(m)) for m in out.messages] == [
        ("e", "translated"),
        ("a", "translated"),
        ("b2", "fuzzy"),
        ("c", "obsolete"),
    ]
    fuzzy = out.messages[2]
    assert (fuzzy.previous_msgctxt, fuzzy.previous_msgid) == (
        "b",
        "研究成果の最大化を目指している。",
    )
    assert fuzzy.msgstr == "We aim high."
    assert out.messages[1].translator_comments == ["note"]
    assert out.metadata == {"POT-Creation-Date": "2026-02-02 00:00+0000", "Language": "en"}
    s = result.stats
    assert (s.kept, s.revived, s.fuzzy, s.obsoleted, s.dropped) == (2, 1, 1, 1, 1)


# --- the property: no translation is ever lost ----------------------------------

WORDS = [
    "量子",
    "科学",
    "技術",
    "研究",
    "開発",
    "機構",
    "理事長",
    "国際",
    "人材",
    "施設",
    "。",
    "、",
]
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map("".join)


@st.composite
def before_after(draw: st.DrawFn) -> tuple[Catalog, Catalog]:
    texts = draw(st.lists(sentences, min_size=1, max_size=12, unique=True))
    old = Catalog(header=Message(msgid="", msgstr="Language: en\n"))
    for i, t in enumerate(texts):
        translated = draw(st.booleans())
        old.messages.append(
            Message(
                msgid=t,
                msgctxt=draw(st.sampled_from([None, f"c{i}", "shared"])),
                msgstr=f"T{i}" if translated else "",
                flags=["fuzzy"] if translated and draw(st.booleans()) else [],
                obsolete=draw(st.integers(0, 5)) == 0,
            )
        )
    # the same (msgctxt, msgid) may not occur twice among active or obsolete entries
    seen: set[tuple[tuple[str | None, str], bool]] = set()
    old.messages = [
        m
        for m in old.messages
        if not ((m.key, m.obsolete) in seen or seen.add((m.key, m.obsolete)))
    ]
    edits = draw(
        st.lists(
            st.sampled_from(["keep", "edit", "drop", "move"]),
            min_size=len(texts),
            max_size=len(texts),
        )
    )
    new = Catalog(header=Message(msgid="", msgstr="POT-Creation-Date: 2026\n"))
    moved = []
    for m, how in zip(old.messages, edits, strict=False):
        if how == "drop":
            continue
        text = m.msgid + draw(sentences) if how == "edit" else m.msgid
        ctx = f"n{len(new.messages)}" if how == "edit" else m.msgctxt
        entry = Message(msgid=text, msgctxt=ctx)
        (moved if how == "move" else new.messages).append(entry)
    new.messages.extend(draw(st.permutations(moved)))
    new.messages.extend(Message(msgid=t) for t in draw(st.lists(sentences, max_size=3)))
    keys: set[tuple[str | None, str]] = set()
    new.messages = [m for m in new.messages if not (m.key in keys or keys.add(m.key))]
    return old, new


@settings(max_examples=300, deadline=None)
@given(before_after(), st.sampled_from([0.0, 40.0, 60.0, 90.0]))
def test_no_translation_is_lost(pair: tuple[Catalog, Catalog], threshold: float) -> None:
    old, new = pair
    out = update_catalog(new, old, threshold=threshold).catalog
    before = {m.msgstr for m in old.messages if m.msgstr}
    after = {m.msgstr for m in out.messages if m.msgstr}
    assert before <= after
    # entries follow the template, one each
    active = [m for m in out.messages if not m.obsolete]
    assert [m.key for m in active] == [m.key for m in new.messages]


def test_inputs_are_not_changed() -> None:
    old = parse_po('msgctxt "a"\nmsgid "文。"\nmsgstr "S."\n')
    new = parse_po('msgctxt "b"\nmsgid "文だ。"\nmsgstr ""\n')
    before = (format_po(old), format_po(new))
    update_catalog(new, old, threshold=0)
    assert (format_po(old), format_po(new)) == before


def test_memory_fills_what_stays_untranslated() -> None:
    from tmkit.tm.base import TmEntry
    from tmkit.tm.memory import MemoryLookup

    old = parse_po('msgctxt "a"\nmsgid "残る文。"\nmsgstr "Stays."\n')
    new = parse_po(
        'msgctxt "a"\nmsgid "残る文。"\nmsgstr ""\n\n'
        'msgctxt "x"\nmsgid "メモリにある文です。"\nmsgstr ""\n\n'
        'msgctxt "y"\nmsgid "メモリに近い文でした。"\nmsgstr ""\n\n'
        'msgctxt "z"\nmsgid "どこにもない。"\nmsgstr ""\n'
    )
    memory = MemoryLookup(
        [
            TmEntry("残る文。", "From the TM.", "a"),
            TmEntry("メモリにある文です。", "In the memory.", "other"),
            TmEntry("メモリに近い文です。", "Near the memory.", "q", "tm.tmx"),
        ]
    )
    result = update_catalog(new, old, memory=memory)
    a, x, y, z = result.catalog.messages
    assert a.msgstr == "Stays."  # the translation wins over the memory
    assert (x.msgstr, x.fuzzy) == ("In the memory.", False)
    assert (y.msgstr, y.fuzzy, y.previous_msgid) == (
        "Near the memory.",
        True,
        "メモリに近い文です。",
    )
    assert y.translator_comments == ["tmkit: fuzzy match 85.7% from tm.tmx"]
    assert z.msgstr == ""
    assert (result.stats.pretranslated_exact, result.stats.pretranslated_fuzzy) == (1, 1)


# --- random edits against msgmerge ---------------------------------------------------

ASCII_WORDS = [
    "the",
    "quantum",
    "science",
    "research",
    "center",
    "builds",
    "new",
    "facilities",
    "for",
    "talent",
]


@st.composite
def ascii_before_after(draw: st.DrawFn) -> tuple[str, str]:
    """Old PO and new POT text: kept, edited (new context), dropped and added entries.

    ASCII only: msgmerge scores bytes, tmkit characters, and for ASCII they agree.
    """
    sentence = st.lists(st.sampled_from(ASCII_WORDS), min_size=3, max_size=8).map(" ".join)
    texts = draw(st.lists(sentence, min_size=1, max_size=8, unique=True))
    old = Catalog(header=Message(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n"))
    new = Catalog(header=Message(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n"))
    for i, text in enumerate(texts):
        m = Message(msgid=text, msgctxt=f"c{i}", msgstr=f"T{i}" if draw(st.booleans()) else "")
        if m.msgstr:
            m.fuzzy = draw(st.integers(0, 4)) == 0
            m.obsolete = draw(st.integers(0, 5)) == 0
        old.messages.append(m)
        how = draw(st.sampled_from(["keep", "edit", "drop"]))
        if how == "keep":
            new.messages.append(Message(msgid=text, msgctxt=m.msgctxt))
        elif how == "edit":
            words = text.split()
            words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(ASCII_WORDS)))
            new.messages.append(Message(msgid=" ".join(words), msgctxt=f"n{i}"))
    new.messages.extend(
        Message(msgid=t, msgctxt=f"x{i}")
        for i, t in enumerate(draw(st.lists(sentence, max_size=2)))
    )
    keys: set[tuple[str | None, str]] = set()
    new.messages = [m for m in new.messages if not (m.key in keys or keys.add(m.key))]
    return format_po(old), format_po(new)


@needs_msgmerge
@settings(max_examples=60, deadline=None)
@given(ascii_before_after())
def test_random_edits_agree_with_msgmerge(tmp_path_factory, pair: tuple[str, str]) -> None:
    folder = tmp_path_factory.mktemp("random")
    old, new = folder / "old.po", folder / "new.pot"
    old.write_text(pair[0], encoding="utf-8")
    new.write_text(pair[1], encoding="utf-8")
    ours = update_catalog(read_po(new), read_po(old)).catalog
    assert states(ours) == states(msgmerge(old, new))
