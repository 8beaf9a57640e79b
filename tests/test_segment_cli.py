"""`tmkit extract` with built-in and ``--srx`` rules, through typer's runner and the entry point."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app

HERE = Path(__file__).parent
OKAPI = HERE / "data" / "srx" / "okapi-defaultSegmentation.srx"
BAD_REGEX = HERE / "bad" / "srx" / "invalid-regex.srx"
LINE = "彼は「行く。」と言った。次へ。\n"


def _msgids(pot: Path) -> list[str]:
    lines = pot.read_text(encoding="utf-8").splitlines()
    return [line[len('msgid "') : -1] for line in lines if line.startswith('msgid "')][1:]


def test_builtin_rules_keep_the_quote_whole(tmp_path: Path) -> None:
    source = tmp_path / "doc.txt"
    source.write_text(LINE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(source), "-o", str(tmp_path / "doc.pot")])
    assert result.exit_code == 0, result.output
    assert _msgids(tmp_path / "doc.pot") == ["彼は「行く。」と言った。", "次へ。"]


def test_srx_option_uses_the_foreign_rules_as_they_are(tmp_path: Path) -> None:
    source = tmp_path / "doc.txt"
    source.write_text(LINE, encoding="utf-8")
    argv = ["extract", str(source), "-o", str(tmp_path / "doc.pot"), "--srx", str(OKAPI)]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    assert _msgids(tmp_path / "doc.pot") == ["彼は「行く。", "」と言った。", "次へ。"]


def test_bad_srx_is_one_located_line_and_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "doc.txt"
    source.write_text(LINE, encoding="utf-8")
    argv = ["extract", str(source), "-o", str(tmp_path / "doc.pot"), "--srx", str(BAD_REGEX)]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2
    assert f"{BAD_REGEX}:8:28: invalid regex in <beforebreak>" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "doc.pot").exists()


def _entry_point() -> str | None:
    beside = Path(sys.executable).parent / "tmkit"
    return str(beside) if beside.exists() else shutil.which("tmkit")


@pytest.mark.skipif(_entry_point() is None, reason="the tmkit entry point is not installed")
def test_entry_point_reports_bad_srx(tmp_path: Path) -> None:
    source = tmp_path / "doc.txt"
    source.write_text(LINE, encoding="utf-8")
    argv = [_entry_point(), "extract", str(source), "-o", str(tmp_path / "doc.pot")]
    done = subprocess.run([*argv, "--srx", str(BAD_REGEX)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"{BAD_REGEX}:8:28: invalid regex in <beforebreak>: unterminated character set"
    ]
