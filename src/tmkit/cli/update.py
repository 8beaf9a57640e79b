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
    tm: list[Path] = typer.Option(
        [], "--tm", help="A TMX or PO memory to pretranslate untranslated entries (repeatable)."
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

    for path, what in ((template, "template"), (translation, "translation")):
        if path.suffix.lower() not in (".po", ".pot"):
            raise UsageError(f"{path}: the {what} must be a PO file (.po or .pot)")
    from tmkit.formats.atomic import locked_update

    new = read_po(template)
    with locked_update(translation):  # read-modify-write: a concurrent update waits
        old = read_po(translation)
        memory = load_memories(tm, MergeInput(str(translation), old), source_lang, target_lang)
        result = update_catalog(new, old, memory, threshold, tm_threshold)
        write_po(result.catalog, translation)
    typer.echo(f"tmkit update: {translation}: {result.stats.summary()}", err=True)
