"""`tmkit update TEMPLATE.pot TRANSLATION.po [--tm FILE]` through the CLI and the entry point."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats.po import read_po

DATA = Path(__file__).parent / "data" / "merge"
CASE = DATA / "update" / "mixed"
runner = CliRunner()


def copy_case(tmp_path: Path) -> tuple[Path, Path]:
    pot, po = tmp_path / "new.pot", tmp_path / "old.po"
    shutil.copy(CASE / "new.pot", pot)
    shutil.copy(CASE / "old.po", po)
    return pot, po


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU msgmerge is not installed")
def test_update_in_place_matches_msgmerge(tmp_path: Path) -> None:
    pot, po = copy_case(tmp_path)
    expected = subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", str(po), str(pot)], capture_output=True
    ).stdout
    result = runner.invoke(app, ["update", str(pot), str(po)])
    assert result.exit_code == 0, result.stderr
    assert po.read_bytes() == expected
    assert "kept" in result.stderr and "obsoleted" in result.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_update_with_a_memory(tmp_path: Path) -> None:
    pot, po = copy_case(tmp_path)
    tm = tmp_path / "tm.po"
    new = read_po(pot)
    untranslated = new.messages[10]  # the new paragraph
    tm.write_text(
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        f'msgid "{untranslated.msgid}"\nmsgstr "From the memory."\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["update", str(pot), str(po), "--tm", str(tm)])
    assert result.exit_code == 0, result.stderr
    updated = read_po(po)
    entry = next(m for m in updated.messages if m.key == untranslated.key)
    assert (entry.msgstr, entry.fuzzy) == ("From the memory.", False)
    assert "1 exact and 0 fuzzy from the TM" in result.stderr


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        # (a missing translation is created from the template: tests/test_update_options.py)
        (lambda pot, po, bad: [str(bad / "missing.pot"), str(po)], "missing.pot"),
        (lambda pot, po, bad: [str(pot), str(bad / "broken.po")], "broken.po"),
        (lambda pot, po, bad: [str(bad / "broken.po"), str(po)], "broken.po"),
        (lambda pot, po, bad: [str(pot), str(bad / "french.tmx")], "must be a catalog"),
        (lambda pot, po, bad: [str(pot), str(po), "--tm", str(bad / "truncated.tmx")], "truncated"),
        (lambda pot, po, bad: [str(pot), str(po), "--tm", str(bad / "french.tmx")], "fr"),
    ],
)
def test_unusable_input_leaves_the_translation_alone(tmp_path: Path, make_args, message) -> None:
    pot, po = copy_case(tmp_path)
    before = po.read_bytes()
    bad = Path(__file__).parent / "bad" / "merge"
    result = runner.invoke(app, ["update", *make_args(pot, po, bad)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert po.read_bytes() == before


def test_entry_point(tmp_path: Path) -> None:
    exe = shutil.which("tmkit", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the tmkit entry point is not installed next to this Python")
    pot, po = copy_case(tmp_path)
    proc = subprocess.run([exe, "update", str(pot), str(po)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert read_po(po).metadata["POT-Creation-Date"] == "2026-02-01 09:00+0000"


def test_update_with_a_tmx_memory(tmp_path: Path) -> None:
    pot, po = tmp_path / "t.pot", tmp_path / "t.po"
    shutil.copy(DATA / "tm" / "template.pot", pot)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: ja\\n"\n', encoding="utf-8"
    )
    tm = DATA / "tm"
    result = runner.invoke(
        app, ["update", str(pot), str(po), "--tm", str(tm / "old.tmx"), "--tm", str(tm / "new.tmx")]
    )
    assert result.exit_code == 0, result.stderr
    a, b, c, d = read_po(po).messages
    assert (a.msgstr, a.fuzzy) == ("We talked to the president of QST.", False)
    assert (b.msgstr, b.fuzzy) == ("We aim to maximise research results.", False)
    assert (c.msgstr, c.fuzzy, c.previous_msgid) == (
        "We built a new facility.",
        True,
        "新しい施設を建設した。",
    )
    assert d.msgstr == ""
    assert "2 exact and 1 fuzzy from the TM" in result.stderr
