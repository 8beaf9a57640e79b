"""The format gateway: the one place that maps a file to its adapter and opens it.

A format is one module that registers a `Format`: a name, what kind of model it
reads into, its extensions, a content sniffer, and stream readers and writers.
Everything that opens or writes a translation file goes through `detect`,
`read`, `write` and `open_units` (or `iter_units`) here; nothing else looks at extensions.

Adding a format is one module plus one `register(Format(...))` call, and, for a
format that ships with tmkit, one line in `_BUILTIN` so it is imported lazily
(start-up stays cheap: adapters load the first time a file needs them).
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from tmkit.model.errors import InputError, UsageError
from tmkit.model.units import Unit

Kind = Literal["catalog", "memory", "glossary", "document", "rules"]

#: Kinds that hold source/target pairs: they yield `Unit`s.
BILINGUAL: frozenset[str] = frozenset({"catalog", "memory"})

#: How many leading bytes a sniffer sees.
SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Format:
    """One registered file format.

    ``read(stream, name, **options)`` returns the model object (a `Catalog`,
    `Memory`, `Glossary`, `Document` or an adapter's own lossless document);
    ``write(obj, stream, **options)`` writes it and may return what callers need
    (line numbers per entry, for instance). ``units(obj, name)`` is the bilingual
    view of what ``read`` returned; bilingual formats must give it, and
    ``languages``. ``sniff(head)`` says from the first bytes whether a file is of
    this format, for files whose extension is missing or ambiguous.
    """

    name: str
    kind: Kind
    extensions: tuple[str, ...]
    read: Callable[..., Any]
    write: Callable[..., Any] | None = None
    units: Callable[..., Iterator[Unit]] | None = None
    sniff: Callable[[bytes], bool] | None = None
    summary: str = ""
    #: ``languages(obj)`` → (source language, target languages) the file declares
    languages: Callable[[Any], tuple[str | None, list[str]]] | None = None
    #: ``stream_units(stream, name, **options)``: the units ``units(read(…))`` would give,
    #: each made as its entry is read, no model object kept (optional; see `iter_units`)
    stream_units: Callable[..., Iterator[Unit]] | None = None


FORMATS: dict[str, Format] = {}

#: Formats that ship with tmkit: name → module that registers it on import.
_BUILTIN: dict[str, str] = {
    "po": "tmkit.formats.po",
    "tmx": "tmkit.formats.tmx",
    "tbx": "tmkit.formats.tbx",
    "csv": "tmkit.formats.csvglossary",
    "tsv": "tmkit.formats.csvglossary",
    "html": "tmkit.formats.html",
    "markdown": "tmkit.formats.markdown",
    "xliff": "tmkit.formats.xliff",
    "omegat": "tmkit.formats.omegat",
}

#: The extensions each built-in format registers (a test holds them equal), so a file
#: whose extension names one built-in loads only that adapter: checking a PO file
#: imports no XML parser.
BUILTIN_EXTENSIONS: dict[str, str] = {
    ".po": "po",
    ".pot": "po",
    ".tmx": "tmx",
    ".tbx": "tbx",
    ".csv": "csv",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".mqxliff": "xliff",
    ".mxliff": "xliff",
    ".utf8": "omegat",
    ".tab": "omegat",
}


def register(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt


def _load_builtins() -> None:
    for module in dict.fromkeys(_BUILTIN.values()):
        importlib.import_module(module)


def _builtin(name: str) -> Format | None:
    """The built-in format ``name``, only its module imported (None: not a built-in)."""
    module = _BUILTIN.get(name)
    if module is None:
        return None
    importlib.import_module(module)
    return FORMATS.get(name)


def _owner(suffix: str, kind: Kind | None) -> Format | None:
    """The one format that claims ``suffix``, when it is a built-in of ``kind`` and no
    format registered so far claims it too (None: `detect` looks at every format)."""
    fmt = _builtin(BUILTIN_EXTENSIONS.get(suffix, ""))
    if fmt is None or (kind and fmt.kind != kind and not _fits(fmt, kind)):
        return None
    if any(f is not fmt and suffix in f.extensions for f in FORMATS.values()):
        return None
    return fmt


def formats(kind: Kind | None = None) -> list[Format]:
    """Every registered format (built-ins loaded), of ``kind`` if given."""
    _load_builtins()
    return [f for f in FORMATS.values() if kind is None or f.kind == kind or _fits(f, kind)]


def _fits(fmt: Format, kind: str) -> bool:
    """A bilingual format answers for both bilingual kinds."""
    return kind in BILINGUAL and fmt.kind in BILINGUAL


def by_name(name: str, kind: Kind | None = None) -> Format:
    fmt = FORMATS.get(name.lower()) or _builtin(name.lower())
    if fmt is None:
        known = ", ".join(sorted(f.name for f in formats(kind)))
        raise UsageError(f"unknown format {name!r} (known: {known})")
    if kind and fmt.kind != kind and not _fits(fmt, kind):
        raise UsageError(f"format {name!r} is a {fmt.kind}, not a {kind}")
    return fmt


#: Compressed containers: suffix → leading magic bytes. A compressed file is read as the
#: format its inner name says (``big.tmx.gz`` is TMX), through a decompressing stream.
COMPRESSED: dict[str, bytes] = {".gz": b"\x1f\x8b", ".zst": b"\x28\xb5\x2f\xfd"}


def compression(path: str | Path, head: bytes | None = None) -> str | None:
    """``.gz`` or ``.zst`` when ``path`` is compressed (by suffix, else by magic bytes)."""
    suffix = Path(path).suffix.lower()
    if suffix in COMPRESSED:
        return suffix
    if head is None:
        try:
            with Path(path).open("rb") as f:
                head = f.read(4)
        except OSError:
            return None
    return next((s for s, magic in COMPRESSED.items() if head.startswith(magic)), None)


def inner_name(path: str | Path) -> Path:
    """``x.tmx.gz`` → ``x.tmx``: the name whose suffix says the format."""
    path = Path(path)
    return path.with_suffix("") if path.suffix.lower() in COMPRESSED else path


def open_binary(path: str | Path) -> BinaryIO:
    """``path`` opened for reading, decompressed when it is gzip or zstd."""
    path = Path(path)
    try:
        raw = path.open("rb")
    except OSError as err:
        raise _open_error(path, err) from None
    kind = compression(path, raw.read(4))
    raw.seek(0)
    if kind == ".gz":
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if kind == ".zst":
        try:
            import zstandard
        except ImportError:
            raw.close()
            raise UsageError("reading .zst files needs zstandard (pip install zstandard)") from None
        return zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)  # type: ignore[return-value]
    return raw


def _head(path: Path) -> bytes:
    try:
        if compression(path):
            with open_binary(path) as f:
                return f.read(SNIFF_BYTES)
        with path.open("rb") as f:
            return f.read(SNIFF_BYTES)
    except (OSError, EOFError, UsageError, ValueError):
        return b""


def detect(
    path: str | Path,
    format: str | None = None,
    kind: Kind | None = None,
    head: bytes | None = None,
    verb: str = "read",
) -> Format:
    """The format of ``path``: named by ``format``, else by extension, else by content.

    When several formats claim the extension (or none does), the sniffers
    decide from the first bytes.
    """
    if format:
        return by_name(format, kind)
    path = Path(path)
    if path.is_dir():
        raise InputError("is a directory", str(path))
    suffix = inner_name(path).suffix.lower()
    owner = _owner(suffix, kind) if suffix else None
    if owner is not None:
        return owner
    candidates = formats(kind)
    owners = [f for f in candidates if suffix and suffix in f.extensions]
    if len(owners) == 1:
        return owners[0]
    if head is None:
        head = _head(path)
    for fmt in owners or candidates:
        if fmt.sniff is not None and head and fmt.sniff(head):
            return fmt
    if owners:
        return owners[0]
    what = _KIND_WORDS.get(kind or "", "input")
    names = ", ".join(sorted({e for f in candidates for e in f.extensions}))
    shown = f"{suffix} files" if suffix else "files without an extension"
    raise InputError(f"cannot {verb} {shown} as {what} (known: {names})", str(path))


_KIND_WORDS = {
    "catalog": "translations",
    "memory": "translations",
    "glossary": "a glossary",
    "document": "a document",
}


def _open_error(path: Path, err: OSError) -> InputError:
    if isinstance(err, FileNotFoundError):
        return InputError("no such file", str(path))
    if isinstance(err, IsADirectoryError):
        return InputError("is a directory", str(path))
    reason = err.strerror or str(err)
    return InputError(f"cannot read: {reason[:1].lower() + reason[1:]}", str(path))


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, with OS errors as one-line input errors."""
    path = Path(path)
    try:
        return path.read_bytes()
    except OSError as err:
        raise _open_error(path, err) from None


def read(
    path: str | Path, kind: Kind | None = None, format: str | None = None, **options: Any
) -> Any:
    """Read ``path`` into its model object through its format's stream reader."""
    path = Path(path)
    fmt = detect(path, format, kind)
    with open_binary(path) as stream:
        return fmt.read(stream, str(path), **options)


def read_stream(
    stream: BinaryIO, name: str, kind: Kind | None = None, format: str | None = None, **options: Any
) -> Any:
    """Read an already open stream (``-`` for stdin, an archive member …)."""
    if format is None:
        data = stream.read()
        fmt = detect(name, None, kind, head=data[:SNIFF_BYTES])
        stream = io.BytesIO(data)
    else:
        fmt = by_name(format, kind)
    return fmt.read(stream, name, **options)


def units(obj: Any, name: str, format: str, **options: Any) -> Iterator[Unit]:
    """The bilingual view of a model object read by ``format`` (``target_lang`` picks one
    target language of a multilingual memory)."""
    fmt = by_name(format)
    if fmt.units is None:
        raise InputError(f"a {fmt.name} file holds no translations", name)
    return fmt.units(obj, name, **options)


def open_units(
    path: str | Path, format: str | None = None, **options: Any
) -> tuple[Format, Any, Iterator[Unit]]:
    """Open a bilingual file: its format, its model object and its units."""
    fmt = detect(path, format, "catalog")
    obj = read(path, format=fmt.name, **options)
    return fmt, obj, units(obj, str(path), fmt.name)


def iter_units(path: str | Path, format: str | None = None, **options: Any) -> Iterator[Unit]:
    """The units of a bilingual file, `open_units`'s, for a caller that needs no model
    object: read as they come when the format can, so the entries are not all held
    (a 100k-entry catalog and its units at once cost a sixth of reading it)."""
    fmt = detect(path, format, "catalog")
    if fmt.stream_units is None:
        return units(read(path, format=fmt.name, **options), str(path), fmt.name)
    return _streamed_units(fmt, Path(path), options)


def _streamed_units(fmt: Format, path: Path, options: dict[str, Any]) -> Iterator[Unit]:
    with open_binary(path) as stream:
        yield from fmt.stream_units(stream, str(path), **options)  # type: ignore[misc]


def dumps(obj: Any, format: str, **options: Any) -> tuple[bytes, Any]:
    """Serialise ``obj`` as ``format``: the bytes and whatever the writer returned."""
    fmt = by_name(format)
    if fmt.write is None:
        raise UsageError(f"tmkit cannot write {fmt.name} files")
    buffer = io.BytesIO()
    info = fmt.write(obj, buffer, **options)
    return buffer.getvalue(), info


def write(
    obj: Any, path: str | Path, format: str | None = None, kind: Kind | None = None, **options: Any
) -> Any:
    """Write ``obj`` to ``path`` atomically in the format named or told by the extension.

    ``-`` writes to standard output. Returns what the format's writer returned.
    """
    fmt = detect(path, format, kind) if format or str(path) != "-" else by_name("po")
    if fmt.write is None:
        raise UsageError(f"tmkit cannot write {fmt.name} files")
    if str(path) == "-":
        import sys

        info = fmt.write(obj, sys.stdout.buffer, **options)
        sys.stdout.buffer.flush()
        return info
    from tmkit.formats.atomic import open_atomic

    with open_atomic(path) as stream:
        return fmt.write(obj, stream, **options)


def read_glossaries(paths: Iterable[str | Path], **options: Any) -> Any:
    """Read glossary files (TBX, CSV, TSV …) and merge their concepts into one `Glossary`."""
    from tmkit.model.glossary import Glossary

    concepts: list[Any] = []
    for path in paths:
        concepts.extend(read(path, kind="glossary", **options).concepts)
    return Glossary(tuple(concepts))
