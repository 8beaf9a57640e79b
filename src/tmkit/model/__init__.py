"""The in-memory model: documents, catalogs, memories, glossaries. It knows no file syntax.

The names below are imported on first use (PEP 562): `tmkit.model.errors`, which
every command loads to report errors, must not pull in the whole model at start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "Catalog": "catalog",
    "Message": "catalog",
    "UNTRANSLATED_ROLES": "document",
    "Block": "document",
    "Document": "document",
    "Location": "document",
    "Role": "document",
    "Segment": "document",
    "Speaker": "document",
    "Concept": "glossary",
    "Glossary": "glossary",
    "Term": "glossary",
    "Inline": "memory",
    "Memory": "memory",
    "MemoryHeader": "memory",
    "Note": "memory",
    "Prop": "memory",
    "TranslationUnit": "memory",
    "Variant": "memory",
    "plain_text": "memory",
    "same_language": "memory",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'tmkit.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"tmkit.model.{module}"), name)
    globals()[name] = value
    return value
