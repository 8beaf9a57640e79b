"""tmkit: Japanese→English translation memories.

Segment Japanese documents into sentences, keep translations in gettext PO,
memories in TMX and glossaries in TBX, and check, validate, score and align them.
"""

__version__ = "0.1.0"
