"""The published English interview: review fixes, glossary fixes and the rendered documents.

Pins what the publication review (issue 18) asked for, so a later edit cannot
quietly undo it: the flagged wordings are gone, the glossary carries the JSPS
fellowship's real name and QST's own casing of the Quantum Scalpel, unconfirmed
names say so, and the English text and Markdown documents carry no Japanese
typography, one quote style, and footnote markers that all resolve.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tmkit.formats.po import read_po
from tmkit.formats.tbx import read_tbx

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "target/en/interview.po"
TBX = ROOT / "glossary/qst.tbx"
TXT = ROOT / "target/en/interview.txt"
MD = ROOT / "target/en/interview.md"
RENDER = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["tmkit"][
    "render"
]


def translation(ctxt: str) -> str:
    return next(m.msgstr for m in read_po(PO).active() if m.msgctxt == ctxt)


# ---------------------------------------------------------------- review fixes

REVIEW_TABLE = {
    "s999c10a579": "allows the accelerator to be made smaller",
    "saf58ada0cb": "fusion, quantum and materials divisions",
    "s6dae652607": "Research Fellowship for Young Scientists program",
    "s2e10f9434c": "Quantum Technology Platform Hub and the Quantum Life Hub",
    "sf55c837c12": "its first period",
    "s1a806eed9b": "the second period",
    "s38245a7b95": "heavy-ion beams of carbon ions",
    "s355e8119cf": "Researchers, of course, but also",
    "s1db3e493b4": "we could not hold one",
    "s3c93bbba60": "among other things, which are key",
}


@pytest.mark.parametrize(("ctxt", "flagged"), REVIEW_TABLE.items())
def test_every_segment_of_the_review_table_is_edited(ctxt, flagged):
    assert flagged not in translation(ctxt)


def test_doubtful_source_claims_carry_a_translator_note():
    notes = {m.msgctxt: "\n".join(m.translator_comments) for m in read_po(PO).active()}
    assert "largest" in notes["s981955199d"] and "cyclotron" in notes["s981955199d"]
    assert "ITER" in notes["sf9fd69d6a4"] and "Doubtful" in notes["sf9fd69d6a4"]


# ---------------------------------------------------------------- glossary fixes


def concept(cid: str):
    return read_tbx(TBX).concept(cid)


def test_the_jsps_fellowship_has_its_official_plural_name():
    fellowship = concept("c-jsps-fellowship")
    (preferred,) = fellowship.preferred_terms("en")
    assert preferred.text == "Research Fellowships for Young Scientists"
    assert preferred.verified and "JSPS" in preferred.source
    assert "Research Fellowship for Young Scientists" not in {
        t.text for t in fellowship.terms_in("en")
    }
    assert "Research Fellowships for Young Scientists" in translation("s6dae652607")


def test_quantum_scalpel_follows_qst_casing_in_glossary_and_translation():
    scalpel = concept("c-quantum-scalpel")
    (preferred,) = scalpel.preferred_terms("en")
    assert preferred.text == "Quantum Scalpel" and preferred.case_sensitive
    for m in read_po(PO).active():
        if "量子メス" in m.msgid:
            assert "Quantum Scalpel" in m.msgstr and "quantum scalpel" not in m.msgstr


NAME_FIELDS = {"organisation", "facility", "program"}


def test_every_name_is_verified_with_a_source_or_admitted_with_a_note():
    for c in read_tbx(TBX):
        names = [t for t in c.allowed_terms("en") if t.part_of_speech == "properNoun"]
        for term in c.terms:
            assert not term.verified or term.source, (c.id, term.text, "verified without source")
        if c.subject_field not in NAME_FIELDS or not names:
            continue
        if any(t.verified for t in c.preferred_terms("en")):
            continue  # acronyms and short forms of a verified name
        for term in names:
            assert term.status == "admitted" and term.note, (c.id, term.text)


@pytest.mark.parametrize(
    "cid",
    ["c-nanoterasu-center", "c-qls-society", "c-takasaki-institute", "c-kansai-institute"],
)
def test_the_names_the_review_found_unconfirmed_are_admitted_with_a_note(cid):
    for term in concept(cid).terms_in("en"):
        assert term.status == "admitted" and "not verified" in term.note


# ---------------------------------------------------------------- rendered documents

DOCUMENTS = [TXT, MD]
JAPANESE_BRACKETS = "【】〈〉《》「」『』（）［］｛｝＜＞〔〕"
REF = {TXT: re.compile(r"(?<!^)\[(\d+)\]", re.M), MD: re.compile(r"\[\^(\d+)\](?!:)")}
NOTE = {TXT: re.compile(r"^\[(\d+)\] ", re.M), MD: re.compile(r"^\[\^(\d+)\]: ", re.M)}


@pytest.mark.parametrize("path", DOCUMENTS, ids=["txt", "md"])
def test_no_japanese_typography(path):
    text = path.read_text(encoding="utf-8")
    assert "\u2500" not in text
    assert not [ch for ch in text if ch in JAPANESE_BRACKETS or "\uff00" <= ch <= "\uffef"]
    assert "<" not in text and ">" not in text
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text)
    assert "\n\n\n" not in text


@pytest.mark.parametrize("path", DOCUMENTS, ids=["txt", "md"])
def test_one_quote_style(path):
    text = path.read_text(encoding="utf-8")
    straight, curly = set("'\""), set("“”‘’")
    used = {ch for ch in text if ch in straight | curly}
    expected = curly if RENDER["quotes"] == "curly" else straight
    assert used and used <= expected, used - expected


@pytest.mark.parametrize("path", DOCUMENTS, ids=["txt", "md"])
def test_every_footnote_marker_resolves_to_a_note(path):
    text = path.read_text(encoding="utf-8")
    refs = REF[path].findall(NOTE[path].sub("", text))
    notes = NOTE[path].findall(text)
    assert refs and sorted(notes) == sorted(set(notes)), notes
    assert set(refs) == set(notes)
    assert "Note 1)" not in text and "[Note" not in text


def test_questions_headings_and_captions_follow_the_configured_style():
    txt = TXT.read_text(encoding="utf-8").splitlines()
    md = MD.read_text(encoding="utf-8").splitlines()
    prefix = {"q": "Q: ", "dash": "— "}[RENDER["question"]]
    questions = [m for m in read_po(PO).active() if "role: question" in m.extracted_comments[0]]
    first = questions[0].msgstr
    assert any(line.startswith(prefix + first) for line in txt)
    assert any(line.startswith(f"**{prefix}{first}") and line.endswith("**") for line in md)
    assert md[0].startswith("# ") and "## About QST" in md
    assert "About QST" in txt and txt[txt.index("About QST") + 1] == "-" * len("About QST")
    label = RENDER["caption"].split("{text}")[0]
    captions = [line for line in txt if line.startswith(label)]
    assert len(captions) == 6
    assert sum(line.startswith(f"*{label}") and line.endswith("*") for line in md) == 6
