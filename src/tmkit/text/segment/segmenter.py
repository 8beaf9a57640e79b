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
  rule are tried as one alternation, since any of them vetoes. The veto is
  only called where the character before (or after) the position is one an
  exception can end (or start) with, and a break rule is only searched on a
  line holding a character its matches can start with (`gates`).
* tmkit extension: bracket pairs (``<tmkit:protect open=".." close=".."/>``)
  veto every break strictly inside a matched pair on the line; see
  `protected_spans`.
* No piece is empty, and a piece that is only whitespace is glued to its
  neighbour, so ``"".join(pieces) == line`` and the caller only trims.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

import regex

from tmkit.model.segmentation import (
    REGEX_FLAGS,
    BracketPair,
    RuleSet,
    forward_pattern,
    position_pattern,
)
from tmkit.text.segment.gates import CharGate, edge_nodes, line_chars


class Segmenter:
    """Compiled form of a `RuleSet`; `split` is the hot path."""

    __slots__ = (
        "_any_closer",
        "_bracket_re",
        "_breakers",
        "_closers",
        "_first_opener",
        "_openers",
        "rules",
    )

    def __init__(self, rules: RuleSet, gates: bool = True) -> None:
        """``gates=False`` calls every regex (for tests: the segments are the same)."""
        self.rules = rules
        breakers = []
        vetoes: list[str] = []
        prev_nodes: list = []  # what a veto's `before` can end with
        next_nodes: list = []  # what a veto's `after` can start with, when `before` says nothing
        ungated = not gates  # some veto that no character rules out
        for rule in rules.rules:
            if rule.is_break:
                forward = forward_pattern(rule.before, rule.after)
                search = regex.compile(forward, REGEX_FLAGS)
                veto = regex.compile("|".join(vetoes), REGEX_FLAGS).match if vetoes else None
                veto_gates = None
                if veto is not None and not ungated:
                    veto_gates = (CharGate(tuple(prev_nodes)), CharGate(tuple(next_nodes)))
                needs = line_chars(edge_nodes(forward)) if gates else None
                breakers.append((search.finditer, veto, veto_gates, needs))
                continue
            vetoes.append(position_pattern(rule.before, rule.after))
            before = edge_nodes(rule.before, last=True)
            after = edge_nodes(rule.after) if before is None else None
            if before is not None:
                prev_nodes.extend(before)
            elif after is not None:
                next_nodes.extend(after)
            else:
                ungated = True
        self._breakers = tuple(breakers)
        self._openers, self._closers, self._bracket_re = _compile_protection(rules.protect)
        self._first_opener = self._any_closer = None
        if self._openers:
            # Classes of literal characters: `re` scans them faster than `regex`.
            openers = "[" + "".join(re.escape(c) for c in sorted(self._openers)) + "]"
            closers = "[" + "".join(re.escape(c) for c in sorted(self._closers)) + "]"
            self._first_opener = re.compile(openers).search
            self._any_closer = re.compile(closers).search

    def __reduce__(self):  # compiled patterns and gate caches are rebuilt from the rules
        return (Segmenter, (self.rules,))

    def split(self, line: str) -> list[str]:
        """Split one line (no newline inside); the pieces concatenate to ``line``."""
        if not line:
            return []
        # A position breaks when the first rule matching there is a break rule. The
        # exceptions before break rule k include those before any earlier break rule,
        # so "proposed by some break rule and not vetoed by the exceptions before it"
        # is exactly that.
        end = len(line)
        breaks: list[int] = []
        for finditer, veto, gates, needs in self._breakers:
            if needs is not None and not any(map(line.__contains__, needs)):
                continue  # no character this rule can start with
            found = []
            last = 0
            if veto is None:
                for match in finditer(line):
                    position = match.end()
                    if last < position < end:
                        found.append(position)
                        last = position
            elif gates is None:
                for match in finditer(line):
                    position = match.end()
                    if last < position < end and veto(line, position) is None:
                        found.append(position)
                        last = position
            else:
                # Call the veto only where a character around the break allows it.
                prev_gate, next_gate = gates
                for match in finditer(line):
                    position = match.end()
                    if last < position < end and (
                        not (prev_gate[line[position - 1]] or next_gate[line[position]])
                        or veto(line, position) is None
                    ):
                        found.append(position)
                        last = position
            if found:
                breaks = sorted({*breaks, *found}) if breaks else found
        if not breaks:
            return [line]
        if self._first_opener is not None:
            # A protected break has an opener before it and a closer at or after it;
            # most lines' brackets, such as "(QST)", sit away from every break.
            opener = self._first_opener(line)
            if opener is not None:
                index = bisect_right(breaks, opener.start())
                if index < len(breaks) and self._any_closer(line, breaks[index]) is not None:
                    spans = self.protected_spans(line)
                    if spans:
                        breaks = _outside(breaks, spans)
                        if not breaks:
                            return [line]
        bounds = [0, *breaks, end]
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


def _outside(breaks: list[int], spans: list[tuple[int, int]]) -> list[int]:
    """The breaks in no span, in one sweep (spans nest, so merge them first)."""
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    kept = []
    index = 0
    for position in breaks:
        while index < len(merged) and merged[index][1] < position:
            index += 1
        if index == len(merged) or position < merged[index][0]:
            kept.append(position)
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
