"""The build's extract step: the template of the project's documents, with its date
kept while its entries stay the same, and the glossary matcher the steps share."""

from __future__ import annotations

import hashlib
from typing import Any

from tmkit.model import Catalog
from tmkit.ops.build_cache import BuildCache
from tmkit.ops.build_state import digest_bytes, digest_file
from tmkit.ops.project import Project


def _files(project: Project, paths) -> dict[str, str | None]:
    return {str(p): digest_file(project.path(p)) for p in paths}


def _entries(catalog: Catalog) -> list[tuple]:
    return [
        (m.msgctxt, m.msgid, tuple(m.references), tuple(m.extracted_comments))
        for m in catalog.messages
    ]


def _entry_keys(catalog: Catalog) -> tuple[str, dict[int, bytes]]:
    """A digest of `_entries`, and each entry's key (``id(message) → key``) in the table
    of layouts (`build_po.remembered_layout`): the digest of its `_entries` fields, made
    once for both."""
    from tmkit.ops.build_cache import text_key

    # repr of a tuple of strings and lists is unambiguous, and C all the way
    keys = {
        id(m): text_key(repr((m.msgctxt, m.msgid, m.references, m.extracted_comments)))
        for m in catalog.messages
    }
    return hashlib.sha256(b"".join(keys.values())).hexdigest(), keys


def template_of(
    project: Project, glossary, matcher, docs, previous: dict[str, Any] | None, cache: BuildCache
):
    """The template, its entries' digest, its text (when made here) and its entries'
    keys in the table of layouts (`_entry_keys`). ``previous`` is the last build's record
    of this step: when the template on disk is still what it wrote, its entries and
    date come from there instead of parsing the file again. ``cache`` keeps the
    glossary notes of each text and the layout of each entry."""
    from tmkit.formats.po import read_po
    from tmkit.ops.build_po import format_remembered, header_date, set_date
    from tmkit.ops.extract import template_from_rows, timestamp

    annotate = None
    if glossary is not None:
        from tmkit.glossary.notes import term_notes

        annotate = term_notes(glossary, matcher)
        notes = cache.table("notes", [_files(project, [project.glossary]), project.target_lang])
        annotate = notes.remembered(annotate)
    path = project.path(project.template)
    template = template_from_rows(
        docs.take_rows(), project.project_id, "", project.source_lang, annotate
    )
    entries, keys = _entry_keys(template)
    date = timestamp()
    extra = (previous or {}).get("extra")
    written = (previous or {}).get("outputs", {}).get(str(project.template))
    if isinstance(extra, dict) and written is not None and digest_file(path) == written:
        if extra.get("entries") == entries and extra.get("date") is not None:
            date = extra["date"]
    elif path.is_file():
        # without a state: the file is most often what this template makes with its
        # own date, which one digest tells without parsing the file
        kept = header_date(path)
        if kept is not None:
            set_date(template, kept)
            table = cache.table("pot-layout", [])
            data = format_remembered(template, table, keys).encode("utf-8")
            if digest_bytes(data) == digest_file(path):
                return template, {"entries": entries, "date": kept}, data, keys
        old = read_po(path)
        if _entries(old) == _entries(template):
            date = old.metadata.get("POT-Creation-Date", date)
    set_date(template, date)
    return template, {"entries": entries, "date": date}, None, keys


def remembering_matcher(matcher):
    """``matcher`` with its source hits remembered per text for the run: the template's
    notes, the checks (glossary and Latin rules) and the report's marks each ask them
    for every segment."""
    hits = matcher.source_hits
    memo: dict[str, tuple] = {}

    def source_hits(text: str) -> list:
        found = memo.get(text)
        if found is None:
            found = memo[text] = tuple(hits(text))
        return list(found)

    matcher.source_hits = source_hits
    return matcher
