"""Split one line of text into sentence-sized pieces by a `RuleSet`.

How a rule set is applied (SRX 2.0, made precise the way Okapi runs it):

* Every ``break="yes"`` rule is searched forward through the line as
  ``(?:before)(?=after)``; each match proposes a break where ``before`` ends.
  Matches of one rule do not overlap, so ``[。！？]+`` proposes one break after
  a whole run such as ``！？``, not one inside it.
* At a proposed position the first rule in document order that matches there
  decides. A ``break="no"`` rule matches at position *p* when some match of its
  ``before`` ends at *p* and its ``after`` matches from *p*
  (``(?<=before)(?=after)``). All the ``break="no"`` rules that precede a break
  rule are tried as one alternation, since any of them vetoes.
* tmkit extension: bracket pairs (``<tmkit:protect open=".." close=".."/>``)
  veto every break strictly inside a matched pair on the line; see
  `protected_spans`.
* No piece is empty, and a piece that is only whitespace is glued to its
  neighbour, so ``"".join(pieces) == line`` and the caller only trims.
"""

from __future__ import annotations

import re
from itertools import pairwise

import regex

from tmkit.model.segmentation import (
    REGEX_FLAGS,
    BracketPair,
    RuleSet,
    forward_pattern,
    position_pattern,
)


class Segmenter:
    """Compiled form of a `RuleSet`; `split` is the hot path."""

    __slots__ = (
        "_bracket_re",
        "_breakers",
        "_closers",
        "_first_opener",
        "_last_closer",
        "_openers",
        "rules",
    )

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        breakers = []
        vetoes: list[str] = []
        for rule in rules.rules:
            if rule.is_break:
                search = regex.compile(forward_pattern(rule.before, rule.after), REGEX_FLAGS)
                veto = regex.compile("|".join(vetoes), REGEX_FLAGS) if vetoes else None
                breakers.append((search.finditer, veto.match if veto is not None else None))
            else:
                vetoes.append(position_pattern(rule.before, rule.after))
        self._breakers = tuple(breakers)
        self._openers, self._closers, self._bracket_re = _compile_protection(rules.protect)
        self._first_opener = self._last_closer = None
        if self._openers:
            # Classes of literal characters: `re` scans them faster; only `regex` can
            # search backwards.
            openers = "[" + "".join(re.escape(c) for c in sorted(self._openers)) + "]"
            closers = "[" + "".join(re.escape(c) for c in sorted(self._closers)) + "]"
            self._first_opener = re.compile(openers).search
            self._last_closer = regex.compile(closers, REGEX_FLAGS | regex.REVERSE).search

    def split(self, line: str) -> list[str]:
        """Split one line (no newline inside); the pieces concatenate to ``line``."""
        if not line:
            return []
        # A position breaks when the first rule matching there is a break rule. The
        # exceptions before break rule k include those before any earlier break rule,
        # so "proposed by some break rule and not vetoed by the exceptions before it"
        # is exactly that.
        end = len(line)
        breaks: set[int] = set()
        for finditer, veto in self._breakers:
            for match in finditer(line):
                position = match.end()
                if 0 < position < end and (veto is None or veto(line, position) is None):
                    breaks.add(position)
        if not breaks:
            return [line]
        if self._first_opener is not None:
            # A protected break has an opener before it and a closer at or after it;
            # most lines' brackets, such as "(QST)", sit away from every break.
            opener = self._first_opener(line)
            if opener is not None:
                closer = self._last_closer(line)
                first, last = opener.start(), closer.start() if closer is not None else -1
                if any(first < p <= last for p in breaks):
                    spans = self.protected_spans(line)
                    if spans:
                        breaks = _outside(breaks, spans)
                        if not breaks:
                            return [line]
        bounds = [0, *sorted(breaks), end]
        pieces = [line[a:b] for a, b in pairwise(bounds)]
        if any(map(str.isspace, pieces)):
            return _glue_blank_pieces(pieces)
        return pieces

    def protected_spans(self, line: str) -> list[tuple[int, int]]:
        """Break positions ``(first, last)`` inside matched bracket pairs on ``line``.

        Pairs nest. A closer with no open partner (``注1)`` in a text that never
        opened a parenthesis) is ignored; an opener that never closes protects
        nothing, so it cannot swallow the rest of the line. A closer that meets
        a different open bracket closes the nearest partner further out and
        drops the unclosed ones in between.
        """
        if self._bracket_re is None:
            return []
        openers, closers = self._openers, self._closers
        stack: list[tuple[str, int]] = []  # (expected closer, index of the opener)
        waiting = dict.fromkeys(closers, 0)  # openers on the stack, by expected closer
        spans: list[tuple[int, int]] = []
        for match in self._bracket_re.finditer(line):
            index = match.start()
            char = line[index]
            if char in closers and waiting[char]:
                if stack[-1][0] == char:  # the common case: closes the innermost
                    spans.append((stack.pop()[1] + 1, index))
                    waiting[char] -= 1
                    continue
                depth = len(stack) - 2
                while stack[depth][0] != char:
                    depth -= 1
                spans.append((stack[depth][1] + 1, index))
                for expected, _ in stack[depth:]:
                    waiting[expected] -= 1
                del stack[depth:]
            elif char in openers:
                expected = openers[char]
                stack.append((expected, index))
                waiting[expected] += 1
            # else: a closer nothing waits for (注1)): ignored.
        return spans


def _outside(breaks: set[int], spans: list[tuple[int, int]]) -> set[int]:
    """The breaks in no span, in one sweep (spans nest, so merge them first)."""
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    kept = set()
    index = 0
    for position in sorted(breaks):
        while index < len(merged) and merged[index][1] < position:
            index += 1
        if index == len(merged) or position < merged[index][0]:
            kept.add(position)
    return kept


def _compile_protection(
    pairs: tuple[BracketPair, ...],
) -> tuple[dict[str, str], frozenset[str], re.Pattern[str] | None]:
    if not pairs:
        return {}, frozenset(), None
    openers = {pair.open: pair.close for pair in pairs}
    closers = frozenset(pair.close for pair in pairs)
    chars = sorted(set(openers) | closers)
    # A class of literal characters means the same to `re`, which scans it faster.
    pattern = re.compile("[" + "".join(re.escape(c) for c in chars) + "]")
    return openers, closers, pattern


def _glue_blank_pieces(pieces: list[str]) -> list[str]:
    """Merge whitespace-only pieces into the previous piece (the next one if first).

    Pieces are collected in lists and joined once: ``glued[-1] += piece`` copies the
    growing string each time, quadratic when rules break inside a long run of blanks
    (a rule breaking after ``\\s`` on a line of a million spaces took minutes).
    """
    groups: list[list[str]] = []
    pending: list[str] = []
    for piece in pieces:
        if piece.isspace():
            if groups:
                groups[-1].append(piece)
            else:
                pending.append(piece)
            continue
        pending.append(piece)
        groups.append(pending)
        pending = []
    if pending:
        groups.append(pending)
    return ["".join(group) for group in groups]
