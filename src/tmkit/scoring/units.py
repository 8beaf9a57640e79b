"""Keyed units: what the scorer pairs, read from PO, TMX or plain text.

Each format has one small adapter that yields `KeyedUnit`s. Pairing works on
keys only, so the scorer does not care where a text came from:

* PO: the msgctxt when there is one, else the msgid; the text is the msgstr.
* TMX: the tuid when there is one, else the source text; the text is the
  target-language variant.
* Plain text: the line number; the text is the line (trailing whitespace
  stripped, as sacrebleu's command line does).

A key that occurs more than once in a file (the same source sentence twice in a
memory) is told apart by its occurrence number, so the n-th occurrence in the
hypothesis pairs with the n-th occurrence in each reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from tmkit.model.errors import InputError
from tmkit.model.languages import primary_language as language_of
from tmkit.model.units import Unit


@dataclass(frozen=True, slots=True)
class KeyedUnit:
    #: what pairs units across files: (kind, value, occurrence). ``kind`` is "id" for a
    #: msgctxt or tuid, "source" for a msgid or TMX source text, "line" for plain text,
    #: so a PO file and a TMX memory pair up by context/tuid or by source text.
    key: tuple[str, str, int]
    target: str
    source: str | None = None
    #: 1-based line in the file, for messages that point back at it
    line: int | None = None
    #: False for an untranslated (empty) PO/TMX target: no use as a reference
    translated: bool = True

    @property
    def label(self) -> str:
        """The key as people read it: the context, msgid, tuid, source or line number."""
        kind, value, occurrence = self.key
        text = value if kind != "line" else f"line {value}"
        return text if occurrence == 1 else f"{text} (#{occurrence})"


@dataclass(slots=True)
class UnitFile:
    """One input file: its path, target language (if it says) and its units.

    ``units`` is an iterator for plain text, so that large files stream.
    """

    path: str
    kind: str  # "po", "tmx" or "text"
    language: str | None
    units: Iterator[KeyedUnit]


def peek_targets(unit_file: UnitFile, n: int = 200) -> list[str]:
    """The first ``n`` target texts, without consuming them from ``unit_file.units``."""
    head = list(islice(unit_file.units, n))
    unit_file.units = chain(head, unit_file.units)
    return [u.target for u in head]


def guess_language(texts: list[str]) -> str | None:
    """``ja`` when the texts are mostly Japanese (kana present), ``zh`` for Han without kana.

    Only for files that do not declare their language; None means "say nothing"
    (BLEU then uses 13a, sacrebleu's default).
    """
    kana = han = letters = 0
    for text in texts:
        for ch in text:
            code = ord(ch)
            if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9D:
                kana += 1
            elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
                han += 1
            elif ch.isalpha():
                letters += 1
    cjk = kana + han
    if cjk == 0 or cjk < letters:
        return None
    # Japanese running text is rarely without kana; Chinese never has it.
    return "ja" if kana * 20 >= cjk else "zh"


def primary_language(tag: str | None) -> str | None:
    """``ja_JP`` / ``en-US`` / ``zh-Hant`` → ``ja`` / ``en`` / ``zh``; empty → None."""
    return language_of(tag) or None if tag and tag.strip() else None


def _with_occurrences(
    items: Iterator[tuple[str, str, str, str | None, int | None, bool]],
) -> Iterator[KeyedUnit]:
    """Number repeated keys 1, 2, 3 … in file order."""
    seen: dict[tuple[str, str], int] = {}
    for kind, value, target, source, line, translated in items:
        n = seen.get((kind, value), 0) + 1
        seen[(kind, value)] = n
        yield KeyedUnit((kind, value, n), target, source, line, translated)


def text_units(path: Path) -> Iterator[KeyedUnit]:
    # Lines end at "\n" only and lose trailing whitespace, as in sacrebleu's command
    # line, so both see the same segments. Decoding line by line gives exact
    # positions for bad bytes; a leading UTF-8 byte-order mark is dropped.
    try:
        with open(path, "rb") as handle:
            for lineno, raw in enumerate(handle, 1):
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as err:
                    col = len(raw[: err.start].decode("utf-8", errors="replace")) + 1
                    raise InputError(
                        f"not UTF-8 text (byte 0x{raw[err.start]:02x})", str(path), lineno, col
                    ) from None
                yield KeyedUnit(("line", str(lineno), 1), text.rstrip(), line=lineno)
    except OSError as err:
        raise InputError(err.strerror or str(err), str(path)) from None


def units_file(
    path: str,
    kind: str,
    units: Iterator[Unit],
    languages: tuple[str | None, list[str]],
    target_lang: str | None = None,
) -> UnitFile:
    """Keyed units of a bilingual file read through the format gateway.

    A unit named in the file (PO msgctxt, TMX tuid, XLIFF id) pairs by that name;
    one named only by its text (a PO entry without context, a TMX unit without
    tuid) pairs by its source text. Only the singular form of a plural is scored;
    a draft (fuzzy, new) is scored as a hypothesis but never used as a reference.
    """
    targets = {primary_language(t) for t in languages[1]} - {None}
    if len(targets) > 1 and not target_lang:
        found = ", ".join(sorted(t for t in targets if t))
        raise InputError(f"several target languages ({found}); choose one with --lang", path)
    language = primary_language(target_lang) or next(iter(targets), None)

    def items() -> Iterator[tuple[str, str, str, str | None, int | None, bool]]:
        for unit in units:
            if unit.form:
                continue
            if unit.anonymous or (unit.id == unit.source and unit.context is None):
                yield "source", unit.source, unit.target, unit.source, unit.line, unit.done
            else:
                yield "id", unit.id, unit.target, unit.source, unit.line, unit.done

    return UnitFile(path, kind, language, _with_occurrences(items()))
