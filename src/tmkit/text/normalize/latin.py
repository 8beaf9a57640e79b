"""Latin tokens in Japanese text (names, codes, URLs, e-mail addresses) and finding them."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from tmkit.text.normalize.width import fold_width

# ---------------------------------------------------------------------------
# 4. Latin tokens
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LatinToken:
    text: str
    start: int
    end: int
    kind: str  # "url" | "email" | "word"


_URL = re.compile(r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-+&'./][A-Za-z0-9]+)*")
#: every char a `_LATIN_WORD` token is made of (keep the two in step)
LATIN_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "-+&'./")
_URL_TRAILING = ".,;:!?)]'\""
#: markup and placeholders are not words: <b>, </b>, %d, %1$s, %(name)s, {0}, {name}
_CODES = re.compile(
    r"<[^<>]*>|%(?:\d+\$|\([A-Za-z_]\w*\))?[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcsp@]"
    r"|\{[A-Za-z_0-9]*\}"
)


#: what every e-mail address (@) or URL (://, www.) holds: text without it has none
_ADDRESS_HINT = re.compile(r"@|://|www\.", re.IGNORECASE)


def has_address_hint(text: str) -> bool:
    """``_ADDRESS_HINT.search(text)``, sooner: most texts hold no "@", no "://" and no
    two w's in a row, which plain substring tests tell faster than the regex. One-char
    tests first: a longer needle in Japanese text is first copied to its width."""
    if "@" in text or (":" in text and "://" in text):
        return True
    if ("w" in text or "W" in text) and _TWO_WS.search(text):
        return _ADDRESS_HINT.search(text) is not None
    return False


_TWO_WS = re.compile("[wW][wW]")


#: what every token holds: a Latin letter (words, URLs) or an @ (e-mail addresses)
_TOKEN_HINT = re.compile(r"[A-Za-z@]")
#: `_TOKEN_HINT` before width folding: the chars that fold to one of its chars too
_WIDE_TOKEN_HINT = re.compile("[A-Za-z@\uff20-\uff3a\uff41-\uff5a]")


def may_hold_latin(text: str) -> bool:
    """Could `latin_tokens` find anything in ``text``? (A Latin letter or an @, in either
    width: most Japanese texts hold none, told in one scan without folding or tokens.)"""
    return _WIDE_TOKEN_HINT.search(text) is not None


def _addresses(folded: str) -> list[LatinToken]:
    if not has_address_hint(folded):
        return []
    found: list[LatinToken] = []
    for m in _EMAIL.finditer(folded):
        found.append(LatinToken(m.group(), m.start(), m.end(), "email"))
    for m in _URL.finditer(folded):
        text = m.group()
        end = m.end()
        while text and text[-1] in _URL_TRAILING:
            text = text[:-1]
            end -= 1
        if any(t.start < end and m.start() < t.end for t in found):
            continue
        found.append(LatinToken(text, m.start(), end, "url"))
    return found


def mask_addresses(text: str) -> str:
    """``text`` with URLs and e-mail addresses blanked out (same length)."""
    folded = fold_width(text)
    addresses = _addresses(folded)
    if not addresses:
        return folded
    chars = list(folded)
    for tok in addresses:
        for i in range(tok.start, tok.end):
            chars[i] = " "
    return "".join(chars)


def latin_tokens(text: str) -> list[LatinToken]:
    """URLs, e-mail addresses and Latin-script words of a (Japanese) text, in order."""
    # number.mismatch and latin.mismatch both ask for a pair's source in a row
    found = _RECENT.get(text)
    if found is None:
        found = tuple(_latin_tokens(text))
        if len(_RECENT) >= 32:
            _RECENT.clear()  # one call, safe where checks run in threads
        _RECENT[text] = found
    return list(found)


_RECENT: dict[str, tuple[LatinToken, ...]] = {}


def _latin_tokens(text: str) -> list[LatinToken]:
    folded = fold_width(text)
    if not _TOKEN_HINT.search(folded):
        return []
    tokens = _addresses(folded)
    # mask_addresses(text) is ``folded`` when it holds no address; every code starts with
    # "<", "%" or "{", so a text without them (most) has none to blank
    masked = mask_addresses(text) if tokens else folded
    if "<" in masked or "%" in masked or "{" in masked:
        masked = _CODES.sub(_blank, masked)
    for m in _LATIN_WORD.finditer(masked):
        word = m.group()
        end = m.end()
        while word and word[-1] in ".'":
            word = word[:-1]
            end -= 1
        tokens.append(LatinToken(word, m.start(), end, "word"))
    tokens.sort(key=lambda t: t.start)
    return tokens


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def find_latin(token: LatinToken, target: str) -> bool:
    """Is ``token`` (from the source) present in ``target``?

    URLs compare without a trailing slash and scheme case; e-mails case-insensitively;
    words case-sensitively on Latin word boundaries, outside URLs and e-mails, with an
    optional plural s (NPO → NPOs).
    """
    folded = fold_width(target)
    if token.kind == "url":
        want = token.text.rstrip("/").lower()
        return any(t.text.rstrip("/").lower() == want for t in _addresses(folded)) or (
            want in folded.lower()
        )
    if token.kind == "email":
        return token.text.lower() in folded.lower()
    masked = mask_addresses(target)
    return _word_pattern(token.text).search(masked) is not None


def _word_pattern(word: str) -> re.Pattern[str]:
    """``word`` on Latin word boundaries, with an optional plural: compiled once per word."""
    pattern = _WORD_PATTERNS.get(word)
    if pattern is None:
        if len(_WORD_PATTERNS) >= 4096:
            _WORD_PATTERNS.clear()
        pattern = _WORD_PATTERNS[word] = re.compile(
            rf"(?<![A-Za-z0-9]){re.escape(word)}(?:e?s)?(?![A-Za-z0-9])"
        )
    return pattern


_WORD_PATTERNS: dict[str, re.Pattern[str]] = {}
