"""`tmkit stats`: translation progress, and leverage against a memory."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import typer

from tmkit.cli import corpus
from tmkit.cli.application import app
from tmkit.cli.corpus import ENGINE, RESUME, SCHEDULER
from tmkit.model.errors import UsageError

FORMATS = ("text", "json", "csv")


def _rows(stats) -> list[tuple[str, str, int, int]]:
    p = stats.progress
    rows = [
        ("progress", name, c.segments, c.chars)
        for name, c in (
            ("translated", p.translated),
            ("fuzzy", p.fuzzy),
            ("untranslated", p.untranslated),
            ("total", p.total),
        )
    ]
    if stats.leverage is not None:
        rows += [("leverage", name, c.segments, c.chars) for name, c in stats.leverage.items()]
    return rows


def _text(stats) -> None:
    # Imported here: rich costs every other command start-up time.
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    table = Table(title=f"{stats.path}", title_justify="left")
    table.add_column("", style="bold")
    table.add_column("segments", justify="right")
    table.add_column("source chars", justify="right")
    table.add_column("%", justify="right")
    total = stats.progress.total
    section = None
    for group, name, segs, chars in _rows(stats):
        if group != section and section is not None:
            table.add_section()
        section = group
        share = f"{100 * chars / total.chars:.1f}" if total.chars else "-"
        table.add_row(name, str(segs), str(chars), share)
    console.print(table)


@app.command()
def stats(
    file: Path = typer.Argument(..., help="A translation (PO, TMX …) or a template."),
    tm: list[str] = typer.Option(
        [],
        "--tm",
        help="A memory for leverage analysis: a TMX/PO file, sqlite:///tm.db or "
        "postgresql://… (repeatable).",
    ),
    format: str = typer.Option("text", "--format", "-f", help="text, json or csv."),
    source_lang: str | None = typer.Option(None, "--source-lang", help="For --tm TMX files."),
    target_lang: str | None = typer.Option(None, "--target-lang", help="For --tm TMX files."),
    engine: str = ENGINE,
    scheduler: str | None = SCHEDULER,
    resume: bool = RESUME,
) -> None:
    """Progress (segments and source characters) and, with --tm, leverage bands.

    Japanese is counted in characters, not one "word" per character. Bands:
    context, 100%, 95-99, 85-94, 75-84, 50-74, no match, and repetitions.
    """
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r} (use text, json or csv)")
    from tmkit.ops.stats import stats_file

    run = None
    if corpus.wants_corpus([file], engine) or resume:
        if tm:
            raise UsageError("--tm (leverage) takes one file, not a corpus")
        result, run = corpus.run_stats(file, engine, scheduler, resume)
    else:
        from tmkit.cli.progress import progress_bar

        with progress_bar("stats") as bar:
            result = stats_file(file, tm, source_lang, target_lang, on_progress=bar)
    if format == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif format == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["group", "name", "segments", "source_chars"])
        writer.writerows(_rows(result))
        typer.echo(buf.getvalue(), nl=False)
    else:
        _text(result)
    if run is not None:
        corpus.finish(run, 0)
