"""PO files in every charset GNU gettext accepts (that Python has): read in the declared
charset, written back in it byte for byte as GNU msgconv writes it, converted to UTF-8
(header included, with a warning) when a character does not fit; unusable charsets are
one-line errors."""

from __future__ import annotations

import codecs
import io
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from tmkit.formats.po import (
    CharsetWarning,
    dump_po,
    format_po,
    load_po,
    looks_like_po,
    read_po,
    write_po,
)
from tmkit.formats.powrap import CJK_CODECS
from tmkit.model.errors import InputError

#: gettext 0.21's standard charsets (po-charset.c)
GETTEXT_CHARSETS = [
    "ASCII", "ISO-8859-1", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5",
    "ISO-8859-6", "ISO-8859-7", "ISO-8859-8", "ISO-8859-9", "ISO-8859-13", "ISO-8859-14",
    "ISO-8859-15", "KOI8-R", "KOI8-U", "KOI8-T", "CP850", "CP866", "CP874", "CP932", "CP949",
    "CP950", "CP1250", "CP1251", "CP1252", "CP1253", "CP1254", "CP1255", "CP1256", "CP1257",
    "GB2312", "EUC-JP", "EUC-KR", "EUC-TW", "BIG5", "BIG5-HKSCS", "GBK", "GB18030",
    "SHIFT_JIS", "JOHAB", "TIS-620", "VISCII", "GEORGIAN-PS", "UTF-8",
]  # fmt: skip


def _python_has(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


CHARSETS = [c for c in GETTEXT_CHARSETS if _python_has(c)]
POOL = (
    "café naïve Ωμέγα Привет Ґ שלום مرحبا ไทย 日本語の表 한국어 中文繁體 ğüşİ ÆØÅ őű čšž "
    "ẞ ‘quotes’ — ソ表能 \\ ~"
)
MSGCONV = shutil.which("msgconv")


def _sample(charset: str) -> str:
    kept = []
    for ch in POOL:
        try:
            if ch.encode(charset).decode(charset) == ch:
                kept.append(ch)
        except UnicodeError:
            pass
    return "".join(kept).strip() or "plain"


def _po(charset: str, text: str) -> str:
    return (
        'msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n'
        f'"Content-Type: text/plain; charset={charset}\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n\n'
        f'#. {text}\nmsgid "a"\nmsgstr "{text}"\n\n'
        f'msgctxt "{text}"\nmsgid "b"\nmsgid_plural "bs"\nmsgstr[0] "{text}"\nmsgstr[1] "x"\n'
    )


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\")


def test_python_has_most_of_them() -> None:
    assert len(CHARSETS) >= 38


@pytest.mark.parametrize("charset", CHARSETS)
def test_read_in_the_declared_charset_and_written_back_in_it(charset: str) -> None:
    text = _sample(charset)
    data = _po(charset, _escaped(text)).encode(charset)
    catalog = load_po(io.BytesIO(data), f"{charset}.po")
    assert catalog.messages[0].msgstr == text
    assert catalog.messages[0].extracted_comments == [_escaped(text)]
    assert catalog.messages[1].msgctxt == text
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # everything fits: no conversion
        dump_po(catalog, out)
    if codecs.lookup(charset).name not in CJK_CODECS:  # there gettext counts columns its way
        assert out.getvalue() == format_po(catalog).encode(charset)
    again = load_po(io.BytesIO(out.getvalue()), f"{charset}.po")
    assert [m.msgstr for m in again.messages] == [m.msgstr for m in catalog.messages]
    assert again.messages[1].msgctxt == text
    twice = io.BytesIO()
    dump_po(again, twice)
    assert twice.getvalue() == out.getvalue()


@pytest.mark.skipif(MSGCONV is None, reason="GNU msgconv is not installed")
@pytest.mark.parametrize("charset", CHARSETS)
def test_bytes_are_msgconvs(charset: str, tmp_path: Path) -> None:
    text = _sample(charset)
    if charset == "SHIFT_JIS":
        # iconv reads bytes 0x5C and 0x7E of Shift_JIS as ¥ and ‾, Python as \ and ~
        text = text.replace("\\", "").replace("~", "").strip()
    source = tmp_path / "utf8.po"
    source.write_text(_po("UTF-8", _escaped(text)), encoding="utf-8")
    converted = subprocess.run(
        [MSGCONV, "-t", charset, str(source)], capture_output=True, check=False
    )
    if converted.returncode != 0:
        pytest.skip(f"this system's msgconv cannot convert to {charset}")
    path = tmp_path / "conv.po"
    path.write_bytes(converted.stdout)
    catalog = read_po(path)
    assert catalog.messages[0].msgstr == text
    out = tmp_path / "out.po"
    write_po(catalog, out)
    assert out.read_bytes() == converted.stdout
    # and back: msgconv to UTF-8 reads what we wrote as the text we hold
    back = subprocess.run([MSGCONV, "-t", "UTF-8", str(out)], capture_output=True, check=False)
    if back.returncode != 0:
        return  # this system's msgconv cannot convert back (CP1255 aborts in glibc's iconv)
    again = load_po(io.BytesIO(back.stdout), "back.po")
    assert [m.msgstr_plural or m.msgstr for m in again.messages] == [
        m.msgstr_plural or m.msgstr for m in catalog.messages
    ]


def test_a_character_that_does_not_fit_converts_the_file_to_utf8(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    path.write_bytes(_po("ISO-8859-1", "café").encode("latin-1"))
    catalog = read_po(path)
    catalog.messages[0].msgstr = "café 漢字"
    with pytest.warns(CharsetWarning, match="ISO-8859-1.*UTF-8"):
        write_po(catalog, path)
    data = path.read_bytes()
    assert b"charset=UTF-8" in data and b"ISO-8859-1" not in data
    assert read_po(path).messages[0].msgstr == "café 漢字"
    if shutil.which("msgcat"):
        again = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
        assert again.stdout == data


def test_repeated_updates_never_compound_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    path.write_bytes(_po("ISO-8859-1", "café").encode("latin-1"))
    for _ in range(3):
        write_po(read_po(path), path)
    assert read_po(path).messages[0].msgstr == "café"
    assert path.read_bytes() == _po("ISO-8859-1", "café").encode("latin-1")


@pytest.mark.parametrize(
    ("charset", "words"),
    [
        ("hex", "not a text charset"),
        ("rot13", "not a text charset"),
        ("zlib", "not a text charset"),
        ("uu", "not a text charset"),
        ("UTF-16", "not ASCII-compatible"),
        ("UTF-32", "not ASCII-compatible"),
        ("KOI9-XX", "unknown charset"),
    ],
)
def test_unusable_charsets_are_one_line_errors(charset: str, words: str, tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(_po(charset, "a").encode("ascii"))
    with pytest.raises(InputError) as caught:
        read_po(path)
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"{path}:4: ")
    assert caught.value.exit_code == 2


def test_a_utf16_file_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(_po("UTF-16", "a").encode("utf-16"))
    with pytest.raises(InputError, match="byte order mark"):
        read_po(path)


def test_bad_bytes_name_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(_po("UTF-8", "ok").encode() + b'\nmsgid "c"\nmsgstr "ab\xff"\n')
    with pytest.raises(InputError) as caught:
        read_po(path)
    assert str(caught.value).startswith(f"{path}:18:11: cannot decode as UTF-8")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'msgid ""\nmsgstr ""\n', True),
        (b'# comment\n#, fuzzy\nmsgid ""\n', True),
        (b'\xef\xbb\xbfmsgctxt "x"\nmsgid "a"\n', True),
        (b'#~ msgid "old"\n', True),
        (b'domain "x"\nmsgid "a"\n', True),
        (b"<?xml version='1.0'?><tmx/>", False),
        (b"source,target\n", False),
        (b"msgidx\n", False),
    ],
)
def test_po_is_recognised_by_content(head: bytes, expected: bool) -> None:
    assert looks_like_po(head) is expected
