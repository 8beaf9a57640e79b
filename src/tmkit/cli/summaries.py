"""What `tmkit --help` says, without importing any command or typer.

`COMMANDS` names each command's module and its one-line summary (what `--help`
lists without importing the module; tests/test_cli_lazy.py checks that it agrees
with the command's docstring). `tmkit.cli.lazy` imports a module the first time
one of its commands is asked for, and `tmkit.cli.quickhelp` prints the top-level
page from these alone.
"""

from __future__ import annotations

#: the application's help, first paragraph of `tmkit --help`
APP_HELP = "Japanese→English translation memories: extract, merge, check, validate, score."
#: the help of the app's own option, ``--version``
VERSION_HELP = "Print the version and exit."

#: command → (module under tmkit.cli, first paragraph of its help), in --help order
COMMANDS: dict[str, tuple[str, str]] = {
    "align": (
        "align",
        "Align the sentences of JA_DOC with those of EN_DOC and write them as PO or TMX.",
    ),
    "build": (
        "build",
        "Run the project: extract, update, check, export TMX, validate, rebuild, report.",
    ),
    "init": (
        "build",
        "Scaffold a project: tmkit.toml and the source/, target/ and glossary/ folders.",
    ),
    "check": (
        "check",
        "Check translations. Exit 0 clean, 1 errors (or warnings with --strict), 2 unusable input.",
    ),
    "convert": (
        "convert",
        "Convert a glossary between TBX, CSV and TSV. Output is deterministic.",
    ),
    "extract": (
        "extract",
        "Segment SOURCE documents into sentences and write a PO template.",
    ),
    "merge": (
        "merge",
        "Merge PO and TMX files into one TMX or PO; or pretranslate a template.",
    ),
    "rebuild": (
        "rebuild",
        "Rebuild SOURCE in the target language: every tag and attribute kept, codes where the "
        "translator put them; untranslated segments stay in the source language (warned).",
    ),
    "report": (
        "report",
        "Write a review page: summary, QA score, plots, side-by-side segments with findings.",
    ),
    "score": (
        "score",
        "Score HYP against --ref with sacrebleu (BLEU, chrF, chrF++, TER), and/or --qa FILE.",
    ),
    "stats": (
        "stats",
        "Progress (segments and source characters) and, with --tm, leverage bands.",
    ),
    "update": (
        "update",
        "Merge TEMPLATE into TRANSLATION like msgmerge --previous, writing it atomically.",
    ),
    "validate": (
        "validate",
        "Check that TMX is valid TMX 1.4b and complete. Exit 0 clean, 1 findings, 2 unusable.",
    ),
    "dedupe": (
        "corpus",
        "Exact duplicates and source conflicts across a corpus. Exit 0, 1 when any, 2 bad input.",
    ),
    "shard": (
        "corpus",
        "Split a memory into valid TMX shards, streaming, with manifest.json.",
    ),
    "tm": (
        "tm",
        "A shared translation memory: sqlite:///tm.db or postgresql://… (credentials from "
        "PGPASSWORD, ~/.pgpass or a service file).",
    ),
}
