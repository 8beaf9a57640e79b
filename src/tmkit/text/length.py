"""The Gale–Church length delta and the interview's fitted constants.

Shared by the aligner (`tmkit.align.length`, which fits and explains them) and the
corpus cleaning checks (`tmkit.checks.corpus`, length outliers): both sit above
text/, and checks may not import align.
"""

from __future__ import annotations

import math

#: English characters per Japanese character, fitted on the QST interview's 180 pairs
INTERVIEW_C = 2.478
#: variance of the English length per unit of length (Gale–Church's s²), same fit
INTERVIEW_S2 = 10.48
#: mean and variance of the per-pair ratio en_chars / ja_chars, and the pairs fitted on
INTERVIEW_RATIO_MEAN = 2.507
INTERVIEW_RATIO_VARIANCE = 0.2436
INTERVIEW_PAIRS = 180


def length_delta(ja_chars: float, en_chars: float, c: float, s2: float) -> float:
    """(l_en - c·l_ja) / sqrt(s2·l), l = (l_ja + l_en / c) / 2: about N(0, 1) for a translation."""
    if ja_chars == 0 and en_chars == 0:
        return 0.0
    mean = (ja_chars + en_chars / c) / 2
    return (en_chars - c * ja_chars) / math.sqrt(s2 * mean)
