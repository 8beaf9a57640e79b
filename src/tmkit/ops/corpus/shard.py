"""`tmkit shard`: split a memory into valid TMX shards, streaming, with a manifest.

Only the units of the shard being written are in memory. Each shard is a whole
TMX 1.4b file with the input's header, so every shard can be opened, validated or
shipped on its own; ``manifest.json`` lists shard, units, bytes and SHA-256.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from tmkit.formats import io
from tmkit.model.errors import UsageError

MANIFEST = "manifest.json"
COMPRESSIONS = ("none", "gz", "zst")


@dataclass(frozen=True, slots=True)
class ShardInfo:
    shard: str
    units: int
    bytes: int
    sha256: str

    def to_dict(self) -> dict[str, object]:
        return {
            "shard": self.shard,
            "units": self.units,
            "bytes": self.bytes,
            "sha256": self.sha256,
        }


def _compress(data: bytes, compression: str) -> bytes:
    if compression == "gz":
        import gzip

        # mtime 0: the same input gives byte-identical shards
        return gzip.compress(data, compresslevel=6, mtime=0)
    if compression == "zst":
        try:
            import zstandard
        except ImportError:
            raise UsageError(
                "writing .zst shards needs zstandard (pip install zstandard)"
            ) from None
        return zstandard.ZstdCompressor(level=3).compress(data)
    return data


def shard_tmx(
    path: str | Path,
    out_dir: str | Path,
    units_per_shard: int,
    compression: str = "none",
) -> list[ShardInfo]:
    """Split the TMX file ``path`` into shards of ``units_per_shard`` units in ``out_dir``."""
    from tmkit.formats.atomic import write_bytes_atomic, write_text_atomic
    from tmkit.formats.tmx import iter_tmx, iter_tmx_text

    if units_per_shard < 1:
        raise UsageError("--units must be at least 1")
    if compression not in COMPRESSIONS:
        raise UsageError(f"unknown compression {compression!r} (use none, gz or zst)")
    path = Path(path)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = io.inner_name(path).stem
    suffix = ".tmx" + ("" if compression == "none" else "." + compression)
    with io.open_binary(path) as stream:
        header, units = iter_tmx(stream, name=str(path))
        infos: list[ShardInfo] = []
        while block := list(islice(units, units_per_shard)):
            data = _compress("".join(iter_tmx_text(header, block)).encode("utf-8"), compression)
            name = f"{stem}-{len(infos) + 1:05d}{suffix}"
            write_bytes_atomic(out / name, data)
            infos.append(ShardInfo(name, len(block), len(data), hashlib.sha256(data).hexdigest()))
    manifest = {"source": str(path), "shards": [i.to_dict() for i in infos]}
    write_text_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return infos
