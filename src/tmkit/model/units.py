"""The one bilingual view: a `Unit` is a source, a target and what a reviewer needs around them.

Catalogs (PO), memories (TMX), XLIFF jobs and documents all yield units through
the format gateway (`tmkit.formats.io`), so checks, scoring, validate, stats and
the report consume this one type and never see a file format. A unit is a
read-only view: writers keep working on their own model (a `Catalog`, a
`Memory`, an XLIFF document), which is what makes round trips lossless.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tmkit.model.memory import Content


class State(StrEnum):
    """Where a translation stands, in words every format can map to.

    PO: no msgstr = new, ``#, fuzzy`` = fuzzy, else translated. XLIFF 1.2/2.x and
    TMX map theirs onto the same five (the README's state table).
    """

    NEW = "new"
    FUZZY = "fuzzy"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"
    FINAL = "final"


#: States whose target may be used as a translation (reference, memory, check).
DONE_STATES = frozenset({State.TRANSLATED, State.REVIEWED, State.FINAL})


@dataclass(frozen=True, slots=True)
class Unit:
    """One source/target pair, whatever file it came from.

    ``id`` is what people and baselines call the unit: a PO msgctxt (else the
    msgid), a TMX tuid (else the 1-based unit number), an XLIFF unit id. ``source``
    and ``target`` are plain text with native codes removed; ``source_content`` /
    ``target_content`` keep the inline codes when the format has them.

    `plain_unit` makes one without this class's ``__init__``: a field added here (or a
    ``__post_init__``) must be added there too (tests/test_po_units.py checks fields).
    """

    source: str
    target: str
    id: str
    file: str | None = None
    line: int | None = None
    state: State = State.TRANSLATED
    #: rule ids (or family prefixes such as ``number``) suppressed on this unit, as resolved
    #: by the check runner from ``suppress``
    ignored: frozenset[str] = frozenset()
    #: raw suppression marks as the file wrote them (``RULE[, RULE] reason…``)
    suppress: frozenset[str] = frozenset()
    flags: tuple[str, ...] = ()
    context: str | None = None
    notes: tuple[str, ...] = ()
    source_content: Content | None = None
    target_content: Content | None = None
    column: int | None = None
    #: plural form index (PO ``msgstr[N]``); 0 for the singular and for formats without plurals
    form: int = 0
    #: ``id`` is a position (the n-th unit), not a name the file gives the unit
    anonymous: bool = False

    @property
    def fuzzy(self) -> bool:
        return self.state is State.FUZZY

    @property
    def translated(self) -> bool:
        """The target holds text (whatever its state)."""
        return bool(self.target.strip())

    @property
    def done(self) -> bool:
        """Translated and not waiting for review: usable as a reference or a memory."""
        return self.state in DONE_STATES and bool(self.target)


class _UnitFields:
    """A `Unit`'s slots without its frozen ``__setattr__`` (see `plain_unit`)."""

    __slots__ = Unit.__slots__


_NO_IGNORED: frozenset[str] = frozenset()


def plain_unit(
    source: str,
    target: str,
    id: str,
    file: str | None,
    line: int | None,
    state: State,
    suppress: frozenset[str],
    flags: tuple[str, ...],
    context: str | None,
    notes: tuple[str, ...],
) -> Unit:
    """``Unit(source, target, id, file, line, state, suppress=…, flags=…, context=…,
    notes=…)``, the other fields at their defaults: the same unit, made several times
    faster for readers that make one per entry of a large file.

    A frozen dataclass sets each of its 16 fields through ``object.__setattr__``
    (a sixth of reading a 100k-entry catalog into units); here they are plain slot
    stores on a twin of the same layout, which then becomes the `Unit` it is.
    """
    unit = _UnitFields()
    unit.source = source
    unit.target = target
    unit.id = id
    unit.file = file
    unit.line = line
    unit.state = state
    unit.ignored = _NO_IGNORED
    unit.suppress = suppress
    unit.flags = flags
    unit.context = context
    unit.notes = notes
    unit.source_content = None
    unit.target_content = None
    unit.column = None
    unit.form = 0
    unit.anonymous = False
    unit.__class__ = Unit  # type: ignore[assignment]
    return unit  # type: ignore[return-value]
