"""`tmkit extract`: segment source documents into a gettext template."""

from __future__ import annotations

from pathlib import Path

import typer

from tmkit.cli.application import app


@app.command()
def extract(
    sources: list[Path] = typer.Argument(
        ..., help="Source documents: plain text, HTML/XHTML or Markdown."
    ),
    output: Path = typer.Option(
        ...,
        "-o",
        "--output",
        help="The template to write (.pot; - for stdout), or an XLIFF 2.1 job (.xlf).",
    ),
    encoding: str = typer.Option(
        "auto", help="Source encoding; auto reads UTF-8 (BOM or not), UTF-16 with BOM, CP932."
    ),
    srx: Path | None = typer.Option(None, "--srx", help="SRX 2.0 rules to use instead of tmkit's."),
    glossary: Path | None = typer.Option(
        None,
        "-g",
        "--glossary",
        help="Glossary (TBX/CSV): list each segment's terms for translators.",
    ),
    project: str | None = typer.Option(
        None, "--project", help="Project-Id-Version (default: the first source's name)."
    ),
    format: str | None = typer.Option(
        None,
        "--format",
        help="Filter: text, html or markdown (default: by extension, then content).",
    ),
) -> None:
    """Segment SOURCE documents into sentences and write a PO template."""
    from tmkit.ops.extract import extract_files

    def warn(message: str) -> None:
        typer.echo(f"tmkit: warning: {message}", err=True)

    extract_files(
        [str(s) for s in sources],
        str(output),
        encoding=encoding,
        srx=str(srx) if srx else None,
        glossary=str(glossary) if glossary is not None else None,
        project=project,
        format=format,
        warn=warn,
    )
