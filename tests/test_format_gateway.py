"""One gateway opens every file: a format registered in a test is read by every command."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats import io
from tmkit.model.units import State, Unit

runner = CliRunner()


def _read_toy(stream: BinaryIO, name: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in stream.read().decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(tuple(line.split("\t")))
    return rows


def _toy_units(rows: list[tuple[str, str, str]], name: str, **_: object) -> Iterator[Unit]:
    for number, (uid, source, target) in enumerate(rows, start=1):
        state = State.TRANSLATED if target else State.NEW
        yield Unit(source, target, uid, file=name, line=number, state=state, context=uid)


@pytest.fixture
def toy_format():
    io.register(
        io.Format(
            name="toy",
            kind="catalog",
            extensions=(".toy",),
            read=_read_toy,
            units=_toy_units,
            languages=lambda rows: ("ja", ["en"]),
            sniff=lambda head: head.startswith(b"#toy"),
        )
    )
    yield
    del io.FORMATS["toy"]


def _toy(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path.write_text("#toy\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


ROWS = [
    ("s1", "予算は2000万円です。", "The budget is 20 million yen."),
    ("s2", "量子メスを開発しています。", "We are developing the quantum scalpel."),
]


def test_detect_by_extension_and_by_content(toy_format, tmp_path: Path) -> None:
    assert io.detect(_toy(tmp_path / "a.toy", ROWS)).name == "toy"
    assert io.detect(_toy(tmp_path / "a.data", ROWS), kind="catalog").name == "toy"


def test_check_reads_it(toy_format, tmp_path: Path) -> None:
    good = _toy(tmp_path / "good.toy", ROWS)
    assert runner.invoke(app, ["check", str(good)]).exit_code == 0
    bad = _toy(tmp_path / "bad.toy", [("s1", "予算は2000万円です。", "The budget is 30 yen.")])
    result = runner.invoke(app, ["check", str(bad), "--format", "json"])
    assert result.exit_code == 1
    assert "number.mismatch" in result.stdout and "bad.toy" in result.stdout


def test_score_reads_it_as_hypothesis_and_reference(toy_format, tmp_path: Path) -> None:
    hyp = _toy(tmp_path / "hyp.toy", ROWS)
    ref = _toy(tmp_path / "ref.toy", ROWS)
    result = runner.invoke(app, ["score", str(hyp), "--ref", str(ref), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"score": 100.0' in result.stdout


def test_merge_reads_it(toy_format, tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    result = runner.invoke(app, ["merge", str(_toy(tmp_path / "a.toy", ROWS)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "量子メスを開発しています。" in text and "quantum scalpel" in text


def test_validate_takes_it_as_source(toy_format, tmp_path: Path) -> None:
    tmx = tmp_path / "m.tmx"
    runner.invoke(app, ["merge", str(_toy(tmp_path / "a.toy", ROWS)), "-o", str(tmx)])
    source = _toy(tmp_path / "src.toy", [*ROWS, ("s3", "新しい文です。", "")])
    result = runner.invoke(app, ["validate", str(tmx), "--source", str(source)])
    assert result.exit_code == 1
    assert "新しい文です" in result.output


def test_stats_reads_it(toy_format, tmp_path: Path) -> None:
    toy = _toy(tmp_path / "a.toy", [*ROWS, ("s3", "新しい文です。", "")])
    result = runner.invoke(app, ["stats", str(toy), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"translated": {\n      "segments": 2' in result.stdout
    assert '"untranslated": {\n      "segments": 1' in result.stdout


def test_report_reads_it(toy_format, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(_toy(tmp_path / "a.toy", ROWS)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "量子メスを開発しています。" in page and "quantum scalpel" in page
