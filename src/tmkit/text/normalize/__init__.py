"""Text normalisation shared by the checks (and later the aligner).

Sections, each self-contained (other engineers may add ``fold_ja…`` helpers for
glossary matching in a section of their own):

1. Width folding (offset-preserving).
2. Japanese numbers: Arabic and kanji numerals, 万/億/兆 scaling, 割, fractions,
   Japanese eras (平成29年 = 2017) → `ja_numbers`.
3. English numbers: digits, grouping commas, scale words (20 million), number
   words and ordinals (eight, twenty-first), month names, Roman numerals → `en_numbers`.
4. Latin tokens: URLs, e-mail addresses and Latin-script words inside Japanese
   text (3GeV → GeV) → `latin_tokens`, and a finder that ignores URLs → `find_latin`.
5. Glossary folding: NFKC, width, dashes, whitespace, with an offset map back to
   the original → `fold_ja`, `fold_en` (used by `tmkit.glossary.matcher`).

Both number extractors are deliberately asymmetric: the Japanese side extracts
only what is clearly a quantity (a kanji numeral must be followed by a counter),
the English side accepts every reading a translator might use. A check then asks
"is every source number among the target readings?", so a missed source number
costs recall and a generous target reading costs little.
"""

from __future__ import annotations

from tmkit.text.normalize.folding import (  # noqa: F401  (the package's API)
    _ALNUM_ASCII,
    _APOSTROPHE_CLASS,
    _APOSTROPHES,
    _DASH_CLASS,
    _HYPHENS,
    _SPECIAL_EN,
    _SPECIAL_JA,
    FoldedText,
    _attention,
    _combines,
    _fold,
    _fold_clusters,
    _fold_one,
    fold_en,
    fold_ja,
)
from tmkit.text.normalize.latin import (  # noqa: F401  (the package's API)
    _CODES,
    _EMAIL,
    _LATIN_WORD,
    _URL,
    _URL_TRAILING,
    LATIN_WORD_CHARS,
    LatinToken,
    _addresses,
    find_latin,
    has_address_hint,
    latin_tokens,
    mask_addresses,
    may_hold_latin,
)
from tmkit.text.normalize.numbers_en import (  # noqa: F401  (the package's API)
    _AND_A_HALF,
    _EN_DIGITS,
    _EN_ORDINALS,
    _EN_SCALES,
    _EN_SPECIAL,
    _EN_UNITS,
    _EN_WORD,
    _IN_TEN,
    _ROMAN,
    _UNIT_ONE,
    MONTHS,
    UNIT_ONE_WORDS,
    _one_value,
    _word_value,
    _words_to_values,
    en_digit_values,
    en_numbers,
    en_readings,
    fact_in,
    number_in,
    writes_digits,
)
from tmkit.text.normalize.numbers_ja import (  # noqa: F401  (the package's API)
    _ARABIC,
    _CJK_IDEOGRAPH,
    _ERA,
    _FRACTION,
    _KANJI_DIGITS_AND_UNITS,
    _KANJI_NUM_CHARS,
    _KANJI_PREFIX_OK,
    _NUM_EXPR,
    _WARI,
    BIG_UNITS,
    ERAS,
    KANJI_COUNTERS,
    KANJI_DIGITS,
    SMALL_UNITS,
    NumberFact,
    _followed_by_counter,
    _has_arabic,
    _parse_arabic,
    ja_numbers,
    parse_ja_number,
    plain_digit_runs,
)
from tmkit.text.normalize.width import (  # noqa: F401  (the package's API)
    _FULLWIDTH_OFFSET,
    _WIDE,
    _WIDTH_TABLE,
    fold_width,
)
