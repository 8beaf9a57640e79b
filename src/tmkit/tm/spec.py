"""`open_tm(spec)`: a memory from what a user typed after ``--tm``.

* ``sqlite:///path/tm.db`` (relative path; ``sqlite:////abs/tm.db`` absolute):
  `tmkit.tm.sqlite.SqliteMemory`;
* ``postgresql://…`` / ``postgres://…``: `tmkit.tm.postgres.PostgresMemory`;
* anything else is a memory file (TMX, PO, any bilingual format the gateway
  reads), loaded into `tmkit.tm.memory.MemoryLookup`.
"""

from __future__ import annotations

from pathlib import Path

from tmkit.model.errors import InputError, UsageError
from tmkit.model.memory import same_language
from tmkit.tm.base import TranslationMemory

SQLITE_PREFIX = "sqlite:///"
POSTGRES_PREFIXES = ("postgresql://", "postgres://")
DEFAULT_SOURCE_LANGUAGE = "ja"


def is_store(spec: str | Path) -> bool:
    """Is ``spec`` a database URL (rather than a memory file)?"""
    text = str(spec)
    return text.startswith(SQLITE_PREFIX) or text.startswith(POSTGRES_PREFIXES)


def sqlite_path(spec: str) -> Path:
    return Path(spec[len(SQLITE_PREFIX) :])


def open_store(spec: str, create: bool = False):
    """The database memory ``spec`` names (`SqliteMemory` or `PostgresMemory`)."""
    if spec.startswith(SQLITE_PREFIX):
        from tmkit.tm.sqlite import SqliteMemory

        path = sqlite_path(spec)
        if not str(path):
            raise UsageError(f"{spec}: give a file: sqlite:///path/tm.db")
        return SqliteMemory(path, create=create)
    if spec.startswith(POSTGRES_PREFIXES):
        from tmkit.tm.postgres import PostgresMemory

        return PostgresMemory(spec)
    raise UsageError(f"{spec}: not a memory URL (sqlite:///path/tm.db or postgresql://…)")


def open_tm(
    spec: str | Path, source_lang: str | None = None, target_lang: str | None = None
) -> TranslationMemory:
    """The memory ``spec`` names, for ``source_lang`` → ``target_lang`` when given.

    A store whose languages differ from the ones asked for is an `InputError`; a
    file's languages come from the options, else its header.
    """
    text = str(spec)
    if is_store(text):
        store = open_store(text)
        have = store.languages()
        for want, got, what in ((source_lang, have[0], "source"), (target_lang, have[1], "target")):
            if want and got and not same_language(want, got):
                store.close()
                raise InputError(f"its {what} language is {got}, not {want}", text)
        return store
    from tmkit.tm.files import entries_from_file, file_languages
    from tmkit.tm.memory import MemoryLookup

    header_source, header_target = file_languages(text)
    src = source_lang or header_source or DEFAULT_SOURCE_LANGUAGE
    tgt = target_lang or header_target
    if tgt is None:
        raise InputError("cannot tell its target language; use --target-lang", text)
    return MemoryLookup(entries_from_file(text, src, tgt), src, tgt)
