"""Allowed word forms of target terms: listed, wildcard and lemmatised (tmkit:forms)."""

from __future__ import annotations

import pytest

from tmkit.formats.csvglossary import parse_rows
from tmkit.glossary.forms import form_spec, lemma_forms, word_forms
from tmkit.glossary.matcher import GlossaryMatcher
from tmkit.model.glossary import Concept, Glossary, Term


def _matcher(en: str, note: str = "", ja: str = "感度") -> GlossaryMatcher:
    concept = Concept("c", (Term(ja, "ja", "preferred"), Term(en, "en", "preferred", note=note)))
    return GlossaryMatcher(Glossary((concept,)))


def _rendered(matcher: GlossaryMatcher, source: str, target: str) -> bool:
    (check,) = matcher.check_pair(source, target)
    return check.rendered


@pytest.mark.parametrize(
    ("note", "target", "rendered"),
    [
        ("", "The sensor is very sensitive.", False),
        ("", "The sensitivity is high.", True),
        ("", "Sensitivities differ.", True),
        ("tmkit:forms sensitive", "The sensor is very sensitive.", True),
        ("tmkit:forms: sensitive, sensitively", "It reacts sensitively.", True),
        ("tmkit:forms=sensitive|sensitively", "It reacts sensitively.", True),
        ("tmkit:forms sensitiv*", "The sensor is very sensitive.", True),
        ("tmkit:forms sensitiv*", "It reacts sensitively.", True),
        ("tmkit:forms sensitiv*", "It is insensitive.", False),
        ("tmkit:forms sensitive", "It is insensitive.", False),
        ("tmkit:forms lemma", "The sensor is very sensitive.", False),
    ],
)
def test_forms_table(note: str, target: str, rendered: bool) -> None:
    assert _rendered(_matcher("sensitivity", note), "感度が高い。", target) is rendered


@pytest.mark.parametrize(
    ("note", "target", "rendered"),
    [
        ("", "We use beams of charged particles.", True),  # plural inner words: always
        ("", "We use a beam of charged particles.", True),
        ("tmkit:forms lemma", "We use beams of charged particles.", True),
        ("tmkit:forms lemma", "The beam of charged particle was bent.", True),
        ("tmkit:forms lemma", "We use beams of neutral particles.", False),
    ],
)
def test_lemmatised_multiword_terms(note: str, target: str, rendered: bool) -> None:
    matcher = _matcher("beam of charged particle", note, ja="荷電粒子ビーム")
    assert _rendered(matcher, "荷電粒子ビームを使います。", target) is rendered


def test_form_spec_parsing() -> None:
    spec = form_spec("a note\ntmkit:forms sensitive; sensitiv*ly; lemma")
    assert spec.forms == ("sensitive",)
    assert spec.patterns == ("sensitiv*ly",)
    assert spec.lemma
    assert not form_spec("no forms here")


def test_lemmatiser_works_offline() -> None:
    assert {"study", "studies", "studied"} <= set(word_forms("studies"))
    assert "beams of particles" in lemma_forms("beam of particle")


def test_forbidden_forms_are_reported_as_forbidden() -> None:
    concept = Concept(
        "c",
        (
            Term("感度", "ja", "preferred"),
            Term("sensitivity", "en", "preferred"),
            Term("sensibility", "en", "deprecated", note="tmkit:forms sensib*"),
        ),
    )
    (check,) = GlossaryMatcher(Glossary((concept,))).check_pair("感度", "It is sensible.")
    assert [h.text for h in check.forbidden_found] == ["sensible"]


def test_csv_forms_column() -> None:
    text = (
        "concept_id,language,term,status,forms\n"
        "c,ja,感度,preferred,\n"
        "c,en,sensitivity,preferred,sensitive\n"
    )
    glossary = parse_rows(text, "g.csv")
    assert _rendered(GlossaryMatcher(glossary), "感度", "It is sensitive.")


def test_lemma_note_line_and_wildcard_terms() -> None:
    assert form_spec("tmkit:lemma").lemma
    matcher = _matcher("sensitiv*")
    assert _rendered(matcher, "感度", "It is sensitive.")
    assert not _rendered(matcher, "感度", "It is insensitive.")


def test_tbx_forms_data_category(tmp_path) -> None:
    from tmkit.formats.tbx import read_tbx

    tbx = tmp_path / "g.tbx"
    tbx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
        "<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>"
        '<text><body><conceptEntry id="c">'
        '<langSec xml:lang="ja"><termSec><term>感度</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>sensitivity</term>'
        '<termNote type="tmkit:forms">sensitive</termNote></termSec></langSec>'
        "</conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    assert _rendered(GlossaryMatcher(read_tbx(tbx)), "感度", "It is sensitive.")
