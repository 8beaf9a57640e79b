"""A Gale–Church length model for Japanese characters against English characters.

Gale and Church (1993) model the length of a translation as proportional to the
length of its source with a variance that grows with that length: for a pair
of texts of ``l_ja`` and ``l_en`` characters,

    delta = (l_en - c * l) / sqrt(s2 * l),  l = (l_ja + l_en / c) / 2

is close to a standard normal when the texts are translations of each other.
``c`` is the expected number of English characters per Japanese character and
``s2`` the variance per character. Characters are counted without white space
on both sides (English spacing says little and Japanese has none). A Latin
letter or digit inside Japanese text counts as `LATIN_IN_JAPANESE` of a
Japanese character; one might expect about 1/c ("QST" or a URL is copied, not
expanded), but on the interview the fit is best at 1.0: s2 is 10.8 at 1.0,
11.0 at 0.8, 12.2 at 0.4, since translators expand acronyms ("(QST)" becomes
the institute's full name) as often as they copy them. URLs and e-mail
addresses, which are always copied, count `ADDRESS_IN_JAPANESE` (about 1/c).

`fit_length_model` estimates ``c`` and ``s2`` from known sentence pairs; tmkit's
defaults (`INTERVIEW_MODEL`) were fitted on the 180 segment pairs of the QST
interview (``source/ja/interview.txt`` against ``target/en/interview.po``), and
``tests/test_align_length.py`` refits them to show they still hold.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from tmkit.text.length import length_delta
from tmkit.text.normalize import mask_addresses

#: Weight of an ASCII (or full-width ASCII) character in Japanese text (fitted, see above).
LATIN_IN_JAPANESE = 1.0
#: Weight of a URL or e-mail character in Japanese text: copied as is, so about 1 / c.
ADDRESS_IN_JAPANESE = 0.4


def char_length(text: str) -> int:
    """Characters that count in English text: everything but white space."""
    return sum(1 for ch in text if not ch.isspace())


def ja_length(text: str) -> float:
    """The length of Japanese text in Japanese-character units (see `LATIN_IN_JAPANESE`)."""
    masked = mask_addresses(text) if ("@" in text or "/" in text or "www" in text) else text
    addresses = (
        sum(1 for a, b in zip(text, masked, strict=True) if a != b) if masked is not text else 0
    )
    latin = other = 0
    for ch in masked:
        if ch.isspace():
            continue
        code = ord(ch)
        if code < 0x80 or 0xFF01 <= code <= 0xFF5E:
            latin += 1
        else:
            other += 1
    return other + LATIN_IN_JAPANESE * latin + ADDRESS_IN_JAPANESE * addresses


@dataclass(frozen=True, slots=True)
class LengthModel:
    #: English characters per Japanese character (pooled: sum(en) / sum(ja))
    c: float
    #: variance of the English length per unit of length (Gale–Church's s²)
    s2: float
    #: mean and variance of the per-pair ratio en_chars / ja_chars (for reports)
    ratio_mean: float = 0.0
    ratio_variance: float = 0.0
    pairs: int = 0

    def delta(self, ja_chars: float, en_chars: float) -> float:
        return length_delta(ja_chars, en_chars, self.c, self.s2)

    def cost(self, ja_chars: float, en_chars: float) -> float:
        """-log P(|delta| at least this large): 0 for a perfect match, growing ~delta²/2."""
        return neg_log_two_tailed(abs(self.delta(ja_chars, en_chars)))


def neg_log_two_tailed(x: float) -> float:
    """-log(2 * (1 - Phi(x))) = -log erfc(x / sqrt 2), finite for any x >= 0."""
    z = x / math.sqrt(2.0)
    if z < 5.0:
        return -math.log(math.erfc(z))
    # erfc(z) ~ exp(-z^2) / (z sqrt(pi)) * (1 - 1/(2 z^2)); erfc underflows near z = 27.
    return z * z + math.log(z * math.sqrt(math.pi)) - math.log1p(-0.5 / (z * z))


def fit_length_model(pairs: Iterable[tuple[str, str]]) -> LengthModel:
    """Estimate ``c`` and ``s2`` from (Japanese, English) translation pairs.

    ``c`` is pooled (sum of English over sum of Japanese characters), which weighs
    long sentences more than a mean of ratios would; ``s2`` is the mean of
    ``(l_en - c l_ja)² / l_ja``, Gale and Church's estimator. Pairs with an empty
    side are skipped. Raises ValueError when fewer than two pairs remain.
    """
    lengths = [(ja_length(ja), char_length(en)) for ja, en in pairs]
    lengths = [(a, b) for a, b in lengths if a and b]
    if len(lengths) < 2:
        raise ValueError("at least two non-empty pairs are needed to fit a length model")
    c = sum(b for _, b in lengths) / sum(a for a, _ in lengths)
    s2 = sum((b - c * a) ** 2 / a for a, b in lengths) / len(lengths)
    ratios = [b / a for a, b in lengths]
    mean = sum(ratios) / len(ratios)
    variance = sum((r - mean) ** 2 for r in ratios) / (len(ratios) - 1)
    return LengthModel(c=c, s2=s2, ratio_mean=mean, ratio_variance=variance, pairs=len(lengths))
