"""Corpus-wide consistency: `consistency.target` and `consistency.source`.

Only translated, non-fuzzy pairs take part. Texts are compared after width
folding and whitespace collapsing, so "ＱＳＴ。" and "QST。" count as one source.
`consistency.source` looks only at targets of four words or more: short replies
("Yes.", "I see.") rightly render many different Japanese sources.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.model.units import Unit
from tmkit.text.normalize import fold_width

_SPACES = re.compile(r"\s+")
MIN_TARGET_WORDS = 4


def _norm_source(text: str) -> str:
    return _SPACES.sub("", fold_width(text))


def _norm_target(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _participants(pairs: list[Unit]) -> list[Unit]:
    return [p for p in pairs if p.translated and not p.fuzzy]


def _quote(texts: list[str]) -> str:
    return "; ".join(repr(t) for t in texts)


@check(
    "consistency.target",
    severity="warning",
    summary="The same source is translated differently elsewhere.",
    scope="corpus",
)
def consistency_target(pairs: list[Unit], ctx: CheckContext) -> Iterator[tuple[Unit, Hit]]:
    groups: dict[str, list[Unit]] = defaultdict(list)
    for p in _participants(pairs):
        groups[_norm_source(p.source)].append(p)
    for group in groups.values():
        targets = sorted({_norm_target(p.target) for p in group})
        if len(targets) < 2:
            continue
        for p in group:
            others = [t for t in targets if t != _norm_target(p.target)]
            yield (
                p,
                Hit(
                    f"same source translated differently elsewhere: {_quote(others)}",
                    span=(0, len(p.target)),
                    expected=others[0],
                ),
            )


@check(
    "consistency.source",
    severity="warning",
    summary="The same translation is used for different sources.",
    scope="corpus",
)
def consistency_source(pairs: list[Unit], ctx: CheckContext) -> Iterator[tuple[Unit, Hit]]:
    groups: dict[str, list[Unit]] = defaultdict(list)
    for p in _participants(pairs):
        target = _norm_target(p.target)
        if len(target.split()) >= MIN_TARGET_WORDS:
            groups[target].append(p)
    for group in groups.values():
        sources = sorted({_norm_source(p.source) for p in group})
        if len(sources) < 2:
            continue
        for p in group:
            others = [s for s in sources if s != _norm_source(p.source)]
            yield (
                p,
                Hit(
                    f"same translation used for a different source: {_quote(others)}",
                    span=(0, len(p.target)),
                    span_side="source",
                ),
            )
