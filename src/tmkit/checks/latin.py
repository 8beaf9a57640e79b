"""`latin.mismatch`: Latin tokens, URLs and e-mails of the source appear in the target.

Width is folded first (ＱＳＴ = QST), so 3GeV in the source is satisfied by
"3 GeV". Words are matched case-sensitively on word boundaries outside URLs, so a
URL in the target that happens to contain "qst" does not stand for "QST".
"""

from __future__ import annotations

from collections.abc import Iterator

from tmkit.checks.base import CheckContext, Hit, Pair, check
from tmkit.normalize import find_latin, latin_tokens


@check(
    "latin.mismatch",
    severity="error",
    summary="A Latin-script token, URL or e-mail address of the source is missing in the target.",
)
def latin_mismatch(pair: Pair, ctx: CheckContext) -> Iterator[Hit]:
    seen: set[str] = set()
    for token in latin_tokens(pair.source):
        if token.text in seen:
            continue
        seen.add(token.text)
        if not find_latin(token, pair.target):
            what = {"url": "URL", "email": "e-mail address"}.get(token.kind, "Latin token")
            yield Hit(
                f"{what} {token.text!r} not found in the translation",
                span=(token.start, token.end),
                span_side="source",
                expected=token.text,
            )
