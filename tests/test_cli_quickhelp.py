"""`tmkit --help` printed without typer is the page typer prints, byte for byte.

The quick page (`tmkit.cli.quickhelp`) is tmkit's own layout of click's; these
tests hold it to typer's rendering at every width from the narrowest to past the
widest, for both usage layouts, and hold its summary cutting to click's on random
text. Through the installed entry point: the page comes without importing typer,
and shell completion still goes through typer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer._click.utils import make_default_short_help
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.cli.quickhelp import (
    page_width,
    program_name,
    render,
    short_summary,
    wants_quick_help,
)

EXE = Path(sys.executable).with_name("tmkit")


def typer_page(program: str, width: int) -> str:
    """typer's page at formatter ``width`` (its CliRunner would force 78)."""
    done = CliRunner().invoke(app, ["--help"], prog_name=program, terminal_width=width)
    assert done.exit_code == 0, done.output
    return done.output


@pytest.mark.parametrize("width", [*range(50, 80), 100, 200])
def test_page_equals_typers_at_every_width(width: int) -> None:
    assert render("tmkit", width) == typer_page("tmkit", width)


PROGRAMS = ["python -m tmkit", "t", "a-program-name-long-enough-to-push-the-usage-down"]


@pytest.mark.parametrize("program", PROGRAMS)
def test_page_equals_typers_for_any_program_name(program: str) -> None:
    assert render(program, 58) == typer_page(program, 58)


@pytest.mark.parametrize(
    ("environ", "width"),
    [
        ({"COLUMNS": "120"}, 78),
        ({"COLUMNS": "80"}, 78),
        ({"COLUMNS": "61"}, 59),
        ({"COLUMNS": "52"}, 50),
        ({"COLUMNS": "10"}, 50),
    ],
)
def test_page_width_follows_columns_within_clicks_bounds(
    environ: dict[str, str], width: int
) -> None:
    assert page_width(environ) == width


@pytest.mark.parametrize("columns", ["", "0", "-5", "wide"])
def test_page_width_without_usable_columns_asks_the_terminal(
    columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((66, 24)))
    assert page_width({"COLUMNS": columns}) == 64
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: (_ for _ in ()).throw(OSError()))
    assert page_width({"COLUMNS": columns}) == 78


@pytest.mark.parametrize(
    ("argv0", "package", "name"),
    [
        ("/usr/local/bin/tmkit", None, "tmkit"),
        ("/usr/local/bin/tmkit", "", "tmkit"),
        ("/src/tmkit/__main__.py", "tmkit", "python -m tmkit"),
        ("/src/tmkit/cli.py", "tmkit", "python -m tmkit.cli"),
    ],
)
def test_program_name_as_click_detects_it(argv0: str, package: str | None, name: str) -> None:
    assert program_name(argv0, package) == name


@pytest.mark.parametrize(
    ("argv", "environ", "quick"),
    [
        (["tmkit", "--help"], {}, True),
        (["tmkit", "--help"], {"_TMKIT_COMPLETE": "bash_source"}, False),
        (["tmkit"], {}, False),
        (["tmkit", "check", "--help"], {}, False),
        (["tmkit", "--help", "--version"], {}, False),
        (["tmkit", "-h"], {}, False),
    ],
)
def test_only_the_bare_help_is_quick(argv: list[str], environ: dict[str, str], quick: bool) -> None:
    assert wants_quick_help(argv, environ) is quick


words = st.text(alphabet=st.sampled_from("ab.,:→ー字-"), min_size=1, max_size=12).filter(
    lambda w: w.strip() == w and w
)


@given(st.lists(words, min_size=1, max_size=20), st.integers(min_value=0, max_value=90))
def test_summary_cut_equals_clicks(text: list[str], limit: int) -> None:
    summary = " ".join(text)
    assert short_summary(summary, limit) == make_default_short_help(summary, limit)


@pytest.mark.parametrize("columns", ["30", "66", "200"])
def test_installed_entry_point_prints_typers_page_without_typer(columns: str) -> None:
    env = {**os.environ, "COLUMNS": columns}
    typer_run = [
        sys.executable,
        "-c",
        "from tmkit.cli import app; app(prog_name='tmkit')",
        "--help",
    ]
    expected = subprocess.run(typer_run, env=env, capture_output=True, text=True)
    assert expected.returncode == 0, expected.stderr[-2000:]
    env["PYTHONPROFILEIMPORTTIME"] = "1"
    done = subprocess.run([str(EXE), "--help"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == expected.stdout
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert "tmkit.cli.quickhelp" in imported
    assert not {m for m in imported if m.split(".")[0] in {"typer", "click", "rich"}}


def test_completion_still_goes_through_typer() -> None:
    env = {**os.environ, "_TMKIT_COMPLETE": "complete_bash", "COMP_WORDS": "tmkit --he"}
    env |= {"COMP_CWORD": "1", "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run([str(EXE), "--help"], env=env, capture_output=True, text=True)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert "typer" in imported
    assert "Usage:" not in done.stdout


def test_help_with_stdout_closed_or_unable_to_encode_it() -> None:
    closed = subprocess.run(["sh", "-c", f"'{EXE}' --help >&-"], capture_output=True, text=True)
    assert (closed.returncode, closed.stderr) == (0, "")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "80"}
    script = "from tmkit.cli import app; app(prog_name='tmkit')"
    expected = subprocess.run(
        [sys.executable, "-c", script, "--help"], env=env, capture_output=True
    )
    done = subprocess.run([str(EXE), "--help"], env=env, capture_output=True)
    assert (done.returncode, done.stdout) == (0, expected.stdout)
