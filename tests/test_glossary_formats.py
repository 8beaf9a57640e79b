"""Glossary formats: CSV/TSV reader and writer, spreadsheet safety, bad inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmkit.formats import io
from tmkit.formats.csvglossary import dump_rows, escape_cell, parse_rows, read_csv, read_tsv
from tmkit.model.errors import ParseError
from tmkit.model.glossary import Concept, Glossary, Term

DATA = Path(__file__).parent / "data" / "glossary"
BAD = Path(__file__).parent / "bad" / "glossary"
HEADER = (
    "concept_id,subject_field,definition,concept_note,language,term,status,"
    "part_of_speech,term_type,term_note,case_sensitive\n"
)


def test_reads_the_sample_concepts_terms_and_fields():
    g = read_csv(DATA / "qst-sample.csv")
    assert [c.id for c in g] == ["qst", "koyasu", "heavy-ion", "president", "formula"]
    qst = g.concept("qst")
    assert qst.subject_field == "organisation"
    assert qst.definition.startswith("The National Institutes")
    assert qst.note == "Use the full name at first mention."
    assert [t.text for t in qst.preferred_terms("ja")] == ["量子科学技術研究開発機構"]
    assert [t.text for t in qst.allowed_terms("en")] == [
        "National Institutes for Quantum Science and Technology",
        "QST",
    ]
    assert [t.text for t in qst.forbidden_terms("en")] == [
        "National Institute for Quantum Science and Technology"
    ]
    qst_en = qst.terms_in("en")[1]
    assert qst_en.case_sensitive and qst_en.term_type == "acronym"
    assert qst_en.part_of_speech == "properNoun"


def test_concept_fields_come_from_the_first_row_that_has_them():
    text = HEADER + "c1,,,,ja,量子,,,,,\nc1,physics,quantum things,,en,quantum,,,,,\n"
    concept = parse_rows(text, "t.csv").concept("c1")
    assert concept.subject_field == "physics"
    assert concept.definition == "quantum things"


def test_empty_status_means_admitted_and_is_written_explicitly():
    g = parse_rows(HEADER + "c1,,,,ja,量子,,,,,\n", "t.csv")
    assert g.concept("c1").terms[0].status == "admitted"
    assert dump_rows(g).splitlines()[1] == "c1,,,,ja,量子,admitted,,,,,,"


def test_only_required_columns_are_needed_tsv():
    g = read_tsv(DATA / "qst-sample.tsv")
    terms = g.concept("qst").terms
    assert [(t.lang, t.text, t.status) for t in terms] == [
        ("ja", "量子科学技術研究開発機構", "preferred"),
        ("en", "QST", "admitted"),
    ]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+81 3", "'+81 3"),
        ("-dashed", "'-dashed"),
        ("@synergy", "'@synergy"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("'quoted'", "''quoted'"),
        ("plain", "plain"),
        ("a=b", "a=b"),
    ],
)
def test_cells_a_spreadsheet_would_evaluate_are_neutralised(cell, written):
    assert escape_cell(cell) == written


def test_escaped_cells_read_back_unchanged():
    term = Term("=1+1", "en", note="'quoted'\n-minus")
    g = Glossary((Concept("@c", (term,), definition="+plus", subject_field="-x"),))
    text = dump_rows(g)
    assert "'=1+1" in text and "''quoted'" in text and "'@c" in text
    assert parse_rows(text, "t.csv").concepts == g.concepts


def test_writer_output_is_the_golden_file():
    g = read_csv(DATA / "qst-sample.csv")
    assert dump_rows(g) == (DATA / "qst-sample.expected.csv").read_text(encoding="utf-8")


def test_hand_written_leading_quote_is_taken_as_the_escape():
    g = read_csv(DATA / "qst-sample.csv")
    assert g.concept("formula").terms[2].note == "quoted' and -dashed"


def test_registry_knows_the_glossary_adapters():
    assert io.detect("x.tbx", kind="glossary").name == "tbx"
    assert io.detect("x.csv", kind="glossary").name == "csv"
    assert io.detect("x.TSV", kind="glossary").name == "tsv"


BAD_CSV_CASES = [
    ("missing-term-column.csv", 1, "missing required column 'term'"),
    ("missing-language-column.csv", 1, "missing required column 'language'"),
    ("unknown-column.csv", 1, "unknown column 'part_of_speach'"),
    ("bad-status.csv", 2, "status 'favourite'"),
    ("bad-case-sensitive.csv", 2, "case_sensitive is 'true'"),
    ("bad-part-of-speech.csv", 2, "part_of_speech 'pronoun'"),
    ("bad-term-type.csv", 2, "term_type 'synonym'"),
    ("bad-language.csv", 2, "not a BCP 47 tag"),
    ("non-adjacent.csv", 4, "must be adjacent"),
    ("disagreeing-definition.csv", 3, "definition differs"),
    ("empty-concept-id.csv", 2, "empty concept_id"),
    ("empty-term.csv", 2, "empty term"),
    ("too-many-cells.csv", 2, "12 cells"),
    ("not-utf8.csv", 2, "not UTF-8"),
    ("unterminated-quote.csv", 2, "malformed CSV"),
    ("empty.csv", 1, "header row"),
]


@pytest.mark.parametrize(("name", "line", "message"), BAD_CSV_CASES)
def test_bad_csv_is_a_located_parse_error(name, line, message):
    with pytest.raises(ParseError) as info:
        read_csv(BAD / name)
    err = info.value
    assert message in err.message
    assert err.path == str(BAD / name)
    assert err.line == line


def test_every_bad_csv_file_is_in_the_table():
    on_disk = {p.name for p in BAD.glob("*.csv")}
    assert on_disk == {case[0] for case in BAD_CSV_CASES}


def test_verified_and_source_columns_are_read_and_written():
    header = HEADER.rstrip("\n") + ",verified,source\n"
    text = header + "c1,,,,en,RIKEN,preferred,properNoun,,,yes,yes,RIKEN website: 'About RIKEN'\n"
    term = parse_rows(text, "t.csv").concept("c1").terms[0]
    assert term.verified and term.case_sensitive
    assert term.source == "RIKEN website: 'About RIKEN'"
    assert dump_rows(parse_rows(text, "t.csv")) == text
    # files without the columns still read: unverified, no source
    old = parse_rows(HEADER + "c1,,,,en,RIKEN,,,,,\n", "t.csv").concept("c1").terms[0]
    assert not old.verified and old.source == ""


def test_verified_takes_yes_or_nothing():
    text = HEADER.rstrip("\n") + ",verified\nc1,,,,en,RIKEN,,,,,,true\n"
    with pytest.raises(ParseError, match="verified is 'true'"):
        parse_rows(text, "t.csv")
