"""`length.ratio` (warning): a target far shorter or longer than JA→EN translations are.

The ratio is English content characters per Japanese content character: letters,
digits, kana and kanji only (punctuation and spaces excluded, URLs and e-mail
addresses masked, width folded), so 「そうですね。」 and a pasted URL do not skew it.

Calibration (tests/test_checks_length.py recomputes it and fails if the bounds stop
bracketing the clean pairs): on the 176 clean JA→EN pairs of
tests/data/checks/labelled.po the median is 2.25, the 1st percentile 0.98, the 5th
1.29, the 95th 3.45 and the 99th 4.29; the lowest clean pair (0.90) renders a
12-character organisation name as the acronym "QST". Published JA→EN corpora put
the usual English/Japanese character ratio at 2–3.5, in line with this. The bounds
sit outside the clean range so a warning means "look at this one": below 0.8 a
clause is probably missing, above 6.5 the target carries far more than its
source. Sources with fewer than 8 content characters (はい。, names) are skipped,
since their ratio says nothing. When the project's interview PO (target/en/
interview.po) is present the test checks the bounds against it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.model.units import Unit
from tmkit.text.normalize import fold_width, has_address_hint, mask_addresses

MIN_SOURCE_CHARS = 8
LOW = 0.8
HIGH = 6.5


#: a char that is not a letter or digit: ``\\w`` is exactly `str.isalnum` plus "_"
_NOT_ALNUM = re.compile(r"[\W_]")


#: the ASCII chars that are not letters or digits (what `_NOT_ALNUM` takes out of ASCII)
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


def _letters(text: str) -> int:
    """Letters, digits, kana and kanji outside URLs and e-mails: what carries content."""
    # what mask_addresses starts with; most texts hold no address. English is mostly
    # ASCII, which folds to itself: told without the call
    folded = text if text.isascii() else fold_width(text)
    if has_address_hint(folded):
        folded = mask_addresses(text)
    if folded.isascii():  # most English: bytes.translate deletes in one C loop, no regex
        return len(folded.encode("ascii").translate(None, _ASCII_NOT_ALNUM))
    # counted, not deleted: no new string (a third faster on Japanese text)
    return len(folded) - len(_NOT_ALNUM.findall(folded))


def length_ratio_of(source: str, target: str) -> float | None:
    """English characters per Japanese character, or None when the source is too short."""
    src = _letters(source)  # width-folded inside, as mask_addresses folds
    if src < MIN_SOURCE_CHARS:
        return None  # the target's count is not needed
    return _letters(target) / src


@check(
    "length.ratio",
    severity="warning",
    summary=f"Target length is an outlier for JA→EN (outside {LOW}–{HIGH} chars per source char).",
)
def length_ratio(pair: Unit, ctx: CheckContext) -> Iterable[Hit]:
    ratio = length_ratio_of(pair.source, pair.target)
    if ratio is None:
        return ()
    options = ctx.options
    low = options.get("length_low", LOW)
    high = options.get("length_high", HIGH)
    if low <= ratio <= high:
        return ()  # most pairs: no generator to start and run out
    side = "short" if ratio < low else "long"
    return (
        Hit(
            f"translation unusually {side}: {ratio:.2f} characters per source character "
            f"(expected {low}–{high})",
            span=(0, len(pair.target)),
        ),
    )
