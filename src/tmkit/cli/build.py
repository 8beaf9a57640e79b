"""`tmkit build` and `tmkit init`: the whole loop for a project, and a new project."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from tmkit.cli.application import app
from tmkit.model.errors import ConfigError


def _project(config: Path | None):
    from tmkit.ops.project import find_config, load_project

    path = config or find_config(Path.cwd())
    if path is None:
        raise ConfigError(
            "no tmkit.toml or pyproject.toml with [tool.tmkit] here or above; run `tmkit init`",
            str(Path.cwd()),
        )
    return load_project(path)


@app.command()
def build(
    check: bool = typer.Option(
        False, "--check", help="Change nothing; fail if any generated file is out of date (CI)."
    ),
    config: Path | None = typer.Option(
        None, "--config", help="tmkit.toml or pyproject.toml (default: found from here upward)."
    ),
    format: str = typer.Option(
        "text", "--format", help="Findings on stdout: text, json, junit or sarif."
    ),
    complete: bool | None = typer.Option(
        None,
        "--complete/--partial",
        help="Fail on untranslated or fuzzy segments (default: [tool.tmkit.check] complete).",
    ),
) -> None:
    """Run the project: extract, update, check, export TMX, validate, rebuild, report.

    Exit status: 0 all good; 1 check or validation errors, or (--check) files out of
    date; 2 unusable configuration or input.
    """
    if format not in ("text", "json", "junit", "sarif"):
        from tmkit.model.errors import UsageError

        raise UsageError(f"unknown format {format!r} (use text, json, junit or sarif)")
    # rich is imported here, not at start-up: every other command would pay for it.
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn
    from rich.table import Table

    from tmkit.ops.build import run_build
    from tmkit.ops.build_steps import STEPS, apply

    project = _project(config)
    err = Console(stderr=True, highlight=False)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=err,
        transient=True,
        disable=not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task("build", total=len(STEPS))

        def on_step(name: str) -> None:
            bar.update(task, description=name, advance=1)

        result = run_build(project, on_step, complete=complete, write_early=not check)
        bar.update(task, completed=len(STEPS))

    stale = result.stale()
    written = [] if check else apply(result)
    table = Table(title=f"tmkit build: {project.config_file.name}", title_justify="left")
    for column in ("step", "status", "summary", "outputs"):
        table.add_column(column)
    for step in result.steps:
        mark = " (out of date)" if check else " (updated)"
        outs = [str(o) + (mark if project.path(o) in stale else "") for o in step.outputs]
        status = "ok" if step.ok else "FAILED"
        table.add_row(step.name, status, step.summary, "\n".join(outs))
    err.print(table)

    if format in ("junit", "sarif"):
        from tmkit.ops.check import rule_table
        from tmkit.report import ReportMeta, render

        rules = rule_table()
        sys.stdout.write(render(format, result.findings, ReportMeta("tmkit build", rules)))
    elif format == "json":
        import json

        typer.echo(
            json.dumps(
                {
                    "ok": result.ok and not (check and stale),
                    "steps": [
                        {"name": s.name, "ok": s.ok, "summary": s.summary} for s in result.steps
                    ],
                    "stale": [str(p.relative_to(project.root)) for p in stale],
                    "findings": [f.to_dict() for f in result.findings],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for f in result.findings:
            if f.severity == "error" or (project.strict and f.severity == "warning"):
                where = ":".join(str(p) for p in (f.file, f.line) if p is not None)
                unit = f" [{f.unit}]" if f.unit else ""
                typer.echo(f"{where}{unit}: {f.severity}: {f.rule}: {f.message}", err=True)
    if check and stale:
        for path in stale:
            typer.echo(
                f"{path.relative_to(project.root)}: out of date; run `tmkit build`", err=True
            )
    elif written:
        err.print(f"wrote {len(written)} file(s)")
    if not result.ok or (check and stale):
        raise typer.Exit(1)


@app.command()
def init(
    directory: Path = typer.Argument(Path("."), help="Where to create the project."),
    source_lang: str = typer.Option("ja", "--source-lang"),
    target_lang: str = typer.Option("en", "--target-lang"),
    name: str | None = typer.Option(None, "--name", help="Project id (default: folder name)."),
) -> None:
    """Scaffold a project: tmkit.toml and the source/, target/ and glossary/ folders."""
    from tmkit.ops.scaffold import scaffold

    created = scaffold(directory, source_lang, target_lang, name)
    for path in created:
        typer.echo(f"created {path}")
    where = "" if Path(directory).resolve() == Path.cwd() else f"cd {directory}\n  "
    typer.echo(
        "\nNext steps:\n"
        f"  {where}# put the {source_lang} documents in source/{source_lang}/ "
        "and list them under `sources` in tmkit.toml\n"
        "  tmkit build            # extract, create the translation, check, report\n"
        f"  # translate target/{target_lang}/*.po in Poedit (or any PO editor), then again:\n"
        "  tmkit build            # and in CI: tmkit build --check"
    )
