"""The msgcat-stable suppression: a ``# tmkit-ignore: RULE reason`` translator comment."""

from __future__ import annotations

from tmkit.checks.run import pairs_from_catalog, run_checks
from tmkit.model import Catalog, Message


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
