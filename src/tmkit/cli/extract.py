"""`tmkit extract`: segment source documents into a gettext template."""

from __future__ import annotations

from pathlib import Path

import typer

from tmkit.cli.app import app


@app.command()
def extract(
    sources: list[Path] = typer.Argument(
        ..., help="Source documents: plain text, HTML/XHTML or Markdown."
    ),
    output: Path = typer.Option(
        ..., "-o", "--output", help="The template to write (.pot), or an XLIFF 2.1 job (.xlf)."
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
    from tmkit.formats.po import write_po
    from tmkit.ops.extract import build_template, load_documents

    def warn(message: str) -> None:
        typer.echo(f"tmkit: warning: {message}", err=True)

    docs = load_documents(
        [str(s) for s in sources],
        encoding=encoding,
        srx=str(srx) if srx else None,
        format=format,
        warn=warn,
    )
    for doc in docs:
        for note in getattr(doc, "notes", ()):
            warn(f"{doc.path}:{note}")
    annotate = None
    if glossary is not None:
        from tmkit.glossary.notes import term_annotator

        annotate = term_annotator(str(glossary))
    catalog = build_template(docs, project=project or sources[0].stem, annotate=annotate)
    if output.suffix.lower() in (".po", ".pot"):
        write_po(catalog, output)
    else:  # another catalog format the gateway writes, e.g. an XLIFF 2.1 job
        from tmkit.formats import io

        io.write(catalog, output, kind="catalog", original=str(sources[0]))
