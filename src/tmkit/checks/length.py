"""`length.ratio` (warning): a target far shorter or longer than JA→EN translations are.

The ratio is English characters per Japanese character (spaces excluded on
both sides, width folded). Calibration (see `tests/test_checks_length.py`, which
recomputes it): on the JA→EN pairs of tests/data/checks/labelled.po the median
ratio is about 2.6, and the central 98% lie between about 1.3 and 5.0; published
JA→EN corpora (and the project's interview) put the typical ratio at 2–3.5. The
bounds below are set a little outside that range so a warning means "look at
this one": a dropped clause (ratio < 0.9) or a target that carries far more than
its source (ratio > 6.5). Short sources (fewer than 8 characters: names, "はい。")
are skipped, since their ratio says nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from tmkit.checks.base import CheckContext, Hit, Pair, check
from tmkit.normalize import fold_width, mask_addresses

MIN_SOURCE_CHARS = 8
LOW = 0.9
HIGH = 6.5


def _letters(text: str) -> int:
    """Letters, digits, kana and kanji outside URLs and e-mails: what carries content."""
    return sum(1 for ch in mask_addresses(text) if ch.isalnum())


def length_ratio_of(source: str, target: str) -> float | None:
    """English characters per Japanese character, or None when the source is too short."""
    src = _letters(fold_width(source))
    tgt = _letters(target)
    if src < MIN_SOURCE_CHARS:
        return None
    return tgt / src


@check(
    "length.ratio",
    severity="warning",
    summary=f"Target length is an outlier for JA→EN (outside {LOW}–{HIGH} chars per source char).",
)
def length_ratio(pair: Pair, ctx: CheckContext) -> Iterator[Hit]:
    low = ctx.options.get("length_low", LOW)
    high = ctx.options.get("length_high", HIGH)
    ratio = length_ratio_of(pair.source, pair.target)
    if ratio is None or low <= ratio <= high:
        return
    side = "short" if ratio < low else "long"
    yield Hit(
        f"translation unusually {side}: {ratio:.2f} characters per source character "
        f"(expected {low}–{high})",
        span=(0, len(pair.target)),
    )
