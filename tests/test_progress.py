"""Long commands report progress: one callable from ops to a rich bar on stderr, drawn only
on a terminal. Every command the issue names (merge, update --tm, score --ci/--paired,
align, validate, stats --tm) hands its ops call a progress callable."""

from __future__ import annotations

import io
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.cli import progress as cli_progress
from tmkit.model.progress import stage, ticked

ROOT = Path(__file__).resolve().parents[1]
POT = ROOT / "source/ja/interview.pot"
PO = ROOT / "target/en/interview.po"
TMX = ROOT / "target/en/interview.tmx"
JA = ROOT / "tests/data/align"


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int | None, str]] = []

    def __call__(self, done: int, total: int | None = None, label: str = "") -> None:
        self.calls.append((done, total, label))

    @property
    def labels(self) -> set[str]:
        return {label for _d, _t, label in self.calls}


def test_ticked_reports_every_n_items_and_the_end() -> None:
    seen = Recorder()
    assert list(ticked(range(10), seen, "x", total=10, every=4)) == list(range(10))
    assert seen.calls == [(0, 10, "x"), (4, 10, "x"), (8, 10, "x"), (10, 10, "x")]


def test_ticked_without_a_total_ends_with_the_count() -> None:
    seen = Recorder()
    list(ticked(iter("abc"), seen, "letters", every=100))
    assert seen.calls[-1] == (3, 3, "letters")


def test_no_progress_costs_nothing_and_changes_nothing() -> None:
    items = [object() for _ in range(5)]
    assert list(ticked(items, None, "x")) == items
    stage(None, "nothing")  # no error


def test_the_bar_is_quiet_when_stderr_is_not_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr(cli_progress, "wanted", lambda: False)
    with cli_progress.progress_bar("work") as bar:
        assert bar is None


def test_the_bar_draws_on_a_terminal() -> None:
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80)
    with cli_progress.progress_bar("work", console=console) as bar:
        assert bar is not None
        bar(5, 10, "counting")
    assert "counting" in out.getvalue()


@pytest.fixture
def recorded(monkeypatch) -> list[Recorder]:
    """Every bar a command opens, replaced by a recorder (commands import it when run)."""
    bars: list[Recorder] = []

    @contextmanager
    def fake(label: str, console=None):
        bars.append(Recorder())
        yield bars[-1]

    monkeypatch.setattr(cli_progress, "progress_bar", fake)
    return bars


def _run(args: list[str]) -> None:
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output


def _only(bars: list[Recorder]) -> Recorder:
    assert len(bars) == 1
    assert bars[0].calls, "the command reported no progress"
    return bars[0]


def test_merge_reports_progress(recorded, tmp_path: Path) -> None:
    _run(["merge", str(PO), "-o", str(tmp_path / "out.tmx")])
    assert "merging" in _only(recorded).labels


def test_merge_with_a_template_reports_pretranslation(recorded, tmp_path: Path) -> None:
    _run(["merge", str(TMX), "--template", str(POT), "-o", str(tmp_path / "out.po")])
    assert "pretranslating" in _only(recorded).labels


def test_update_with_a_memory_reports_progress(recorded, tmp_path: Path) -> None:
    target = tmp_path / "en.po"
    _run(["update", str(POT), str(target), "--tm", str(TMX)])
    labels = _only(recorded).labels
    assert {"loading the memory", "updating"} <= labels


def test_score_ci_reports_the_bootstrap(recorded) -> None:
    _run(["score", str(PO), "--ref", str(TMX), "--ci", "20", "-m", "bleu"])
    labels = _only(recorded).labels
    assert "scoring segments" in labels
    assert any(label.startswith("bootstrap") for label in labels)


def test_score_paired_reports_both_tests(recorded) -> None:
    _run(["score", str(PO), "--ref", str(TMX), "--paired", str(PO), "-m", "bleu"])
    labels = _only(recorded).labels
    assert {"paired bootstrap", "approximate randomisation"} <= labels


def test_align_reports_progress(recorded, tmp_path: Path) -> None:
    ja = next(JA.glob("*ja*.txt"))
    en = next(JA.glob("*en*.txt"))
    _run(["align", str(ja), str(en), "-o", str(tmp_path / "out.po")])
    assert "aligning sentences" in _only(recorded).labels


def test_stats_with_a_memory_reports_the_lookups(recorded) -> None:
    _run(["stats", str(PO), "--tm", str(TMX)])
    assert "looking up the memory" in _only(recorded).labels


def test_validate_reports_progress(recorded) -> None:
    _run(["validate", str(TMX)])
    assert _only(recorded).calls
