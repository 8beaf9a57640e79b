"""Translation state: `untranslated`, `fuzzy`, `same-as-source`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.model.units import Unit

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


@check(
    "untranslated",
    severity="error",
    summary="The unit has no translation.",
    wants_empty=True,
    needs="empty",  # a translated pair has a target that is more than blanks
)
def untranslated(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    if not pair.target.strip() and pair.source.strip() and not pair.fuzzy:
        yield Hit("no translation")


@check(
    "fuzzy",
    severity="warning",
    summary="The translation is marked fuzzy (a draft that tools will not use).",
    wants_empty=True,
    needs="fuzzy",
)
def fuzzy(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    if pair.fuzzy:
        yield Hit("translation is marked fuzzy")


@check(
    "same-as-source",
    severity="warning",
    summary="The translation is the Japanese source copied unchanged.",
)
def same_as_source(pair: Unit, ctx: CheckContext) -> Iterable[Hit]:
    if pair.target.isascii():
        # (most English) the source could equal it only with ASCII and blanks around,
        # and no blank is Japanese: nothing to find, told without stripping both texts
        return ()
    # A source made only of Latin text, numbers or a URL may rightly stay as it is.
    if pair.target.strip() == pair.source.strip() and _JAPANESE.search(pair.source):
        return (Hit("translation is identical to the source", span=(0, len(pair.target))),)
    return ()
