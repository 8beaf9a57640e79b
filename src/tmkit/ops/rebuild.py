"""Target documents: the source's structure with each segment replaced by its translation."""

from __future__ import annotations

from collections.abc import Iterable

from tmkit.model import UNTRANSLATED_ROLES, Catalog, Document
from tmkit.ops.rendering import RenderRules, render_text

#: What goes between two translated sentences that the source wrote without a space.
JOINERS = {"ja": "", "zh": "", "ko": " ", "en": " "}


def translations(catalog: Catalog, include_fuzzy: bool = False) -> dict[str, str]:
    """Segment id (msgctxt) → translation, for the entries that are translated."""
    table: dict[str, str] = {}
    for msg in catalog.active():
        if msg.msgctxt is None or not msg.msgstr:
            continue
        if msg.fuzzy and not include_fuzzy:
            continue
        table[msg.msgctxt] = msg.msgstr
    return table


def render_target(
    doc: Document,
    table: dict[str, str],
    target_lang: str = "en",
    rules: RenderRules | None = None,
) -> str:
    """The translated document.

    With ``rules`` for an English-style target, the document is laid out by
    `tmkit.ops.rendering` (headings, captions, questions, footnotes, quotes). Without,
    or for a target that keeps the source's typography, it is the source's layout
    with each segment replaced.

    Untranslated segments keep their source text, visibly. Boilerplate (the
    source site's navigation, "上へ戻る") is left out: it was never offered for
    translation, and a Japanese navigation line has no place in the English
    article. The text ends the way the source ends (with or without a newline).
    """
    if rules is not None and rules.english:
        return render_text(doc, table, rules)
    joiner = JOINERS.get(target_lang.split("-")[0].lower(), " ")
    keep = Document(
        doc.path, [b for b in doc.blocks if b.role not in UNTRANSLATED_ROLES], doc.preamble
    )
    text = keep.render(lambda _block, seg: table.get(seg.id), joiner=joiner)
    if len(keep.blocks) != len(doc.blocks):
        source = doc.text()
        ending = source[len(source.rstrip("\r\n")) :]
        text = text.rstrip("\r\n") + ending
    return text


def missing(doc: Document, table: dict[str, str]) -> Iterable[str]:
    """Ids of translatable segments that have no translation."""
    return [seg.id for _b, seg in doc.translatable_segments() if seg.id not in table]
