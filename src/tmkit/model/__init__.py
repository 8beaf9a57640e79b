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
from tmkit.model.glossary import Concept, Glossary, Term
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
    "Concept",
    "Document",
    "Glossary",
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
    "Term",
    "TranslationUnit",
    "Variant",
    "plain_text",
    "same_language",
]
