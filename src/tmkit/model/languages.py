"""Language tags compared the BCP 47 way, through `langcodes`.

``ja``, ``ja-JP``, ``ja_JP`` and ``JA-jp`` are the same language; ``ja-Latn``
(Japanese in Latin script, romaji) is not Japanese text, because the script a
tag implies is compared too (``ja`` implies Jpan). Tags langcodes cannot read
(``*all*``, ``en_US.UTF-8``, private use) fall back to comparing the primary
subtag, so odd files still work. langcodes is imported on first use: start-up
stays cheap for commands that never compare languages.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1024)
def normalize_language(tag: str) -> str:
    """``JA_jp`` → ``ja-jp``: lower case, hyphens (a lookup key, not a display form)."""
    return tag.strip().replace("_", "-").lower()


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
    parsed = _parsed(tag)
    if parsed is not None:
        return parsed[0]
    return normalize_language(tag).split("-", 1)[0]


def same_language(a: str, b: str) -> bool:
    """True when two tags name the same language written in the same script."""
    if not a or not b:
        return False
    pa, pb = _parsed(a), _parsed(b)
    if pa is None or pb is None:
        return primary_language(a) == primary_language(b)
    return pa == pb
