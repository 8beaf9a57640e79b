"""`tmkit check`: JA→EN QA and glossary checks over PO and TMX files."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from tmkit.cli import corpus
from tmkit.cli.application import app
from tmkit.cli.corpus import ENGINE, RESUME, SCHEDULER
from tmkit.model.errors import UsageError


def _rules(values: list[str] | None) -> list[str]:
    """``--select a,b --select c`` → [a, b, c]."""
    return [r.strip() for v in values or [] for r in v.split(",") if r.strip()]


def _list_checks() -> None:
    from tmkit.ops.check import rule_table

    rules = rule_table()
    width = max(len(rule) for rule in rules)
    for rule, (severity, summary) in rules.items():
        typer.echo(f"{rule:<{width}}  {severity:<7}  {summary}")


def project_checklist(files: list[Path]) -> Path | None:
    """The checklist of the project (found from the current folder) whose translation is
    among ``files``: the project's rules are for the project's own files, not for any
    file checked from inside its folder."""
    from tmkit.ops.project import find_config, load_project

    config = find_config(Path.cwd())
    if config is None:
        return None
    project = load_project(config)
    if project.checklist is None:
        return None
    own = project.path(project.translation).resolve()
    if not any(Path(f).resolve() == own for f in files):
        return None
    return project.path(project.checklist)


@app.command()
def check(
    files: list[Path] = typer.Argument(None, help="PO or TMX files to check."),
    glossary: list[Path] = typer.Option(
        None, "--glossary", "-g", help="Glossary (TBX, CSV or TSV); may be repeated."
    ),
    format: str = typer.Option("text", "--format", help="Output: text, json, junit or sarif."),
    select: list[str] = typer.Option(
        None, "--select", help="Only these rules or families (comma-separated, repeatable)."
    ),
    ignore: list[str] = typer.Option(
        None, "--ignore", help="Skip these rules or families (comma-separated, repeatable)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail the run too."),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Report only findings not recorded in this baseline file."
    ),
    write_baseline: Path | None = typer.Option(
        None, "--write-baseline", help="Record the current findings as a baseline and exit 0."
    ),
    checklist: Path | None = typer.Option(
        None,
        "--checklist",
        help="Checklist (TOML) of regex rules; default: the project's, for its translation.",
    ),
    tm: list[Path] = typer.Option(
        None, "--tm", help="Memory (TMX or PO) to check consistency against; repeatable."
    ),
    list_: bool = typer.Option(False, "--list", help="List every check and exit."),
    engine: str = ENGINE,
    scheduler: str | None = SCHEDULER,
    resume: bool = RESUME,
) -> None:
    """Check translations. Exit 0 clean, 1 errors (or warnings with --strict), 2 unusable input."""
    if list_:
        _list_checks()
        raise typer.Exit(0)
    if not files:
        raise UsageError("no files to check (give PO or TMX files, or --list)")
    from tmkit.ops.check import check_files, rule_table
    from tmkit.ops.check import write_baseline as save_baseline
    from tmkit.report import ReportMeta, stream_for

    render = stream_for(format)
    run = None
    if corpus.wants_corpus(files, engine) or resume:
        result = corpus.run_check(
            files,
            engine,
            scheduler,
            glossaries=glossary or [],
            select=_rules(select),
            ignore=_rules(ignore),
            baseline=baseline,
            resume=resume,
        )
        run = result.run
        result.files, result.units = run.shards, run.units
    else:
        result = check_files(
            files,
            glossary or [],
            _rules(select),
            _rules(ignore),
            baseline,
            checklist=checklist if checklist is not None else project_checklist(files),
            memories=tm or [],
        )
    if write_baseline is not None:
        save_baseline(write_baseline, result.all_findings)
        typer.echo(f"wrote {len(result.all_findings)} finding(s) to {write_baseline}", err=True)
        raise typer.Exit(0)
    meta = ReportMeta(
        tool="tmkit check",
        rules=rule_table() | result.extra_rules,
        extra={"files": result.files, "units": result.units},
    )
    if baseline is not None:
        meta.extra["baseline_suppressed"] = result.baseline_suppressed
    # written as it is rendered: a big run never holds its whole report as one string
    for chunk in render(result.findings, meta):
        sys.stdout.write(chunk)
    failing = {"error", "warning"} if strict else {"error"}
    code = 1 if any(f.severity in failing for f in result.findings) else 0
    if run is not None:
        corpus.finish(run, code)
    raise typer.Exit(code)
