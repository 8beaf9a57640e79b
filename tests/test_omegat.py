"""OmegaT interop: glossary.txt (by content and by extension) and TMX 1.1 under validate."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats import io as gateway
from tmkit.formats.omegat import dump_omegat, parse_omegat, read_omegat, sniff
from tmkit.model.errors import ParseError

runner = CliRunner()
GLOSSARY = "# OmegaT glossary\n量子科学\tquantum science\tthe field\n理事長\tPresident\n\n"


def _shared() -> Path:
    near = Path(__file__).resolve().parents[2] / "shared"
    return near if near.is_dir() else Path("/work/shared")


SAMPLE = _shared() / "standards" / "samples" / "omegat-project_save-tmx11-zhCN-jaJP.tmx"


def test_read_write_round_trip(tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_text(GLOSSARY, encoding="utf-8")
    glossary = read_omegat(path)
    assert [(c.terms[0].text, c.terms[1].text, c.note) for c in glossary] == [
        ("量子科学", "quantum science", "the field"),
        ("理事長", "President", ""),
    ]
    assert parse_omegat(dump_omegat(glossary), "x") == glossary


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (GLOSSARY.encode(), True),
        (b"concept_id\tlanguage\tterm\nc1\tja\t\xe7\x8c\xab\n", False),  # tmkit's own TSV
        ("量子科学技術研究開発機構の理事長。\n次の文。\n".encode(), False),  # a source text
        (b"<?xml version='1.0'?><tmx/>", False),
    ],
)
def test_sniff(head, expected):
    assert sniff(head) is expected


def test_recognised_by_content_and_extension(tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_text(GLOSSARY, encoding="utf-8")
    assert gateway.detect(path, kind="glossary").name == "omegat"
    assert gateway.detect(tmp_path / "terms.utf8", kind="glossary").name == "omegat"
    result = runner.invoke(app, ["convert", str(path), "-o", str(tmp_path / "g.tbx")])
    assert result.exit_code == 0, result.output
    assert "quantum science" in (tmp_path / "g.tbx").read_text(encoding="utf-8")


def test_bad_line_is_located():
    with pytest.raises(ParseError) as err:
        parse_omegat("# c\n量子科学 without a tab\n", "glossary.txt")
    assert str(err.value).startswith("glossary.txt:2:")


@pytest.mark.skipif(not SAMPLE.is_file(), reason="shared/standards/samples absent")
def test_validate_tmx_11():
    plain = runner.invoke(app, ["validate", str(SAMPLE)])
    assert plain.exit_code == 1
    assert "--tmx-version 1.1" in plain.output
    ok = runner.invoke(app, ["validate", "--tmx-version", "1.1", str(SAMPLE)])
    assert ok.exit_code == 0, ok.output
    assert "0 error(s)" in ok.output


def test_validate_tmx_11_on_a_14_file(tmp_path):
    tmx = Path(__file__).resolve().parents[1] / "target" / "en" / "interview.tmx"
    result = runner.invoke(app, ["validate", "--tmx-version", "1.1", str(tmx)])
    assert result.exit_code == 1
    assert "--tmx-version 1.1 expects 1.1" in result.output
    bad = runner.invoke(app, ["validate", "--tmx-version", "2.0", str(tmx)])
    assert bad.exit_code == 2
