"""`tmkit validate`: the CI gate for TMX files."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from tmkit.cli import corpus
from tmkit.cli.application import app
from tmkit.cli.corpus import ENGINE, SCHEDULER
from tmkit.model.findings import sort_key


@app.command()
def validate(
    tmx: Path = typer.Argument(..., help="The TMX file to validate."),
    source: Path | None = typer.Option(
        None, "--source", help="POT/PO template or plain-text source the TMX must cover."
    ),
    target_lang: str | None = typer.Option(
        None, "--target-lang", help="Require a non-empty variant in this language (e.g. en)."
    ),
    dtd: Path | None = typer.Option(None, "--dtd", help="Also validate against this DTD file."),
    strict: bool = typer.Option(False, "--strict", help="Stale and orphan units are errors."),
    format: str = typer.Option("text", "--format", help="Output: text, json, junit or sarif."),
    tmx_version: str = typer.Option(
        "1.4", "--tmx-version", help="TMX rules: 1.4 (1.4b) or 1.1 (OmegaT's project_save.tmx)."
    ),
    engine: str = ENGINE,
    scheduler: str | None = SCHEDULER,
) -> None:
    """Check that TMX is valid TMX 1.4b and complete. Exit 0 clean, 1 findings, 2 unusable."""
    from tmkit.ops.validate import RULES, validate_tmx
    from tmkit.report import ReportMeta, reporter_for

    render = reporter_for(format)
    if corpus.wants_corpus([tmx], engine):
        _validate_corpus(tmx, source, target_lang, dtd, strict, render, engine, scheduler)
    from tmkit.cli.progress import progress_bar

    with progress_bar("validating") as progress:
        result = validate_tmx(
            tmx, source, target_lang, dtd, strict, progress=progress, tmx_version=tmx_version
        )
    meta = ReportMeta(
        tool="tmkit validate",
        rules={r: RULES[r] for r in result.rules},
        extra={"file": result.path, "units": result.units},
        unit_key="tuid",
        junit_per_rule=True,
    )
    sys.stdout.write(render(sorted(result.findings, key=sort_key), meta))
    # Warnings (stale, orphan units) are shown but pass the gate; --strict makes them errors.
    raise typer.Exit(0 if result.ok else 1)


def _validate_corpus(tmx, source, target_lang, dtd, strict, render, engine, scheduler) -> None:
    from tmkit.model.errors import UsageError
    from tmkit.ops.validate import RULES
    from tmkit.report import ReportMeta

    if source is not None or dtd is not None:
        raise UsageError("--source and --dtd take one TMX file, not a corpus")
    findings, run = corpus.run_validate(
        tmx, engine, scheduler, target_lang=target_lang, strict=strict
    )
    rules = [r for r in RULES if r != "dtd" and not r.startswith(("source-", "tu-"))]
    rules += ["tu-source", "tu-target"]
    meta = ReportMeta(
        tool="tmkit validate",
        rules={r: RULES[r] for r in rules},
        extra={"file": str(tmx), "units": run.units, "shards": run.shards},
        unit_key="tuid",
        junit_per_rule=True,
    )
    sys.stdout.write(render(findings, meta))
    corpus.finish(run, 0 if not any(f.severity == "error" for f in findings) else 1)
