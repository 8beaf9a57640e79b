"""Hardened XML: no entities, no DTD loading, located errors, small memory on attacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tmkit.formats import xmlsafe
from tmkit.formats.tmx import read_tmx
from tmkit.model.errors import ParseError

BAD = Path(__file__).parent / "bad" / "tmx"


def test_doctype_with_system_dtd_just_works(tmp_path):
    path = tmp_path / "d.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n'
        '<tmx version="1.4"><header srclang="en"/><body/></tmx>\n'
    )
    assert xmlsafe.parse(path).getroot().tag == "tmx"
    assert len(read_tmx(path)) == 0


@pytest.mark.parametrize("name", ["xxe.tmx", "billion-laughs.tmx"])
def test_entity_declarations_refused_with_position(name):
    with pytest.raises(ParseError) as info:
        read_tmx(BAD / name)
    err = info.value
    assert err.line == 3 and err.col is not None
    assert "entity declarations are not allowed" in str(err)
    assert str(err).startswith(str(BAD / name) + ":3:")


def test_xxe_never_leaks(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    doc = tmp_path / "x.xml"
    doc.write_text(
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY s SYSTEM "file://{secret}">]><r>&s;</r>'
    )
    with pytest.raises(ParseError) as info:
        xmlsafe.parse(doc)
    assert "TOP-SECRET" not in str(info.value)
    with pytest.raises(ParseError):
        list(xmlsafe.iterparse(doc, doc))


def test_billion_laughs_fails_fast_with_small_memory():
    code = (
        "import resource, time\n"
        "from tmkit.formats.tmx import read_tmx\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter()\n"
        "try:\n"
        f"    read_tmx({str(BAD / 'billion-laughs.tmx')!r})\n"
        "except Exception as e:\n"
        "    print(type(e).__name__)\n"
        "print(time.perf_counter() - t)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    kind, seconds, growth_kib = out.stdout.split()
    assert kind == "ParseError"
    assert float(seconds) < 1.0
    assert int(growth_kib) < 10 * 1024  # peak RSS barely moves: nothing is expanded


def test_sniff_encoding():
    assert xmlsafe.sniff_encoding(b"\xef\xbb\xbf<") == "utf-8-sig"
    assert xmlsafe.sniff_encoding(b"\xff\xfe<\x00") == "utf-16-le"
    assert xmlsafe.sniff_encoding(b"\xfe\xff\x00<") == "utf-16-be"
    assert xmlsafe.sniff_encoding(b"<?xm") == "utf-8"


def test_syntax_error_is_located(tmp_path):
    doc = tmp_path / "m.xml"
    doc.write_text("<r>\n  <a></b>\n</r>\n")
    with pytest.raises(ParseError) as info:
        xmlsafe.parse(doc)
    assert (info.value.line, info.value.path) == (2, str(doc))
    assert "column" not in info.value.message  # libxml2's position suffix is stripped


def test_an_entity_in_a_stream_is_located_without_a_file() -> None:
    """A memory made in memory (build validates it from its bytes) is read from a stream:
    the entity declaration is found in the stream's start, not by reopening a path."""
    from io import BytesIO

    from tmkit.formats.tmx import iter_tmx
    from tmkit.model.errors import ParseError

    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE tmx [\n  <!ENTITY x "y">\n]>\n'
        b'<tmx version="1.4"><header srclang="ja"/><body/></tmx>\n'
    )
    with pytest.raises(ParseError, match="entity declarations are not allowed") as err:
        _header, units = iter_tmx(BytesIO(data), name="made-in-memory.tmx")
        list(units)
    assert (err.value.path, err.value.line) == ("made-in-memory.tmx", 3)
