"""`tmkit.cli.params`: plain CLI values converted without pydantic, as typer's adapters do."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
import typer.core
from typer.testing import CliRunner

from tmkit.cli import params

pytestmark = pytest.mark.skipif(params._core is None, reason="typer without _coercion")


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def show(
        files: list[Path] = typer.Argument(None),
        name: str = typer.Option("x", "--name"),
        out: Path | None = typer.Option(None, "--out"),
        must: Path | None = typer.Option(None, "--must", exists=True, dir_okay=False),
        tags: list[str] = typer.Option(None, "--tag"),
        flag: bool = typer.Option(False, "--flag"),
        count: int = typer.Option(1, "--count"),
    ) -> None:
        typer.echo(repr((files, name, out, must, tags, flag, count)))

    return app


CASES = [
    [],
    ["a.po", "b/c.po", "--name", "n", "--tag", "t1", "--tag", "t2,t3", "--flag"],
    ["-", "--out", "-", "--count", "3"],
    ["--out", "dir/x.json"],
    ["--must", "missing.txt"],
    ["--must", "."],
    ["--count", "many"],
    ["--name", ""],
]


@pytest.mark.parametrize("argv", CASES)
def test_same_values_and_messages_as_typers_adapters(argv, monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)
    ours = CliRunner().invoke(_app(), argv)
    monkeypatch.setattr(typer.core, "build_runtime_param", params.build_runtime_param)
    theirs = CliRunner().invoke(_app(), argv)
    assert (ours.exit_code, ours.output) == (theirs.exit_code, theirs.output)


def test_plain_parameters_get_the_plain_converter() -> None:
    assert params.is_plain(list[Path], typer.models.ArgumentInfo())
    assert params.is_plain(str, typer.models.OptionInfo())
    assert not params.is_plain(int, typer.models.OptionInfo())
    assert not params.is_plain(str, typer.models.OptionInfo(parser=str.upper))
