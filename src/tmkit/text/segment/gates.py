"""Cheap pre-checks that let the segmenter skip regex calls that cannot match.

Each regex call costs about a microsecond before it reads one character, and the
segmenter makes several per line: one search per break rule, then one exception
(veto) test per proposed break. Most of those calls are decided by one
character: tmkit's exceptions all end in ``．`` ``.`` ``!`` or ``？`` while most
breaks follow ``。`` or ``」``, and the English break rule needs ``.!?…‥`` that
most Japanese lines lack.

The sets come from the `regex` package's own analysis (``get_firstset``, what it
uses to scan ahead in a search), read backwards for what a ``before`` pattern can
end with. That analysis is private API, so every step is guarded: whatever it
cannot tell (a pattern that can match empty, case-insensitive parts, an unknown
node, another version of `regex`) gives no gate, and the segmenter then calls
the regex as before. A gate only ever skips calls that would have failed, so
the segments are the same with or without it (tests compare both on text and on
generated strings).
"""

from __future__ import annotations

from regex import _regex_core as _core

from tmkit.model.segmentation import REGEX_FLAGS

# A breaker whose first characters are at most this many is pre-checked with
# `str.__contains__` per character, cheaper than a regex call up to about here.
MAX_LINE_GATE = 8


class CharGate(dict):
    """``gate[ch]``: can a match have ``ch`` at this edge? Answers are cached."""

    __slots__ = ("_nodes",)

    def __init__(self, nodes: tuple = ()) -> None:
        super().__init__()
        self._nodes = nodes

    def __missing__(self, char: str) -> bool:
        code = ord(char)  # `regex` tests code points
        found = any(node.matches(code) for node in self._nodes)
        self[char] = found
        return found


def edge_nodes(pattern: str, *, last: bool = False) -> tuple | None:
    """The character tests one of which the first (``last``: final) character of
    every match of ``pattern`` passes, or None when that cannot be told."""
    if not pattern:
        return None
    try:
        source = _core.Source(pattern)
        info = _core.Info(REGEX_FLAGS, source.char_type, {})
        parsed = _core._parse_pattern(source, info)
        if not source.at_end():
            return None
        parsed.fix_groups(pattern, last, False)
        parsed = parsed.optimise(info, last)
        found = parsed.get_firstset(last)
    except Exception:  # any doubt means no gate, never a wrong one
        return None
    if not found or None in found:  # None: the pattern can match the empty string
        return None
    nodes = []
    for node in found:
        if getattr(node, "case_flags", 1) or not callable(getattr(node, "matches", None)):
            return None
        nodes.append(node)
    return tuple(nodes)


def line_chars(nodes: tuple | None) -> str | None:
    """The few literal characters ``nodes`` accept, when they are only literals."""
    if nodes is None:
        return None
    chars: list[str] = []
    pending = list(nodes)
    while pending:
        node = pending.pop()
        if isinstance(node, _core.Character) and node.positive:
            chars.append(chr(node.value))
        elif isinstance(node, _core.SetUnion) and node.positive:
            pending.extend(node.items)
        elif isinstance(node, _core.Range) and node.positive:
            if node.upper - node.lower >= MAX_LINE_GATE:
                return None
            chars.extend(chr(c) for c in range(node.lower, node.upper + 1))
        else:
            return None
        if len(chars) > MAX_LINE_GATE:
            return None
    return "".join(sorted(set(chars)))
