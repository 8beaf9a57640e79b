"""Streaming merge: TMX inputs read lazily, PO output written as it is made, de-duplication
that holds digests. Every output is the one the whole-file path gives."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats.convert import key_digest, memory_to_catalog
from tmkit.formats.po import dump_po, write_po_stream
from tmkit.formats.tmx import read_tmx
from tmkit.model.errors import TmkitError
from tmkit.model.memory import Memory, MemoryHeader, Prop, TranslationUnit, Variant
from tmkit.ops import combine, merge_stream
from tmkit.ops.merge import MergeInput, combine_units, merge_inputs
from tmkit.ops.merge_stream import open_memory_stream

DATA = Path(__file__).parent / "data" / "merge"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def _unit(n: int, source: str, target: str, date: str, context: str | None) -> TranslationUnit:
    meta = [Prop("x-context", context)] if context is not None else []
    return TranslationUnit(
        tuid=f"u{n}",
        variants=[
            Variant("ja", (source,)),
            Variant("en", (target,), attrs={"changedate": date} if date else {}),
        ],
        meta=meta,
        line=n + 3,
    )


units_lists = st.lists(
    st.tuples(
        st.sampled_from(["猫。", "犬。", "鳥。"]),
        st.sampled_from(["Cat.", "Dog.", "Bird.", ""]),
        st.sampled_from(["", "20200101T000000Z", "20210101T000000Z"]),
        st.sampled_from([None, "s1", "s2"]),
    ),
    max_size=25,
).map(lambda rows: [_unit(n, *row) for n, row in enumerate(rows)])


@settings(max_examples=200, deadline=None)
@given(first=units_lists, second=units_lists, prefer=st.sampled_from(["newest", "first"]))
def test_holding_units_or_reading_twice_give_the_same_merge(
    first: list[TranslationUnit], second: list[TranslationUnit], prefer: str
) -> None:
    streams = [("a.tmx", lambda: iter(first)), ("b.tmx", lambda: iter(second))]
    results = []
    for limit in (0, 1, 3, combine.HOLD_LIMIT):
        saved, combine.HOLD_LIMIT = combine.HOLD_LIMIT, limit
        try:
            findings: list = []
            kept = [id(u) for u in combine_units(streams, "ja", "en", prefer, findings)]  # type: ignore[arg-type]
        finally:
            combine.HOLD_LIMIT = saved
        results.append((kept, findings))
    assert all(result == results[0] for result in results)
    kept, findings = results[0]
    keys = {(u.variants[0].content, next(iter(u.props("x-context")), None)) for u in first + second}
    assert len(kept) == len(keys)
    for finding in findings:  # texts, not digests
        assert isinstance(finding.target, str) and isinstance(finding.source, str)


def test_conflicts_keep_their_texts_with_prefer_first() -> None:
    units = [_unit(0, "猫。", "Cat.", "", "s1"), _unit(1, "猫。", "Kitty.", "", "s1")]
    for limit in (0, combine.HOLD_LIMIT):
        saved, combine.HOLD_LIMIT = combine.HOLD_LIMIT, limit
        try:
            findings: list = []
            kept = list(
                combine_units([("m.tmx", lambda: iter(units))], "ja", "en", "first", findings)
            )
        finally:
            combine.HOLD_LIMIT = saved
        assert kept == units[:1]
        assert [(f.source, f.target, f.line) for f in findings] == [("猫。", "Cat.", 3)]
        assert "dropped 'Kitty.' (m.tmx:4)" in findings[0].message


def test_key_digest_tells_contexts_apart() -> None:
    assert key_digest(None, "a") != key_digest("", "a")
    assert key_digest("a\x00b", "c") != key_digest("a", "b\x00c")
    assert key_digest("s1", "猫") == key_digest("s1", "猫")


TESTS = Path(__file__).parent
GOOD_TMX = sorted((TESTS / "data").rglob("*.tmx"))
BAD_TMX = sorted((TESTS / "bad").rglob("*.tmx"))


@pytest.mark.parametrize("source", GOOD_TMX, ids=lambda p: p.name)
def test_tmx_to_po_streamed_is_the_whole_file_path(tmp_path: Path, source: Path) -> None:
    out = tmp_path / "out.po"
    result = runner.invoke(app, ["merge", str(source), "-o", str(out)])
    try:
        whole = merge_inputs([MergeInput(str(source), read_tmx(source))], "catalog")
    except TmkitError:  # refused the same way: no output
        assert result.exit_code == 2 and not out.exists()
        return
    assert result.exit_code == (1 if whole.findings else 0)
    expected = io.BytesIO()
    dump_po(whole.catalog, expected)  # type: ignore[arg-type]
    assert out.read_bytes() == expected.getvalue()


@pytest.mark.parametrize("suffix", [".po", ".tmx"])
@pytest.mark.parametrize("source", BAD_TMX, ids=lambda p: p.name)
def test_bad_tmx_writes_nothing(tmp_path: Path, source: Path, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    result = runner.invoke(app, ["merge", str(source), "-o", str(out)])
    if result.exit_code == 2:
        assert not out.exists() and not list(tmp_path.iterdir())
        assert len(result.stderr.strip().splitlines()) == 1


def _big(path: Path, copies: int) -> Path:
    body = "".join(
        f'<tu><prop type="x-context">s{n % 7}</prop><tuv xml:lang="ja"><seg>文{n % 5}。</seg></tuv>'
        f'<tuv xml:lang="en" changedate="2020010{n % 3 + 1}T000000Z">'
        f"<seg>T{n % 4}.</seg></tuv></tu>"
        for n in range(copies)
    )
    path.write_text(
        '<tmx version="1.4"><header srclang="ja" segtype="sentence" o-tmf="t" adminlang="en"'
        ' datatype="plaintext" creationtool="t" creationtoolversion="1"/>'
        f"<body>{body}</body></tmx>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("suffix", [".po", ".tmx"])
@pytest.mark.parametrize("prefer", ["newest", "first"])
def test_streamed_merge_of_duplicates_is_the_whole_file_merge(
    tmp_path: Path, suffix: str, prefer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _big(tmp_path / "dup.tmx", 200)
    monkeypatch.setattr(combine, "HOLD_LIMIT", 5)  # past it: the second reading
    monkeypatch.setattr(merge_stream, "HOLD_UNITS", 0)  # the file is read again each time
    streamed = tmp_path / f"streamed{suffix}"
    result = runner.invoke(app, ["merge", str(source), "--prefer", prefer, "-o", str(streamed)])
    assert result.exit_code == 1  # conflicts
    whole = tmp_path / f"whole{suffix}"
    reference = merge_inputs(
        [MergeInput(str(source), read_tmx(source))],
        "memory" if suffix == ".tmx" else "catalog",
        prefer=prefer,  # type: ignore[arg-type]
    )
    from tmkit.formats import io as formats_io

    data = (
        reference.catalog if reference.units is None else Memory(reference.header, reference.units)
    )  # type: ignore[arg-type]
    formats_io.write(data, whole)
    assert streamed.read_bytes() == whole.read_bytes()
    assert result.stderr.count("merge-conflict") == len(reference.findings)


@pytest.mark.parametrize("hold", [0, 10])
def test_memory_stream_reads_again_and_counts(
    tmp_path: Path, hold: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(merge_stream, "HOLD_UNITS", hold)
    stream = open_memory_stream(_big(tmp_path / "m.tmx", 10))
    assert stream.count == 10 and stream.languages() == ["ja", "en"]
    assert [u.tuid for u in stream.read()] == [u.tuid for u in stream.read()]


def test_a_legacy_charset_header_is_not_streamed(tmp_path: Path) -> None:
    from tmkit.model.catalog import Message

    po_header = Message(msgid="", msgstr="Content-Type: text/plain; charset=EUC-JP\n")
    out = tmp_path / "x.po"
    assert write_po_stream(po_header, iter([]), out) is False
    assert not out.exists()
    utf8 = Message(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")
    assert write_po_stream(utf8, iter([]), out) is True
    memory = Memory(MemoryHeader(), [])
    assert memory_to_catalog(memory, "ja", "en").messages == []
