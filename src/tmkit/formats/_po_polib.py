"""A stop-gap PO reader (polib → `tmkit.model.Catalog`) used by `tmkit check` only while
`tmkit.formats.po` (the msgcat-exact reader/writer) has not landed. Delete it then."""

from __future__ import annotations

from pathlib import Path

import polib

from tmkit.errors import InputError, ParseError
from tmkit.model import Catalog, Message


def read_po(path: str | Path) -> Catalog:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", name) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 ({err.reason} at byte {err.start})", name) from None
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as err:
        message = str(err)
        line = None
        if "line" in message:
            digits = "".join(ch if ch.isdigit() else " " for ch in message.rsplit("line", 1)[1])
            line = int(digits.split()[0]) if digits.split() else None
        raise ParseError(f"invalid PO: {message}", name, line) from None
    catalog = Catalog(path=name)
    entries = list(po) + list(po.obsolete_entries())
    for e in entries:
        m = Message(
            msgid=e.msgid,
            msgstr=e.msgstr,
            msgctxt=e.msgctxt,
            msgid_plural=e.msgid_plural or None,
            msgstr_plural={int(k): v for k, v in e.msgstr_plural.items()},
            translator_comments=e.tcomment.splitlines() if e.tcomment else [],
            extracted_comments=e.comment.splitlines() if e.comment else [],
            references=[f"{f}:{n}" if n else f for f, n in e.occurrences],
            flags=list(e.flags),
            obsolete=bool(e.obsolete),
            lineno=e.linenum,
        )
        catalog.messages.append(m)
    if po.metadata or po.header:
        header = Message(msgid="")
        header.msgstr = "".join(f"{k}: {v}\n" for k, v in po.metadata.items())
        catalog.header = header
    return catalog
