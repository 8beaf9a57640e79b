"""Per-segment results kept between builds: ``.tmkit/cache/*.bin`` (git-ignored).

A one-file-changed build must not redo for the other documents' segments what the
last build worked out for them: the glossary notes of a source text, the glossary
marks the report puts on a pair, the normalised texts the consistency checks compare.
Each of those is a pure function of a segment's text and of a few settings (the
glossary, tmkit's code), so it is kept in a *table* keyed by a digest of the text,
and the table by a digest of the settings: new settings, an empty table.

Trust is the build state's (`tmkit.ops.build_state`): each piece of a file carries a
digest of its bytes, the first one tmkit's code fingerprint and the settings; a
missing, truncated, hand-edited or foreign file is ignored as a whole, which only
costs time, and no table is read after a missing or untrusted state. A build appends
the entries it made to its table's file; once more than half of the file is entries
the build did not use, the table is written anew with just those it used, so it
never grows far past the project.

``marshal`` holds the tables (strings, numbers, tuples, dicts): it reads and writes
them at C speed and, unlike pickle, cannot run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tmkit.ops.build_state import STATE_DIR, code_fingerprint, digest_json, state_folder

CACHE_DIR = "cache"
LAYOUT = 1
_DIGEST = 16
_blake2b = hashlib.blake2b


def text_key(*texts: str) -> bytes:
    """The key of a segment's texts in a table (16 bytes, not the texts)."""
    # one text (most keys) is its own join: the same key without building a new string
    text = texts[0] if len(texts) == 1 else "\x1f".join(texts)
    return _blake2b(text.encode("utf-8"), digest_size=16).digest()


class Table:
    """One kind of result: ``key → value``, valid for one digest of its settings."""

    def __init__(self, known: dict[bytes, Any]) -> None:
        self._known = known
        #: the entries this run used (read or made): what is saved
        self.used: dict[bytes, Any] = {}
        #: entries per piece of the file (a table of big entries sets it lower, so that
        #: no piece is held whole as bytes with all of them)
        self.batch = _BATCH

    @property
    def stored(self) -> dict[bytes, Any]:
        """The table as the last build left it (read only; for a caller that keeps its
        own memo and sets ``used`` to what it used)."""
        return self._known

    def get(self, key: bytes) -> Any:
        value = self.used.get(key)
        if value is None:
            value = self._known.get(key)
            if value is not None:
                self.used[key] = value
        return value

    def take(self, key: bytes) -> Any:
        """The stored value of ``key``, dropped from the table (for an entry the caller
        replaces: its memory is freed as soon as the caller lets it go)."""
        self.used.pop(key, None)
        return self._known.pop(key, None)

    def put(self, key: bytes, value: Any) -> Any:
        self.used[key] = value
        return value

    def remembered(self, make: Callable[[str], Any], freeze=tuple) -> Callable[[str], Any]:
        """``make(text)``, made once per text across builds (``freeze`` makes its result
        storable; lists come back as they went, new each call)."""

        def lookup(text: str) -> Any:
            key = text_key(text)
            found = self.get(key)
            if found is None:
                found = self.put(key, freeze(make(text)))
            return found

        return lookup


class BuildCache:
    """The tables of one build: each read from its file when a step first asks for it
    (a build that runs no step reads none), and written with the build state."""

    def __init__(self, root: Path, trusted: bool = True, write_early: bool = False) -> None:
        self.root = root
        #: False after a missing or untrusted state: a full build, no table read
        self.trusted = trusted
        #: write each table when its step is done (`done`), not with the state: a big
        #: build then never holds the tables of all its steps at once
        self.write_early = write_early
        self._open: dict[str, tuple[str, Table]] = {}
        #: blobs made by this build and not yet written: name → (digest, value)
        self._blobs: dict[str, tuple[str, Any]] = {}

    def path(self, name: str) -> Path:
        return self.root / STATE_DIR / CACHE_DIR / f"{name}.bin"

    def _read(self, name: str, settings_key: str) -> dict[bytes, Any]:
        """Table ``name`` as stored, when it was made for these settings by this code."""
        if not self.trusted:
            return {}
        try:
            data = self.path(name).read_bytes()
        except OSError:
            return {}
        table: dict[bytes, Any] = {}
        try:
            pieces = _pieces(memoryview(data))
            if next(pieces) != (LAYOUT, code_fingerprint(), settings_key):
                return {}
            for batch in pieces:
                table.update(batch)
        except (EOFError, ValueError, TypeError, StopIteration):
            return {}
        return table

    def table(self, name: str, settings: Any) -> Table:
        """Table ``name`` for these settings (JSON-able): the stored one when they match."""
        settings_key = digest_json([name, settings])
        opened = self._open.get(name)
        if opened is None or opened[0] != settings_key:
            opened = self._open[name] = (settings_key, Table(self._read(name, settings_key)))
        return opened[1]

    def put_blob(self, name: str, value: Any) -> str:
        """Keep ``value`` (marshal-able; its repr says what it is) as blob ``name`` for the
        next build; returns its digest, which the build state records to find it again."""
        digest = _blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()
        self._blobs[name] = (digest, value)
        if self.write_early:
            self._write_blob(name)
        return digest

    def blob(self, name: str, digest: Any) -> Any:
        """Blob ``name`` as kept by the build whose state records ``digest``; None when
        the file is missing, altered or of another build (the caller then recomputes)."""
        if not self.trusted or not isinstance(digest, str):
            return None
        try:
            pieces = _pieces(memoryview(self.path(name).read_bytes()))
            if next(pieces) != (LAYOUT, code_fingerprint(), digest):
                return None
            return next(pieces)
        except (OSError, EOFError, ValueError, TypeError, StopIteration):
            return None

    def _write_blob(self, name: str) -> None:
        from tmkit.formats.atomic import open_atomic

        digest, value = self._blobs.pop(name)
        with contextlib.suppress(OSError):
            (state_folder(self.root) / CACHE_DIR).mkdir(exist_ok=True)
            with open_atomic(self.path(name)) as out:
                out.writelines(_frame(marshal.dumps((LAYOUT, code_fingerprint(), digest))))
                out.writelines(_frame(marshal.dumps(value)))

    def done(self, *names: str) -> None:
        """The step that used tables ``names`` is over: with ``write_early``, write them
        now and let them go. (A table is right whatever the build does next: each entry
        is a pure function of its key.)"""
        if self.write_early:
            for name in names:
                if name in self._open:
                    self._write(name, *self._open.pop(name))

    def save(self) -> None:
        """Write the entries this build used of each table it opened (atomically); the
        files of the others stay as they are. A failure only costs time."""
        for name, (key, table) in list(self._open.items()):
            self._write(name, key, table)
        self._open.clear()
        for name in list(self._blobs):
            self._write_blob(name)

    def _write(self, name: str, key: str, table: Table) -> None:
        """Pieces (length, digest, marshal data): the settings, then the entries in
        batches, so a big table is never held twice as bytes. When most of the file
        is still used, only the new entries are appended to it (one changed document
        rewrites no table); else the table is written anew with what was used."""
        from tmkit.formats.atomic import open_atomic

        used, known, table.used = table.used, table.stored, {}
        fresh = {k: v for k, v in used.items() if k not in known}
        kept = len(used) - len(fresh)
        path = self.path(name)
        with contextlib.suppress(OSError):
            if known and len(known) - kept <= kept:
                if fresh:
                    with path.open("ab") as out:  # a torn append fails its digest
                        out.writelines(_framed(None, fresh, table.batch))
                return
            (state_folder(self.root) / CACHE_DIR).mkdir(exist_ok=True)
            with open_atomic(path) as out:
                out.writelines(_framed((LAYOUT, code_fingerprint(), key), used, table.batch))


_BATCH = 4096


def _framed(head: tuple | None, table: dict[bytes, Any], batch: int = _BATCH) -> Iterator[bytes]:
    items = list(table.items())
    if head is not None:
        yield from _frame(marshal.dumps(head))
    for start in range(0, len(items), batch):
        yield from _frame(marshal.dumps(items[start : start + batch]))


def _frame(data: bytes) -> tuple[bytes, bytes, bytes]:
    digest = hashlib.blake2b(data, digest_size=_DIGEST).digest()
    return len(data).to_bytes(8, "little"), digest, data


def _pieces(view: memoryview) -> Iterator[Any]:
    """The marshal pieces of a cache file, each checked against its digest (read
    without copying the file); a torn or altered piece raises ValueError."""
    at = 0
    while at < len(view):
        size = int.from_bytes(view[at : at + 8], "little")
        digest = view[at + 8 : at + 8 + _DIGEST]
        at += 8 + _DIGEST
        data = view[at : at + size]
        if size <= 0 or at + size > len(view):
            raise ValueError("truncated")
        if hashlib.blake2b(data, digest_size=_DIGEST).digest() != digest:
            raise ValueError("altered")
        yield marshal.loads(data)
        at += size


def seed_consistency(ctx: Any, pairs: list[Any], cache: BuildCache) -> None:
    """Let the consistency checks read each pair's normalised texts from ``cache``.

    They normalise every text of the run (for one changed document, nearly all of them
    as last time) through the functions ``ctx.cache`` holds for this list of ``pairs``;
    remembered ones give the same texts. Should the checks stop reading them from there,
    they normalise as before: slower, never different.
    """
    from tmkit.checks import consistency

    slot = getattr(consistency, "_NORMS", None)
    if slot is None:
        return
    sources = cache.table("consistency-source", [])
    targets = cache.table("consistency-target", [])
    ctx.cache[slot] = (
        pairs,
        sources.remembered(consistency.norm_source, freeze=str),
        targets.remembered(consistency.norm_target, freeze=str),
    )
