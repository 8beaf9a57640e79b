"""The bilingual view of catalogs and memories: `Catalog` / `Memory` → `Unit`s.

Every bilingual format's ``units`` hook is one of these (or built on them), so
checks, scoring, validate, stats and the report see one type whatever the file.

Suppression marks are handed on raw (`Unit.suppress`): a PO flag
``tmkit-ignore:RULE``, a translator comment ``# tmkit-ignore: RULE reason…`` and
a TMX prop ``x-tmkit-ignore``; which words name rules is the check runner's
business (it knows the registry), not the format's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tmkit.formats.convert import INLINE_COMMENT, INLINE_FLAG
from tmkit.model.catalog import Catalog, Message
from tmkit.model.memory import (
    ALL_LANGUAGES,
    MarkupError,
    Memory,
    MemoryHeader,
    Meta,
    Note,
    Prop,
    TranslationUnit,
    Variant,
    markup_to_content,
    plain_text,
    same_language,
)
from tmkit.model.units import State, Unit, plain_unit

IGNORE_MARK = "tmkit-ignore:"
IGNORE_PROP = "x-tmkit-ignore"
#: TMX prop / PO comment that carries an XLIFF-style review state through PO and TMX
STATE_PROP = "x-tmkit-state"
STATE_COMMENT = "tmkit-state:"


def message_state(message: Message) -> State:
    # `Message.fuzzy` and the forms spelled out: asked of every entry of a catalog
    if "fuzzy" in message.flags:
        return State.FUZZY
    if message.msgid_plural is not None:
        if not any(message.msgstr_plural.values()):
            return State.NEW
    elif not message.msgstr:
        return State.NEW
    for comment in message.extracted_comments:
        if comment.startswith(STATE_COMMENT):
            try:
                return State(comment[len(STATE_COMMENT) :].strip())
            except ValueError:
                break
    return State.TRANSLATED


_NO_MARKS: frozenset[str] = frozenset()


def _plain(msgstr: str) -> State:
    """`message_state` of a singular entry without flags or a state comment."""
    return State.TRANSLATED if msgstr else State.NEW


def _has_state(notes: tuple[str, ...]) -> bool:
    """Does a note carry a state (`STATE_COMMENT`)? (Only extracted comments do, but
    a translator comment starting so is as rare: `message_state` then decides.)"""
    for note in notes:  # noqa: SIM110 (a loop, not any(): asked of every translated entry)
        if note.startswith(STATE_COMMENT):
            return True
    return False


def message_suppress(message: Message) -> frozenset[str]:
    if not message.flags and not message.translator_comments:
        return _NO_MARKS  # most entries: nothing can suppress a rule
    marks = [f[len(IGNORE_MARK) :] for f in message.flags if f.startswith(IGNORE_MARK)]
    for comment in message.translator_comments:
        text = comment.strip()
        if text.startswith(IGNORE_MARK):
            marks.append(text[len(IGNORE_MARK) :])
    return frozenset(marks)


def catalog_languages(catalog: Catalog) -> tuple[str | None, list[str]]:
    """(source language, target languages) a catalog declares: its ``Language`` header."""
    language = catalog.metadata.get("Language")
    return None, [language] if language else []


def memory_languages(memory: Memory) -> tuple[str | None, list[str]]:
    """(source language, the other languages its units hold)."""
    source = memory.header.srclang
    if not source or source == ALL_LANGUAGES:
        source = "ja"
    return source, [tag for tag in memory.languages() if not same_language(tag, source)]


def catalog_units(catalog: Catalog, name: str | None = None, **_: object) -> Iterator[Unit]:
    """One unit per active entry, one per plural form for plural entries; the header skipped."""
    # (the messages as they are: `messages_units` skips the obsolete ones itself)
    return messages_units(catalog.messages, name if name is not None else catalog.path)


def messages_units(messages: Iterable[Message], name: str | None) -> Iterator[Unit]:
    for m in messages:
        if m.obsolete:
            continue
        ctxt = m.msgctxt
        msgid = m.msgid
        if ctxt is None and msgid == "":
            continue  # the header (`Message.is_header`, spelled out: asked of every entry)
        flags = m.flags
        translator = m.translator_comments
        notes = (*m.extracted_comments, *translator) if translator else tuple(m.extracted_comments)
        if m.msgid_plural is None and INLINE_FLAG not in flags and INLINE_COMMENT not in notes:
            # the common entry, built without the keyword dict below (same fields); most
            # have no flags (no fuzzy state) and no translator comment (nothing to suppress)
            msgstr = m.msgstr
            yield plain_unit(
                msgid,
                msgstr,
                ctxt if ctxt is not None else msgid,
                name,
                m.lineno,
                message_state(m) if flags or (msgstr and _has_state(notes)) else _plain(msgstr),
                message_suppress(m),
                tuple(flags) if flags else (),
                ctxt,
                notes,
            )
            continue
        common = dict(
            id=ctxt if ctxt is not None else m.msgid,
            file=name,
            line=m.lineno,
            state=message_state(m),
            suppress=message_suppress(m),
            flags=tuple(m.flags),
            context=ctxt,
            notes=notes,
        )
        if m.msgid_plural is not None and m.msgstr_plural:
            for index in sorted(m.msgstr_plural):
                source = m.msgid if index == 0 else m.msgid_plural
                yield Unit(source, m.msgstr_plural[index], form=index, **common)
        elif INLINE_COMMENT in m.extracted_comments or INLINE_FLAG in m.flags:
            yield _markup_unit(m.msgid, m.msgstr, common)
        else:
            yield Unit(m.msgid, m.msgstr, **common)


def _markup_unit(source: str, target: str, common: dict) -> Unit:
    """A PO entry in the inline-markup form (HTML, TMX codes): plain text for the text
    checks, the content for the code checks; left as written when it does not parse
    (the ``code.markup`` check reports it)."""
    try:
        src = markup_to_content(source)
        tgt = markup_to_content(target)
    except MarkupError:
        return Unit(source, target, **common)
    return Unit(
        plain_text(src),
        plain_text(tgt),
        source_content=src,
        target_content=tgt if target else None,
        **common,
    )


def memory_units(
    units: Iterable[TranslationUnit],
    name: str | None = None,
    source_lang: str | None = "ja",
    target_lang: str | None = None,
) -> Iterator[Unit]:
    """One unit per TMX unit that has a source variant; the target is the first variant in
    another language (or in ``target_lang``). Units without a source variant are skipped."""
    if not source_lang or source_lang == ALL_LANGUAGES:
        source_lang = "ja"
    for number, tu in enumerate(units, start=1):
        src = tu.variant(source_lang)
        if src is None:
            continue
        if target_lang:
            tgt = tu.variant(target_lang)
        else:
            tgt = next((v for v in tu.variants if not same_language(v.lang, source_lang)), None)
        marks = list(tu.props(IGNORE_PROP)) + list(src.props(IGNORE_PROP))
        state = State.NEW
        if tgt is not None:
            marks += tgt.props(IGNORE_PROP)
            state = _variant_state(tu, tgt.props(STATE_PROP)) if tgt.content else State.NEW
        yield Unit(
            src.text,
            tgt.text if tgt is not None else "",
            tu.tuid if tu.tuid else str(number),
            file=name,
            line=(tgt.line if tgt is not None and tgt.line else None) or tu.line,
            state=state,
            suppress=frozenset(marks),
            context=next(iter(tu.props("x-context")), None),
            notes=tuple(tu.notes),
            source_content=src.content,
            target_content=tgt.content if tgt is not None else None,
            anonymous=not tu.tuid,
        )


def _variant_state(tu: TranslationUnit, values: list[str]) -> State:
    for value in [*values, *tu.props(STATE_PROP)]:
        try:
            return State(value.strip())
        except ValueError:
            continue
    if "fuzzy" in tu.props("x-po-flag") or "yes" in tu.props("x-review"):
        return State.FUZZY
    return State.TRANSLATED


def units_to_memory(units: Iterable[Unit], source_lang: str, target_lang: str) -> Memory:
    """A TMX-model memory holding the units of any bilingual format, codes and notes kept."""
    out: list[TranslationUnit] = []
    for unit in units:
        if unit.form:
            continue
        meta: list[Meta] = [Note(text) for text in unit.notes]
        if unit.context is not None:
            meta.insert(0, Prop("x-context", unit.context))
        if unit.state is State.FUZZY:
            meta.append(Prop("x-po-flag", "fuzzy"))
        elif unit.state in (State.REVIEWED, State.FINAL):
            meta.append(Prop(STATE_PROP, unit.state.value))
        variants = [Variant(source_lang, unit.source_content or (unit.source,))]
        if unit.target:
            variants.append(Variant(target_lang, unit.target_content or (unit.target,)))
        tuid = None if unit.anonymous else unit.id
        out.append(TranslationUnit(tuid, variants, meta=meta, line=unit.line))
    return Memory(MemoryHeader({"srclang": source_lang}), out)
