"""Translation-memory matches carried in a job: 1.2 ``<alt-trans>`` and 2.x ``<mtc:match>``.

CAT tools and TM servers put their candidate translations there, with a score
(``match-quality`` / ``matchQuality``) and an origin. tmkit keeps them in the
document untouched; `matches` lists them per segment, and `matches_memory`
turns them into a TMX-model memory (``--tm job.xlf`` style use: each match is a
unit with ``x-match-quality`` and ``x-origin`` props), so a job's own matches
can pretranslate or be reviewed like any memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tmkit.formats.xliff.document import XliffDocument, local
from tmkit.formats.xliff.inline import read_content, to_tmx
from tmkit.formats.xliff.units import segments, unit_data
from tmkit.model.memory import Content, Memory, MemoryHeader, Prop, TranslationUnit, Variant

MTC = "urn:oasis:names:tc:xliff:matches:2.0"


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate for a segment (``source`` empty when the match gives none)."""

    segment: str
    target: Content
    source: Content = ()
    quality: float | None = None
    origin: str | None = None
    kind: str | None = None
    line: int | None = None


def _quality(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return float(value.rstrip("%").strip())
    except ValueError:
        return None  # 1.2 allows free text ("exact", "100% (context)")


def _child(el, name: str):
    return next((c for c in el if local(c) == name), None)


def matches(doc: XliffDocument) -> Iterator[Match]:
    """Every alt-trans / mtc:match, in document order, with the segment it serves."""
    seen: set[int] = set()
    for seg in segments(doc):
        unit = seg.unit
        if id(unit) in seen:
            continue
        seen.add(id(unit))
        data = unit_data(doc, unit)
        if doc.is_v2:
            found = (m for m in unit.iter(f"{{{MTC}}}match"))
        else:
            found = (a for a in unit if local(a) == "alt-trans")
        for m in found:
            target = _child(m, "target")
            if target is None:
                continue
            source = _child(m, "source")
            ref = (m.get("ref") or "").lstrip("#")
            segment = seg.id
            if ref and doc.is_v2:  # ref="#s1" or "#m1": the segment (or marker) it serves
                segment = f"{unit.get('id')}:{ref}" if ":" in seg.id else seg.id
            yield Match(
                segment,
                to_tmx(read_content(target), data, doc.is_v2),
                to_tmx(read_content(source), data, doc.is_v2) if source is not None else (),
                _quality(m.get("matchQuality") or m.get("match-quality")),
                m.get("origin"),
                m.get("type") or m.get("alttranstype"),
                m.sourceline,
            )


def matches_memory(doc: XliffDocument) -> Memory:
    """The job's matches as a memory (a match without its own source takes the segment's)."""
    src = doc.source_lang or "ja"
    tgt = doc.target_lang or "en"
    sources = {seg.id: seg for seg in segments(doc)}
    units: list[TranslationUnit] = []
    for n, m in enumerate(matches(doc), start=1):
        source = m.source
        if not source and m.segment in sources:
            seg = sources[m.segment]
            data = unit_data(doc, seg.unit)
            source = to_tmx(read_content(seg.source, True), data, doc.is_v2)
        meta = [Prop("x-context", m.segment)]
        if m.quality is not None:
            meta.append(Prop("x-match-quality", f"{m.quality:g}"))
        if m.origin:
            meta.append(Prop("x-origin", m.origin))
        variants = [Variant(src, source), Variant(tgt, m.target)]
        units.append(TranslationUnit(f"match-{n}", variants, {}, meta, m.line))
    return Memory(MemoryHeader({"srclang": src}), units)
