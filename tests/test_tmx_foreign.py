"""Issue 17, case 7: elements TMX does not allow in a ``<seg>`` (``xi:include``, ``<b>``)
are kept as opaque inline codes, not raw markup text, and TMX→PO→TMX round-trips them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats.po import read_po
from tmkit.formats.tmx import FOREIGN_TYPE, read_tmx
from tmkit.model.memory import Inline, markup_to_content

FOREIGN = Path(__file__).parent / "data" / "tmx" / "foreign-elements.tmx"
runner = CliRunner()
XI = '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="t.xml"/>'


def test_foreign_elements_become_opaque_codes() -> None:
    memory = read_tmx(FOREIGN)
    ja, en = memory.units[0].variants
    assert ja.content == ("表", Inline("ph", {"type": FOREIGN_TYPE}, (XI,)), "です。")
    assert Inline("ph", {"type": FOREIGN_TYPE}, ("<b>bold</b>",)) in en.content
    ja2, en2 = memory.units[1].variants
    assert ja2.content == ("注記。",)  # comments and PIs are not content: the parser drops them
    # inside a code element the content is native code already: the element is its text
    assert en2.content[1] == Inline("bpt", {"i": "1"}, ('<a><x:y xmlns:x="urn:x">z</x:y>',))


def test_tmx_po_tmx_round_trips_them(tmp_path: Path) -> None:
    po, back, direct = tmp_path / "f.po", tmp_path / "back.tmx", tmp_path / "direct.tmx"
    for args in (
        [str(FOREIGN), "-o", str(po)],
        [str(po), "-o", str(back)],
        [str(FOREIGN), "-o", str(direct)],
    ):
        result = runner.invoke(app, ["merge", *args])
        assert result.exit_code == 0, result.stderr
    msgstr = read_po(po).messages[0].msgstr
    assert '<ph type="x-foreign">&lt;xi:include' in msgstr
    assert "<{http" not in msgstr  # not lxml's raw {namespace}tag text
    assert markup_to_content(msgstr)  # well formed: the way back parses it
    assert [(v.lang, v.content) for u in read_tmx(back).units for v in u.variants] == [
        (v.lang, v.content) for u in read_tmx(direct).units for v in u.variants
    ]
    assert [v.content for u in read_tmx(back).units for v in u.variants] == [
        v.content for u in read_tmx(FOREIGN).units for v in u.variants
    ]
    valid = subprocess.run(
        [sys.executable, "-m", "tmkit", "validate", str(back)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert valid.returncode == 0, valid.stdout


def test_bad_markup_in_a_msgstr_names_the_msgstr(tmp_path: Path) -> None:
    po = tmp_path / "bad.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: en\\n"\n\n#. tmkit: inline-markup\n'
        'msgid "表です。"\nmsgstr "Table <b>x</b>."\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["merge", str(po), "-o", str(tmp_path / "x.tmx")])
    assert result.exit_code == 2
    assert "msgstr 'Table <b>x</b>.'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.tmx").exists()
