"""`tmkit align`: read two documents, align their sentences, write the pairs as PO, TMX or XLIFF."""

from __future__ import annotations

from pathlib import Path

from tmkit.align import Alignment, AlignOptions, Side, align_sides, side_from_text
from tmkit.align.output import summary_lines, to_catalog, to_memory
from tmkit.formats import io
from tmkit.model.errors import InputError, UsageError
from tmkit.model.progress import Progress, stage

#: output extension → the gateway's format
__all__ = ["AlignOptions", "align_files", "align_to_file", "read_side", "summary_lines"]

OUTPUT_FORMATS = {".po": "po", ".pot": "po", ".tmx": "tmx", ".xlf": "xliff", ".xliff": "xliff"}


def read_side(path: str, lang: str, encoding: str = "auto") -> Side:
    """Read (with tmkit's decoding and its one-line errors), parse and segment a document."""
    from tmkit.formats.text import read_text

    return side_from_text(read_text(path, encoding).text, str(path), lang)


def align_files(
    ja_path: str,
    en_path: str,
    options: AlignOptions | None = None,
    glossary: str | None = None,
    encoding: str = "auto",
    progress: Progress | None = None,
) -> Alignment:
    """Read, segment and align two documents; ``glossary`` is a TBX/CSV path.

    Raises `tmkit.model.errors.InputError` for a missing, unreadable, binary or empty document.
    """
    stage(progress, "reading")
    ja = read_side(ja_path, "ja", encoding)
    en = read_side(en_path, "en", encoding)
    for side in (ja, en):
        if not side.sentences:
            raise InputError("no sentences to align (the document is empty)", side.path)
    matcher = None
    if glossary is not None:
        from tmkit.glossary.matcher import GlossaryMatcher

        matcher = GlossaryMatcher(io.read(glossary, kind="glossary"))
    return align_sides(ja, en, options, matcher=matcher, progress=progress)


def align_to_file(
    ja_path: str,
    en_path: str,
    output: str | Path,
    options: AlignOptions | None = None,
    glossary: str | None = None,
    encoding: str = "auto",
    progress: Progress | None = None,
) -> Alignment:
    """`align_files`, then the pairs written to ``output`` (the format from its extension)."""
    output = Path(output)
    format = OUTPUT_FORMATS.get(output.suffix.lower())
    if format is None:
        raise UsageError(
            f"cannot tell the output format from {output.name!r}: use .po, .tmx or .xlf"
        )
    alignment = align_files(ja_path, en_path, options, glossary, encoding, progress)
    if format == "xliff":
        io.write(to_catalog(alignment), output, format="xliff", original=ja_path)
    elif format == "tmx":
        from tmkit.formats.tmx import source_date

        io.write(to_memory(alignment, source_date()), output, format="tmx")
    else:
        io.write(to_catalog(alignment), output, format="po")
    return alignment
