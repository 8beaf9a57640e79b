"""Reading source documents: encodings, and one-line errors for unusable input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tmkit.formats.text import decode, read_text
from tmkit.model.errors import InputError

BAD = Path(__file__).parent / "bad" / "text"
SAMPLE = "量子科学技術研究開発機構(QST)の小安重夫理事長に聞く。\r\n２行目　です。\n"


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("cp932"), "cp932"),
        (SAMPLE.encode("shift_jis"), "cp932"),
    ],
)
def test_auto_detects_encodings_and_keeps_text_exact(data, codec):
    decoded = decode(data, "x.txt")
    assert decoded.text == SAMPLE
    assert decoded.encoding == codec
    assert decoded.encode(decoded.text) == data


def test_explicit_encoding_is_used():
    assert decode(SAMPLE.encode("euc-jp"), "x.txt", "euc-jp").text == SAMPLE


def test_unknown_encoding_is_a_clear_error():
    with pytest.raises(InputError, match=r"^x.txt: unknown encoding 'klingon'$"):
        decode(b"a", "x.txt", "klingon")


def test_explicit_encoding_error_has_line_and_column():
    with pytest.raises(InputError) as err:
        decode("一行目\n二行目\xff".encode()[:-1] + b"\xff", "x.txt", "utf-8")
    assert str(err.value).startswith("x.txt:2:")


@pytest.mark.parametrize("bad", sorted(p.name for p in BAD.iterdir()))
def test_every_bad_text_input_is_one_located_line(bad):
    path = BAD / bad
    with pytest.raises(InputError) as err:
        read_text(path)
    message = str(err.value)
    assert message.startswith(str(path) + ":")
    assert "\n" not in message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)
