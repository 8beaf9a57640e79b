"""Inline-code rules (Xbench/CheckMate "tag" checks) on units that carry codes.

They see a pair's ``source_content``/``target_content`` (TMX bpt/ept/ph, an
XLIFF unit's pc/ph mapped to them, or a PO entry marked ``#. tmkit:
inline-markup`` parsed back), so they work the same on HTML-derived PO, TMX and
XLIFF. A code is known by its tag and number (``bpt``/``ept`` ``i``, ``ph``
``x``). Numbers inside codes are not text: the number and Latin checks see the
plain text with the codes removed. The comparison itself is
`tmkit.model.codes_render.code_problems`, which the rebuild uses too.

Rules:
  code.missing     a source code is not in the target;
  code.extra       the target has a code the source has not;
  code.duplicated  a code appears twice in the target;
  code.order       a paired code closes before it opens, pairs cross, or one never closes;
  code.url         a link's (or image's) URL differs from the source's;
  code.markup      a PO entry marked inline-markup is not well formed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.model.codes_render import code_key, code_problems, show_code
from tmkit.model.memory import Content, Inline, MarkupError, markup_to_content
from tmkit.model.units import Unit

_URL = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))|\]\(<?([^)\s>]*)""")


def _contents(pair: Unit) -> tuple[Content, Content] | None:
    if pair.source_content is not None and pair.translated:
        return pair.source_content, pair.target_content or ()
    return None


def _problems(pair: Unit, ctx: CheckContext, rule: str) -> Iterator[Hit]:
    """One rule's share of `code_problems`, computed once per pair."""
    found = _contents(pair)
    if found is None:
        return
    key = ("codes", id(pair))
    cached = ctx.cache.get(key)
    if cached is None or cached[0] is not pair:
        cached = ctx.cache[key] = (pair, code_problems(*found))
    for name, message in cached[1]:
        if name == rule:
            yield Hit(message)


@check(
    "code.missing",
    severity="error",
    summary="A source inline code is missing in the target.",
    needs="content",
)
def code_missing(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    return _problems(pair, ctx, "code.missing")


@check(
    "code.extra",
    severity="error",
    summary="The target has an inline code the source has not.",
    needs="content",
)
def code_extra(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    return _problems(pair, ctx, "code.extra")


@check(
    "code.duplicated",
    severity="error",
    summary="An inline code appears twice in the target.",
    needs="content",
)
def code_duplicated(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    return _problems(pair, ctx, "code.duplicated")


@check(
    "code.order",
    severity="error",
    summary="Paired inline codes close before they open, cross, or are never closed.",
    needs="content",
)
def code_order(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    return _problems(pair, ctx, "code.order")


def _url(code: Inline) -> str | None:
    m = _URL.search("".join(p for p in code.content if isinstance(p, str)))
    return next((g for g in m.groups() if g is not None), None) if m else None


@check(
    "code.url", severity="error", summary="A link or image URL in a code changed.", needs="content"
)
def code_url(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    found = _contents(pair)
    if found is None:
        return
    source = {code_key(c): _url(c) for c in found[0] if isinstance(c, Inline)}
    for code in found[1]:
        if not isinstance(code, Inline):
            continue
        want, got = source.get(code_key(code)), _url(code)
        if want is not None and got is not None and got != want:
            where = show_code(code_key(code))
            yield Hit(f"URL {got!r} in code {where} was {want!r}", expected=want)


@check(
    "code.markup",
    severity="error",
    summary="A PO entry marked inline-markup is not well-formed markup.",
    needs="notes",
)
def code_markup(pair: Unit, ctx: CheckContext) -> Iterable[Hit]:
    # asked of every pair with notes (every extracted one): no generator until a note
    # marks the entry
    if pair.source_content is None:
        for note in pair.notes:
            if "inline-markup" in note:
                return _markup_errors(pair)
    return ()


def _markup_errors(pair: Unit) -> Iterator[Hit]:
    for side, text in (("source", pair.source), ("target", pair.target)):
        try:
            markup_to_content(text)
        except MarkupError as err:
            yield Hit(f"{side}: {err} at offset {err.offset}", span_side=side)  # type: ignore[arg-type]
