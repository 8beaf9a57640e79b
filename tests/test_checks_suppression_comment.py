"""The msgcat-stable suppression: a ``# tmkit-ignore: RULE reason`` translator comment."""

from __future__ import annotations

from tmkit.checks.run import run_checks
from tmkit.model import Catalog, Message
from tmkit.ops.check import catalog_check_units as pairs_from_catalog


def findings(comments):
    msg = Message(
        msgid="RIDFは加速器である。",
        msgstr="The RIBF is an accelerator.",
        msgctxt="s1",
        translator_comments=comments,
    )
    pairs = pairs_from_catalog(Catalog(messages=[msg]), "x.po")
    return {f.rule for f in run_checks(pairs)}


def test_comment_names_rules_and_keeps_a_reason():
    assert "latin.mismatch" in findings([])
    assert "latin.mismatch" not in findings(
        ["tmkit-ignore: latin.mismatch the source's RIDF is a typo for RIBF"]
    )


def test_reason_words_that_name_rules_are_not_rules():
    # "fuzzy" after the reason starts is prose, not a second suppression
    rules = findings(["tmkit-ignore: latin.mismatch because fuzzy matching found it"])
    assert "latin.mismatch" not in rules


def test_families_and_lists():
    assert "latin.mismatch" not in findings(["tmkit-ignore: number, latin — typo in source"])
    assert "latin.mismatch" in findings(["tmkit-ignore: typo latin.mismatch"])


def test_latin_token_that_the_glossary_maps_is_satisfied_by_its_rendering():
    from tmkit.checks.base import CheckContext
    from tmkit.checks.glossary import build_matcher
    from tmkit.model.glossary import Concept, Glossary, Term

    glossary = Glossary(
        (
            Concept(
                "c-jt60sa",
                (
                    Term("JT-60SA", "ja", "preferred"),
                    Term("JT60SA", "ja", "deprecated"),
                    Term("JT-60SA", "en", "preferred"),
                ),
            ),
        )
    )
    msg = Message(
        msgid="那珂研究所のJT60SAが挙げられる。",
        msgstr="One example is JT-60SA at Naka.",
        msgctxt="s1",
    )
    pairs = pairs_from_catalog(Catalog(messages=[msg]), "x.po")
    assert "latin.mismatch" in {f.rule for f in run_checks(pairs)}
    ctx = CheckContext(glossary=build_matcher(glossary))
    assert "latin.mismatch" not in {f.rule for f in run_checks(pairs, ctx)}
    wrong = Message(msgid=msg.msgid, msgstr="One example is the tokamak at Naka.", msgctxt="s1")
    rules = {f.rule for f in run_checks(pairs_from_catalog(Catalog(messages=[wrong]), "x"), ctx)}
    assert {"latin.mismatch", "glossary.missing"} <= rules
