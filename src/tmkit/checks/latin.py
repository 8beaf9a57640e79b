"""`latin.mismatch`: Latin tokens, URLs and e-mails of the source appear in the target.

Width is folded first (ＱＳＴ = QST), so 3GeV in the source is satisfied by
"3 GeV". Words are matched case-sensitively on word boundaries outside URLs, so a
URL in the target that happens to contain "qst" does not stand for "QST".

With a glossary, a source token that is a term of a concept the target renders
with an allowed term is satisfied: the glossary says what the token becomes
(the source's typo RIDF is a variant of RIBF; JT60SA of JT-60SA), and
`glossary.missing` already guards that concept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.model.units import Unit
from tmkit.text.normalize import find_latin, latin_tokens, may_hold_latin


@check(
    "latin.mismatch",
    severity="error",
    summary="A Latin-script token, URL or e-mail address of the source is missing in the target.",
)
def latin_mismatch(pair: Unit, ctx: CheckContext) -> Iterable[Hit]:
    if not may_hold_latin(pair.source):
        return ()  # no token to look for (most Japanese sources)
    return _missing(pair, ctx)


def _missing(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    seen: set[str] = set()
    rendered: list[tuple[int, int]] | None = None
    for token in latin_tokens(pair.source):
        if token.text in seen:
            continue
        seen.add(token.text)
        if not find_latin(token, pair.target):
            if rendered is None:
                rendered = _rendered_term_spans(pair, ctx)
            if any(s <= token.start and token.end <= e for s, e in rendered):
                continue
            what = {"url": "URL", "email": "e-mail address"}.get(token.kind, "Latin token")
            yield Hit(
                f"{what} {token.text!r} not found in the translation",
                span=(token.start, token.end),
                span_side="source",
                expected=token.text,
            )


def _rendered_term_spans(pair: Unit, ctx: CheckContext) -> list[tuple[int, int]]:
    """Source spans of glossary terms whose concept the target renders correctly."""
    matcher = ctx.glossary
    if matcher is None or not hasattr(matcher, "check_pair"):
        return []
    return [
        (hit.start, hit.end)
        for check in matcher.check_pair(pair.source, pair.target)
        if check.allowed_found
        for hit in check.source_hits
    ]
