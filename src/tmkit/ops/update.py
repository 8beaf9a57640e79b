"""Update a translation from a new template, with GNU msgmerge's semantics.

`update_catalog(template, translation)` returns a new catalog whose active
entries are the template's, in the template's order:

* an entry whose (msgctxt, msgid) is in the translation keeps its translation,
  translator comments and flags (a fuzzy one stays fuzzy, with its ``#|``);
  an obsolete ``#~`` entry that comes back is revived;
* any other entry is fuzzy-matched against every translated entry of the
  translation, active or obsolete, *across contexts* (tmkit's msgctxt is a
  segment id derived from the text, so an edited sentence has a new context
  too); the best match (`tmkit.text.fuzzy`, ties to the earliest entry, then to a
  candidate with the same context) gives its translation, flagged fuzzy, with
  the matched entry's msgctxt and msgid as ``#| msgctxt`` / ``#| msgid``;
* translated entries used by neither become obsolete ``#~`` entries at the
  end, after the obsolete entries already there, in the translation's order;
  untranslated ones are dropped (nothing is lost: they had no translation).

So a translation is never lost: every non-empty msgstr of the old file is in
an active entry (exact or fuzzy match) or an obsolete one. The header is the
translation's, with ``POT-Creation-Date`` taken from the template.

With a memory (`tmkit.ops.merge.MemoryLookup`), entries still untranslated are
pretranslated from it, exact matches then fuzzy ones (see
`tmkit.ops.merge.pretranslate_message`).

Like msgmerge, a near match must score *above* the threshold (60, msgmerge's
0.6), and a tie prefers a candidate with the same context. On ASCII text the
states (translated, fuzzy, untranslated, obsolete) agree with ``msgmerge
--previous`` on random edits (tests/test_update.py), and on the before/after
corpus in tests/data/merge/update the files are byte-identical.

Deliberate differences from msgmerge (0.21):

* scores are ``rapidfuzz.fuzz.ratio`` on NFKC characters; msgmerge's
  ``fstrcmp`` compares bytes, which for Japanese can put a pair a few points
  higher (so msgmerge flags a little more near the threshold);
* the search is exhaustive: msgmerge only considers candidates its 3-gram
  index proposes and so misses near matches of very short segments (in a
  random Japanese comparison every disagreement involved segments of ten
  characters or fewer, e.g. 施設機構研究 → 施設研究, 80 %, which tmkit flags
  fuzzy and msgmerge leaves untranslated);
* a fuzzy match whose source entry was itself fuzzy without ``#|`` gets the
  source's msgid as ``#|`` (msgmerge writes no ``#|`` then).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tmkit.model.catalog import Catalog, Message

if TYPE_CHECKING:
    from tmkit.text.fuzzy import FuzzyIndex

#: msgmerge's FUZZY_THRESHOLD is 0.6 (on its own byte-based score); a match must exceed it
DEFAULT_UPDATE_THRESHOLD = 60.0


@dataclass(slots=True)
class UpdateStats:
    """What happened to the entries, for a one-line summary."""

    kept: int = 0  # exact key match, translation kept (translated or fuzzy)
    revived: int = 0  # of those, obsolete entries brought back
    fuzzy: int = 0  # new entries given a near match from the translation
    pretranslated_exact: int = 0
    pretranslated_fuzzy: int = 0
    untranslated: int = 0  # active entries left without any translation
    obsoleted: int = 0  # translated entries that left the template
    dropped: int = 0  # untranslated entries that left the template

    def summary(self) -> str:
        parts = [
            f"{self.kept} kept",
            f"{self.fuzzy} fuzzy",
            f"{self.untranslated} untranslated",
            f"{self.obsoleted} obsoleted",
        ]
        if self.revived:
            parts.append(f"{self.revived} revived")
        if self.pretranslated_exact or self.pretranslated_fuzzy:
            parts.append(
                f"{self.pretranslated_exact} exact and {self.pretranslated_fuzzy} fuzzy from the TM"
            )
        return ", ".join(parts)


@dataclass(slots=True)
class UpdateResult:
    catalog: Catalog
    stats: UpdateStats = field(default_factory=UpdateStats)


def has_translation(message: Message) -> bool:
    """True when any form of the translation is non-empty (fuzzy or not)."""
    if message.msgid_plural is not None:
        return any(message.msgstr_plural.values())
    return bool(message.msgstr)


def _template_entry(message: Message) -> Message:
    """A fresh copy of a template entry, ready to receive a translation."""
    entry = copy.deepcopy(message)
    entry.obsolete = False
    entry.fuzzy = False
    entry.msgstr = ""
    entry.msgstr_plural = {n: "" for n in message.msgstr_plural} if message.msgid_plural else {}
    entry.translator_comments = []
    entry.lineno = None
    return entry


def _take_translation(entry: Message, old: Message) -> None:
    """Copy the translator's work (translation, comments, their own flags) from ``old``."""
    if entry.msgid_plural is not None:
        if old.msgid_plural is not None:
            entry.msgstr_plural = dict(old.msgstr_plural)
        else:
            entry.msgstr_plural = {0: old.msgstr}
    elif old.msgid_plural is not None:
        entry.msgstr = old.msgstr_plural.get(0, "")
    else:
        entry.msgstr = old.msgstr
    entry.translator_comments = list(old.translator_comments)
    for flag in old.flags:
        if flag != "fuzzy" and flag not in entry.flags:
            entry.flags.append(flag)


def _with_pot_date(header: Message | None, template: Catalog) -> Message | None:
    if header is None:
        return copy.deepcopy(template.header)
    header = copy.deepcopy(header)
    date = template.metadata.get("POT-Creation-Date")
    if date is None:
        return header
    lines = [ln for ln in header.msgstr.split("\n") if ln]
    names = [ln.partition(":")[0].strip() for ln in lines]
    if "POT-Creation-Date" in names:
        lines[names.index("POT-Creation-Date")] = f"POT-Creation-Date: {date}"
    else:
        # where msgmerge puts it: after Report-Msgid-Bugs-To / Project-Id-Version
        at = 0
        for name in ("Project-Id-Version", "Report-Msgid-Bugs-To"):
            if name in names:
                at = names.index(name) + 1
        lines.insert(at, f"POT-Creation-Date: {date}")
    header.msgstr = "\n".join(lines) + "\n"
    return header


class _Definitions:
    """The old translation's entries: by key, and a fuzzy index over the translated ones."""

    def __init__(self, translation: Catalog) -> None:
        self.messages = [m for m in translation.messages if not m.is_header]
        self.by_key: dict[tuple[str | None, str], int] = {}
        for i, m in enumerate(self.messages):
            # an active entry wins over an obsolete one with the same key
            known = self.by_key.get(m.key)
            if known is None or (self.messages[known].obsolete and not m.obsolete):
                self.by_key[m.key] = i
        self.candidates = [i for i, m in enumerate(self.messages) if has_translation(m)]
        self._index: FuzzyIndex | None = None

    @property
    def index(self) -> FuzzyIndex:
        from tmkit.text.fuzzy import (
            FuzzyIndex,  # numpy: imported only when fuzzy matching is needed
        )

        if self._index is None:
            self._index = FuzzyIndex(self.messages[i].msgid for i in self.candidates)
        return self._index

    def fuzzy(self, message: Message, threshold: float) -> int | None:
        """The best translated entry for ``message``; ties prefer the same context (msgmerge)."""
        if not self.candidates:
            return None
        best = self.index.best(message.msgid, threshold)
        if best is None or best.score <= threshold:
            return None  # msgmerge takes a near match only above its threshold
        winner = self.candidates[best.index]
        if self.messages[winner].msgctxt in (None, message.msgctxt):
            return winner
        for tie in self.index.matches(message.msgid, best.score):
            if tie.score == best.score:
                candidate = self.candidates[tie.index]
                if self.messages[candidate].msgctxt in (None, message.msgctxt):
                    return candidate
        return winner


def update_catalog(
    template: Catalog,
    translation: Catalog,
    memory=None,
    threshold: float = DEFAULT_UPDATE_THRESHOLD,
    memory_threshold: float = 75.0,
) -> UpdateResult:
    """Merge ``translation`` into ``template`` (see the module docstring); inputs are not changed.

    ``memory`` is an optional `tmkit.ops.merge.MemoryLookup` for entries that stay
    untranslated; ``memory_threshold`` its fuzzy threshold.
    """
    defs = _Definitions(translation)
    stats = UpdateStats()
    used: set[int] = set()
    out = Catalog(header=_with_pot_date(translation.header, template), path=translation.path)
    for message in template.messages:
        if message.is_header or message.obsolete:
            continue
        entry = _template_entry(message)
        found = defs.by_key.get(message.key)
        if found is not None:
            old = defs.messages[found]
            used.add(found)
            _take_translation(entry, old)
            if old.fuzzy and has_translation(entry):
                entry.fuzzy = True
                entry.previous_msgctxt = old.previous_msgctxt
                entry.previous_msgid = old.previous_msgid
                entry.previous_msgid_plural = old.previous_msgid_plural
            if has_translation(entry):
                stats.kept += 1
                stats.revived += old.obsolete
        else:
            match = defs.fuzzy(message, threshold)
            if match is not None:
                old = defs.messages[match]
                used.add(match)
                _take_translation(entry, old)
                entry.fuzzy = True
                if old.fuzzy and old.previous_msgid is not None:
                    entry.previous_msgctxt = old.previous_msgctxt
                    entry.previous_msgid = old.previous_msgid
                    entry.previous_msgid_plural = old.previous_msgid_plural
                else:
                    entry.previous_msgctxt = old.msgctxt
                    entry.previous_msgid = old.msgid
                    entry.previous_msgid_plural = old.msgid_plural
                stats.fuzzy += 1
        if not has_translation(entry) and memory is not None:
            from tmkit.ops.merge import pretranslate_message

            hit = pretranslate_message(entry, memory, memory_threshold)
            if hit is not None and hit.exact:
                stats.pretranslated_exact += 1
            elif hit is not None:
                stats.pretranslated_fuzzy += 1
        if not has_translation(entry):
            stats.untranslated += 1
        out.messages.append(entry)
    active = {m.key: m for m in out.messages}
    for i, old in enumerate(defs.messages):
        if i in used:
            continue
        if not has_translation(old):
            stats.dropped += not old.obsolete
            continue
        twin = active.get(old.key)
        if twin is not None and (twin.msgstr, twin.msgstr_plural) == (
            old.msgstr,
            old.msgstr_plural,
        ):
            continue  # an obsolete twin of an entry kept active, same translation
        gone = copy.deepcopy(old)
        stats.obsoleted += not gone.obsolete
        gone.obsolete = True
        gone.lineno = None
        # like msgmerge: an obsolete entry keeps the translator's comments only
        gone.extracted_comments = []
        gone.references = []
        out.messages.append(gone)
    return UpdateResult(out, stats)
