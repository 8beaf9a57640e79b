"""The repository's own translation project stays complete, clean and in sync.

A later edit that breaks any of these fails CI: the PO is complete, glossary
errors are zero, the TMX validates and matches the PO, the CSV glossary matches
the TBX, and msgcat leaves the PO and POT unchanged.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tmkit.formats.convert import catalog_to_memory
from tmkit.formats.csvglossary import dump_rows
from tmkit.formats.po import read_po
from tmkit.formats.tbx import read_tbx
from tmkit.formats.tmx import format_tmx, read_tmx
from tmkit.ops.check import check_files
from tmkit.ops.validate import validate_tmx

ROOT = Path(__file__).resolve().parents[1]
POT = ROOT / "source/ja/interview.pot"
PO = ROOT / "target/en/interview.po"
TMX = ROOT / "target/en/interview.tmx"
TBX = ROOT / "glossary/qst.tbx"
CSV = ROOT / "glossary/qst.csv"


def test_translation_is_complete_and_clean():
    template, translation = read_po(POT), read_po(PO)
    assert {m.msgctxt for m in template} == {m.msgctxt for m in translation.active()}
    for m in translation.active():
        assert m.msgstr.strip(), m.msgctxt
        assert not m.fuzzy, m.msgctxt
    assert not [m for m in translation if m.obsolete]
    meta = translation.metadata
    assert meta["Language"] == "en"
    assert meta["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert "tmkit project" in meta["Last-Translator"]
    assert "tmkit project" in meta["Language-Team"]


def test_no_check_errors_or_warnings_with_the_glossary():
    run = check_files([PO], [TBX])
    bad = [f for f in run.findings if f.severity in ("error", "warning")]
    assert bad == [], "\n".join(f"{f.rule}: {f.unit}: {f.message}" for f in bad)


def test_tmx_validates_against_the_template_and_matches_the_po():
    result = validate_tmx(TMX, source=POT, target_lang="en", strict=True)
    assert result.ok and result.findings == [], result.findings
    assert result.units == len(read_po(POT))
    expected = format_tmx(catalog_to_memory(read_po(PO), "ja", "en"))
    assert TMX.read_text(encoding="utf-8") == expected
    assert read_tmx(TMX).header.srclang == "ja"


def test_csv_glossary_is_the_tbx_exported():
    assert CSV.read_text(encoding="utf-8") == dump_rows(read_tbx(TBX))
    concepts = {c.id for c in read_tbx(TBX)}
    assert len(concepts) >= 60
    for required in ("QST", "BA活動", "量子メス"):
        assert any(
            any(t.text.replace(" ", "") == required or required in t.text for t in c.terms)
            for c in read_tbx(TBX)
        ), required


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("path", [POT, PO], ids=["pot", "po"])
def test_gettext_leaves_the_files_unchanged(path):
    assert subprocess.run(["msgcat", str(path)], capture_output=True).stdout == path.read_bytes()
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    assert done.returncode == 0, done.stderr
