"""Full-width ASCII and the ideographic space, folded to their ASCII forms."""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------
# 1. Width folding
# ---------------------------------------------------------------------------

_FULLWIDTH_OFFSET = 0xFF01 - 0x21
# One translate table: the checks fold each text a dozen times, so this must not be a
# per-character Python loop.
_WIDTH_TABLE = {code: code - _FULLWIDTH_OFFSET for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
#: X X*, not X+: the engine skips ahead to a char of a leading class, but tries a
#: leading repeat at every position
_WIDE_RUN = re.compile("[\uff01-\uff5e\u3000][\uff01-\uff5e\u3000]*")


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_WIDTH_TABLE)


def fold_width(text: str) -> str:
    """Full-width ASCII (ＡＢＣ１２３，．) and the ideographic space to ASCII, one char for one.

    Unlike NFKC this never changes the length, so offsets into the folded text
    are offsets into the original.
    """
    if text.isascii():
        return text
    # the checks fold one pair's texts a dozen times: the last few are kept
    folded = _RECENT.get(text)
    if folded is None:
        # translate looks every char up in the table: only the wide runs go through it
        folded = _WIDE_RUN.sub(_fold_run, text) if _WIDE.search(text) else text
        if len(_RECENT) >= 64:
            _RECENT.clear()
        _RECENT[text] = folded
    return folded


_RECENT: dict[str, str] = {}
