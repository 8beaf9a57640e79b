"""Typography of the English target: `japanese.leftover`, `punctuation.end`,
`brackets.unbalanced`, `quotes.unbalanced`, `whitespace`.

Japanese quotes 「」『』 are rendered in English as "…" or “…”; brackets （） as
( ). When the source itself leaves a quote or bracket open (a quotation running
over several segments), the target may too, so those checks compare with the
source instead of demanding balance outright.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.model.units import Unit

#: kana, kanji, CJK symbols and punctuation (。、「」【】〜), full-width forms (（）：ＡＢ１),
#: half-width katakana and the reference mark ※
_JAPANESE_RUN = re.compile(
    r"[\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\uff01-\uff9f\u203b]+"
)


@check(
    "japanese.leftover",
    severity="error",
    summary="Kana, kanji or Japanese punctuation (。、「」（）：) left in the English.",
)
def japanese_leftover(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    if pair.target.isascii():
        return  # every char the rule looks for is beyond ASCII (most English, at once)
    if pair.target.strip() == pair.source.strip():
        return  # same-as-source says it all
    for m in _JAPANESE_RUN.finditer(pair.target):
        yield Hit(f"Japanese text {m.group()!r} left in the translation", span=m.span())


_JA_FINAL = "。？！?!．"
#: 。？！ in the target end the sentence too: japanese.leftover reports them already
_EN_FINAL = ".?!…。？！"
#: closers that may follow the sentence-final mark on either side
_JA_CLOSERS = "」』）)】〕”’\"' \u3000"
_EN_CLOSERS = "\"'”’)]} "


def _final_mark(text: str, closers: str) -> str:
    stripped = text.rstrip()
    while stripped and stripped[-1] in closers:
        stripped = stripped[:-1].rstrip()
    return stripped[-1:] if stripped else ""


@check(
    "punctuation.end",
    severity="warning",
    summary="The source ends a sentence with 。？！ but the target does not end with . ? !",
)
def punctuation_end(pair: Unit, ctx: CheckContext) -> Iterable[Hit]:
    # Most texts end with their final mark (。, .), which is no closer: what `_final_mark`
    # returns then is that last char, told without its loop and call.
    last = pair.source.rstrip()[-1:]
    src_mark = _final_mark(pair.source, _JA_CLOSERS) if last in _JA_CLOSERS else last
    if not src_mark or src_mark not in _JA_FINAL:
        return ()
    last = pair.target.rstrip()[-1:]
    if last and last in _EN_FINAL:
        return ()  # no final mark is a closer: this one is the target's
    return _unended(pair, src_mark)


def _unended(pair: Unit, src_mark: str) -> Iterator[Hit]:
    tgt_mark = _final_mark(pair.target, _EN_CLOSERS)
    if tgt_mark and tgt_mark in _EN_FINAL:
        return
    expected = {"？": "?", "?": "?", "！": "!", "!": "!"}.get(src_mark, ".")
    end = len(pair.target.rstrip())
    yield Hit(
        f"source ends with {src_mark!r} but the translation does not end a sentence",
        span=(max(end - 1, 0), end),
        expected=expected,
    )


_PAIRS = {")": "(", "]": "[", "}": "{"}
_OPENERS = set(_PAIRS.values())
#: "1)" and "a)" at the start of a list item close nothing
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))[0-9A-Za-z]{1,2}\)")
_JA_PAIRS = {"）": "（", ")": "(", "」": "「", "』": "『", "】": "【", "]": "[", "〕": "〔"}


def _unbalanced(text: str, pairs: dict[str, str]) -> tuple[int, int] | None:
    """Span of the first bracket that has no partner, or None."""
    openers = set(pairs.values())
    enumerators = {m.end() - 1 for m in _ENUMERATOR.finditer(text)}
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in openers:
            stack.append((ch, i))
        elif ch in pairs and not (i in enumerators and not stack):
            if not stack or stack[-1][0] != pairs[ch]:
                return (i, i + 1)
            stack.pop()
    if stack:
        return (stack[0][1], stack[0][1] + 1)
    return None


@check(
    "brackets.unbalanced",
    severity="error",
    summary="Round, square or curly brackets in the target do not pair up.",
    triggers="()[]{}",
)
def brackets_unbalanced(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    span = _unbalanced(pair.target, _PAIRS)
    if span is None:
        return
    if _unbalanced(pair.source, _JA_PAIRS | _PAIRS) is not None:
        return  # the source leaves one open too: a parenthesis spanning segments
    yield Hit(f"unbalanced bracket {pair.target[span[0]]!r}", span=span)


def _quote_problem(text: str) -> tuple[int, int] | None:
    """Span of a quote without partner: curly “ ” must nest, straight " must be even."""
    depth: list[int] = []
    for i, ch in enumerate(text):
        if ch == "“":
            depth.append(i)
        elif ch == "”":
            if not depth:
                return (i, i + 1)
            depth.pop()
    if depth:
        return (depth[0], depth[0] + 1)
    straight = [i for i, ch in enumerate(text) if ch == '"']
    if len(straight) % 2:
        return (straight[-1], straight[-1] + 1)
    return None


def _source_quotes_balanced(text: str) -> bool:
    for open_, close in (("「", "」"), ("『", "』"), ("“", "”")):
        if text.count(open_) != text.count(close):
            return False
    return text.count('"') % 2 == 0


@check(
    "quotes.unbalanced",
    severity="error",
    summary='Double quotes in the target do not pair up (「」 → “” or "").',
    triggers='“”"',
)
def quotes_unbalanced(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    span = _quote_problem(pair.target)
    if span is None or not _source_quotes_balanced(pair.source):
        return
    yield Hit(f"unbalanced quote {pair.target[span[0]]!r}", span=span)


_DOUBLED = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


@check(
    "whitespace",
    severity="warning",
    summary="Doubled spaces, or leading/trailing whitespace the source does not have.",
)
def whitespace(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    target = pair.target
    if not (target[:1].isspace() or target[-1:].isspace() or "  " in target or "\t" in target):
        return  # nothing to find (the common case, decided without a regex)
    lead = len(target) - len(target.lstrip())
    if lead and not pair.source[:1].isspace():
        yield Hit("leading whitespace", span=(0, lead))
    trail = len(target.rstrip())
    if trail < len(target) and not pair.source[-1:].isspace():
        yield Hit("trailing whitespace", span=(trail, len(target)))
    for m in _DOUBLED.finditer(target):
        yield Hit("doubled space", span=m.span())
