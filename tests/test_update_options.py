"""`tmkit update`'s msgmerge options, each compared byte for byte with GNU msgmerge --previous
given the same option; and what msgmerge -U users expect of an in-place update (backups,
creating a missing translation)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats.po import read_po

runner = CliRunner()
MSGMERGE = shutil.which("msgmerge")
needs_msgmerge = pytest.mark.skipif(
    MSGMERGE is None and not os.environ.get("CI"), reason="GNU msgmerge is not installed"
)

OLD = r"""# Translator comment header
msgid ""
msgstr ""
"Project-Id-Version: foo 1\n"
"Language-Team: German <de@li.org>\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=3; plural=n%10==1 ? 0 : 1;\n"
"X-Custom: yes\n"

#: a.c:1
msgid "Hello %s"
msgstr "Hallo"

#, c-format
msgid "ok %d"
msgstr "ok %d"

#, range: 1..10
msgid "ranged"
msgstr "r"

msgid "apple"
msgstr "Apfel"

msgid "pear"
msgid_plural "pears"
msgstr[0] "Birne"
msgstr[1] ""

# kept
msgid "gone away"
msgstr "weg"

#: z.c:1
msgid "the quick brown fox"
msgstr "der schnelle braune Fuchs"
"""

NEW = r"""# SOME DESCRIPTIVE TITLE.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: PACKAGE VERSION\n"
"Report-Msgid-Bugs-To: bugs@x\n"
"POT-Creation-Date: 2024-01-01 00:00+0000\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
"Language: \n"
"Content-Type: text/plain; charset=CHARSET\n"
"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n"

#: b.c:2 b.c:9
#, c-format
msgid "Hello %s"
msgstr ""

#, c-format
msgid "ok %d"
msgstr ""

#, range: 1..20
msgid "ranged"
msgstr ""

#: c.c:5
msgid "apple"
msgid_plural "apples"
msgstr[0] ""
msgstr[1] ""

#: a.c:3
msgid "pear"
msgstr ""

msgid "new"
msgid_plural "news"
msgstr[0] ""
msgstr[1] ""

#: z.c:1
msgid "the quick brown fox!"
msgstr ""

#: m.c:7
msgid "banana"
msgstr ""
"""

COMPENDIUM = r"""msgid "banana"
msgstr "Banane"

msgid "new!"
msgstr "neu"
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    old, new, comp = tmp_path / "de.po", tmp_path / "new.pot", tmp_path / "comp.po"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    comp.write_text(COMPENDIUM, encoding="utf-8")
    return old, new, comp


OPTIONS = [
    [],
    ["-N"],
    ["--no-fuzzy-matching"],
    ["--sort-output"],
    ["--sort-by-file"],
    ["--add-location=file"],
    ["--add-location=never"],
    ["--no-location"],
    ["--lang=es"],
    ["--for-msgfmt"],
    ["-C", "{comp}"],
    ["--compendium", "{comp}", "-N"],
    ["--width=40"],
]


@needs_msgmerge
@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: " ".join(o) or "plain")
def test_same_bytes_as_msgmerge(files: tuple[Path, Path, Path], options: list[str]) -> None:
    old, new, comp = files
    options = [o.format(comp=comp) for o in options]
    gnu = old.with_name("gnu.po")
    subprocess.run(
        ["msgmerge", "--previous", "-q", *options, "-o", str(gnu), str(old), str(new)], check=True
    )
    ours = old.with_name("ours.po")
    result = runner.invoke(app, ["update", "-q", *options, "-o", str(ours), str(new), str(old)])
    assert result.exit_code == 0, result.stderr
    assert ours.read_bytes() == gnu.read_bytes()


def test_in_place_with_backups(files: tuple[Path, Path, Path]) -> None:
    old, new, _ = files
    before = old.read_bytes()
    assert (
        runner.invoke(app, ["update", "-q", "--backup=simple", str(new), str(old)]).exit_code == 0
    )
    assert old.with_name("de.po~").read_bytes() == before
    assert (
        runner.invoke(app, ["update", "-q", "--backup=numbered", str(new), str(old)]).exit_code == 0
    )
    assert (
        runner.invoke(app, ["update", "-q", "--backup=existing", str(new), str(old)]).exit_code == 0
    )
    assert old.with_name("de.po.~1~").is_file() and old.with_name("de.po.~2~").is_file()
    args = ["update", "-q", "--backup=simple", "--suffix=.bak", str(new), str(old)]
    assert runner.invoke(app, args).exit_code == 0
    assert old.with_name("de.po.bak").is_file()


def test_a_missing_translation_is_created_from_the_template(tmp_path: Path, files) -> None:
    _, new, _ = files
    po = tmp_path / "ja.po"
    result = runner.invoke(app, ["update", str(new), str(po)])
    assert result.exit_code == 0, result.stderr
    catalog = read_po(po)
    assert catalog.metadata["Language"] == "ja"
    assert "charset=UTF-8" in catalog.metadata["Content-Type"]
    assert not catalog.header.fuzzy
    assert [m.msgid for m in catalog.messages] == [m.msgid for m in read_po(new).messages]
    assert not any(m.translated or m.fuzzy for m in catalog.messages)
    # plural entries get the forms of the template's Plural-Forms (2 when it has none)
    apple = next(m for m in catalog.messages if m.msgid == "apple")
    assert apple.msgstr_plural == {0: "", 1: ""}


def test_fuzzy_threshold_and_its_old_name(files: tuple[Path, Path, Path]) -> None:
    old, new, _ = files
    for option in ("--fuzzy-threshold=99", "--threshold=99"):
        out = old.with_name("out.po")
        result = runner.invoke(app, ["update", "-q", option, "-o", str(out), str(new), str(old)])
        assert result.exit_code == 0, result.stderr
        fox = next(m for m in read_po(out).messages if m.msgid == "the quick brown fox!")
        assert fox.msgstr == ""  # 97 % is not above 99
    assert "--threshold" not in runner.invoke(app, ["update", "--help"]).stdout


def test_for_msgfmt_never_thins_out_the_translation_itself(files) -> None:
    old, new, _ = files
    result = runner.invoke(app, ["update", "--for-msgfmt", str(new), str(old)])
    assert result.exit_code == 2
    assert "-o" in result.stderr


def test_to_stdout(files: tuple[Path, Path, Path]) -> None:
    old, new, _ = files
    before = old.read_bytes()
    result = runner.invoke(app, ["update", "-q", "-o", "-", str(new), str(old)])
    assert result.exit_code == 0
    assert 'msgid "banana"' in result.stdout
    assert old.read_bytes() == before


def test_an_entry_that_left_keeps_every_translated_form(tmp_path: Path) -> None:
    """The documented difference: msgmerge drops an entry whose first form is empty."""
    old = tmp_path / "old.po"
    old.write_text('msgid "plum"\nmsgid_plural "plums"\nmsgstr[0] ""\nmsgstr[1] "Pflaumen"\n')
    new = tmp_path / "new.pot"
    new.write_text('msgid "other"\nmsgstr ""\n')
    assert runner.invoke(app, ["update", "-q", str(new), str(old)]).exit_code == 0
    gone = [m for m in read_po(old).messages if m.obsolete]
    assert [(m.msgid, m.msgstr_plural) for m in gone] == [("plum", {0: "", 1: "Pflaumen"})]


def test_a_plural_turned_singular_keeps_its_other_forms(tmp_path: Path) -> None:
    """The documented difference: msgmerge keeps the first form only."""
    old = tmp_path / "old.po"
    old.write_text('msgid "pear"\nmsgid_plural "pears"\nmsgstr[0] "Birne"\nmsgstr[1] "Birnen"\n')
    new = tmp_path / "new.pot"
    new.write_text('msgid "pear"\nmsgstr ""\n')
    assert runner.invoke(app, ["update", "-q", str(new), str(old)]).exit_code == 0
    (pear,) = read_po(old).messages
    assert (pear.msgstr, pear.fuzzy, pear.previous_msgid_plural) == ("Birne", True, "pears")
    assert pear.translator_comments == ['tmkit: was msgstr[1]: "Birnen"']


def test_a_template_is_recognised_by_content(files: tuple[Path, Path, Path]) -> None:
    old, new, _ = files
    odd = new.with_name("template.in2")
    shutil.copy(new, odd)
    assert runner.invoke(app, ["update", "-q", str(odd), str(old)]).exit_code == 0


def test_multi_domain_input_is_one_line_error(tmp_path: Path, files) -> None:
    _, new, _ = files
    po = tmp_path / "two.po"
    po.write_text('domain "a"\nmsgid "x"\nmsgstr "y"\ndomain "b"\nmsgid "x"\nmsgstr "z"\n')
    result = runner.invoke(app, ["update", str(new), str(po)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "domain" in result.stderr


@needs_msgmerge
def test_compendium_fuzzy_and_obsolete_entries_serve(tmp_path: Path) -> None:
    comp = tmp_path / "comp.po"
    comp.write_text(
        '#, fuzzy\nmsgid "banana"\nmsgstr "Banane"\n\n#~ msgid "kiwi"\n#~ msgstr "Kiwi"\n'
    )
    new = tmp_path / "new.pot"
    new.write_text(
        'msgid "banana"\nmsgstr ""\n\nmsgid "kiwi"\nmsgstr ""\n\nmsgid "kiwis"\nmsgstr ""\n'
    )
    old = tmp_path / "old.po"
    old.write_text('msgid "x"\nmsgstr ""\n')
    gnu = subprocess.run(
        ["msgmerge", "--previous", "-q", "-C", str(comp), "-o", "-", str(old), str(new)],
        capture_output=True,
        check=True,
    ).stdout
    result = runner.invoke(app, ["update", "-q", "-C", str(comp), "-o", "-", str(new), str(old)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == gnu


SMALL_CASES = {
    "template-with-translations": (
        'msgid "q"\nmsgstr ""\n',
        'msgid "a"\nmsgstr "pre"\n\n#, fuzzy\nmsgid "zz"\nmsgstr "ZZ"\n',
    ),
    "translation-header-without-template-header": (
        '# c\nmsgid ""\nmsgstr ""\n"X-A: 1\\n"\n"Project-Id-Version: p\\n"\n'
        '"Language-Team: German <x>\\n"\n\nmsgid "a"\nmsgstr "b"\n',
        'msgid "a"\nmsgstr ""\n',
    ),
    "format-flag-added": (
        'msgid "%d file"\nmsgstr "Datei"\n\nmsgid "%s ok"\nmsgstr "%s gut"\n',
        '#, c-format\nmsgid "%d file"\nmsgstr ""\n\n#, c-format\nmsgid "%s ok"\nmsgstr ""\n',
    ),
    "python-format-added": (
        'msgid "%(n)s items"\nmsgstr "%(m)s Dinge"\n\nmsgid "{x} ok"\nmsgstr "{x} gut"\n',
        '#, python-format\nmsgid "%(n)s items"\nmsgstr ""\n\n'
        '#, python-brace-format\nmsgid "{x} ok"\nmsgstr ""\n',
    ),
    "obsolete-comes-back": (
        'msgid "a"\nmsgstr "b"\n\n#~ msgid "c"\n#~ msgstr "d"\n',
        'msgid "c"\nmsgstr ""\n',
    ),
    "fuzzy-with-previous-kept": (
        '#, fuzzy\n#| msgid "old"\nmsgid "a"\nmsgstr "b"\n',
        'msgid "a"\nmsgstr ""\n',
    ),
}


@needs_msgmerge
@pytest.mark.parametrize("case", sorted(SMALL_CASES))
def test_small_cases_agree_with_msgmerge(case: str, tmp_path: Path) -> None:
    old_text, new_text = SMALL_CASES[case]
    old, new = tmp_path / "old.po", tmp_path / "new.pot"
    old.write_text(old_text)
    new.write_text(new_text)
    gnu = subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", str(old), str(new)],
        capture_output=True,
        check=True,
    ).stdout
    result = runner.invoke(app, ["update", "-q", "-o", "-", str(new), str(old)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == gnu
