"""Update a translation from a new template, with GNU msgmerge's semantics.

`update_catalog(template, translation)` returns a new catalog whose active
entries are the template's, in the template's order:

* an entry whose (msgctxt, msgid) is in the translation keeps its translation,
  translator comments and own flags (a fuzzy one stays fuzzy, with its ``#|``);
  an obsolete ``#~`` entry that comes back is revived; msgmerge's further rules
  (format and range flags, singular/plural changes, plural forms, the header)
  are in `tmkit.ops.update_rules`;
* any other entry is fuzzy-matched against every translated entry of the
  translation, active or obsolete, *across contexts* (tmkit's msgctxt is a
  segment id derived from the text, so an edited sentence has a new context
  too); the best match (`tmkit.text.fuzzy`, ties to the earliest entry, then to a
  candidate with the same context) gives its translation, flagged fuzzy, with
  the matched entry's msgctxt and msgid as ``#| msgctxt`` / ``#| msgid``;
* translated entries used by neither (any plural form counts) become obsolete
  ``#~`` entries at the end, after the obsolete entries already there, in the
  translation's order; untranslated ones are dropped (nothing is lost: they had
  no translation);
* compendium entries (``msgmerge -C``) are matched like the translation's own
  but never become obsolete entries.

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

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tmkit.model.catalog import Catalog, Message
from tmkit.model.progress import Progress, ticked
from tmkit.ops.update_rules import (
    fill_forms,
    is_gettext_flag,
    merge_header,
    needs_attention,
    nplurals,
)

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


#: at most this many msgids without an entry of their key narrow the fuzzy candidates
_NARROW_LIMIT = 64


@dataclass(slots=True)
class UpdateResult:
    catalog: Catalog
    stats: UpdateStats = field(default_factory=UpdateStats)


def has_translation(message: Message) -> bool:
    """True when any form of the translation is non-empty (fuzzy or not)."""
    if message.msgid_plural is not None:
        return any(message.msgstr_plural.values())
    return bool(message.msgstr)


@dataclass(slots=True)
class UpdateOptions:
    """msgmerge's options that change the merge (the output ones live in `update_run`)."""

    threshold: float = DEFAULT_UPDATE_THRESHOLD  # --fuzzy-threshold
    fuzzy_matching: bool = True  # -N turns it off
    memory_threshold: float = 75.0  # --tm-threshold
    lang: str | None = None  # --lang: the header's Language
    for_msgfmt: bool = False
    sort: str | None = None  # "msgid" | "file"
    location: str = "full"  # "full" | "file" | "never"
    width: int = 79


def _template_entry(message: Message) -> Message:
    """A fresh entry from a template entry, ready to receive a translation.

    Built field by field (not deep-copied: this runs once per entry of a large catalog).
    The template's translator comments stay unless a translation brings its own (msgmerge).
    """
    return Message(
        msgid=message.msgid,
        msgctxt=message.msgctxt,
        msgid_plural=message.msgid_plural,
        translator_comments=list(message.translator_comments),
        extracted_comments=list(message.extracted_comments),
        references=list(message.references),
        flags=[f for f in message.flags if f != "fuzzy"],
    )


def _take_translation(entry: Message, old: Message, nplurals: int) -> bool:
    """Copy the translator's work (translation, comments, their own flags) from ``old``.

    Returns True when a singular/plural change moved the translation (fuzzy, as msgmerge).
    """
    entry.translator_comments = list(old.translator_comments)
    changed = fill_forms(entry, old, nplurals)
    for flag in old.flags:
        if flag != "fuzzy" and flag not in entry.flags and not is_gettext_flag(flag):
            entry.flags.append(flag)
    return changed


def _kept_as_is(message: Message, old: Message) -> bool:
    """Whether merging template entry ``message`` with the translation's entry of its key
    gives ``old`` itself: a plain translated singular entry (no flags, no previous fields,
    not obsolete) whose template entry has its comments and references, and no flags.
    (Most entries of a big project, when one document changed.)"""
    return (
        not message.flags
        and not old.flags
        and not old.obsolete
        and old.msgid_plural is None
        and message.msgid_plural is None
        and old.msgstr != ""
        and not old.msgstr_plural
        and old.previous_msgid is None
        and old.previous_msgctxt is None
        and old.previous_msgid_plural is None
        and old.extracted_comments == message.extracted_comments
        and old.references == message.references
    )


def _set_previous(entry: Message, old: Message) -> None:
    """``#|`` fields: the old entry's own previous ones if it was fuzzy with them, else its key."""
    if old.fuzzy and old.previous_msgid is not None:
        entry.previous_msgctxt = old.previous_msgctxt
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgid_plural = old.previous_msgid_plural
    else:
        entry.previous_msgctxt = old.msgctxt
        entry.previous_msgid = old.msgid
        entry.previous_msgid_plural = old.msgid_plural


class _Definitions:
    """The old translation's entries (then the compendia's): by key, and a fuzzy index
    over the translated ones. Compendium entries serve matches but never become obsolete."""

    def __init__(self, translation: Catalog, compendia: list[Catalog] = ()) -> None:
        self.messages = [m for m in translation.messages if not m.is_header]
        self.own = len(self.messages)
        self.by_key: dict[tuple[str | None, str], int] = {}
        for i, m in enumerate(self.messages):
            # an active entry wins over an obsolete one with the same key
            known = self.by_key.get(m.key)
            if known is None or (self.messages[known].obsolete and not m.obsolete):
                self.by_key[m.key] = i
        for compendium in compendia:
            for m in compendium.messages:
                if m.is_header or not has_translation(m):  # obsolete ones serve (msgmerge)
                    continue
                if m.key not in self.by_key:
                    self.by_key[m.key] = len(self.messages)
                self.messages.append(m)
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

    def narrow(self, queries: set[str], threshold: float) -> None:
        """Keep as fuzzy candidates only the entries that may answer one of ``queries``
        (the msgids without an entry of their key: few, when one document changed).
        Their order is kept, so ties go to the same entry; the index is then built over
        a handful of entries instead of the whole catalog."""
        from tmkit.ops.build_memory import wanted

        keep = wanted(queries, threshold)
        near = keep.many([self.messages[i].msgid for i in self.candidates])
        self.candidates = [i for i, n in zip(self.candidates, near, strict=True) if n]
        self._index = None

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
    options: UpdateOptions | None = None,
    compendia: list[Catalog] = (),
    progress: Progress | None = None,
    share: bool = False,
) -> UpdateResult:
    """Merge ``translation`` into ``template`` (see the module docstring); inputs are not changed.

    ``memory`` is an optional `tmkit.ops.merge.MemoryLookup` for entries that stay
    untranslated; ``memory_threshold`` its fuzzy threshold. ``options`` (when given)
    overrides ``threshold`` and ``memory_threshold``. With ``share`` (a caller done with
    ``translation``), an entry the merge keeps exactly as it was is the translation's
    own `Message`, not a copy.
    """
    if options is None:
        options = UpdateOptions(threshold=threshold, memory_threshold=memory_threshold)
    defs = _Definitions(translation, list(compendia))
    stats = UpdateStats()
    used: set[int] = set()
    header = merge_header(translation.header, template, options.lang)
    out = Catalog(header=header, path=translation.path)
    forms = nplurals(header)
    messages = template.messages  # a list, or an iterator when the template streams
    total = len(messages) if isinstance(messages, list) else None
    if total is not None and options.fuzzy_matching:
        asked = {
            m.msgid
            for m in messages
            if not (m.is_header or m.obsolete) and m.key not in defs.by_key
        }
        if 0 < len(asked) <= _NARROW_LIMIT:
            defs.narrow(asked, options.threshold)
    for message in ticked(messages, progress, "updating", total):
        if message.is_header or message.obsolete:
            continue
        found = defs.by_key.get(message.key)
        if share and found is not None and found < defs.own and found not in used:
            old = defs.messages[found]
            if _kept_as_is(message, old):
                # what the merge below makes of it is ``old`` field for field: kept as it
                # is, holding the template's equal texts (its own copies are let go)
                old.msgid, old.msgctxt = message.msgid, message.msgctxt
                old.extracted_comments = list(message.extracted_comments)
                old.references = list(message.references)
                used.add(found)
                stats.kept += 1
                out.messages.append(old)
                continue
        entry = _template_entry(message)
        if found is not None:
            old = defs.messages[found]
            used.add(found)
            changed = _take_translation(entry, old, forms)
            if has_translation(entry):
                if old.fuzzy:
                    entry.fuzzy = True
                    entry.previous_msgctxt = old.previous_msgctxt
                    entry.previous_msgid = old.previous_msgid
                    entry.previous_msgid_plural = old.previous_msgid_plural
                elif changed or needs_attention(entry, old):
                    entry.fuzzy = True
                    _set_previous(entry, old)
                stats.kept += 1
                stats.revived += old.obsolete
        else:
            match = defs.fuzzy(message, options.threshold) if options.fuzzy_matching else None
            if match is not None:
                old = defs.messages[match]
                used.add(match)
                _take_translation(entry, old, forms)
                entry.fuzzy = True
                _set_previous(entry, old)
                stats.fuzzy += 1
            elif has_translation(message):
                # a template that carries a translation keeps it, and its fuzzy flag (msgmerge)
                entry.msgstr = message.msgstr
                entry.msgstr_plural = dict(message.msgstr_plural)
                entry.fuzzy = message.fuzzy
            else:
                fill_forms(entry, None, forms)
        if not has_translation(entry) and memory is not None:
            from tmkit.ops.merge import pretranslate_message

            hit = pretranslate_message(entry, memory, options.memory_threshold)
            if hit is not None and hit.exact:
                stats.pretranslated_exact += 1
            elif hit is not None:
                stats.pretranslated_fuzzy += 1
        if not has_translation(entry):
            stats.untranslated += 1
        out.messages.append(entry)
    _obsolete_the_rest(defs, used, out, stats)
    return UpdateResult(out, stats)


def _obsolete_the_rest(
    defs: _Definitions, used: set[int], out: Catalog, stats: UpdateStats
) -> None:
    """Old entries no template entry took: obsolete when any form is translated (tmkit keeps
    these; msgmerge drops one whose first form is empty), dropped when untranslated."""
    active = {m.key: m for m in out.messages}
    for i in range(defs.own):
        if i in used:
            continue
        old = defs.messages[i]
        if not has_translation(old):
            stats.dropped += not old.obsolete
            continue
        if old.key in active and old.obsolete:
            twin = active[old.key]
            if (twin.msgstr, twin.msgstr_plural) == (old.msgstr, old.msgstr_plural):
                continue  # an obsolete twin of an entry kept active (the reader refuses these)
        stats.obsoleted += not old.obsolete
        out.messages.append(
            Message(
                msgid=old.msgid,
                msgstr=old.msgstr,
                msgctxt=old.msgctxt,
                msgid_plural=old.msgid_plural,
                msgstr_plural=dict(old.msgstr_plural),
                # like msgmerge: an obsolete entry keeps the translator's comments only
                translator_comments=list(old.translator_comments),
                flags=list(old.flags),
                previous_msgctxt=old.previous_msgctxt,
                previous_msgid=old.previous_msgid,
                previous_msgid_plural=old.previous_msgid_plural,
                obsolete=True,
            )
        )
