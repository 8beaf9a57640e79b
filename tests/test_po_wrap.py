"""The PO writer against GNU msgcat itself: goldens, a differential property test, the corpus.

msgcat (gettext 0.21) is the oracle: whatever ``write_po`` writes, ``msgcat``
must reproduce byte for byte, and ``msgfmt -c`` must accept it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmkit.formats import powrap
from tmkit.formats.po import format_po, read_po, write_po
from tmkit.model.catalog import Catalog, Message

DATA = Path(__file__).parent / "data" / "po"
WRAP = DATA / "wrap"
CORPUS = Path(__file__).parent.parent / "source" / "ja" / "interview.txt"

MSGCAT = shutil.which("msgcat")
MSGFMT = shutil.which("msgfmt")
needs_gettext = pytest.mark.skipif(
    MSGCAT is None or MSGFMT is None,
    reason="GNU gettext (msgcat, msgfmt) is not installed; CI installs it",
)

HEADER = Message(
    msgid="",
    msgstr=(
        "Project-Id-Version: tmkit-test\n"
        "PO-Revision-Date: 2026-01-01 00:00+0000\n"
        "Last-Translator: Tester <test@example.com>\n"
        "Language-Team: English <en@example.com>\n"
        "Language: en\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\n"
    ),
)


def msgcat(path: Path, *args: str) -> bytes:
    done = subprocess.run([MSGCAT, "--force-po", *args, str(path)], capture_output=True, check=True)
    return done.stdout


# ----------------------------------------------------------------- goldens


@pytest.mark.parametrize(("source", "expected"), [("in", "msgcat"), ("in2", "msgcat2")])
def test_golden_files_match_msgcat_byte_for_byte(source: str, expected: str) -> None:
    written = format_po(read_po(WRAP / f"{source}.po")).encode("utf-8")
    assert written == (WRAP / f"{expected}.po").read_bytes()


@pytest.mark.parametrize("source", ["in", "in2"])
def test_polib_own_writer_differs_from_msgcat(source: str, tmp_path: Path) -> None:
    """Why tmkit writes PO itself: polib wraps CJK text by code points, not columns."""
    expected = (WRAP / ("msgcat.po" if source == "in" else "msgcat2.po")).read_bytes()
    out = tmp_path / "polib.po"
    polib.pofile(str(WRAP / f"{source}.po")).save(str(out))
    if source == "in":
        assert out.read_bytes() != expected
    assert format_po(read_po(WRAP / f"{source}.po")).encode("utf-8") == expected


def test_write_po_writes_what_format_po_returns(tmp_path: Path) -> None:
    catalog = read_po(WRAP / "in.po")
    write_po(catalog, tmp_path / "out.po")
    assert (tmp_path / "out.po").read_bytes() == (WRAP / "msgcat.po").read_bytes()


# ----------------------------------------------------------------- line breaking rules

BREAK_CASES = [
    # (text, columns, expected lines)
    ("seventy-nine columns", 10, ["seventy-", "nine ", "columns"]),
    ("日本語の文章です。", 8, ["日本語の", "文章で", "す。"]),
    ("「引用」、そして。", 6, ["「引", "用」、", "そし", "て。"]),
    ("see https://example.com/a/b", 12, ["see https://", "example.com/", "a/b"]),
    ("see https://example.com/a/b", 11, ["see ", "https://", "example.", "com/a/b"]),
]


@pytest.mark.parametrize(("text", "columns", "expected"), BREAK_CASES)
def test_width_breaks_follow_uax14_and_east_asian_width(
    text: str, columns: int, expected: list[str]
) -> None:
    breaks = powrap.width_breaks(text, columns, 0)
    lines, current = [], ""
    for ch, brk in zip(text, breaks, strict=True):
        if brk:
            lines.append(current)
            current = ""
        current += ch
    lines.append(current)
    assert lines == expected


def test_wide_characters_count_two_columns() -> None:
    assert powrap.char_width("あ") == 2
    assert powrap.char_width("、") == 2
    assert powrap.char_width("Ａ") == 2
    assert powrap.char_width("a") == 1
    assert powrap.char_width("\u0301") == 0


def test_no_break_before_closing_punctuation() -> None:
    text = "あ」"
    assert powrap.possible_breaks(text) == [powrap.PROHIBITED, powrap.PROHIBITED]
    assert powrap.possible_breaks("あ。")[1] == powrap.PROHIBITED
    assert powrap.possible_breaks("あい")[1] == powrap.POSSIBLE


# ----------------------------------------------------------------- differential vs msgcat

JA = "日本語の文章翻訳メモリ用語集をかなカナ漢字ー々"
PUNCT = "「」、。（）・！？：；…―〜『』"
WORDS = [
    "the", "quick", "brown", "fox", "seventy-nine", "well-known", "e.g.", "U.S.",
    "https://example.com/path/to/page?x=1&y=2", "supercalifragilisticexpialidocious" * 2,
    "(parenthesised)", "[bracket]", "{brace}", "$100", "50%", "3.14", "1,000", "a/b",
    '"quoted"', "'single'", "back\\slash", "tab\there", "%s", "%d", "% d", "%5.2f",
    "%(name)s", "%(a b)s", "{0}", "--", "—", "ＡＢＣ", "１２３", "😀", "Ｈｅｌｌｏ",
]  # fmt: skip


@st.composite
def texts(draw: st.DrawFn, allow_empty: bool = True) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(WORDS),
                st.text(alphabet=JA, min_size=1, max_size=30),
                st.text(alphabet=JA + PUNCT, min_size=1, max_size=20),
                st.sampled_from([" ", " ", "  ", "\n", "\t"]),
                st.text(
                    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
                    max_size=5,
                ),
            ),
            min_size=0 if allow_empty else 1,
            max_size=18,
        )
    )
    text = "".join(parts)
    return text if text or allow_empty else "x"


FLAGS = ["fuzzy", "c-format", "no-c-format", "python-format", "possible-c-format", "no-wrap",
         "range: 1..9", "wrap"]  # fmt: skip
REF_FILES = ["src/main.c", "./lib/util.py", "source/ja/interview.txt", "a" * 60 + ".c", "x.c"]


@st.composite
def messages(draw: st.DrawFn, index: int) -> Message:
    plural = draw(st.booleans())
    msgid = f"{index}:" + draw(texts())
    msg = Message(msgid=msgid)
    if draw(st.booleans()):
        msg.msgctxt = draw(texts())
    if plural:
        msg.msgid_plural = draw(texts())
        msg.msgstr_plural = {i: draw(texts()) for i in range(2)}
    else:
        msg.msgstr = draw(texts())
    comment_text = st.text(alphabet=JA + "abc xyz", max_size=100)
    msg.translator_comments = draw(st.lists(comment_text, max_size=2))
    msg.extracted_comments = draw(st.lists(comment_text, max_size=2))
    msg.references = draw(
        st.lists(
            st.builds(
                lambda f, n: f"{f}:{n}" if n is not None else f,
                st.sampled_from(REF_FILES),
                st.one_of(st.none(), st.integers(0, 99999)),
            ),
            max_size=6,
        )
    )
    msg.flags = draw(st.lists(st.sampled_from(FLAGS), max_size=3, unique=True))
    if draw(st.integers(0, 3)) == 0:
        msg.previous_msgid = draw(texts())
        if draw(st.booleans()):
            msg.previous_msgctxt = draw(texts())
        if plural and draw(st.booleans()):
            msg.previous_msgid_plural = draw(texts())
    if draw(st.integers(0, 4)) == 0:
        msg.obsolete = True
    return msg


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    count = draw(st.integers(1, 12))
    return Catalog(messages=[draw(messages(i)) for i in range(count)], header=HEADER)


def _without_kept_obsolete_plurals(catalog: Catalog) -> None:
    """The one deliberate difference from msgcat (README, "Differences from msgmerge"): an
    obsolete plural whose first form is empty but another translated is kept; msgcat drops it.
    Such entries are emptied so that both drop them."""
    for m in catalog.messages:
        if m.obsolete and m.msgid_plural is not None and not m.msgstr_plural.get(0):
            m.msgstr_plural = {0: "", 1: ""}


@needs_gettext
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_msgcat_rewrites_our_output_unchanged(tmp_path_factory, catalog: Catalog) -> None:
    _without_kept_obsolete_plurals(catalog)
    path = tmp_path_factory.mktemp("diff") / "out.po"
    write_po(catalog, path)
    assert msgcat(path) == path.read_bytes()


def _self_translated(catalog: Catalog) -> Catalog:
    """Every translation a copy of its source, so that msgfmt -c's consistency checks hold."""
    for message in catalog.messages:
        if message.msgid_plural is not None:
            message.msgid_plural = message.msgid
            message.msgstr_plural = {0: message.msgid, 1: message.msgid}
        else:
            message.msgstr = message.msgid
    return catalog


@needs_gettext
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs().map(_self_translated))
def test_msgfmt_check_accepts_our_output(tmp_path_factory, catalog: Catalog) -> None:
    path = tmp_path_factory.mktemp("fmt") / "out.po"
    write_po(catalog, path)
    done = subprocess.run([MSGFMT, "-c", "-o", "/dev/null", str(path)], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert msgcat(path) == path.read_bytes()


@needs_gettext
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.sampled_from([40, 60, 100]))
def test_msgcat_agrees_at_other_widths(tmp_path_factory, catalog: Catalog, width: int) -> None:
    _without_kept_obsolete_plurals(catalog)
    path = tmp_path_factory.mktemp("width") / "out.po"
    path.write_bytes(format_po(catalog, width=width).encode("utf-8"))
    assert msgcat(path, f"--width={width}") == path.read_bytes()


# ----------------------------------------------------------------- the real corpus


@needs_gettext
def test_corpus_sentences_wrap_like_msgcat(tmp_path: Path) -> None:
    if not CORPUS.is_file():
        pytest.skip(f"{CORPUS} not present")
    lines = [ln.strip() for ln in CORPUS.read_text(encoding="utf-8").splitlines() if ln.strip()]
    unique = list(dict.fromkeys(lines))
    assert len(unique) > 20
    catalog = Catalog(
        header=HEADER,
        messages=[
            Message(msgid=text, msgstr=text, references=[f"source/ja/interview.txt:{i}"])
            for i, text in enumerate(unique, 1)
        ],
    )
    path = tmp_path / "corpus.po"
    write_po(catalog, path)
    assert msgcat(path) == path.read_bytes()


# ----------------------------------------------------------------- the table vs libunistring


def _libunistring():
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    lib = ctypes.CDLL(name)
    fn = lib.u8_width_linebreaks
    fn.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                   ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]  # fmt: skip
    return fn


LINEBREAKS = _libunistring()
SAMPLE = JA + PUNCT + "abc xyz  -/.,:;!?()[]{}\"'%$0123\u0301\u200d\u200b\U0001f1e6\u05d0\uac00😀\t"


@pytest.mark.skipif(LINEBREAKS is None, reason="libunistring (msgcat's line breaker) not installed")
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=SAMPLE, min_size=1, max_size=60), st.integers(1, 40), st.integers(0, 12))
def test_break_positions_equal_libunistring(text: str, width: int, start: int) -> None:
    import ctypes

    data = text.encode("utf-8")
    out = ctypes.create_string_buffer(len(data))
    LINEBREAKS(data, len(data), width, start, 0, None, b"UTF-8", out)
    expected, offset = [], 0
    for i, ch in enumerate(text):
        if out.raw[offset] == powrap.POSSIBLE:
            expected.append(i)
        offset += len(ch.encode("utf-8"))
    assert powrap.break_positions(text, width, start) == expected
