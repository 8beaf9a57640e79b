"""PO ⇄ TMX at the model level: `Catalog` ⇄ `Memory`. No files, no lxml.

One PO message becomes one translation unit with a source and a target
variant. Everything a message holds is kept, so PO → TMX → PO gives back the
same messages:

==========================  ==================================================
PO                          TMX
==========================  ==================================================
msgctxt                     ``<prop type="x-context">`` on the tu; also the
                            tuid when that context is unique in the catalog
msgid                       source ``<seg>``
msgstr / msgstr[0]          target ``<seg>``
msgstr[N], N ≥ 1            target tuv ``<prop type="x-po-msgstr-N">``
msgid_plural                ``<prop type="x-po-msgid-plural">``
``#,`` flags                one ``<prop type="x-po-flag">`` each, in order
``#:`` references           one ``<prop type="x-po-reference">`` each
``#.`` extracted comments   one ``<prop type="x-po-extracted">`` each
                            (the marker ``tmkit: inline-markup`` too)
``#`` translator comments   one ``<note>`` each (tu level)
``#|`` previous fields      ``x-po-previous-msgctxt``, ``x-po-previous-msgid``,
                            ``x-po-previous-msgid-plural`` props
PO header msgstr            header ``<prop type="x-po-header">``
PO header comments          header ``<note>`` elements
PO-Revision-Date            header ``creationdate`` and target ``changedate``
                            (``SOURCE_DATE_EPOCH`` when the PO has no date)
==========================  ==================================================

Obsolete messages and the header entry are not units. Untranslated messages
are skipped, fuzzy ones too unless ``include_fuzzy``.

Inline codes: a PO string cannot hold structure, so a unit whose segments have
inline codes becomes a message marked with the extracted comment
``#. tmkit: inline-markup`` whose msgid and msgstr are in the markup form of
`tmkit.model.memory.content_to_markup` (each code written as its TMX element,
``& < >`` in text escaped). The marker tells the way back to parse the markup;
without it msgid and msgstr are plain text, so a literal ``<ph>`` typed in a
PO file stays text. The marker is a comment, not a flag, because GNU msgcat
and msgmerge (and so Poedit) drop ``#,`` flags they do not know but keep
``#.`` comments. The flag ``#, tmkit-inline`` that tmkit wrote before is still
read as the marker; going back to PO it becomes the comment.

Going back (`memory_to_catalog`), a tu's notes become translator comments, its
``x-context`` prop the msgctxt; the first unit wins when two units give the
same (msgctxt, msgid).
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from hashlib import blake2b as _blake2b

from tmkit.model.catalog import Catalog, Message
from tmkit.model.errors import InputError
from tmkit.model.memory import (
    Content,
    MarkupError,
    Memory,
    MemoryHeader,
    Meta,
    Note,
    Prop,
    TranslationUnit,
    Variant,
    content_to_markup,
    has_inline,
    markup_to_content,
    plain_text,
)

CONTEXT = "x-context"
FLAG = "x-po-flag"
REFERENCE = "x-po-reference"
EXTRACTED = "x-po-extracted"
MSGID_PLURAL = "x-po-msgid-plural"
MSGSTR_N = "x-po-msgstr-"
PREVIOUS = {
    "previous_msgctxt": "x-po-previous-msgctxt",
    "previous_msgid": "x-po-previous-msgid",
    "previous_msgid_plural": "x-po-previous-msgid-plural",
}
PO_HEADER = "x-po-header"
#: The extracted comment marking a message whose strings are in markup form.
INLINE_COMMENT = "tmkit: inline-markup"
#: The flag tmkit used as that marker before; read, no longer written (msgcat drops it).
INLINE_FLAG = "tmkit-inline"

_PO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4})?")


def timestamp(epoch: float | None = None) -> str:
    """A PO date (``2026-11-29 04:28+0000``), from ``SOURCE_DATE_EPOCH`` when it is set."""
    if epoch is None:
        env = os.environ.get("SOURCE_DATE_EPOCH")
        epoch = float(env) if env and env.strip().lstrip("-").isdigit() else time.time()
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(epoch))


def po_date(value: str) -> str | None:
    """A PO date (``2026-11-29 04:35+0900``) as a TMX date in UTC, or None."""
    m = _PO_DATE.match(value.strip())
    if not m:
        return None
    year, month, day, hour, minute, second, zone = m.groups()
    stamp = f"{year}-{month}-{day} {hour}:{minute}:{second or '00'} {zone or '+0000'}"
    try:
        moment = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return None
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(moment.timestamp()))


def _source_date_epoch() -> str | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(int(raw))) if raw.isdigit() else None


def segment_text(content: Content, markup: bool) -> str:
    """A segment as a PO string: the markup form when ``markup``, else the text."""
    return content_to_markup(content) if markup else plain_text(content)


def _content(text: str, markup: bool, where: str) -> Content:
    if not markup:
        return (text,) if text else ()
    try:
        return markup_to_content(text)
    except MarkupError as err:
        raise InputError(
            f"{where}: {err} at offset {err.offset} (marked #. {INLINE_COMMENT})"
        ) from None


def _marked(message: Message) -> bool:
    """Whether the message's strings are in markup form (the comment, or the old flag)."""
    return INLINE_COMMENT in message.extracted_comments or INLINE_FLAG in message.flags


def _unit(message: Message, source_lang: str, target_lang: str, tuid: str | None, date: str | None):
    markup = _marked(message)
    where = f"msgid {message.msgid[:40]!r}"
    meta: list[Meta] = []
    if message.msgctxt is not None:
        meta.append(Prop(CONTEXT, message.msgctxt))
    if message.msgid_plural is not None:
        meta.append(Prop(MSGID_PLURAL, message.msgid_plural))
    for attr, prop in PREVIOUS.items():
        value = getattr(message, attr)
        if value is not None:
            meta.append(Prop(prop, value))
    meta.extend(Prop(FLAG, f) for f in message.flags)
    meta.extend(Prop(REFERENCE, r) for r in message.references)
    meta.extend(Prop(EXTRACTED, c) for c in message.extracted_comments)
    meta.extend(Note(c) for c in message.translator_comments)
    target_meta: list[Meta] = []
    if message.msgid_plural is not None:
        forms = message.msgstr_plural
        target = forms.get(0, "")
        target_meta.extend(Prop(f"{MSGSTR_N}{n}", forms[n]) for n in sorted(forms) if n != 0)
    else:
        target = message.msgstr
    attrs = {"changedate": date} if date else {}
    return TranslationUnit(
        tuid=tuid,
        variants=[
            Variant(source_lang, _content(message.msgid, markup, where)),
            Variant(
                target_lang,
                _content(target, markup, f"{where}: msgstr {target[:40]!r}"),
                attrs,
                target_meta,
            ),
        ],
        meta=meta,
        line=message.lineno,
    )


def _exported(message: Message, include_fuzzy: bool) -> bool:
    if message.obsolete or message.is_header:
        return False
    if message.fuzzy and not include_fuzzy:
        return False
    if message.msgid_plural is not None:
        return any(message.msgstr_plural.values())
    return bool(message.msgstr)


def catalog_to_memory(
    catalog: Catalog, source_lang: str, target_lang: str, include_fuzzy: bool = False
) -> Memory:
    """A memory holding one unit per translated message (see the module docstring)."""
    header, units = catalog_memory_units(catalog, source_lang, target_lang, include_fuzzy)
    return Memory(header, list(units))


def catalog_memory_units(
    catalog: Catalog, source_lang: str, target_lang: str, include_fuzzy: bool = False
) -> tuple[MemoryHeader, Iterator[TranslationUnit]]:
    """`catalog_to_memory` as a header and its units made one at a time (a TMX written
    as it is made holds no list of units)."""
    header_meta: list[Meta] = []
    date = None
    if catalog.header is not None:
        header_meta.extend(Note(c) for c in catalog.header.translator_comments)
        header_meta.append(Prop(PO_HEADER, catalog.header.msgstr))
        date = po_date(catalog.metadata.get("PO-Revision-Date", ""))
    date = date or _source_date_epoch()
    messages = [m for m in catalog.messages if _exported(m, include_fuzzy)]
    contexts = Counter(m.msgctxt for m in messages if m.msgctxt is not None)
    attrs = {"srclang": source_lang}
    if date:
        attrs["creationdate"] = date
    header = MemoryHeader(attrs=attrs, meta=header_meta)
    units = (
        _unit(
            m,
            source_lang,
            target_lang,
            m.msgctxt if m.msgctxt is not None and contexts[m.msgctxt] == 1 else None,
            date,
        )
        for m in messages
    )
    return header, units


def _first(meta: list[Meta], type: str) -> str | None:
    for m in meta:
        if isinstance(m, Prop) and m.type == type:
            return m.value
    return None


def unit_context(unit: TranslationUnit) -> str | None:
    """The context id of a unit: its ``x-context`` prop, else None."""
    return _first(unit.meta, CONTEXT)


def _message(unit: TranslationUnit, source: Variant, target: Variant | None) -> Message:
    flags = unit.props(FLAG)
    extracted = unit.props(EXTRACTED)
    contents = [source.content] + ([target.content] if target else [])
    markup = (
        INLINE_FLAG in flags or INLINE_COMMENT in extracted or any(has_inline(c) for c in contents)
    )
    if INLINE_FLAG in flags:  # the old marker becomes the comment
        flags = [f for f in flags if f != INLINE_FLAG]
    if markup and INLINE_COMMENT not in extracted:
        extracted.append(INLINE_COMMENT)
    message = Message(
        msgid=segment_text(source.content, markup),
        msgctxt=unit_context(unit),
        msgid_plural=_first(unit.meta, MSGID_PLURAL),
        translator_comments=unit.notes,
        extracted_comments=extracted,
        references=unit.props(REFERENCE),
        flags=flags,
        lineno=unit.line,
    )
    for attr, prop in PREVIOUS.items():
        setattr(message, attr, _first(unit.meta, prop))
    target_text = segment_text(target.content, markup) if target else ""
    if message.msgid_plural is not None:
        message.msgstr_plural = {0: target_text}
        for m in target.meta if target else ():
            if isinstance(m, Prop) and m.type.startswith(MSGSTR_N):
                suffix = m.type[len(MSGSTR_N) :]
                if suffix.isdigit():
                    message.msgstr_plural[int(suffix)] = m.value
    else:
        message.msgstr = target_text
    return message


def memory_to_catalog(memory: Memory, source_lang: str, target_lang: str) -> Catalog:
    """A catalog with one message per unit that has a ``source_lang`` variant."""
    catalog = Catalog(header=catalog_header(memory.header, source_lang, target_lang))
    catalog.messages.extend(unit_messages(memory.units, source_lang, target_lang))
    return catalog


def catalog_header(header: MemoryHeader, source_lang: str, target_lang: str) -> Message:
    """The PO header `memory_to_catalog` gives a memory with this header."""
    header_msgstr = header.props(PO_HEADER)
    if header_msgstr:
        message = Message(msgid="", msgstr=header_msgstr[0])
        message.translator_comments = [m.text for m in header.meta if isinstance(m, Note)]
        return message
    return Message(
        msgid="",
        msgstr=(
            f"Language: {target_lang}\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
            # as tmkit's templates say it: a catalog from a zh→ja memory is not ja→…
            f"X-Source-Language: {source_lang}\n"
        ),
    )


def unit_messages(
    units: Iterable[TranslationUnit], source_lang: str, target_lang: str
) -> Iterator[Message]:
    """The messages `memory_to_catalog` makes of ``units``, one at a time.

    Only the keys seen are held, as 16-byte digests, so a stream of units
    becomes a stream of messages in memory proportional to distinct entries.
    """
    seen: set[bytes] = set()
    for unit in units:
        source = unit.variant(source_lang)
        if source is None:
            continue
        targets = [v for v in unit.variants_in(target_lang) if v is not source]
        message = _message(unit, source, targets[0] if targets else None)
        key = key_digest(message.msgctxt, message.msgid)
        if key in seen:
            continue
        seen.add(key)
        yield message


def key_digest(context: str | None, text: str) -> bytes:
    """A 16-byte digest of (context, text), telling no context from an empty one."""
    digest = _blake2b(digest_size=16, person=b"ctx" if context is not None else b"")
    if context is not None:
        data = context.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big") + data)
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.digest()


__all__ = [
    "INLINE_COMMENT",
    "INLINE_FLAG",
    "catalog_to_memory",
    "memory_to_catalog",
    "plain_text",
    "po_date",
    "segment_text",
    "unit_context",
]
