"""`tmkit convert`: glossaries between TBX, CSV and TSV."""

from __future__ import annotations

from pathlib import Path

import typer

from tmkit.cli.application import app


@app.command()
def convert(
    input: Path = typer.Argument(..., help="The glossary to read (.tbx, .csv, .tsv)."),
    output: Path = typer.Option(..., "-o", "--output", help="The glossary to write."),
    from_format: str | None = typer.Option(
        None, "--from", help="Input format (tbx, csv, tsv); default: from the extension."
    ),
    to_format: str | None = typer.Option(
        None, "--to", help="Output format (tbx, csv, tsv); default: from the extension."
    ),
) -> None:
    """Convert a glossary between TBX, CSV and TSV. Output is deterministic."""
    from tmkit.ops.convert import convert_glossary

    convert_glossary(input, output, from_format, to_format)
