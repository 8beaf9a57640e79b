"""The spelling check: Hunspell's en_US dictionary through spylls, with its skips."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tmkit.checks import CheckContext
from tmkit.checks.checklist import load_checklist
from tmkit.checks.run import run_checks
from tmkit.checks.spelling import find_dictionary
from tmkit.glossary.matcher import GlossaryMatcher
from tmkit.model.glossary import Concept, Glossary, Term
from tmkit.model.units import Unit as Pair

HAVE_DICTIONARY = find_dictionary("en_US") is not None
needs_dictionary = pytest.mark.skipif(
    not HAVE_DICTIONARY and not os.environ.get("CI"),
    reason="no Hunspell en_US dictionary (apt-get install hunspell-en-us)",
)


def _words(source: str, target: str, ctx: CheckContext | None = None) -> list[str]:
    ctx = ctx or CheckContext(options={"spelling.on": True})
    found = run_checks([Pair(source, target, "u")], ctx, select=["spelling"])
    return [f.target[f.span[0] : f.span[1]] for f in found if f.span]


@needs_dictionary
@pytest.mark.parametrize(
    ("source", "target", "unknown"),
    [
        ("研究です。", "This is reserach on accelerators.", ["reserach"]),
        ("研究です。", "Researchers irradiated the samples.", []),
        ("研究です。", "Recieve the beam.", ["Recieve"]),  # sentence-initial: checked
        ("小安さん", "We met Dr. Koyasu.", []),  # a capitalised name inside a sentence
        ("研究です。", "See https://www.qst.go.jp/reserach or mail info@qst.go.jp.", []),
        ("研究です。", "COVID-19 and 3GeV beams at QST.", []),
        ("研究です。", "Use %s and {name} in <b>bold</b>.", []),
        ("SPring-8とNanoTerasuです。", "SPring-8 and NanoTerasu.", []),  # words of the source
        ("研究です。", "Koyasu's team.", []),  # sentence-initial name... in the glossary below
        ("研究です。", "Isn\u2019t it research? We\u2019re sure.", []),  # curly apostrophes
    ],
)
def test_spelling_table(source: str, target: str, unknown: list[str]) -> None:
    glossary = Glossary(
        (Concept("k", (Term("小安", "ja", "preferred"), Term("Koyasu", "en", "preferred"))),)
    )
    ctx = CheckContext(glossary=GlossaryMatcher(glossary), options={"spelling.on": True})
    assert _words(source, target, ctx) == unknown


@needs_dictionary
def test_project_word_list_and_switch(tmp_path: Path) -> None:
    qa = tmp_path / "qa.toml"
    (tmp_path / "words.txt").write_text("# project words\nreserach\n", encoding="utf-8")
    qa.write_text('[spelling]\nwords = ["nanoscale"]\nwordlist = "words.txt"\n', encoding="utf-8")
    ctx = load_checklist(qa).install(CheckContext())
    assert _words("研究", "Nanoscale reserach.", ctx) == []
    assert _words("研究", "Nanoscale reserach.") == ["Nanoscale", "reserach"]
    qa.write_text("[spelling]\nenabled = false\n", encoding="utf-8")
    assert _words("研究", "Reserach.", load_checklist(qa).install(CheckContext())) == []


def test_no_dictionary_means_no_findings() -> None:
    """A language with no installed dictionary: the rule is off, not an error."""
    assert find_dictionary("xx_XX") is None
    ctx = CheckContext(options={"spelling.lang": "xx_XX", "spelling.on": True})
    assert run_checks([Pair("a", "Zzzq qqxz.", "u")], ctx, select=["spelling"]) == []


@needs_dictionary
def test_off_unless_asked_for(tmp_path: Path) -> None:
    from tmkit.ops.check import check_files

    po = tmp_path / "t.po"
    po.write_text('msgid "研究"\nmsgstr "Reserach."\n', encoding="utf-8")
    assert check_files([po]).findings == [] or all(
        f.rule != "spelling" for f in check_files([po]).findings
    )
    assert [f.rule for f in check_files([po], select=["spelling"]).findings] == ["spelling"]
