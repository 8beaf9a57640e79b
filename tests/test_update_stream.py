"""`tmkit update` reads a PO template as it goes and writes its output entry by entry:
the same bytes and the same one-line errors as reading and writing whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats.po import read_po
from tmkit.model.errors import TmkitError
from tmkit.ops.update_run import _read, _read_template

CASE = Path(__file__).parent / "data" / "merge" / "update" / "mixed"
runner = CliRunner()


def test_a_po_template_is_read_lazily() -> None:
    template = _read_template(CASE / "new.pot")
    assert not isinstance(template.messages, list)
    assert list(template.messages) == read_po(CASE / "new.pot").messages
    assert template.header == read_po(CASE / "new.pot").header


GOOD = (
    'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "一。"\nmsgstr ""\n\n'
)
BROKEN = {
    "late-syntax-error": GOOD + 'msgid "二。"\nmsgstr ""\n\nmsgid "三\nmsgstr ""\n',
    "junk-after-the-header": GOOD + "\x00\x01\x02 not a PO file at all\n",
    "junk-far-down": GOOD + 'msgid "二。"\nmsgstr ""\n\n' * 400 + "msgstr\n",
    "bad-first-entry": 'msgid "x\n',
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_template_fails_as_when_read_whole(tmp_path: Path, name: str) -> None:
    pot = tmp_path / "new.pot"
    pot.write_text(BROKEN[name], encoding="utf-8")
    po = tmp_path / "old.po"
    shutil.copy(CASE / "old.po", po)
    before = po.read_bytes()
    with pytest.raises(TmkitError) as whole:
        _read(pot, "template")
    result = runner.invoke(app, ["update", str(pot), str(po)])
    assert result.exit_code == 2
    assert result.stderr.strip() == str(whole.value)
    assert po.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.pot", "old.po"]


def test_output_written_as_it_goes_is_the_encoded_catalog(tmp_path: Path) -> None:
    from tmkit.formats.po import encode_po
    from tmkit.ops.update import UpdateOptions, update_catalog

    out = tmp_path / "out.po"
    result = runner.invoke(
        app, ["update", str(CASE / "new.pot"), str(CASE / "old.po"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    merged = update_catalog(
        read_po(CASE / "new.pot"), read_po(CASE / "old.po"), options=UpdateOptions()
    )
    assert out.read_bytes() == encode_po(merged.catalog)[0]
