"""Write a labelled PO file from a TSV of cases (how the reviewer sets were made).

    python tests/tools/labelled_po.py cases.tsv out.po NAME

TSV columns: expected rules (space-separated, may be empty), msgctxt (may be
empty), source, target. Lines starting with # are comments. The PO is written by
tmkit's msgcat-identical writer, each entry with ``#. expect: …`` and ``#: NAME:N``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tmkit.formats.po import format_po
from tmkit.model.catalog import Catalog, Message


def build(rows: list[list[str]], name: str, title: str) -> str:
    header = Message(
        "",
        "Project-Id-Version: tmkit-labelled 1\n"
        "Language: en\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\n",
        translator_comments=[
            title,
            "Each entry's expected rule ids are in its '#. expect:' comment.",
        ],
    )
    messages = []
    for n, (expect, ctxt, source, target) in enumerate(rows, 1):
        messages.append(
            Message(
                source,
                target,
                msgctxt=ctxt or None,
                extracted_comments=[f"expect: {expect}".rstrip()],
                references=[f"{name}:{n}"],
            )
        )
    return format_po(Catalog(messages, header))


def main() -> None:
    src, out, name = sys.argv[1:4]
    rows = []
    for line in Path(src).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            assert len(cells) == 4, line
            rows.append(cells)
    title = f"Labelled JA→EN reviewer set {name!r} for tmkit check (glossary: glossary.tbx)."
    Path(out).write_text(build(rows, name, title), encoding="utf-8")


if __name__ == "__main__":
    main()
