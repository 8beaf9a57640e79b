"""`tmkit report`: one self-contained HTML review page for a PO or TMX file."""

from __future__ import annotations

from pathlib import Path

import typer

from tmkit.cli.application import app
from tmkit.model.errors import UsageError

#: --fail-on value → the severities that make the exit code 1
_FAIL_ON = {
    "none": frozenset(),
    "error": frozenset({"error"}),
    "warning": frozenset({"error", "warning"}),
}


@app.command()
def report(
    file: Path = typer.Argument(..., help="The translation to review: PO or TMX."),
    output: Path = typer.Option(
        ..., "--output", "-o", help="Where to write the HTML page (- for stdout)."
    ),
    glossary: list[Path] = typer.Option(
        None, "--glossary", "-g", help="Glossary (TBX, CSV or TSV); may be repeated."
    ),
    ref: Path | None = typer.Option(
        None, "--ref", "-r", help="Reference translation (PO or TMX): metrics and segment chrF."
    ),
    title: str | None = typer.Option(None, "--title", help="Page title (default: from FILE)."),
    checklist: Path | None = typer.Option(
        None,
        "--checklist",
        help="Checklist (TOML) of regex rules; default: the project's, for its translation.",
    ),
    source_lang: str = typer.Option("ja", "--source-lang", help="Source language."),
    target_lang: str = typer.Option("en", "--target-lang", help="Target language."),
    fail_on: str = typer.Option(
        "none",
        "--fail-on",
        help="Exit 1 when findings of this severity exist: none, error, warning.",
    ),
) -> None:
    """Write a review page: summary, QA score, plots, side-by-side segments with findings.

    Exit 0 once the page is written (with --fail-on error|warning: 1 when findings
    of that severity or worse exist); 2 for unusable input. The page is written
    in either case.
    """
    from tmkit.cli.check import project_checklist
    from tmkit.ops.outputs import write_text
    from tmkit.ops.review import report_file

    failing = _FAIL_ON.get(fail_on.lower())
    if failing is None:
        raise UsageError(f"unknown --fail-on {fail_on!r} (use none, error or warning)")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {output}: no such directory {folder}")
    if output.is_dir():
        raise UsageError(f"cannot write {output}: it is a directory")
    result = report_file(
        file,
        glossaries=glossary or [],
        reference=ref,
        source_lang=source_lang,
        target_lang=target_lang,
        title=title,
        checklist=checklist if checklist is not None else project_checklist([file]),
    )
    write_text(output, result.html)
    errors = sum(f.severity == "error" for f in result.findings)
    warnings = sum(f.severity == "warning" for f in result.findings)
    where = "<stdout>" if str(output) == "-" else output
    typer.echo(
        f"wrote {where}: {result.units} segment(s), {errors} error(s), {warnings} warning(s)",
        err=True,
    )
    raise typer.Exit(1 if any(f.severity in failing for f in result.findings) else 0)
