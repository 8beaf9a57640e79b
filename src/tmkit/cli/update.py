"""`tmkit update`: bring a translation up to date with its template (msgmerge semantics)."""

from __future__ import annotations

from pathlib import Path

import typer

from tmkit.cli.application import app
from tmkit.ops.update import DEFAULT_UPDATE_THRESHOLD

_LOCATIONS = ("full", "file", "never")
_BACKUPS = ("none", "off", "numbered", "t", "existing", "nil", "simple", "never")


@app.command()
def update(
    template: Path = typer.Argument(
        ..., metavar="TEMPLATE", help="The new template (.pot, or any PO file)."
    ),
    translation: Path = typer.Argument(
        ...,
        metavar="TRANSLATION",
        help="The translation (.po), rewritten in place; created from the template if missing.",
    ),
    output: str | None = typer.Option(
        None,
        "-o",
        "--output",
        metavar="FILE",
        help="Write here instead of in place ('-' = stdout).",
    ),
    tm: list[str] = typer.Option(
        [],
        "--tm",
        metavar="MEMORY",
        help="A memory to pretranslate untranslated entries: a TMX/PO file, sqlite:///tm.db "
        "or postgresql://… (repeatable).",
    ),
    compendium: list[Path] = typer.Option(
        [],
        "-C",
        "--compendium",
        metavar="FILE",
        help="A PO compendium, as msgmerge -C: its entries are matched like the translation's "
        "own but never become obsolete entries (repeatable).",
    ),
    fuzzy_threshold: float = typer.Option(
        DEFAULT_UPDATE_THRESHOLD,
        "--fuzzy-threshold",
        metavar="N",
        min=0,
        max=100,
        help="Similarity (0-100) an old entry needs to be taken as a fuzzy match.",
    ),
    old_threshold: float | None = typer.Option(
        None, "--threshold", min=0, max=100, hidden=True, help="Old name of --fuzzy-threshold."
    ),
    no_fuzzy: bool = typer.Option(
        False, "-N", "--no-fuzzy-matching", help="No fuzzy matching: new entries stay empty."
    ),
    tm_threshold: float = typer.Option(
        75.0,
        "--tm-threshold",
        metavar="N",
        min=0,
        max=100,
        help="Fuzzy threshold for --tm matches.",
    ),
    for_msgfmt: bool = typer.Option(
        False,
        "--for-msgfmt",
        help="Output for msgfmt only: no untranslated, fuzzy or obsolete entries, no comments "
        "(needs -o: the translation itself is never thinned out).",
    ),
    sort_output: bool = typer.Option(False, "--sort-output", help="Sort entries by msgid."),
    sort_by_file: bool = typer.Option(
        False, "--sort-by-file", help="Sort entries by their source references."
    ),
    add_location: str = typer.Option(
        "full",
        "--add-location",
        metavar="full|file|never",
        help="#: references: full, file (no line numbers) or never.",
    ),
    no_location: bool = typer.Option(False, "--no-location", help="Same as --add-location=never."),
    lang: str | None = typer.Option(
        None, "--lang", metavar="LANG", help="The header's Language field."
    ),
    width: int = typer.Option(
        79, "-w", "--width", metavar="N", min=1, help="Page width for wrapping."
    ),
    backup: str | None = typer.Option(
        None,
        "--backup",
        metavar="CONTROL",
        help="Keep the old translation: numbered, existing or simple (none/off: no backup).",
    ),
    suffix: str = typer.Option("~", "--suffix", metavar="SUFFIX", help="Suffix of simple backups."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No summary line."),
    previous: bool = typer.Option(
        True, "--previous", hidden=True, help="Accepted for msgmerge compatibility (always on)."
    ),
    source_lang: str | None = typer.Option(
        None, "--source-lang", metavar="LANG", help="For --tm TMX files."
    ),
    target_lang: str | None = typer.Option(
        None, "--target-lang", metavar="LANG", help="For --tm TMX files."
    ),
) -> None:
    """Merge TEMPLATE into TRANSLATION like msgmerge --previous, writing it atomically.

    Unchanged entries keep their translation, changed ones get the nearest old
    translation flagged fuzzy (with #| previous msgid), removed ones become
    obsolete (#~); a translation is never lost. A missing TRANSLATION is created
    from the template (as msginit then msgmerge). Exit status: 0 written,
    2 unusable input.
    """
    from tmkit.model.errors import UsageError

    del previous  # always on
    from tmkit.ops.update import UpdateOptions
    from tmkit.ops.update_run import run_update

    if add_location not in _LOCATIONS:
        raise UsageError(f"--add-location must be one of {', '.join(_LOCATIONS)}")
    if backup is not None and backup not in _BACKUPS:
        raise UsageError(f"--backup must be one of {', '.join(_BACKUPS)}")
    if for_msgfmt and output is None:
        raise UsageError("--for-msgfmt needs -o: it leaves out fuzzy and obsolete entries")
    if sort_output and sort_by_file:
        raise UsageError("--sort-output and --sort-by-file cannot be used together")
    options = UpdateOptions(
        threshold=old_threshold if old_threshold is not None else fuzzy_threshold,
        fuzzy_matching=not no_fuzzy,
        memory_threshold=tm_threshold,
        for_msgfmt=for_msgfmt,
        sort="msgid" if sort_output else "file" if sort_by_file else None,
        location="never" if no_location else add_location,
        lang=lang,
        width=width,
    )
    from tmkit.cli.progress import progress_bar
    from tmkit.ops.outputs import locked_update

    target = translation if output is None or output == "-" else Path(output)
    with locked_update(target), progress_bar("update") as progress:
        # read-modify-write under the lock: a concurrent update waits
        result, written = run_update(
            template,
            translation,
            options,
            output=output,
            memories=tm,
            compendia=compendium,
            backup=backup,
            suffix=suffix,
            languages=(source_lang, target_lang),
            progress=progress,
        )
    if not quiet:
        typer.echo(f"tmkit update: {written}: {result.stats.summary()}", err=True)
