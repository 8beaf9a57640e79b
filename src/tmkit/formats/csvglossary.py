"""Glossaries as CSV or TSV: a header row, then one row per term, rows of a concept adjacent.

Columns (fixed)::

    concept_id,subject_field,definition,concept_note,language,term,status,
    part_of_speech,term_type,term_note,case_sensitive,verified,source

Required: ``concept_id``, ``language``, ``term``; the others may be left out of the
header. Concept-level fields are written on every row of the concept; the reader
takes each from the first row that has it and refuses rows that disagree.
An empty ``status`` means ``admitted`` (as a TBX term without administrativeStatus);
the writer always writes the status. ``case_sensitive`` and ``verified`` are ``yes``
or empty; ``verified`` says the rendering was checked against the named body's own
usage, and ``source`` says where (publisher and page title, one per line).

Spreadsheet safety: a cell the writer would start with ``= + - @``, a tab, a CR or
a ``'`` is written with one ``'`` in front, so a spreadsheet shows it as text and
never evaluates it; the reader strips exactly one leading ``'``. A hand-written
cell that starts with ``'`` therefore loses that quote: double it to keep one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from tmkit.formats.atomic import write_text_atomic
from tmkit.formats.io import Format, register
from tmkit.model.errors import InputError, ParseError
from tmkit.model.glossary import (
    PARTS_OF_SPEECH,
    STATUSES,
    TERM_TYPES,
    Concept,
    Glossary,
    Term,
    clean_note,
    clean_text,
)

COLUMNS: tuple[str, ...] = (
    "concept_id",
    "subject_field",
    "definition",
    "concept_note",
    "language",
    "term",
    "status",
    "part_of_speech",
    "term_type",
    "term_note",
    "case_sensitive",
    "verified",
    "source",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("concept_id", "language", "term")
#: read but never written: allowed derived forms of a term ("sensitive, sensitiv*"),
#: carried as a ``tmkit:forms`` line of the term note (written back in term_note)
INPUT_COLUMNS: tuple[str, ...] = ("forms",)
CONCEPT_FIELDS: tuple[str, ...] = ("subject_field", "definition", "concept_note")

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_POS_BY_LOWER = {p.lower(): p for p in PARTS_OF_SPEECH}
_TYPE_BY_LOWER = {t.lower(): t for t in TERM_TYPES}


def escape_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def unescape_cell(value: str) -> str:
    return value[1:] if value.startswith("'") else value


# ---------------------------------------------------------------- reading


def read_csv(path: str | Path, *, source_lang: str = "ja", target_lang: str = "en") -> Glossary:
    return _read(path, ",", source_lang, target_lang)


def read_tsv(path: str | Path, *, source_lang: str = "ja", target_lang: str = "en") -> Glossary:
    return _read(path, "\t", source_lang, target_lang)


def _read(path: str | Path, delimiter: str, source_lang: str, target_lang: str) -> Glossary:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", name) from None
    return parse_rows(_text(data, name), name, delimiter, source_lang, target_lang)


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ParseError("not UTF-8", name, line) from None


def parse_rows(
    text: str,
    name: str,
    delimiter: str = ",",
    source_lang: str = "ja",
    target_lang: str = "en",
) -> Glossary:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise ParseError("empty file: expected a header row", name, 1)
        header = [h.strip() for h in header]
        index = _header_index(header, name)
        builders: dict[str, _ConceptBuilder] = {}
        order: list[str] = []
        last_id: str | None = None
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise ParseError(
                    f"{len(row)} cells but the header has {len(header)} columns", name, line
                )
            cells = {col: unescape_cell(row[i]) if i < len(row) else "" for col, i in index.items()}
            concept_id = cells["concept_id"].strip()
            if not concept_id:
                raise ParseError("empty concept_id", name, line)
            if concept_id != last_id and concept_id in builders:
                raise ParseError(
                    f"concept {concept_id!r} continues here after other rows: "
                    "the rows of a concept must be adjacent",
                    name,
                    line,
                )
            if concept_id not in builders:
                builders[concept_id] = _ConceptBuilder(concept_id)
                order.append(concept_id)
            last_id = concept_id
            builders[concept_id].add_row(cells, name, line)
    except csv.Error as err:
        raise ParseError(f"malformed CSV: {err}", name, reader.line_num) from None
    concepts = tuple(builders[c].build() for c in order)
    return Glossary(concepts, source_lang=source_lang, target_lang=target_lang)


def _header_index(header: list[str], name: str) -> dict[str, int]:
    unknown = [h for h in header if h not in COLUMNS + INPUT_COLUMNS]
    if unknown:
        raise ParseError(f"unknown column {unknown[0]!r} (columns: {', '.join(COLUMNS)})", name, 1)
    for col in REQUIRED_COLUMNS:
        if col not in header:
            raise ParseError(f"missing required column {col!r}", name, 1)
    dupes = [h for h in header if header.count(h) > 1]
    if dupes:
        raise ParseError(f"column {dupes[0]!r} appears twice", name, 1)
    return {col: header.index(col) for col in COLUMNS + INPUT_COLUMNS if col in header}


class _ConceptBuilder:
    def __init__(self, concept_id: str) -> None:
        self.id = concept_id
        self.fields: dict[str, str] = {}
        self.terms: list[Term] = []

    def add_row(self, cells: dict[str, str], name: str, line: int) -> None:
        for col in CONCEPT_FIELDS:
            value = cells.get(col, "")
            value = clean_note(value) if col == "concept_note" else clean_text(value)
            if not value:
                continue
            seen = self.fields.setdefault(col, value)
            if seen != value:
                raise ParseError(
                    f"concept {self.id!r}: {col} differs from an earlier row of the concept",
                    name,
                    line,
                )
        self.terms.append(_term(cells, name, line))

    def build(self) -> Concept:
        return Concept(
            id=self.id,
            terms=tuple(self.terms),
            definition=self.fields.get("definition", ""),
            note=self.fields.get("concept_note", ""),
            subject_field=self.fields.get("subject_field", ""),
        )


def _with_forms(note: str, forms: str) -> str:
    forms = clean_text(forms)
    return f"{note}\ntmkit:forms {forms}" if forms else note


def _term(cells: dict[str, str], name: str, line: int) -> Term:
    text = clean_text(cells["term"])
    if not text:
        raise ParseError("empty term", name, line)
    lang = cells["language"].strip()
    if not _LANG_TAG.match(lang):
        raise ParseError(f"language {lang!r} is not a BCP 47 tag (ja, en, en-GB)", name, line)
    status = cells.get("status", "").strip().lower() or "admitted"
    if status not in STATUSES:
        raise ParseError(
            f"status {status!r} is not one of {', '.join(STATUSES)} (or empty)", name, line
        )
    pos = cells.get("part_of_speech", "").strip()
    if pos and pos.lower() not in _POS_BY_LOWER:
        raise ParseError(
            f"part_of_speech {pos!r} is not one of {', '.join(PARTS_OF_SPEECH)}", name, line
        )
    term_type = cells.get("term_type", "").strip()
    if term_type and term_type.lower() not in _TYPE_BY_LOWER:
        raise ParseError(
            f"term_type {term_type!r} is not one of {', '.join(TERM_TYPES)}", name, line
        )
    flag, verified = (_yes(cells, col, name, line) for col in ("case_sensitive", "verified"))
    return Term(
        text=text,
        lang=lang,
        status=status,  # type: ignore[arg-type]
        part_of_speech=_POS_BY_LOWER.get(pos.lower(), ""),
        term_type=_TYPE_BY_LOWER.get(term_type.lower(), ""),
        note=clean_note(_with_forms(cells.get("term_note", ""), cells.get("forms", ""))),
        case_sensitive=flag,
        verified=verified,
        source=clean_note(cells.get("source", "")),
    )


def _yes(cells: dict[str, str], column: str, name: str, line: int) -> bool:
    flag = cells.get(column, "").strip().lower()
    if flag not in ("", "yes"):
        raise ParseError(f"{column} is {flag!r}: write 'yes' or leave it empty", name, line)
    return flag == "yes"


# ---------------------------------------------------------------- writing


def dump_rows(glossary: Glossary, delimiter: str = ",") -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for concept in glossary.concepts:
        for term in concept.terms:
            row = (
                concept.id,
                concept.subject_field,
                concept.definition,
                concept.note,
                term.lang,
                term.text,
                term.status,
                term.part_of_speech,
                term.term_type,
                term.note,
                "yes" if term.case_sensitive else "",
                "yes" if term.verified else "",
                term.source,
            )
            writer.writerow([escape_cell(cell) for cell in row])
    return out.getvalue()


def write_csv(glossary: Glossary, path: str | Path) -> None:
    write_text_atomic(path, dump_rows(glossary, ","))


def write_tsv(glossary: Glossary, path: str | Path) -> None:
    write_text_atomic(path, dump_rows(glossary, "\t"))


def _load(delimiter: str) -> Callable[..., Glossary]:
    def load(
        stream: BinaryIO, name: str, *, source_lang: str = "ja", target_lang: str = "en"
    ) -> Glossary:
        return parse_rows(_text(stream.read(), name), name, delimiter, source_lang, target_lang)

    return load


def _dump(delimiter: str) -> Callable[[Glossary, BinaryIO], None]:
    def dump(glossary: Glossary, stream: BinaryIO) -> None:
        stream.write(dump_rows(glossary, delimiter).encode("utf-8"))

    return dump


for _delimiter, _label in ((",", "CSV"), ("\t", "TSV")):
    _fmt = "csv" if _delimiter == "," else "tsv"
    register(
        Format(
            name=_fmt,
            kind="glossary",
            extensions=(f".{_fmt}",),
            read=_load(_delimiter),
            write=_dump(_delimiter),
            summary=f"Glossary as {_label}: one row per term (tmkit's column set)",
        )
    )
