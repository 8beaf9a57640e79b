"""`tmkit convert` for glossaries, through CliRunner and the installed entry point."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app

DATA = Path(__file__).parent / "data" / "glossary"
BAD = Path(__file__).parent / "bad" / "glossary"
runner = CliRunner()


def test_convert_tbx_to_csv_is_the_golden_file(tmp_path):
    out = tmp_path / "qst.csv"
    result = runner.invoke(app, ["convert", str(DATA / "qst-sample.tbx"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (DATA / "qst-sample.expected.csv").read_bytes()


def test_convert_csv_to_tbx_to_tsv_and_back(tmp_path):
    tbx, tsv, csv = tmp_path / "g.tbx", tmp_path / "g.tsv", tmp_path / "g.csv"
    for src, dst in [(DATA / "qst-sample.expected.csv", tbx), (tbx, tsv), (tsv, csv)]:
        result = runner.invoke(app, ["convert", str(src), "-o", str(dst)])
        assert result.exit_code == 0, result.output
    assert tbx.read_bytes() == (DATA / "qst-sample.tbx").read_bytes()
    assert csv.read_bytes() == (DATA / "qst-sample.expected.csv").read_bytes()
    assert "\t" in tsv.read_text(encoding="utf-8").splitlines()[0]


def test_convert_with_explicit_formats(tmp_path):
    src = tmp_path / "glossary.txt"
    shutil.copy(DATA / "qst-sample.tsv", src)
    out = tmp_path / "out.data"
    result = runner.invoke(
        app, ["convert", str(src), "-o", str(out), "--from", "tsv", "--to", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("concept_id,subject_field,")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["convert", str(BAD / "missing-term-column.csv"), "-o", "{tmp}/x.tbx"],
            f"{BAD / 'missing-term-column.csv'}:1: missing required column 'term'",
        ),
        (
            ["convert", str(BAD / "malformed.tbx"), "-o", "{tmp}/x.csv"],
            f"{BAD / 'malformed.tbx'}:8:",
        ),
        (
            ["convert", str(DATA / "qst-sample.csv"), "-o", "{tmp}/x.docx"],
            "cannot read .docx files as a glossary",
        ),
        (
            ["convert", str(DATA / "qst-sample.csv"), "-o", "{tmp}/x.csv", "--to", "nope"],
            "unknown format 'nope'",
        ),
    ],
)
def test_unusable_input_exits_2_with_one_line(tmp_path, args, expected):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0]
    assert "Traceback" not in result.output


def test_convert_refuses_to_overwrite_its_input(tmp_path):
    src = tmp_path / "g.csv"
    shutil.copy(DATA / "qst-sample.csv", src)
    before = src.read_bytes()
    result = runner.invoke(app, ["convert", str(src), "-o", str(src)])
    assert result.exit_code == 2
    assert src.read_bytes() == before


def test_installed_entry_point_converts(tmp_path):
    exe = shutil.which("tmkit", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the tmkit entry point is not installed next to this Python")
    out = tmp_path / "qst.csv"
    proc = subprocess.run(
        [exe, "convert", str(DATA / "qst-sample.tbx"), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == (DATA / "qst-sample.expected.csv").read_bytes()
    proc = subprocess.run(
        [exe, "convert", str(BAD / "xxe.tbx"), "-o", str(tmp_path / "x.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert (
        proc.stderr.strip()
        .splitlines()[0]
        .startswith(f"{BAD / 'xxe.tbx'}:2:16: entity declarations are not allowed")
    )


def test_the_project_csv_is_what_convert_makes_of_the_master_tbx(tmp_path):
    repo = Path(__file__).resolve().parent.parent
    master, generated = repo / "glossary" / "qst.tbx", repo / "glossary" / "qst.csv"
    if not (master.exists() and generated.exists()):
        pytest.skip("the project glossary (glossary/qst.tbx, qst.csv) is not in this checkout")
    out = tmp_path / "qst.csv"
    result = runner.invoke(app, ["convert", str(master), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == generated.read_bytes(), (
        "glossary/qst.csv is stale: run tmkit convert glossary/qst.tbx -o glossary/qst.csv"
    )
