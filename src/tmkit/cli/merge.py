"""`tmkit merge`: PO ⇄ TMX, combine memories, pretranslate a template."""

from __future__ import annotations

from pathlib import Path

import typer

from tmkit.cli.app import app
from tmkit.model import Catalog, Memory, MemoryHeader
from tmkit.model.errors import UsageError
from tmkit.model.findings import Finding
from tmkit.ops.inputs import read_input
from tmkit.ops.merge import DEFAULT_THRESHOLD, PREFER_CHOICES


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
    from tmkit.ops.merge import merge_inputs

    if prefer not in PREFER_CHOICES:
        raise UsageError(f"--prefer must be one of {', '.join(PREFER_CHOICES)}, not {prefer!r}")
    from tmkit.formats import io

    out_format = io.detect(output, kind="catalog", verb="write")
    if out_format.write is None:
        raise UsageError(f"{output}: tmkit cannot write {out_format.name} files")
    to_memory = out_format.kind == "memory"
    for path in inputs:
        if path.resolve() == output.resolve():
            raise UsageError(f"{output}: the output would overwrite an input")
    template_catalog = read_input(template).data if template is not None else None
    if template_catalog is not None and not isinstance(template_catalog, Catalog):
        raise UsageError(f"{template}: the template must be a PO template (.pot)")
    if tm and template is None:
        raise UsageError("--tm pretranslates a template: give --template too")
    from tmkit.tm.spec import open_tm

    memories = [open_tm(spec, source_lang, target_lang) for spec in tm]
    # Without a template, PO and TMX inputs are read lazily and a PO output is
    # written as it is made: neither the inputs nor the output are held whole.
    stream_po = out_format.name == "po" and template is None and str(output) != "-"
    result = merge_inputs(
        [read_input(p, stream=template is None) for p in inputs],
        "memory" if to_memory else "catalog",
        template=template_catalog,
        source_lang=source_lang,
        target_lang=target_lang,
        include_fuzzy=include_fuzzy,
        prefer=prefer,  # type: ignore[arg-type]
        threshold=threshold,
        memories=memories,
        stream=stream_po,
    )
    if result.units is not None:
        # The units stream from the inputs to the file: the memory is never held whole.
        memory = Memory(result.header or MemoryHeader(), result.units)  # type: ignore[arg-type]
        io.write(memory, output, format=out_format.name)
        what = f"{result.count} units"
    elif result.messages is not None:
        from tmkit.formats.po import write_po_stream

        if not write_po_stream(result.catalog_header, result.messages, output):
            # a legacy charset: whether every character fits is known only at the end
            catalog = Catalog(list(result.messages), result.catalog_header)
            io.write(catalog, output, format=out_format.name)
        what = f"{result.count} messages"
    else:
        io.write(result.catalog or Catalog(), output, format=out_format.name)
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
