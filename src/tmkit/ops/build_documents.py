"""The build's source documents, structured only when they changed.

The template needs of each document only its `template_rows`, and the rebuild step
the ids of its segments (to tell whether its target is still what it would render).
For a plain-text document both are kept in the build cache, keyed by its path and
text (and, through the table's settings, the SRX rules and tmkit's code), so one
changed document out of four structures one document, not four.

A segment's id numbers the repeats of a text across all the documents before it
(`tmkit.text.structure`): a kept document stands only when every id base it uses
has as many repeats before it as when it was kept; otherwise it is structured
again. The `Document` itself is made only when a step asks for it (its target must
be rendered), numbered as `parse_documents` numbers it.

A project with HTML or Markdown documents structures them all, as before.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from tmkit.model import Document
from tmkit.ops.project import Project


def _base(ident: str) -> str:
    return ident.partition("-")[0]  # "s0a1b2c3d4e" of "s0a1b2c3d4e-2"


def _advance(seen: dict[str, int], ids: list[str]) -> None:
    """Count the id bases of a document's segment ``ids`` into ``seen`` (the numbering
    `parse_document` carries on from)."""
    for i in ids:
        if i:
            b = _base(i)
            seen[b] = seen.get(b, 0) + 1


class ProjectDocuments:
    """The documents of ``project`` for one build (see the module docstring)."""

    def __init__(self, project: Project, splitter_table, documents_table) -> None:
        self.project = project
        self._splits = splitter_table
        self._kept = documents_table
        self._docs: list[Document | None] = []
        self._rows: list[list[Any]] = []
        self._ids: list[list[str]] = []
        self._loaded = False
        self._split = None

    def _load(self) -> None:
        from tmkit.formats.text import read_text
        from tmkit.ops.build_cache import text_key
        from tmkit.ops.documents import document_format
        from tmkit.ops.extract import load_documents, template_rows

        if self._loaded:
            return
        self._loaded = True
        project = self.project
        paths = [str(d.source) for d in project.documents]
        if any(document_format(str(project.path(d.source))) != "text" for d in project.documents):
            self._docs = load_documents(
                paths,
                encoding=project.encoding,
                srx=self._srx(),
                language=project.source_lang,
                root=str(project.root),
                front_matter_keys=project.front_matter_keys,
                remember=self._splits.remembered,
            )
            self._rows = [list(template_rows(doc)) for doc in self._docs]
            self._ids = [[seg.id for _, seg in doc.segments()] for doc in self._docs]
            return
        seen: dict[str, int] = {}
        for path in paths:
            text = read_text(os.path.join(str(project.root), path), project.encoding).text
            key = text_key(path, text)
            kept = self._kept.get(key)
            if kept is not None and all(seen.get(b, 0) == n for b, n in kept[2]):
                rows, ids, _ = kept
                self._docs.append(None)
                self._kept.put(key, kept)
            else:
                doc = self._parse(path, text, seen)
                rows, ids = list(template_rows(doc)), [seg.id for _, seg in doc.segments()]
                counts = Counter(_base(i) for i in ids if i)
                before = [(b, seen.get(b, 0) - n) for b, n in counts.items()]
                # what the next build needs to skip it
                self._kept.put(key, (rows, ids, before))
                self._docs.append(doc)
                self._rows.append(rows)
                self._ids.append(ids)
                continue
            _advance(seen, ids)
            self._rows.append(rows)
            self._ids.append(ids)
        self._kept = None  # the table is the build cache's now (written after the step)

    def _srx(self) -> str | None:
        return str(self.project.path(self.project.srx)) if self.project.srx else None

    def _splitter(self):
        """The splitter of every document parsed here (made once: the SRX file read once)."""
        if self._split is None:
            from tmkit.ops.extract import sentence_splitter

            self._split = sentence_splitter(
                self._srx(), self.project.source_lang, self._splits.remembered
            )
        return self._split

    def _parse(self, path: str, text: str, seen: dict[str, int]) -> Document:
        """``parse_documents``'s document at ``path``, ``seen`` its numbering so far
        (advanced by its segments)."""
        from tmkit.model.bulk import collector_paused
        from tmkit.text.structure import parse_document

        with collector_paused():
            return parse_document(text, path, self._splitter(), seen=seen)

    def __len__(self) -> int:
        return len(self.project.documents)

    def take_rows(self) -> list[list[Any]]:
        """The `template_rows` of each document, in order, handed over (not kept: the
        template holds what it needs of them)."""
        self._load()
        rows, self._rows = self._rows, []
        return rows

    def segment_ids(self, index: int) -> list[str]:
        """The id of every segment of document ``index``, in order."""
        self._load()
        return self._ids[index]

    def release(self) -> None:
        """Let go of the structured documents (the steps after rebuild need none)."""
        self._docs = [None] * len(self._docs)
        self._ids = []

    def structured(self, index: int) -> Document | None:
        """Document ``index`` when it is structured already (every document of a project
        with HTML or Markdown ones), else None."""
        self._load()
        return self._docs[index]

    def document(self, index: int) -> Document:
        """Document ``index``, structured now when it was kept."""
        from tmkit.formats.text import read_text

        self._load()
        doc = self._docs[index]
        if doc is None:
            seen: dict[str, int] = {}
            for ids in self._ids[:index]:
                _advance(seen, ids)
            path = str(self.project.documents[index].source)
            text = read_text(os.path.join(str(self.project.root), path), self.project.encoding)
            doc = self._docs[index] = self._parse(path, text.text, seen)
        return doc
