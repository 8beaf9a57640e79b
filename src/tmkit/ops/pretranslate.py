"""Pretranslating a template from a memory: exact matches (source and context, then
source alone), then fuzzy ones at or above a threshold, flagged fuzzy."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from tmkit.model.catalog import Catalog, Message
from tmkit.model.progress import Progress, ticked
from tmkit.tm.base import TmHit
from tmkit.tm.memory import MemoryLookup

DEFAULT_THRESHOLD = 75.0


def fuzzy_comment(hit: TmHit) -> str:
    where = f" from {hit.entry.origin}" if hit.entry.origin else ""
    return f"tmkit: fuzzy match {hit.score:.1f}%{where}"


def pretranslate_message(
    message: Message, lookup: MemoryLookup, threshold: float = DEFAULT_THRESHOLD
) -> TmHit | None:
    """Fill one untranslated singular message from ``lookup``, in place; the hit used, if any."""
    if message.msgid_plural is not None or message.msgstr or message.is_header:
        return None
    hit = lookup.find(message.msgid, message.msgctxt, threshold)
    if hit is None:
        return None
    message.msgstr = hit.entry.target
    if not hit.exact:
        message.fuzzy = True
        message.previous_msgctxt = hit.entry.context
        message.previous_msgid = hit.entry.source
        message.translator_comments = [
            c for c in message.translator_comments if not c.startswith("tmkit: fuzzy match")
        ] + [fuzzy_comment(hit)]
    return hit


@dataclass(slots=True)
class PretranslateStats:
    exact_context: int = 0
    exact_source: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    def summary(self) -> str:
        exact = self.exact_context + self.exact_source
        return (
            f"{exact} exact ({self.exact_context} with context), "
            f"{self.fuzzy} fuzzy, {self.untranslated} untranslated"
        )


def pretranslate(
    template: Catalog,
    lookup: MemoryLookup,
    target_lang: str,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
) -> tuple[Catalog, PretranslateStats]:
    """A translation of ``template``: its entries in order, filled from ``lookup``.

    The header is the template's, with ``Language`` set and its fuzzy flag
    removed (as msginit does); the template is not changed.
    """
    stats = PretranslateStats()
    header = copy.deepcopy(template.header)
    out = Catalog(header=header)
    out.set_metadata("Language", target_lang)
    if out.header is not None:
        out.header.flags = [f for f in out.header.flags if f != "fuzzy"]
    messages = template.messages
    for message in ticked(messages, progress, "pretranslating", len(messages)):
        if message.obsolete or message.is_header:
            continue
        entry = copy.deepcopy(message)
        entry.lineno = None
        if not entry.msgstr and entry.msgid_plural is None:
            hit = pretranslate_message(entry, lookup, threshold)
            if hit is None:
                stats.untranslated += 1
            elif hit.kind == "context":
                stats.exact_context += 1
            elif hit.kind == "source":
                stats.exact_source += 1
            else:
                stats.fuzzy += 1
        out.messages.append(entry)
    return out, stats
