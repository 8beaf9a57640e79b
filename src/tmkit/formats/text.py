"""Plain-text documents: reading with encoding detection, writing back.

Japanese files come as UTF-8 (with or without BOM), UTF-16 with a BOM, or
CP932/Shift_JIS. Line endings are kept as they are, so the model can rebuild
the file byte for byte.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from tmkit.formats.atomic import write_bytes_atomic
from tmkit.model.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Names accepted by ``--encoding`` besides anything Python's codecs know.
AUTO = "auto"


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    #: the codec that decoded it (``utf-8``, ``utf-16-le``, ``cp932`` …), without the BOM
    encoding: str
    path: str
    #: the byte-order mark the file started with, if any
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """Encode ``text`` the way the original was encoded (same BOM, same codec)."""
        return self.bom + text.encode(self.encoding)


def read_bytes(path: str | Path) -> bytes:
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory", str(path)) from None
    except PermissionError:
        raise InputError("permission denied", str(path)) from None
    except OSError as err:
        raise InputError(err.strerror or str(err), str(path)) from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters of the decodable prefix) of a byte offset."""
    head = data[:offset]
    line = head.count(b"\n") + 1
    last = head.rfind(b"\n")
    col = len(head[last + 1 :].decode("utf-8", errors="replace")) + 1
    return line, col


def decode(data: bytes, path: str, encoding: str = AUTO) -> DecodedText:
    """Decode a document's bytes, or raise `InputError` saying where and why not."""
    if encoding.lower() != AUTO:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path) from None
        try:
            return DecodedText(data.decode(codec), codec, path)
        except UnicodeDecodeError as err:
            line, col = _position(data, err.start)
            raise InputError(
                f"cannot decode byte 0x{data[err.start]:02x} as {encoding}", path, line, col
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data[len(bom) :].decode(codec), codec, path, bom)
            except UnicodeDecodeError as err:
                line, col = _position(data, err.start + len(bom))
                raise InputError(
                    f"invalid {codec} data after the byte-order mark", path, line, col
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise InputError("binary file (NUL byte), not a text document", path, line, col)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_err:
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError:
            line, col = _position(data, utf8_err.start)
            raise InputError(
                f"cannot decode byte 0x{data[utf8_err.start]:02x}: not UTF-8, UTF-16 or CP932"
                " (use --encoding)",
                path,
                line,
                col,
            ) from None
        if _looks_binary(text):
            line, col = _position(data, utf8_err.start)
            raise InputError("binary data, not a text document", path, line, col) from None
        return DecodedText(text, "cp932", path)
    if _looks_binary(text):
        raise InputError("binary data (control characters), not a text document", path)
    return DecodedText(text, "utf-8", path)


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # C0 controls but tab, LF, FF, CR


def _looks_binary(text: str) -> bool:
    """C0 controls other than tab/newline/CR/FF are a sign of binary input, not text."""
    return _CONTROL.search(text) is not None


def read_text(path: str | Path, encoding: str = AUTO) -> DecodedText:
    """Read a text document. Errors come as one-line `InputError`s."""
    return decode(read_bytes(path), str(path), encoding)


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes_atomic(path, text.encode(encoding))
