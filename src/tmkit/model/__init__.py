"""The in-memory model: documents, catalogs, memories, glossaries. It knows no file syntax."""

from tmkit.model.catalog import Catalog, Message
from tmkit.model.document import (
    UNTRANSLATED_ROLES,
    Block,
    Document,
    Location,
    Role,
    Segment,
    Speaker,
)
from tmkit.model.memory import (
    Inline,
    Memory,
    MemoryHeader,
    Note,
    Prop,
    TranslationUnit,
    Variant,
    plain_text,
    same_language,
)

__all__ = [
    "UNTRANSLATED_ROLES",
    "Block",
    "Catalog",
    "Document",
    "Inline",
    "Location",
    "Memory",
    "MemoryHeader",
    "Message",
    "Note",
    "Prop",
    "Role",
    "Segment",
    "Speaker",
    "TranslationUnit",
    "Variant",
    "plain_text",
    "same_language",
]
