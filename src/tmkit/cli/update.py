"""`tmkit update`: bring a translation up to date with its template (msgmerge semantics)."""

from __future__ import annotations

from pathlib import Path

import typer

from tmkit.cli.app import app
from tmkit.model.errors import UsageError
from tmkit.ops.update import DEFAULT_UPDATE_THRESHOLD


@app.command()
def update(
    template: Path = typer.Argument(..., help="The new template (.pot)."),
    translation: Path = typer.Argument(..., help="The translation (.po), rewritten in place."),
    tm: list[str] = typer.Option(
        [],
        "--tm",
        help="A memory to pretranslate untranslated entries: a TMX/PO file, sqlite:///tm.db "
        "or postgresql://… (repeatable).",
    ),
    threshold: float = typer.Option(
        DEFAULT_UPDATE_THRESHOLD,
        "--threshold",
        min=0,
        max=100,
        help="Fuzzy threshold for matching the translation's old entries (0-100).",
    ),
    tm_threshold: float = typer.Option(
        75.0, "--tm-threshold", min=0, max=100, help="Fuzzy threshold for --tm matches."
    ),
    source_lang: str | None = typer.Option(None, "--source-lang", help="For --tm TMX files."),
    target_lang: str | None = typer.Option(None, "--target-lang", help="For --tm TMX files."),
) -> None:
    """Merge TEMPLATE into TRANSLATION like msgmerge --previous, writing it atomically.

    Unchanged entries keep their translation, changed ones get the nearest old
    translation flagged fuzzy (with #| previous msgid), removed ones become
    obsolete (#~). Exit status: 0 written, 2 unusable input.
    """
    from tmkit.formats.po import read_po, write_po
    from tmkit.ops.inputs import load_memories
    from tmkit.ops.merge import MergeInput
    from tmkit.ops.update import update_catalog

    if _is_po(template) and _is_po(translation):
        new, old = read_po(template), read_po(translation)
    else:  # another catalog format (an XLIFF job): read and written through the gateway
        new, old = _catalog(template, "template"), _catalog(translation, "translation")
    memory = load_memories(tm, MergeInput(str(translation), old), source_lang, target_lang)
    result = update_catalog(new, old, memory, threshold, tm_threshold)
    if _is_po(translation):
        write_po(result.catalog, translation)
    else:
        _write_like(result.catalog, translation, template)
    typer.echo(f"tmkit update: {translation}: {result.stats.summary()}", err=True)


def _is_po(path: Path) -> bool:
    return path.suffix.lower() in (".po", ".pot")


def _catalog(path: Path, what: str):
    from tmkit.model.catalog import Catalog
    from tmkit.ops.inputs import read_input

    data = read_input(path).data
    if not isinstance(data, Catalog):
        raise UsageError(f"{path}: the {what} must be a catalog (PO, POT or an XLIFF job)")
    return data


def _write_like(catalog, path: Path, template: Path) -> None:
    """Write ``catalog`` in ``path``'s own format.

    An XLIFF job keeps its version; one that tmkit did not write keeps its document:
    the template's when the template is that kind of job too (its structure is the
    new one, as with msgmerge), else its own.
    """
    from tmkit.formats import io

    fmt = io.detect(path, kind="catalog")
    options = {}
    if fmt.name == "xliff":
        same = io.detect(template, kind="catalog").name == fmt.name
        options["into"] = template if same else path
    io.write(catalog, path, format=fmt.name, **options)
