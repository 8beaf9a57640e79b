"""The build's translation PO, written once: its bytes, and the catalog as read back.

The check step needs the catalog exactly as a reader of the written file sees it
(line numbers, and the writer's normalisations: flag order, a fuzzy flag dropped
with an empty translation …). Parsing the whole text back doubled the memory
and time of the update step at 100k entries. `written_catalog` lays the catalog
out entry by entry (`tmkit.formats.po`'s chunks) and reuses each message that the
writer writes as it is, only setting its line; an entry the writer could
normalise (flags, previous fields, plurals, obsolete, unusual comments or
references) is read back from its own text, so the result is what `parse_po`
of the whole text gives (tests/test_build_po.py compares the two).

It also digests what later steps read of the catalog, so they are keyed by their
real inputs rather than by the PO's bytes: the TMX by the exported entries, the
validation by the template segments the TMX must cover. A segment added
untranslated changes neither.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from tmkit.model.catalog import Catalog, Message
from tmkit.ops.project import Project

PAGE_WIDTH = 79


@dataclass(slots=True)
class WrittenPo:
    #: the entries' text as written (joined by newlines: the file)
    chunks: list[str]
    catalog: Catalog
    #: digest of what `catalog_to_memory` reads: the header and the exported entries
    export_digest: str
    #: the size in bytes of each entry's text, the header's first; negative (-size - 1)
    #: for an entry that reading back does not give as it is (see `known_layouts`)
    sizes: list[int]


def _plain(m: Message, reference) -> bool:
    """Whether the writer writes ``m`` as it is, so reading it back gives ``m`` again."""
    return (
        not m.obsolete
        and not m.flags
        and m.msgid != ""
        and m.msgid_plural is None
        and not m.msgstr_plural
        and m.previous_msgctxt is None
        and m.previous_msgid is None
        and m.previous_msgid_plural is None
        and all("\n" not in c and not c.endswith("\r") for c in m.translator_comments)
        and all("\n" not in c and not c.endswith("\r") for c in m.extracted_comments)
        and all(reference.fullmatch(r) for r in m.references)
    )


def _template_entry(m: Message) -> bool:
    """Whether ``m`` has no field but msgctxt, msgid, references and extracted comments
    (a template's entry: those four say how it is laid out)."""
    return (
        m.msgstr == ""
        and m.msgid_plural is None
        and not m.msgstr_plural
        and not m.translator_comments
        and not m.flags
        and m.previous_msgctxt is None
        and m.previous_msgid is None
        and m.previous_msgid_plural is None
        and not m.obsolete
    )


def remembered_layout(table, keys: dict[int, bytes] | None = None) -> Callable[[Message, int], str]:
    """The PO writer's layout of an entry, kept in ``table`` (`tmkit.ops.build_cache`)
    by a digest of every field it reads: an unchanged entry is not laid out again.
    ``keys``: ``id(message) → a digest of its four fields`` (`_template_entry`), the
    key of such an entry at `PAGE_WIDTH` (a digest made already: not made again)."""
    from tmkit.formats.po import _format_message
    from tmkit.formats.po_layout import _CJK
    from tmkit.ops.build_cache import text_key

    def layout(m: Message, width: int) -> str:
        if _CJK.get():
            return _format_message(m, width)  # columns counted otherwise: not the same text
        key = keys.get(id(m)) if keys is not None and width == PAGE_WIDTH else None
        if key is not None and _template_entry(m):
            found = table.get(key)
            if found is None:
                found = table.put(key, _format_message(m, width))
            return found
        fields = (
            width,
            m.msgid,
            m.msgstr,
            m.msgctxt,
            m.msgid_plural,
            m.msgstr_plural,
            m.translator_comments,
            m.extracted_comments,
            m.references,
            m.flags,
            m.previous_msgctxt,
            m.previous_msgid,
            m.previous_msgid_plural,
            m.obsolete,
        )
        key = text_key(repr(fields))
        found = table.get(key)
        if found is None:
            found = table.put(key, _format_message(m, width))
        return found

    return layout


def format_remembered(catalog: Catalog, table, keys: dict[int, bytes] | None = None) -> str:
    """`format_po` of ``catalog``, each entry's layout kept in ``table`` (``keys``: see
    `remembered_layout`)."""
    from tmkit.formats.po import _chunks

    layout = remembered_layout(table, keys)
    return "\n".join(chunk for _, chunk in _chunks(catalog, PAGE_WIDTH, layout))


def written_catalog(catalog: Catalog, name: str, layouts=None, known=None) -> WrittenPo:
    """``format_po(catalog)`` in pieces, and ``parse_po`` of that text (without parsing it).

    ``known``: ``id(message) → (message, its text)`` for messages read back from a text the build
    wrote (`known_layouts`: the entries a merge kept as they were), laid out as they
    are; ``layouts``: a build cache table of the entries' layouts (or a function giving
    it), for the others when they are many."""
    from tmkit.formats.convert import _exported
    from tmkit.formats.po import _PLAIN_REFERENCE, _chunks, _format_message, _msgid_lines, parse_po
    from tmkit.formats.po_layout import _CJK

    known = known if known and not _CJK.get() else {}
    if known and sum(id(m) not in known for m in catalog.messages) <= _FEW:
        layouts = None  # a handful of new entries: not worth reading the table
    elif callable(layouts):
        layouts = layouts()
    remembered = remembered_layout(layouts) if layouts is not None else _format_message

    def layout(m: Message, width: int) -> str:
        found = known.get(id(m))
        return found[1] if found is not None and found[0] is m else remembered(m, width)

    chunks = _chunks(catalog, PAGE_WIDTH, layout if known or layouts is not None else None)
    lines = _msgid_lines(chunks, len(catalog.messages))
    out = Catalog(path=name)
    sizes: list[int] = []
    export = hashlib.sha256()
    first = 1
    for index, chunk in chunks:
        data = chunk.encode("utf-8")
        if index < 0:
            out.header = parse_po(chunk, name).header
            export.update(data)
            sizes.append(len(data))
            first += chunk.count("\n") + 1
            continue
        message = catalog.messages[index]
        found = known.get(id(message))
        if (found is not None and found[0] is message) or _plain(message, _PLAIN_REFERENCE):
            message.lineno = lines[index]
            sizes.append(len(data))
        else:
            read = parse_po(chunk, name)
            message = read.messages[0] if read.messages else read.header
            assert message is not None
            message.lineno = (message.lineno or 1) + first - 1
            sizes.append(-len(data) - 1)
        first += chunk.count("\n") + 1
        out.messages.append(message)
        if _exported(message, False):
            export.update(b"\x00")
            export.update(data)
    return WrittenPo([chunk for _, chunk in chunks], out, export.hexdigest(), sizes)


#: at most this many entries laid out anew do not open the table of layouts
_FEW = 256


def pieces(chunks: list[str]) -> Iterator[str]:
    """The text of the file, piece by piece (see `Steps.output_text`)."""
    for i, chunk in enumerate(chunks):
        if i:
            yield "\n"
        yield chunk


def covered_digest(template: Catalog, catalog: Catalog) -> str:
    """A digest of the template entries the TMX must cover (those translated in
    ``catalog``): what the validation compares the TMX with, besides the TMX itself."""
    from operator import attrgetter

    done = {(m.msgctxt, m.msgid) for m in catalog.messages if m.translated}
    get = attrgetter(
        "msgctxt", "msgid", "msgid_plural", "extracted_comments", "flags", "translator_comments"
    )
    # one repr per entry (C), digested in one call
    covered = [
        repr(get(m)) for m in template.messages if not m.obsolete and (m.msgctxt, m.msgid) in done
    ]
    return hashlib.sha256("\n".join(covered).encode("utf-8")).hexdigest()


def set_date(template: Catalog, date: str) -> None:
    template.set_metadata("POT-Creation-Date", date)
    template.set_metadata("PO-Revision-Date", date)


def header_date(path: Path) -> str | None:
    """The POT-Creation-Date of the template file's header entry, read from its start."""
    from tmkit.formats.po import parse_po
    from tmkit.model.errors import TmkitError

    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    end = head.find(b"\n\n")
    if end < 0:
        return None
    try:
        found = parse_po(head[: end + 1].decode("utf-8"))
    except (UnicodeDecodeError, TmkitError):
        return None
    return found.metadata.get("POT-Creation-Date") if found.header is not None else None


#: `Message`'s fields in their order (a kept entry is made again positionally)
_FIELDS = tuple(f.name for f in fields(Message))


def catalog_record(catalog: Catalog, sizes: list[int] | None = None) -> tuple | None:
    """The catalog as the build cache keeps it (the fields of its entries, in
    `Message`'s order, and the ``sizes`` of their texts in the file: `WrittenPo`),
    when its text is UTF-8 as the build writes it (else None: a reader of another
    charset could see other text)."""
    from operator import attrgetter

    header = catalog.header
    if header is None or "charset=utf-8" not in header.msgstr.lower():
        return None
    get = attrgetter(*_FIELDS)
    return (get(header), [get(m) for m in catalog.messages], sizes)


def catalog_from_record(record: tuple, path: str) -> Catalog:
    """The catalog `catalog_record` kept: what reading the PO file gives."""
    header, messages = record[0], record[1]
    return Catalog([Message(*m) for m in messages], Message(*header), path=path)


def known_layouts(record: tuple, catalog: Catalog, data: bytes) -> dict[int, tuple[Message, str]]:
    """``id(message) → (message, its text)`` for the entries of ``catalog``
    (`catalog_from_record` of ``record``) that read back as they are, their texts cut
    from ``data``: the bytes of the file the record was made with."""
    sizes = record[2] if len(record) > 2 and record[2] is not None else ()
    whole = sum(size if size >= 0 else -size - 1 for size in sizes) + len(sizes) - 1
    if len(sizes) != len(catalog.messages) + 1 or whole != len(data):
        return {}
    known: dict[int, tuple[Message, str]] = {}
    at = (sizes[0] if sizes[0] >= 0 else -sizes[0] - 1) + 1
    for message, size in zip(catalog.messages, sizes[1:], strict=True):
        if size >= 0:
            # the message is held with its id: an id is only unique among live objects
            known[id(message)] = (message, data[at : at + size].decode("utf-8"))
        else:
            size = -size - 1
        at += size + 1
    return known


def cached_translation(
    cache, po_path: Path, name: str, read, replaced: bool, known: dict | None = None
) -> Catalog:
    """The PO on disk (``read()``), from the build cache when it is the one the last
    build wrote (its entries as the cache kept them: no parse of the whole file).
    ``replaced``: the caller writes the PO anew, so its record is let go; ``known``
    gets the text of each entry the record kept (`known_layouts`)."""
    from tmkit.ops.build_state import digest_bytes, digest_file

    data = None
    if known is None:
        digest = digest_file(po_path)
    else:  # the entries' texts are cut from the bytes digested
        data = po_path.read_bytes() if po_path.is_file() else None
        digest = None if data is None else digest_bytes(data)
    if digest is None:
        return read()
    table = cache.table("po-read", [])
    key = bytes.fromhex(digest)
    record = table.take(key) if replaced else table.get(key)
    if record is None:
        data = None  # not held while the file is parsed
        return read()
    found = catalog_from_record(record, name)
    if data is not None:
        known.update(known_layouts(record, found, data))
    return found


def new_translation(project: Project, template: Catalog) -> Catalog:
    """The translation of a project that has none yet: a header, no entries."""
    header = Message(
        msgid="",
        msgstr="".join(
            f"{k}: {v}\n"
            for k, v in (
                ("Project-Id-Version", project.project_id),
                ("POT-Creation-Date", template.metadata.get("POT-Creation-Date", "")),
                ("PO-Revision-Date", template.metadata.get("POT-Creation-Date", "")),
                ("Last-Translator", ""),
                ("Language-Team", ""),
                ("Language", project.target_lang),
                ("MIME-Version", "1.0"),
                ("Content-Type", "text/plain; charset=UTF-8"),
                ("Content-Transfer-Encoding", "8bit"),
                ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
                ("X-Source-Language", project.source_lang),
            )
        ),
    )
    return Catalog(header=header)
