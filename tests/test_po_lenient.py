"""The PO reader accepts what GNU msgcat accepts, and reads it as msgcat does: each layout
below is read, written back, and compared with msgcat's own output for the same file.
It stays linear on pathological input."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tmkit.formats.po import parse_po, read_po, write_po
from tmkit.model.errors import ParseError

MSGCAT = shutil.which("msgcat")

LAYOUTS = {
    # the two CRLF files from the reliability run
    "msgstr-index-alone-crlf": b'msgid "a"\r\nmsgid_plural "as"\r\nmsgstr[0]\r\n"x"\r\n'
    b'msgstr[1]\r\n"xs"\r\n',
    "trailing-blank-crlf": b'msgid "" \r\nmsgstr "" \r\n"Content-Type: text/plain; '
    b'charset=UTF-8\\n" \r\n\r\nmsgid "a" \r\nmsgstr "b" \r\n',
    "keywords-on-one-line": b'msgid "1" msgstr "one"\nmsgid "2" msgstr "two"\n',
    "string-on-next-line": b'msgid\n"a"\nmsgstr\n"b"\n',
    "obsolete-string-on-next-line": b'msgid "a"\nmsgstr "b"\n\n#~ msgid\n#~ "2"\n#~ msgstr\n'
    b'#~ "ha ha"\n',
    "reference-without-space": b'#:foobar.c:32\n#,fuzzy\nmsgid "a"\nmsgstr "b"\n',
    "spaced-plural-index": b'msgid "a"\nmsgid_plural "as"\nmsgstr [ 0 ] "x"\nmsgstr[1] "y"\n',
    "indented": b'  msgid "a"\n\tmsgstr "b"\n',
    "gettext-escapes": b'msgid "a"\nmsgstr "\\a\\b\\f\\v\\101\\x42"\n',
    "domain-directive": b'domain "messages"\nmsgid "a"\nmsgstr "b"\n',
    "comment-between": b'msgid "a"\nmsgstr "b"\n# note\n#. extracted\nmsgid "c"\nmsgstr "d"\n',
    "no-final-newline": b'msgid "a"\nmsgstr "b"',
    "trailing-comments-dropped": b'msgid "a"\nmsgstr "b"\n\n# the end\n',
    "previous-of-obsolete": b'#~| msgid "old"\n#~ msgid "a"\n#~ msgstr "b"\n',
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layout_is_read(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.po"
    path.write_bytes(LAYOUTS[name])
    catalog = read_po(path)
    assert catalog.messages or catalog.header
    if MSGCAT is None:
        pytest.skip("GNU msgcat is not installed: read, not compared")
    expected = subprocess.run([MSGCAT, str(path)], capture_output=True, check=True).stdout
    out = tmp_path / "out.po"
    write_po(catalog, out)
    assert out.read_bytes() == expected


def test_the_crlf_plural_reads_its_forms() -> None:
    catalog = parse_po(LAYOUTS["msgstr-index-alone-crlf"].decode())
    assert catalog.messages[0].msgstr_plural == {0: "x", 1: "xs"}


def test_escapes_are_gettexts() -> None:
    catalog = parse_po(LAYOUTS["gettext-escapes"].decode())
    assert catalog.messages[0].msgstr == "\a\b\f\vAB"


def test_references_without_space() -> None:
    catalog = parse_po(LAYOUTS["reference-without-space"].decode())
    assert catalog.messages[0].references == ["foobar.c:32"]
    assert catalog.messages[0].fuzzy


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('domain "a"\nmsgid "x"\nmsgstr ""\ndomain "b"\nmsgid "y"\nmsgstr ""\n', 4, "domain"),
        ('msgid "a"\nmsgstr "\\z"\n', 2, "invalid control sequence"),
        ('msgid "a"\nmsgstr "\\?"\n', 2, "invalid control sequence"),
        ('msgid "a"\nmsgstr\n', 3, "string"),  # gettext too: at the end of the file
        ('msgid "a"\nmsgstr "b"\n#~ msgid "a"\n#~ msgstr "c"\n', 3, "duplicate"),
    ],
)
def test_what_gettext_refuses_is_refused(text: str, line: int, words: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_po(text, "x.po")
    assert caught.value.line == line
    assert words in str(caught.value)


def _parse_seconds(text: str) -> float:
    start = time.process_time()
    parse_po(text, "x.po")
    return time.process_time() - start


@pytest.mark.parametrize(
    "unit",
    ['\\"', "\\n", "\\\\", "\\101", "a"],
    ids=["quote", "newline", "backslash", "octal", "plain"],
)
def test_a_line_of_a_million_escapes_parses_in_linear_time(unit: str) -> None:
    def text(count: int) -> str:
        return f'msgid "a"\nmsgstr "{unit * count}"\n'

    small = max(_parse_seconds(text(100_000)), 1e-3)
    large = _parse_seconds(text(1_000_000))
    assert large < 5.0
    assert large < 25 * small  # 10× the input: linear, with room for a noisy machine
