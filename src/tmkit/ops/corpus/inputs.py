"""Corpus inputs: directories, globs, lists of shards, compressed TMX and Moses parallel text.

A `Shard` is one unit of work: one bilingual file (any format the gateway reads,
optionally gzip/zstd compressed), or a Moses pair ``corpus.ja`` + ``corpus.en``
(one segment per line, line N of one file translating line N of the other).
"""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tmkit.formats import io
from tmkit.model.errors import InputError, UsageError
from tmkit.model.units import Unit

#: Moses files are named by their language code: ``corpus.ja``, ``corpus.en``.
MOSES_SOURCE = ".ja"
MOSES_TARGET = ".en"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Shard:
    """One input of a corpus: a file, or a Moses (source, target) pair of files."""

    path: str
    #: the target-side file of a Moses pair (``path`` is the source side)
    target: str | None = None

    @property
    def name(self) -> str:
        return self.path if self.target is None else f"{self.path}+{Path(self.target).name}"

    @property
    def moses(self) -> bool:
        return self.target is not None

    @property
    def tmx(self) -> bool:
        return not self.moses and io.inner_name(self.path).suffix.lower() == ".tmx"

    def checksum(self) -> str:
        """SHA-256 of the shard's bytes (both files of a Moses pair), for --resume."""
        digest = hashlib.sha256()
        for path in (self.path, self.target):
            if path is None:
                continue
            try:
                with open(path, "rb") as f:
                    while block := f.read(1 << 20):
                        digest.update(block)
            except OSError as err:
                raise InputError(f"cannot read: {err.strerror or err}", path) from None
        return digest.hexdigest()


def _is_moses_side(path: Path) -> bool:
    return io.inner_name(path).suffix.lower() in (MOSES_SOURCE, MOSES_TARGET)


def _expand(spec: str | Path) -> list[Path]:
    text = str(spec)
    path = Path(text)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    if _GLOB_CHARS & set(text) and not path.exists():
        found = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
        if not found:
            raise InputError("no file matches this pattern", text)
        return found
    if not path.exists():
        raise InputError("no such file", text)
    return [path]


def resolve_shards(specs: Iterable[str | Path]) -> list[Shard]:
    """The shards named by files, directories and globs, in a stable order.

    Within a directory, files sort by name (``part-00001`` before ``part-00002``),
    so the corpus order is the shard order. ``X.ja`` and ``X.en`` pair up into one
    Moses shard; a manifest written by ``tmkit shard`` (``manifest.json``) is skipped.
    """
    files: list[Path] = []
    for spec in specs:
        files.extend(p for p in _expand(spec) if p.name != "manifest.json")
    shards: list[Shard] = []
    moses: dict[str, dict[str, Path]] = {}
    order: list[str | Shard] = []
    for path in dict.fromkeys(files):
        if _is_moses_side(path):
            inner = io.inner_name(path)
            stem = str(inner.with_suffix(""))
            if stem not in moses:
                moses[stem] = {}
                order.append(stem)
            moses[stem][inner.suffix.lower()] = path
        else:
            order.append(Shard(str(path)))
    for item in order:
        if isinstance(item, Shard):
            shards.append(item)
            continue
        sides = moses[item]
        if MOSES_SOURCE not in sides or MOSES_TARGET not in sides:
            have = next(iter(sides.values()))
            raise InputError(
                f"a Moses corpus needs both {item}{MOSES_SOURCE} and {item}{MOSES_TARGET}",
                str(have),
            )
        shards.append(Shard(str(sides[MOSES_SOURCE]), str(sides[MOSES_TARGET])))
    if not shards:
        raise UsageError("no input files in the corpus")
    return shards


def is_corpus(specs: Iterable[str | Path]) -> bool:
    """Whether these inputs need the corpus engine: a directory, a glob, a compressed
    file or a Moses side (a plain list of bilingual files does not)."""
    for spec in specs:
        text = str(spec)
        path = Path(text)
        if path.is_dir() or (_GLOB_CHARS & set(text) and not path.exists()):
            return True
        if path.exists() and (io.compression(path) or _is_moses_side(path)):
            return True
    return False


def _moses_lines(path: str) -> Iterator[str]:
    with io.open_binary(path) as raw:
        for number, line in enumerate(raw, 1):
            try:
                yield line.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as err:
                raise InputError(f"not UTF-8: {err.reason}", path, number) from None


def moses_units(shard: Shard) -> Iterator[Unit]:
    """The units of a Moses pair: line N of the source file with line N of the target."""
    assert shard.target is not None
    sources, targets = _moses_lines(shard.path), _moses_lines(shard.target)
    number = 0
    for number, source in enumerate(sources, 1):
        target = next(targets, None)
        if target is None:
            raise InputError(f"has more lines than {shard.target}", shard.path, number)
        yield Unit(source, target, str(number), shard.path, number, anonymous=True)
    if next(targets, None) is not None:
        raise InputError(f"has more lines than {shard.path}", shard.target, number + 1)


def shard_units(shard: Shard) -> Iterator[Unit]:
    """Every unit of one shard, suppressions resolved, through the gateway."""
    from tmkit.checks.run import with_suppressions

    if shard.moses:
        return moses_units(shard)
    _, _, units = io.open_units(shard.path)
    return with_suppressions(units)
