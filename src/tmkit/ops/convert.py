"""`tmkit convert`: a glossary from one file format to another, through the gateway."""

from __future__ import annotations

from pathlib import Path

from tmkit.formats import io
from tmkit.model.errors import UsageError


def convert_glossary(
    input: Path, output: Path, from_format: str | None = None, to_format: str | None = None
) -> None:
    """Read the glossary ``input`` and write it to ``output`` (formats by name or extension)."""
    reader = io.detect(input, from_format, kind="glossary")
    writer = io.detect(output, to_format, kind="glossary")
    if writer.write is None:
        raise UsageError(f"tmkit cannot write {writer.name} files")
    if input.resolve() == output.resolve():
        raise UsageError(f"{output}: the output would overwrite the input")
    glossary = io.read(input, format=reader.name)
    io.write(glossary, output, format=writer.name)
