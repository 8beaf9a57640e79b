"""Inline-code rules (Xbench/CheckMate "tag" checks) on units that carry codes.

They see a pair's ``source_content``/``target_content`` (TMX bpt/ept/ph, an
XLIFF unit's pc/ph mapped to them, or a PO entry marked ``#. tmkit:
inline-markup`` parsed back), so they work the same on HTML-derived PO, TMX and
XLIFF. A code is known by its tag and number (``bpt``/``ept`` ``i``, ``ph``
``x``; ``it`` and ``ut`` by position). Numbers inside codes are not text: the
number and Latin checks see the plain text with the codes removed.

Rules:
  code.missing     a source code is not in the target;
  code.extra       the target has a code the source has not;
  code.duplicated  a code appears twice in the target;
  code.order       a paired code closes before it opens, or pairs cross;
  code.url         a link's (or image's) URL differs from the source's;
  code.markup      a PO entry marked inline-markup is not well formed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from tmkit.checks.base import CheckContext, Hit, Pair, check
from tmkit.model.memory import Content, Inline, MarkupError, markup_to_content

_URL = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))|\]\(<?([^)\s>]*)""")


def _key(code: Inline) -> tuple[str, str]:
    return code.tag, code.attrs.get("i") or code.attrs.get("x") or ""


def _show(key: tuple[str, str]) -> str:
    tag, num = key
    return {"bpt": f"<{num}>", "ept": f"</{num}>", "ph": f"<{num}/>"}.get(tag, f"<{tag} {num}>")


def _codes(content: Content) -> list[Inline]:
    return [p for p in content if isinstance(p, Inline) and p.tag in ("bpt", "ept", "ph", "it")]


def _native(code: Inline) -> str:
    return "".join(p for p in code.content if isinstance(p, str))


def _url(code: Inline) -> str | None:
    m = _URL.search(_native(code))
    return next((g for g in m.groups() if g is not None), None) if m else None


def _contents(pair: Pair, ctx: CheckContext) -> tuple[Content, Content] | None:
    if pair.source_content is not None:
        return pair.source_content, pair.target_content or ()
    return None


@check("code.missing", severity="error", summary="A source inline code is missing in the target.")
def code_missing(pair: Pair, ctx: CheckContext) -> Iterator[Hit]:
    found = _contents(pair, ctx)
    if found is None:
        return
    src, tgt = found
    have = {_key(c) for c in _codes(tgt)}
    for code in _codes(src):
        if _key(code) not in have:
            yield Hit(f"code {_show(_key(code))} ({_native(code)[:40]}) is missing")


@check("code.extra", severity="error", summary="The target has an inline code the source has not.")
def code_extra(pair: Pair, ctx: CheckContext) -> Iterator[Hit]:
    found = _contents(pair, ctx)
    if found is None:
        return
    src, tgt = found
    known = {_key(c) for c in _codes(src)}
    for code in _codes(tgt):
        if _key(code) not in known:
            yield Hit(f"code {_show(_key(code))} is not in the source")


@check("code.duplicated", severity="error", summary="An inline code appears twice in the target.")
def code_duplicated(pair: Pair, ctx: CheckContext) -> Iterator[Hit]:
    found = _contents(pair, ctx)
    if found is None:
        return
    counts = Counter(_key(c) for c in _codes(found[1]))
    for key, n in counts.items():
        if n > 1:
            yield Hit(f"code {_show(key)} appears {n} times")


@check(
    "code.order",
    severity="error",
    summary="Paired inline codes close before they open, cross, or are unbalanced.",
)
def code_order(pair: Pair, ctx: CheckContext) -> Iterator[Hit]:
    found = _contents(pair, ctx)
    if found is None or not pair.translated:
        return
    src_pairs = {_key(c)[1] for c in _codes(found[0]) if c.tag == "bpt"}
    stack: list[str] = []
    for code in _codes(found[1]):
        tag, num = _key(code)
        if num not in src_pairs:
            continue
        if tag == "bpt":
            stack.append(num)
        elif tag == "ept":
            if num not in stack:
                yield Hit(f"code </{num}> closes before <{num}> opens")
            elif stack[-1] != num:
                yield Hit(f"codes <{stack[-1]}> and <{num}> cross")
                stack.remove(num)
            else:
                stack.pop()
    tgt_keys = {_key(c) for c in _codes(found[1])}
    for num in stack:
        if ("ept", num) in tgt_keys:
            continue
        yield Hit(f"code <{num}> is never closed")


@check(
    "code.url", severity="error", summary="A link or image URL in a code differs from the source."
)
def code_url(pair: Pair, ctx: CheckContext) -> Iterator[Hit]:
    found = _contents(pair, ctx)
    if found is None:
        return
    source_urls = {_key(c): _url(c) for c in _codes(found[0])}
    for code in _codes(found[1]):
        want = source_urls.get(_key(code))
        got = _url(code)
        if want is not None and got is not None and got != want:
            yield Hit(f"URL {got!r} in code {_show(_key(code))} was {want!r}", expected=want)


@check(
    "code.markup",
    severity="error",
    summary="A PO entry marked inline-markup is not well-formed markup.",
)
def code_markup(pair: Pair, ctx: CheckContext) -> Iterator[Hit]:
    if pair.source_content is not None or not any("inline-markup" in n for n in pair.notes):
        return
    for side, text in (("source", pair.source), ("target", pair.target)):
        try:
            markup_to_content(text)
        except MarkupError as err:
            yield Hit(f"{side}: {err} at offset {err.offset}", span_side=side)  # type: ignore[arg-type]
