"""`tmkit merge` from files to a file: inputs read, merged, and written through the gateway."""

from __future__ import annotations

from pathlib import Path

from tmkit.formats import io
from tmkit.model import Catalog, Memory, MemoryHeader
from tmkit.model.errors import UsageError
from tmkit.model.progress import Progress, stage, ticked
from tmkit.ops.inputs import read_input
from tmkit.ops.merge import DEFAULT_THRESHOLD, PREFER_CHOICES, MergeResult, merge_inputs


def merge_files(
    inputs: list[Path],
    output: Path,
    *,
    template: Path | None = None,
    tm: list[str] = (),
    threshold: float = DEFAULT_THRESHOLD,
    include_fuzzy: bool = False,
    prefer: str = "newest",
    source_lang: str | None = None,
    target_lang: str | None = None,
    progress: Progress | None = None,
) -> MergeResult:
    """Merge ``inputs`` (PO, TMX, any format the gateway reads) into ``output``.

    The output's format (memory or catalog) comes from its extension. With
    ``template``, the template is pretranslated from the inputs and the memories
    ``tm`` (specs for `tmkit.tm.spec.open_tm`).
    """
    if prefer not in PREFER_CHOICES:
        raise UsageError(f"--prefer must be one of {', '.join(PREFER_CHOICES)}, not {prefer!r}")
    out_format = io.detect(output, kind="catalog", verb="write")
    if out_format.write is None:
        raise UsageError(f"{output}: tmkit cannot write {out_format.name} files")
    to_memory = out_format.kind == "memory"
    for path in inputs:
        if path.resolve() == output.resolve():
            raise UsageError(f"{output}: the output would overwrite an input")
    stage(progress, "reading")
    template_catalog = read_input(template).data if template is not None else None
    if template_catalog is not None and not isinstance(template_catalog, Catalog):
        raise UsageError(f"{template}: the template must be a PO template (.pot)")
    if tm and template is None:
        raise UsageError("--tm pretranslates a template: give --template too")
    memories = []
    if tm:
        from tmkit.tm.spec import open_tm

        stage(progress, "opening memories")
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
        progress=progress,
        stream=stream_po,
    )
    if result.units is not None:
        # The units stream from the inputs to the file: the memory is never held whole.
        units = ticked(result.units, progress, "merging")
        memory = Memory(result.header or MemoryHeader(), units)  # type: ignore[arg-type]
        io.write(memory, output, format=out_format.name)
    elif result.messages is not None:
        from tmkit.formats.po import write_po_stream

        messages = ticked(result.messages, progress, "merging")
        if not write_po_stream(result.catalog_header, messages, output):
            # a legacy charset: whether every character fits is known only at the end
            catalog = Catalog(list(result.messages), result.catalog_header)
            io.write(catalog, output, format=out_format.name)
    else:
        stage(progress, "writing")
        io.write(result.catalog or Catalog(), output, format=out_format.name)
    return result
