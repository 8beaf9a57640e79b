"""The layering is checked, not hoped for: the import contracts in pyproject.toml hold,
and a deliberate violation breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_contracts_hold() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    (copy / "src/tmkit/model/upward.py").write_text("import tmkit.ops.check  # noqa\n")
    result = _lint(copy)
    assert result.returncode != 0
    assert "tmkit.model.upward -> tmkit.ops.check" in result.stdout


def test_a_file_library_outside_formats_breaks_the_contract(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    (copy / "src/tmkit/checks/parses.py").write_text("import lxml.etree  # noqa\n")
    result = _lint(copy)
    assert result.returncode != 0
    assert "tmkit.checks.parses -> lxml" in result.stdout


def test_typer_outside_the_cli_breaks_the_contract(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    (copy / "src/tmkit/ops/prints.py").write_text("import typer  # noqa\n")
    result = _lint(copy)
    assert result.returncode != 0
    assert "tmkit.ops.prints -> typer" in result.stdout


def test_a_command_opening_a_file_itself_breaks_the_contract(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    (copy / "src/tmkit/cli/opens.py").write_text("from tmkit.formats import io  # noqa\n")
    result = _lint(copy)
    assert result.returncode != 0
    assert "tmkit.cli.opens -> tmkit.formats" in result.stdout


def test_a_check_reading_a_file_breaks_the_gateway_contract(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    (copy / "src/tmkit/checks/reads.py").write_text("import tmkit.formats.io  # noqa\n")
    result = _lint(copy)
    assert result.returncode != 0
    assert "tmkit.checks.reads -> tmkit.formats.io" in result.stdout
