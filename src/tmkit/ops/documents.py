"""Source documents of every kind: which filter reads a file, and rebuilding markup targets.

Plain text goes through `tmkit.text.structure` as before; HTML and Markdown go
through their gateway formats (`tmkit.formats.html`, `tmkit.formats.markdown`),
which get the same SRX segmenter. The filter is chosen by extension, then by
content; ``--format text|html|markdown`` overrides both. A ``.txt`` that looks
like HTML or Markdown is still read as text, with a warning naming the filter.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tmkit.formats.io import BUILTIN_EXTENSIONS
from tmkit.model import Document
from tmkit.model.codes import MarkupDocument
from tmkit.model.errors import UsageError

DOCUMENT_FORMATS = ("text", "html", "markdown")
#: the document formats' extensions, from the format gateway's one table
_BY_SUFFIX = {s: name for s, name in BUILTIN_EXTENSIONS.items() if name in DOCUMENT_FORMATS}


def document_format(
    path: str,
    forced: str | None = None,
    head: bytes | None = None,
    warn: Callable[[str], None] | None = None,
) -> str:
    """``text``, ``html`` or ``markdown`` for ``path`` (see the module docstring)."""
    if forced:
        if forced not in DOCUMENT_FORMATS:
            raise UsageError(f"unknown document format {forced!r} (known: text, html, markdown)")
        return forced
    suffix = Path(path).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if head is None:
        try:
            with open(path, "rb") as f:
                head = f.read(4096)
        except OSError:
            head = b""
    from tmkit.formats.html import looks_like_html
    from tmkit.formats.markdown import looks_like_markdown

    guess = "html" if looks_like_html(head) else "markdown" if looks_like_markdown(head) else None
    if guess and warn is not None:
        warn(
            f"{path}: looks like {guess.upper() if guess == 'html' else 'Markdown'}; "
            f"read as plain text (use --format {guess} to extract it as {guess})"
        )
    return "text"


def load_markup(
    path: str,
    fmt: str,
    splitter,
    root: str | None,
    source_lang: str,
    front_matter_keys=None,
) -> Document:
    """One HTML or Markdown document. A segment's id is the hash of its text alone: a
    sentence shared with a plain-text source gets the same id (and the same PO entry),
    and so does a repeat in the page (a ``<title>`` that is also the ``<h1>``)."""
    from tmkit.formats import io
    from tmkit.text.structure import segment_id

    real = os.path.join(root, path) if root else path
    with open(real, "rb") as stream:
        return io.by_name(fmt, "document").read(
            stream,
            path,
            split=splitter.split,
            ids=segment_id,
            source_lang=source_lang,
            front_matter_keys=tuple(front_matter_keys) if front_matter_keys else None,
        )


def rebuild_markup(
    doc: MarkupDocument, table: dict[str, str], target_lang: str
) -> tuple[bytes, list[str]]:
    """The translated document's bytes and the warnings (untranslated, codes put back)."""
    from tmkit.formats import io

    data, warnings = io.dumps(
        doc, doc.format, translate=lambda seg: table.get(seg.id), target_lang=target_lang
    )
    return data, warnings


def rebuild_document(
    source: str,
    translation: str,
    target_lang: str = "en",
    format: str | None = None,
    encoding: str = "auto",
    srx: str | None = None,
    source_lang: str = "ja",
    include_fuzzy: bool = False,
) -> tuple[bytes, list[str]]:
    """The translated document for ``source`` from a PO (or TMX) ``translation``.

    Segments are found by id (the msgctxt ``extract`` wrote); a TMX gives its
    units' ``x-context``. Returns the bytes and the warnings (untranslated
    segments kept in the source language, codes put back).
    """
    from tmkit.ops.extract import load_documents
    from tmkit.ops.rebuild import missing, render_target, translations

    (doc,) = load_documents(
        [source], encoding=encoding, srx=srx, language=source_lang, format=format
    )
    catalog = _catalog(translation, source_lang, target_lang)
    table = translations(catalog, include_fuzzy=include_fuzzy)
    if isinstance(doc, MarkupDocument):
        return rebuild_markup(doc, table, target_lang)
    warnings = [
        f"{source}: {seg_id}: not translated: source text kept" for seg_id in missing(doc, table)
    ]
    return render_target(doc, table, target_lang).encode("utf-8"), warnings


def _catalog(path: str, source_lang: str, target_lang: str):
    if Path(path).suffix.lower() == ".tmx":
        from tmkit.formats.convert import memory_to_catalog
        from tmkit.formats.tmx import read_tmx

        return memory_to_catalog(read_tmx(path), source_lang, target_lang)
    from tmkit.formats.po import read_po

    return read_po(path)
