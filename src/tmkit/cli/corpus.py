"""Corpus-scale options shared by validate, check, stats, score; `tmkit dedupe` and `tmkit shard`.

A command hands its inputs here when they form a corpus (a directory, a glob,
compressed or Moses files) or when ``--engine dask`` is given; the single-file
path of every command is unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from tmkit.cli.application import app
from tmkit.cli.progress import progress_bar

ENGINE = typer.Option(
    "local", "--engine", help="local (this process) or dask (a local cluster or --scheduler)."
)
SCHEDULER = typer.Option(
    None,
    "--scheduler",
    help="Dask scheduler address (tcp://host:8786); default: [corpus] scheduler in the "
    "project config, else a local cluster sized to the cores.",
)
WORKERS = typer.Option(0, "--workers", help="Workers of the local Dask cluster (0: one per core).")
RESUME = typer.Option(
    False, "--resume", help="Reuse per-shard results cached by checksum (.tmkit-cache/corpus)."
)


def wants_corpus(inputs: list[Any], engine: str) -> bool:
    from tmkit.ops.corpus.inputs import is_corpus

    return engine != "local" or is_corpus(inputs)


@contextmanager
def engine_for(engine: str, scheduler: str | None, workers: int = 0) -> Iterator[Any]:
    from tmkit.ops.corpus.config import configured
    from tmkit.ops.corpus.engine import make_engine

    if engine == "dask" and not scheduler:
        scheduler = configured("scheduler")
    made = make_engine(
        engine,
        scheduler,
        workers or None,
        announce=lambda m: typer.echo(m, err=True),
        spill=configured("spill"),
    )
    try:
        yield made
    finally:
        made.close()


def report_failures(run: Any) -> None:
    """Name every failed shard on stderr (the others' results are already printed)."""
    for failure in run.failures:
        typer.echo(failure.message, err=True)


def finish(run: Any, code: int) -> None:
    report_failures(run)
    raise typer.Exit(2 if run.failures else code)


def run_check(files: list[Path], engine: str, scheduler: str | None, **kw: Any) -> Any:
    from tmkit.ops.corpus.check import check_corpus
    from tmkit.ops.corpus.inputs import resolve_shards

    shards = resolve_shards(files)
    with engine_for(engine, scheduler) as made, progress_bar("shards") as bar:
        return check_corpus(made, shards, progress=bar, **kw)


def run_validate(tmx: Path, engine: str, scheduler: str | None, **kw: Any) -> Any:
    from tmkit.ops.corpus.inputs import resolve_shards
    from tmkit.ops.corpus.validate import validate_corpus

    shards = resolve_shards([tmx])
    with engine_for(engine, scheduler) as made, progress_bar("shards") as bar:
        return validate_corpus(made, shards, progress=bar, **kw)


def run_stats(file: Path, engine: str, scheduler: str | None, resume: bool) -> Any:
    from tmkit.ops.corpus.inputs import resolve_shards
    from tmkit.ops.corpus.stats import stats_corpus

    shards = resolve_shards([file])
    with engine_for(engine, scheduler) as made, progress_bar("shards") as bar:
        return stats_corpus(made, shards, str(file), resume, bar)


def run_score(
    hypothesis: Path, refs: list[Path], engine: str, scheduler: str | None, **kw: Any
) -> Any:
    from tmkit.ops.corpus.inputs import resolve_shards
    from tmkit.ops.corpus.score import score_corpus

    hyp = resolve_shards([hypothesis])
    references = [resolve_shards([r]) for r in refs]
    with engine_for(engine, scheduler) as made, progress_bar("shards") as bar:
        return score_corpus(made, hyp, references, progress=bar, **kw)


@app.command()
def dedupe(
    inputs: list[Path] = typer.Argument(..., help="Corpus: files, directories or globs."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the kept units here as TMX shards (one per input)."
    ),
    prefer: str = typer.Option(
        "none",
        "--prefer",
        help="Resolve source conflicts: none (report only), first, last, majority, longest.",
    ),
    report: Path | None = typer.Option(None, "--report", help="Write the JSON report here."),
    compress: str = typer.Option("none", "--compress", help="Output shards: none, gz or zst."),
    near: float = typer.Option(
        0.0, "--near", help="Also report near-duplicate clusters at this Jaccard threshold."
    ),
    engine: str = ENGINE,
    scheduler: str | None = SCHEDULER,
    workers: int = WORKERS,
) -> None:
    """Exact duplicates and source conflicts across a corpus. Exit 0, 1 when any, 2 bad input."""
    from tmkit.ops.corpus.dedupe import dedupe_corpus, write_report
    from tmkit.ops.corpus.inputs import resolve_shards

    shards = resolve_shards(inputs)
    names = [s.name for s in shards]
    with engine_for(engine, scheduler, workers) as made, progress_bar("shards") as bar:
        result = dedupe_corpus(made, shards, output, prefer, compress, bar)
        clusters = None
        if near:
            from tmkit.ops.corpus.near import near_duplicates

            clusters = near_duplicates(made, shards, near)
    data = result.to_dict(names)
    if clusters is not None:
        data["near_threshold"] = near
        data["near_clusters"] = clusters
    if report is not None:
        write_report(result, names, report)
        if clusters is not None:
            report.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    typer.echo(
        f"{data['units']} units: {data['duplicates']} duplicate(s), {data['conflicts']} "
        f"conflicting source(s), {data['dropped']} dropped, {data['kept']} kept"
        + (f", {len(clusters)} near-duplicate cluster(s)" if clusters is not None else "")
    )
    finish(result.run, 1 if data["duplicates"] or data["conflicts"] else 0)


@app.command()
def shard(
    tmx: Path = typer.Argument(..., help="The TMX memory to split (may be .gz or .zst)."),
    output: Path = typer.Option(..., "--output", "-o", help="Directory for the shards."),
    units: int = typer.Option(100_000, "--units", help="Units per shard."),
    compress: str = typer.Option("none", "--compress", help="none, gz or zst."),
) -> None:
    """Split a memory into valid TMX shards, streaming, with manifest.json."""
    from tmkit.ops.corpus.shard import shard_tmx

    infos = shard_tmx(tmx, output, units, compress)
    total = sum(i.units for i in infos)
    typer.echo(f"wrote {len(infos)} shard(s), {total} units, to {output}")
