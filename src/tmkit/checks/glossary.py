"""Glossary rules, wrapping the matcher of `tmkit.glossary.matcher`.

* ``glossary.missing`` (error): a concept's Japanese term is in the source and the
  target has none of its preferred or admitted English renderings.
* ``glossary.forbidden`` (error): the target holds a deprecated or superseded
  English rendering of a concept whose Japanese term is in the source.
* ``glossary.source-variant`` (info): the source uses a non-preferred Japanese
  variant (超電導 where 超伝導 is preferred).

The matching itself (longest match so 教授会 inside 大学院教授会 is not asked for,
short terms only as words of their own (原研 not in 草原研究), no matches inside URLs, English
inflections such as Council → Councils, hyphen/space variants of multi-word terms)
is `tmkit.glossary.matcher.GlossaryMatcher`'s. The three rules share one match per pair
through the last pair's match kept in the `CheckContext`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.glossary.kana_edges import build_matcher
from tmkit.model.units import Unit


def _pair_findings(pair: Unit, ctx: CheckContext) -> list[Any]:
    """The glossary findings of ``pair`` (all three rules), computed once per pair."""
    # The runner goes pair by pair, so the three rules of one pair ask in a row: keep
    # only the last pair's match (computed once per pair, memory flat at any size).
    # The last pair itself is kept (not its id), so "is" cannot meet a new object at the
    # same address; Units are frozen, so the same object means the same texts.
    last = ctx.cache.get("glossary")
    if last is not None and last[0] is pair:
        return last[1]
    matcher = ctx.glossary
    if matcher is None:
        return []
    if last is not None and last[2] is matcher:
        findings = last[3]
    else:  # the first pair (or another matcher): imported here, as a run without a
        # glossary never loads the Aho-Corasick extension
        from tmkit.glossary.matcher import GlossaryMatcher
        from tmkit.glossary.rules import glossary_findings as findings

        if not isinstance(matcher, GlossaryMatcher):  # a bare Glossary
            matcher = ctx.glossary = build_matcher(matcher)
    found = findings(matcher, pair.source, pair.target)
    ctx.cache["glossary"] = (pair, found, matcher, findings)
    return found


def _findings(pair: Unit, ctx: CheckContext, rule: str) -> Iterator[Hit]:
    last = ctx.cache.get("glossary")  # the second and third rule of a pair: no call
    found = last[1] if last is not None and last[0] is pair else _pair_findings(pair, ctx)
    if not found:
        return iter(())  # the common case: no generator to start
    return _hits(found, pair, rule)


def _hits(found: list[Any], pair: Unit, rule: str) -> Iterator[Hit]:
    for f in found:
        if f.rule != rule:
            continue
        if rule == "glossary.source-variant" and _is_preferred_spelling(f, pair.source):
            continue
        in_target = f.target_span is not None
        yield Hit(
            f.message,
            span=f.target_span if in_target else f.source_span,
            span_side="target" if in_target else "source",
            expected=" | ".join(f.expected) or None,
        )


def _is_preferred_spelling(f: Any, source: str) -> bool:
    """A variant that folds to a preferred term (小安 重夫 = 小安重夫) is no variant."""
    from tmkit.text.normalize import fold_ja

    if f.source_span is None:
        return False
    used = fold_ja(source[f.source_span[0] : f.source_span[1]]).text.lower()
    return any(fold_ja(p).text.lower() == used for p in f.expected)


@check(
    "glossary.missing",
    severity="error",
    summary="A glossary term is in the source but none of its allowed renderings is in the target.",
    needs_glossary=True,
)
def glossary_missing(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    return _findings(pair, ctx, "glossary.missing")


@check(
    "glossary.forbidden",
    severity="error",
    summary="The target uses a deprecated or superseded rendering of a glossary term.",
    needs_glossary=True,
)
def glossary_forbidden(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    return _findings(pair, ctx, "glossary.forbidden")


@check(
    "glossary.source-variant",
    severity="info",
    summary="The source uses a non-preferred variant of a glossary term (超電導 for 超伝導).",
    needs_glossary=True,
)
def glossary_source_variant(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    return _findings(pair, ctx, "glossary.source-variant")
