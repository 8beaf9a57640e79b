"""OmegaT glossaries (``glossary/glossary.txt``, ``*.utf8``, ``*.tab``).

OmegaT's format: UTF-8 text, tab-separated, no header row; each line is
``source<TAB>target[<TAB>comment]``; lines starting with ``#`` are comments.
Each line becomes one concept with a source term and a target term (the
comment as the concept note). tmkit's own TSV (with its ``concept_id`` header
row, `tmkit.formats.csvglossary`) is a different format: the sniffer tells
them apart by content, so a ``glossary.txt`` needs no option.

Writing gives one line per (source term, allowed target term) of each concept,
the concept note (and the renderings to avoid) as the comment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from tmkit.model.errors import InputError, ParseError
from tmkit.model.glossary import Concept, Glossary, Term, clean_text

HEADER = "# Glossary in tab-separated format -*- coding: utf-8 -*-\n"


def parse_omegat(
    text: str, name: str, source_lang: str = "ja", target_lang: str = "en"
) -> Glossary:
    concepts: list[Concept] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise ParseError(
                "expected source<TAB>target[<TAB>comment] (an OmegaT glossary line)", name, number
            )
        comment = clean_text(" ".join(cells[2:]))
        terms = (Term(clean_text(cells[0]), source_lang), Term(clean_text(cells[1]), target_lang))
        concepts.append(Concept(f"omegat-{len(concepts) + 1}", terms, note=comment))
    return Glossary(tuple(concepts), source_lang=source_lang, target_lang=target_lang)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ParseError("not UTF-8", name, data[: err.start].count(b"\n") + 1) from None


def read_omegat(path: str | Path, *, source_lang: str = "ja", target_lang: str = "en") -> Glossary:
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", str(path)) from None
    return parse_omegat(_decode(data, str(path)), str(path), source_lang, target_lang)


def load_omegat(
    stream: BinaryIO, name: str, source_lang: str = "ja", target_lang: str = "en", **_: Any
) -> Glossary:
    """The gateway's stream reader."""
    return parse_omegat(_decode(stream.read(), name), name, source_lang, target_lang)


def _cell(text: str) -> str:
    return clean_text(text.replace("\t", " "))


def dump_omegat(glossary: Glossary) -> str:
    lines = [HEADER]
    for concept in glossary.concepts:
        sources = [t for t in concept.terms_in(glossary.source_lang) if not t.forbidden]
        targets = concept.allowed_terms(glossary.target_lang) or tuple(
            t for t in concept.terms_in(glossary.target_lang) if not t.forbidden
        )
        avoid = [t.text for t in concept.forbidden_terms(glossary.target_lang)]
        comment = concept.note or concept.definition
        if avoid:
            comment = (
                f"{comment}; not: {', '.join(avoid)}" if comment else f"not: {', '.join(avoid)}"
            )
        for s in sources:
            for t in targets:
                row = [_cell(s.text), _cell(t.text)] + ([_cell(comment)] if comment else [])
                lines.append("\t".join(row) + "\n")
    return "".join(lines)


def save_omegat(glossary: Glossary, stream: BinaryIO, **_options: Any) -> None:
    stream.write(dump_omegat(glossary).encode("utf-8"))


def sniff(head: bytes) -> bool:
    """An OmegaT glossary: every complete non-comment line has 2 or 3 tab-separated cells."""
    text = head.decode("utf-8-sig", errors="ignore")
    lines = text.splitlines()
    if len(head) >= 4096 and lines:
        lines = lines[:-1]  # the last line may be cut
    rows = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    if not rows or text.lstrip().startswith("<"):
        return False
    if rows[0].split("\t", 1)[0].strip() == "concept_id":
        return False  # tmkit's own TSV
    return all(2 <= len(r.split("\t")) <= 3 and r.split("\t")[0].strip() for r in rows)


def _register() -> None:
    from tmkit.formats.io import Format, register

    summary = "OmegaT glossary (glossary.txt: source, target, comment; tab-separated)"
    register(
        Format(
            name="omegat",
            kind="glossary",
            extensions=(".utf8", ".tab"),
            read=load_omegat,
            write=save_omegat,
            sniff=sniff,
            summary=summary,
        )
    )


_register()
