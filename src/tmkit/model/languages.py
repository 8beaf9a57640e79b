"""Language tags compared the BCP 47 way, through `langcodes`.

``ja``, ``ja-JP``, ``ja_JP`` and ``JA-jp`` are the same language; ``ja-Latn``
(Japanese in Latin script, romaji) is not Japanese text, because the script a
tag implies is compared too (``ja`` implies Jpan). Tags langcodes cannot read
(``*all*``, ``en_US.UTF-8``, private use) fall back to comparing the primary
subtag, so odd files still work. langcodes is imported on first use: start-up
stays cheap for commands that never compare languages.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: the two-letter tags langcodes does not normalise to themselves (legacy codes)
LEGACY_TWO_LETTER = frozenset({"in", "iw", "ji", "jw", "mo", "sh", "tl"})
_TWO_LETTERS = re.compile(r"[a-z]{2}")


@lru_cache(maxsize=1024)
def normalize_language(tag: str) -> str:
    """``JA_jp`` → ``ja-jp``: lower case, hyphens (a lookup key, not a display form)."""
    return tag.strip().replace("_", "-").lower()


def _plain(normalized: str) -> bool:
    """A two-letter tag langcodes would return unchanged (``ja``, ``en``, not ``iw``)."""
    return _TWO_LETTERS.fullmatch(normalized) is not None and normalized not in LEGACY_TWO_LETTER


@lru_cache(maxsize=1024)
def _parsed(tag: str) -> tuple[str, str] | None:
    """(language, script the tag writes in) or None when the tag is not BCP 47."""
    from langcodes import Language
    from langcodes.tag_parser import LanguageTagError

    cleaned = tag.strip().replace("_", "-").split(".", 1)[0].split("@", 1)[0]
    try:
        language = Language.get(cleaned, normalize=True)
    except (LanguageTagError, ValueError):
        return None
    if not language.language or language.language == "und":
        return None
    script = language.script or language.maximize().script or ""
    return language.language, script


@lru_cache(maxsize=1024)
def primary_language(tag: str) -> str:
    """The language subtag: ``ja`` for ``JA_JP``; legacy forms normalised (``iw`` → ``he``)."""
    bare = normalize_language(tag)
    if _plain(bare):
        return bare  # what langcodes answers, without loading its 200 ms of tables
    parsed = _parsed(tag)
    if parsed is not None:
        return parsed[0]
    return normalize_language(tag).split("-", 1)[0]


def same_language(a: str, b: str) -> bool:
    """True when two tags name the same language written in the same script."""
    if not a or not b:
        return False
    na, nb = normalize_language(a), normalize_language(b)
    if na == nb:
        return True  # the same tag, whatever it names
    if _plain(na) and _plain(nb):
        return False  # two different languages, each its own normal form
    pa, pb = _parsed(a), _parsed(b)
    if pa is None or pb is None:
        return primary_language(a) == primary_language(b)
    return pa == pb
