"""`tmkit init`: a new project's configuration and folders."""

from __future__ import annotations

from pathlib import Path

from tmkit.formats.atomic import write_text_atomic
from tmkit.model.errors import UsageError

CONFIG = """\
# tmkit project: `tmkit build` runs extract → update → check → TMX → validate →
# rebuild → report over these files. Paths are relative to this file.
project-id = "{name}"
source-lang = "{src}"
target-lang = "{tgt}"

# Source documents (plain text, one paragraph per line) and their rebuilt translations.
sources = ["source/{src}/document.txt"]
targets = ["target/{tgt}/document.txt"]
# markdown = ["target/{tgt}/document.md"]     # Markdown renderings too

template = "source/{src}/document.pot"
translation = "target/{tgt}/document.po"
tmx = "target/{tgt}/document.tmx"
report = "target/{tgt}/report.html"

# A TBX, CSV or TSV glossary (uncomment when you have one), and exports kept in sync.
# glossary = "glossary/terms.tbx"
# glossary-exports = ["glossary/terms.csv"]

# Memories to pretranslate new segments from (TMX or PO).
memories = []
fuzzy-threshold = 75

[check]
# Rule ids or families to run / skip (see `tmkit check --list`).
select = []
ignore = []
strict = false

# How rebuilt documents look (English-style targets; see README, Project configuration).
# [render]
# question = "q"                # "q" (Q: ...) or "dash"
# quotes = "curly"              # or "straight"
# headings = "underline"        # or "plain"
# caption = "Image: {{text}}"
"""


def scaffold(directory: Path, source_lang: str, target_lang: str, name: str | None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "tmkit.toml"
    if config.exists():
        raise UsageError(f"{config}: already exists; not overwriting it")
    name = name or directory.resolve().name
    created = []
    for folder in (f"source/{source_lang}", f"target/{target_lang}", "glossary"):
        path = directory / folder
        if not path.exists():
            path.mkdir(parents=True)
            created.append(path)
    document = directory / "source" / source_lang / "document.txt"
    if not document.exists():
        write_text_atomic(document, "")
        created.append(document)
    write_text_atomic(config, CONFIG.format(name=name, src=source_lang, tgt=target_lang))
    created.append(config)
    return created
