"""`tmkit report` through typer's CliRunner and the installed entry point."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "report"
BAD = ROOT / "tests" / "bad" / "report"
REVIEW = DATA / "review.po"
GLOSSARY = DATA / "glossary.csv"
REFERENCE = DATA / "reference.po"

runner = CliRunner()


def test_writes_the_page_and_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    args = ["report", str(REVIEW), "-g", str(GLOSSARY), "--ref", str(REFERENCE), "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.endswith("</html>\n")
    assert ">chrF</th>" in html and "glossary.forbidden" in html
    assert "wrote" in result.output and "6 error(s), 1 warning(s)" in result.output
    # Idempotent: a second run writes the same bytes, and leaves no temp file behind.
    first = out.read_bytes()
    assert runner.invoke(app, args).exit_code == 0
    assert out.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


@pytest.mark.parametrize(
    ("fail_on", "code"), [("none", 0), ("error", 1), ("warning", 1), ("ERROR", 1)]
)
def test_fail_on(tmp_path: Path, fail_on: str, code: int) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(REVIEW), "-o", str(out), "--fail-on", fail_on])
    assert result.exit_code == code, result.output
    assert out.is_file()  # written whatever the exit code


def test_fail_on_passes_a_clean_file(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(REFERENCE), "-o", str(out), "--fail-on", "warning"])
    # The reference holds one fuzzy entry: a warning.
    assert result.exit_code == 1
    clean = tmp_path / "clean.po"
    clean.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "加速器"\nmsgstr "accelerator"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["report", str(clean), "-o", str(out), "--fail-on", "warning"])
    assert result.exit_code == 0, result.output


def test_tmx_input(tmp_path: Path) -> None:
    tmx = ROOT / "tests" / "data" / "checks" / "small.tmx"
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(tmx), "-o", str(out)])
    assert result.exit_code == 0, result.output
    # the segments are the page's JSON data (issue 16): one per unit
    assert '<script type="application/json" id="review-data">' in out.read_text(encoding="utf-8")
    assert '"parts":[[[' in out.read_text(encoding="utf-8")  # html_data: parts, maps first


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such.po"], "/no/such.po: no such file"),
        ([str(BAD / "notes.txt")], "cannot read .txt files as translations"),
        ([str(BAD / "broken.po")], "broken.po:"),
        ([str(REVIEW), "-g", "/no/glossary.tbx"], "glossary.tbx: no such file"),
        ([str(REVIEW), "--ref", str(BAD / "broken.po")], "broken.po:"),
        ([str(REVIEW), "--fail-on", "sometimes"], "unknown --fail-on 'sometimes'"),
        ([str(DATA)], "is a directory"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", *args, "-o", str(out)])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_output_folder_must_exist(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "r.html"
    result = runner.invoke(app, ["report", str(REVIEW), "-o", str(out)])
    assert result.exit_code == 2
    assert "no such directory" in result.output.strip()
    result = runner.invoke(app, ["report", str(REVIEW), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is a directory" in result.output


def test_output_is_required() -> None:
    result = runner.invoke(app, ["report", str(REVIEW)])
    assert result.exit_code == 2


def _entry_point() -> str:
    exe = shutil.which("tmkit", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the tmkit entry point is not installed next to this Python")
    return exe


def test_entry_point(tmp_path: Path) -> None:
    exe = _entry_point()
    out = tmp_path / "report.html"
    proc = subprocess.run(
        [exe, "report", str(REVIEW), "-g", str(GLOSSARY), "-o", str(out), "--fail-on", "error"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    assert "6 error(s)" in proc.stderr
    assert 'class="t-src"' in out.read_text(encoding="utf-8")
    bad = subprocess.run(
        [exe, "report", str(BAD / "broken.po"), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr
