"""Units of several memories combined: duplicates dropped, conflicts resolved by ``prefer``
(newest or first) and reported as findings."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from tmkit.formats.convert import (
    key_digest,
    unit_context,
)
from tmkit.model.errors import UsageError
from tmkit.model.findings import Finding
from tmkit.model.memory import (
    TranslationUnit,
    content_to_markup,
)

CONFLICT_RULE = "merge-conflict"

Prefer = Literal["newest", "first"]
PREFER_CHOICES: tuple[Prefer, ...] = ("newest", "first")


def unit_date(unit: TranslationUnit, target_lang: str) -> str:
    """The date a unit's translation was last touched (TMX dates sort as strings)."""
    target = unit.variant(target_lang)
    for attrs in ((target.attrs if target else {}), unit.attrs):
        for name in ("changedate", "creationdate"):
            if attrs.get(name):
                return attrs[name]
    return ""


def _unit_key(
    unit: TranslationUnit, source_lang: str, target_lang: str
) -> tuple[tuple[str | None, str], str] | None:
    """((context, source markup), target markup); None for a unit without the source."""
    source = unit.variant(source_lang)
    if source is None:
        return None
    targets = [v for v in unit.variants_in(target_lang) if v is not source]
    target = content_to_markup(targets[0].content) if targets else ""
    return (unit_context(unit), content_to_markup(source.content)), target


@dataclass(slots=True)
class _Seen:
    position: int
    target: bytes  # digests (`key_digest`): a million distinct units hold no text
    date: str
    origin: str
    line: int | None
    others: list[tuple[bytes, str, int | None]] | None = None


Stream = tuple[str, Callable[[], Iterable[TranslationUnit]]]
#: distinct units `combine_units` keeps in memory to spare itself a second reading
HOLD_LIMIT = 10_000
# A conflicting key's texts, gathered by a later pass: context, source, target by digest.
_Texts = dict[bytes, tuple[str | None, str, dict[bytes, str]]]


def combine_units(
    streams: list[Stream],
    source_lang: str,
    target_lang: str,
    prefer: Prefer = "newest",
    findings: list[Finding] | None = None,
) -> Iterator[TranslationUnit]:
    """The units of every stream, without duplicates; conflicts go to ``findings``.

    A stream is ``(name, units_factory)``; with ``prefer="first"`` each is read
    once and units are yielded as they come; with ``"newest"`` each is read
    twice (first to pick the winners). Only digests of keys and targets, and
    dates, are held per distinct unit; the texts of conflicting units are
    gathered on the second pass (``"first"``: on one more pass, when there are
    conflicts). Units without a ``source_lang`` variant are dropped.
    """
    if prefer not in PREFER_CHOICES:
        raise UsageError(f"--prefer must be one of {', '.join(PREFER_CHOICES)}, not {prefer!r}")
    seen: dict[bytes, _Seen] = {}
    dates: dict[str, str] = {}  # one string per distinct date, not one per unit
    # The kept units themselves while they are few: then no second pass is needed
    # (a memory of a million copies of one unit is read once).
    held: dict[bytes, TranslationUnit] | None = {}
    texts: _Texts = {}
    position = 0
    for name, factory in streams:
        for unit in factory():
            keyed = _unit_key(unit, source_lang, target_lang)
            if keyed is None:
                continue
            key, target = key_digest(*keyed[0]), key_digest(None, keyed[1])
            known = seen.get(key)
            if known is None:
                date = unit_date(unit, target_lang) if prefer == "newest" else ""
                date = dates.setdefault(date, date)
                seen[key] = _Seen(position, target, date, name, unit.line)
                if held is not None:
                    held = held if len(held) < HOLD_LIMIT else None
                    if held is not None:
                        held[key] = unit
                if prefer == "first":
                    yield unit
            elif target != known.target:
                if known.others is None:
                    known.others = []
                if held is not None:  # both texts are at hand: no pass to gather them
                    _note_texts(_unit_key(held[key], source_lang, target_lang), {key}, texts)
                    _note_texts(keyed, {key}, texts)
                replaced = False
                if prefer == "newest":
                    date = unit_date(unit, target_lang)
                    if date > known.date:
                        known.others.append((known.target, known.origin, known.line))
                        date = dates.setdefault(date, date)
                        known.position, known.target, known.date = position, target, date
                        known.origin, known.line = name, unit.line
                        replaced = True
                        if held is not None:
                            held[key] = unit
                if not replaced and all(target != t for t, _, _ in known.others):
                    known.others.append((target, name, unit.line))
            position += 1
    conflicted = {key for key, kept in seen.items() if kept.others}
    if held is not None:
        if prefer == "newest":
            for key in sorted(held, key=lambda k: seen[k].position):
                yield held[key]
    elif prefer == "newest" or conflicted:
        # Positions come in order on the second pass: the winners, sorted, are
        # walked with one index (8 bytes each, not a set of ints).
        winners = array(
            "q", sorted(s.position for s in seen.values()) if prefer == "newest" else ()
        )
        winners.append(-1)
        dates.clear()
        position = next_winner = 0
        for _name, factory in streams:
            for unit in factory():
                keyed = _unit_key(unit, source_lang, target_lang)
                if keyed is None:
                    continue
                if conflicted:
                    _note_texts(keyed, conflicted, texts)
                if position == winners[next_winner]:
                    next_winner += 1
                    yield unit
                position += 1
    if findings is not None:
        findings.extend(_conflicts(seen, texts, prefer))


def _note_texts(
    keyed: tuple[tuple[str | None, str], str], conflicted: set[bytes], texts: _Texts
) -> None:
    (context, source), target = keyed
    key = key_digest(context, source)
    if key in conflicted:
        texts.setdefault(key, (context, source, {}))[2].setdefault(key_digest(None, target), target)


def _conflicts(seen: dict[bytes, _Seen], texts: _Texts, prefer: Prefer) -> Iterator[Finding]:
    for key, kept in seen.items():
        if not kept.others:
            continue
        context, source, targets = texts[key]
        dropped = "; ".join(
            f"{targets[target]!r} ({origin}{f':{line}' if line else ''})"
            for target, origin, line in kept.others
        )
        yield Finding(
            rule=CONFLICT_RULE,
            severity="warning",
            message=f"{len(kept.others) + 1} translations; kept the {prefer}, dropped {dropped}",
            unit=context,
            file=kept.origin,
            line=kept.line,
            source=source,
            target=targets[kept.target],
        )
