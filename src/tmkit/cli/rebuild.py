"""`tmkit rebuild`: write the translated document from a source document and its translation."""

from __future__ import annotations

from pathlib import Path

import typer

from tmkit.cli.application import app


@app.command()
def rebuild(
    source: Path = typer.Argument(..., help="The source document (text, HTML or Markdown)."),
    translation: Path = typer.Option(
        ..., "-t", "--translation", help="The translation: a PO (or TMX) filled from its template."
    ),
    output: Path = typer.Option(..., "-o", "--output", help="The translated document to write."),
    target_lang: str = typer.Option("en", "--target-lang", help="Target language (lang=)."),
    format: str | None = typer.Option(
        None, "--format", help="Filter: text, html or markdown (default: as extract chooses)."
    ),
    encoding: str = typer.Option("auto", help="Source encoding of a plain-text source."),
    srx: Path | None = typer.Option(None, "--srx", help="The SRX rules extract used."),
    fuzzy: bool = typer.Option(False, "--fuzzy", help="Use fuzzy translations too."),
) -> None:
    """Rebuild SOURCE in the target language: every tag and attribute kept, codes where the
    translator put them; untranslated segments stay in the source language (warned)."""
    from tmkit.ops.documents import rebuild_document
    from tmkit.ops.outputs import write_bytes

    data, warnings = rebuild_document(
        str(source),
        str(translation),
        target_lang=target_lang,
        format=format,
        encoding=encoding,
        srx=str(srx) if srx else None,
        include_fuzzy=fuzzy,
    )
    for warning in warnings:
        typer.echo(f"tmkit: warning: {warning}", err=True)
    write_bytes(output, data)
