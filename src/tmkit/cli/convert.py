"""`tmkit convert`: glossaries between TBX, CSV and TSV."""

from __future__ import annotations

from pathlib import Path

import typer

from tmkit.cli.app import app
from tmkit.model.errors import UsageError


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
    from tmkit.formats import io

    reader = io.detect(input, from_format, kind="glossary")
    writer = io.detect(output, to_format, kind="glossary")
    if writer.write is None:
        raise UsageError(f"tmkit cannot write {writer.name} files")
    if input.resolve() == output.resolve():
        raise UsageError(f"{output}: the output would overwrite the input")
    glossary = io.read(input, format=reader.name)
    io.write(glossary, output, format=writer.name)
