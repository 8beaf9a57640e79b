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

__all__ = [
    "UNTRANSLATED_ROLES",
    "Block",
    "Catalog",
    "Document",
    "Location",
    "Message",
    "Role",
    "Segment",
    "Speaker",
]
