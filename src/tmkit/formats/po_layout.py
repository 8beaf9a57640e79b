"""How msgcat lays out one PO string: line breaking, escapes, and the format directives it
never breaks inside (c, objc, python)."""

from __future__ import annotations

import re
from contextvars import ContextVar

from tmkit.formats import powrap

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_ESCAPE_TABLE = str.maketrans(
    {**{k: "\\" + v for k, v in _ESCAPES.items()}, "\\": "\\\\", '"': '\\"'}
)
_NEEDS_ESCAPE = re.compile(r'[\a\b\f\n\r\t\v\\"]')

#: gettext counts most non-ASCII characters two columns wide in legacy CJK charsets
_CJK: ContextVar[bool] = ContextVar("po_cjk_widths", default=False)


def _wrap_field(prefix: str, name: str, value: str, width: int | None, lang: str | None) -> str:
    """One keyword and its string, wrapped like gettext's write-po.c ``wrap()``."""
    cjk = _CJK.get()
    after_break = len(prefix) + 1
    room = (width if width is not None else 1 << 30) - 1 - after_break
    first_start = len(prefix) + len(name) + 2 - after_break
    # Fast paths for a single portion (no newline but maybe a final one).
    newline = value.find("\n")
    if newline < 0 or newline == len(value) - 1:
        escaped = value.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(value) else value
        # No character is wider than two columns: a short string fits unmeasured.
        if first_start + 2 * len(escaped) <= room or not escaped:
            return f'{prefix}{name} "{escaped}"'
        if escaped is value and not lang and not cjk:
            # Nothing escaped, no directive: no break is overridden. Laid out from column 0
            # first: when that needs breaks, so does the first line (which starts further
            # right), and the string then starts on its own line.
            breaks = powrap.break_positions(value, room, 0)
            if breaks:
                return _broken_lines(f'{prefix}{name} ""\n{prefix}', prefix, value, breaks)
            if first_start > room or powrap.break_positions(value, room, first_start):
                return f'{prefix}{name} ""\n{prefix}"{value}"'
            return f'{prefix}{name} "{value}"'
        if first_start + powrap.text_width(escaped, cjk) <= room:
            return f'{prefix}{name} "{escaped}"'
    directive_spans = _directives(value, lang, name.startswith("msgstr")) if lang else []
    protected = _protected_positions(value, directive_spans)
    lines: list[str] = []
    first_line = True
    start = 0
    while True:
        end = value.find("\n", start)
        end = len(value) if end < 0 else end + 1
        portion, overrides = _escape_portion(value, start, end, protected)
        more = end < len(value)
        column = first_start if first_line else 0
        breaks: list[int] = []
        if portion:
            # Laid out from column 0 first: when that needs breaks, so does the first line
            # (which starts further right), and the string then starts on its own line.
            breaks = powrap.break_positions(portion, room, 0, overrides, cjk=cjk)
            if first_line and (
                more
                or column > room
                or breaks
                or powrap.break_positions(portion, room, column, overrides, cjk=cjk)
            ):
                lines.append(f'{prefix}{name} ""')
                first_line = False
        head = f"{prefix}{name} " if first_line else prefix
        pieces = [head + '"']
        previous = 0
        for cut in breaks:
            pieces.append(portion[previous:cut])
            pieces.append('"\n' + prefix + '"')
            previous = cut
        pieces.append(portion[previous:])
        pieces.append('"')
        lines.append("".join(pieces))
        first_line = False
        start = end
        if start >= len(value):
            break
    return "\n".join(lines)


def _broken_lines(head: str, prefix: str, text: str, breaks: list[int]) -> str:
    """``head"…"`` with ``text`` cut before each of ``breaks``, one quoted piece a line."""
    pieces = [head, '"']
    previous = 0
    joint = '"\n' + prefix + '"'
    for cut in breaks:
        pieces.append(text[previous:cut])
        pieces.append(joint)
        previous = cut
    pieces.append(text[previous:])
    pieces.append('"')
    return "".join(pieces)


def _escape_portion(
    value: str, start: int, end: int, protected: set[int]
) -> tuple[str, dict[int, int]]:
    """Escape value[start:end] for a PO string, with the break overrides gettext applies:
    never inside an escape sequence or a format directive, never before a final ``\\n``."""
    raw = value[start:end]
    if not _NEEDS_ESCAPE.search(raw) and not protected:
        return raw, {}
    chars: list[str] = []
    overrides: dict[int, int] = {}
    at = 0
    for i in range(start, end):
        ch = value[i]
        if i in protected:
            overrides[at] = powrap.PROHIBITED
        if ch in _ESCAPES or ch in '\\"':
            chars.append("\\" + _ESCAPES.get(ch, ch))
            overrides[at + 1] = powrap.PROHIBITED
            at += 2
        else:
            chars.append(ch)
            at += 1
    if raw.endswith("\n"):
        overrides[at - 2] = powrap.PROHIBITED
    return "".join(chars), overrides


def _protected_positions(value: str, spans: list[tuple[int, int]]) -> set[int]:
    """Positions inside a format directive but not at its start: gettext never breaks there."""
    return {i for start, end in spans for i in range(start + 1, end + 1)}


def _directives(value: str, lang: str, is_msgstr: bool) -> list[tuple[int, int]]:
    """(start, end) of each valid format directive up to the first invalid one."""
    if lang in ("c", "objc"):
        return _c_directives(value, is_msgstr, objc=lang == "objc")
    if lang == "python":
        return _python_directives(value)
    return []  # other languages: gettext would protect their directives too; not modelled


def _digits(s: str, i: int) -> int:
    while i < len(s) and "0" <= s[i] <= "9":
        i += 1
    return i


def _position(s: str, i: int) -> int:
    """Past an optional ``N$`` argument position at ``i``."""
    j = _digits(s, i)
    return j + 1 if j > i and j < len(s) and s[j] == "$" else i


def _width(s: str, i: int) -> int:
    """Past a width or precision at ``i``: ``*``, ``*N$`` or digits."""
    if i < len(s) and s[i] == "*":
        return _position(s, i + 1)
    return _digits(s, i)


def _c_directives(s: str, is_msgstr: bool, objc: bool) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    n = len(s)
    i = 0
    while i < n:
        if s[i] != "%":
            i += 1
            continue
        start = i
        i = _position(s, i + 1)
        while i < n and (s[i] in " +-#0'" or (is_msgstr and s[i] == "I")):
            i += 1
        i = _width(s, i)
        if i < n and s[i] == ".":
            i = _width(s, i + 1)
        while i < n and s[i] in "hlLqjzZt":
            i += 1
        if i < n and (s[i] in "diouxXeEfFgGaAcspn%" or (objc and s[i] == "@")):
            spans.append((start, i))
            i += 1
        else:
            break
    return spans


def _python_directives(s: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    n = len(s)
    i = 0
    named = unnamed = 0
    while i < n:
        if s[i] != "%":
            i += 1
            continue
        start = i
        i += 1
        has_name = False
        if i < n and s[i] == "(":
            depth = 0
            i += 1
            while i < n:
                if s[i] == "(":
                    depth += 1
                elif s[i] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                i += 1
            if i >= n:
                break
            i += 1
            has_name = True
        while i < n and s[i] in " #-+0":
            i += 1
        star = False
        if i < n and s[i] == "*":
            star = True
            i += 1
        else:
            i = _digits(s, i)
        if i < n and s[i] == ".":
            i += 1
            if i < n and s[i] == "*":
                star = True
                i += 1
            else:
                i = _digits(s, i)
        if i < n and s[i] in "hlL":
            i += 1
        if not (i < n and s[i] in "%csrdiuoxXeEfFgG"):
            break
        if has_name:
            named += 1
        elif s[i] != "%" or star:
            unnamed += 1
        if named and unnamed:
            break
        spans.append((start, i))
        i += 1
    return spans
