"""`tmkit align`: sentence-align a Japanese document with its English translation."""

from __future__ import annotations

from pathlib import Path

import typer

from tmkit.cli.application import app


@app.command()
def align(
    ja_doc: Path = typer.Argument(
        ..., metavar="JA_DOC", help="The Japanese document (plain text)."
    ),
    en_doc: Path = typer.Argument(
        ..., metavar="EN_DOC", help="Its English translation (plain text)."
    ),
    output: Path = typer.Option(
        ..., "-o", "--output", help="Where to write: OUT.po, OUT.tmx or OUT.xlf (XLIFF 2.1)."
    ),
    glossary: Path | None = typer.Option(
        None, "-g", "--glossary", help="Glossary (TBX/CSV) whose term pairs anchor the alignment."
    ),
    encoding: str = typer.Option(
        "auto", help="Input encoding; auto reads UTF-8 (BOM or not), UTF-16 with BOM, CP932."
    ),
    review_below: float = typer.Option(
        0.6,
        "--review-below",
        min=0.0,
        max=1.0,
        help="Pairs with a lower confidence are marked fuzzy (PO) or x-review (TMX).",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the summary line."),
) -> None:
    """Align the sentences of JA_DOC with those of EN_DOC and write them as PO or TMX.

    Paragraphs are aligned first, then sentences inside them (1-1, 1-2, 2-1,
    2-2, 1-0 and 0-1 beads). Omissions and low-confidence pairs are listed on
    stderr; the exit code is 0 whenever the output was written.
    """
    from tmkit.cli.progress import progress_bar
    from tmkit.ops.align import AlignOptions, align_to_file, summary_lines

    with progress_bar("aligning") as progress:
        alignment = align_to_file(
            str(ja_doc),
            str(en_doc),
            output,
            AlignOptions(review_below=review_below),
            glossary=str(glossary) if glossary is not None else None,
            encoding=encoding,
            progress=progress,
        )
    lines = summary_lines(alignment)
    for line in lines[:1] if quiet else lines:
        typer.echo(line, err=True)
