"""`tmkit merge`: PO ⇄ TMX, combine memories, pretranslate a template."""

from __future__ import annotations

from pathlib import Path

import typer

from tmkit.cli.application import app
from tmkit.model.findings import Finding
from tmkit.ops.merge import DEFAULT_THRESHOLD


def finding_line(f: Finding) -> str:
    where = ":".join(str(p) for p in (f.file, f.line) if p is not None)
    return f"{where}: {f.severity}: {f.rule}: {f.message}"


@app.command()
def merge(
    inputs: list[Path] = typer.Argument(..., help="PO and/or TMX files, in priority order."),
    output: Path = typer.Option(
        ...,
        "-o",
        "--output",
        help="The file to write: a memory (.tmx) or a catalog (.po).",
    ),
    template: Path | None = typer.Option(
        None, "--template", help="A .pot to pretranslate from the inputs (writes a .po)."
    ),
    threshold: float = typer.Option(
        DEFAULT_THRESHOLD,
        "--tm-threshold",
        "--threshold",  # the old name, kept working
        min=0,
        max=100,
        help="With --template: the score (0-100) a memory match needs (as update --tm-threshold).",
    ),
    tm: list[str] = typer.Option(
        [],
        "--tm",
        help="With --template: also pretranslate from this memory (a TMX/PO file, "
        "sqlite:///tm.db or postgresql://…; repeatable).",
    ),
    include_fuzzy: bool = typer.Option(
        False, "--include-fuzzy", help="PO → TMX: export fuzzy entries too, marked fuzzy."
    ),
    prefer: str = typer.Option(
        "newest", "--prefer", help="Conflicts (same source and context): newest or first."
    ),
    source_lang: str | None = typer.Option(
        None, "--source-lang", help="Source language (default: from the headers, else ja)."
    ),
    target_lang: str | None = typer.Option(
        None, "--target-lang", help="Target language (default: the one the inputs hold)."
    ),
) -> None:
    """Merge PO and TMX files into one TMX or PO; or pretranslate a template.

    Exit status: 0 written; 1 written, but conflicting translations were found
    (listed on stderr, resolved by --prefer); 2 unusable input or usage.
    """
    from tmkit.cli.progress import progress_bar
    from tmkit.ops.merge_run import merge_files

    with progress_bar("merging") as progress:
        result = merge_files(
            inputs,
            output,
            template=template,
            tm=tm,
            threshold=threshold,
            include_fuzzy=include_fuzzy,
            prefer=prefer,
            source_lang=source_lang,
            target_lang=target_lang,
            progress=progress,
        )
    if result.units is not None:
        what = f"{result.count} units"
    else:
        what = f"{result.count} messages"
        if result.pretranslated is not None:
            what += f" ({result.pretranslated.summary()})"
    for finding in result.findings:
        typer.echo(finding_line(finding), err=True)
    conflicts = f", {len(result.findings)} conflicts" if result.findings else ""
    typer.echo(
        f"tmkit merge: {result.source_lang}→{result.target_lang}: wrote {what} to {output}"
        f"{conflicts}",
        err=True,
    )
    if result.findings:
        raise typer.Exit(1)
