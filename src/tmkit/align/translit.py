"""Transliteration anchors: katakana loanwords and proper-noun readings against English words.

Without a bilingual dictionary the aligner still sees many shared words:
フロート/float, センサー/sensor, ダイバーシティー/diversity, and names whose
MeCab (ipadic) reading romanizes to the English spelling: 根室 (ネムロ)/Nemuro,
坂口 (サカグチ)/Sakaguchi, 「しらかば」/Shirakaba.

Both sides are reduced to a *consonant skeleton* that survives the way Japanese
borrows words: vowels dropped (katakana adds them, ー lengthens them), doubled
consonants collapsed, l→r, v→b, z→s, ph→f, th→s, x→ks, ck/q/hard c→k, soft
c→s, g before e/i→j, w and y dropped. An English word also gives a variant
without an r after a vowel (smartphone = スマートフォン, sensor = センサー).
Only skeletons of three consonants or more count: shorter ones match by chance.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ROMAJI = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n", "ヴ": "bu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
    "ャ": "ya", "ュ": "yu", "ョ": "yo", "ヮ": "wa",
}  # fmt: skip
_SMALL = set("ァィゥェォャュョヮ")
_KATAKANA_WORD = re.compile(r"[ァ-ヺー]{3,}")
_QUOTED_KANA = re.compile(r"[「『]([ぁ-ゖァ-ヺー]{3,})[」』]")
_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
_VOWELS = set("aeiouy")


def hiragana_to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def romanize(katakana: str) -> str:
    """Hepburn-like romaji of katakana (ッ doubles the next consonant, ー is dropped)."""
    out: list[str] = []
    double = False
    for ch in katakana:
        if ch == "ッ":
            double = True
            continue
        if ch == "ー":
            continue
        roman = _ROMAJI.get(ch)
        if roman is None:
            continue
        if ch in _SMALL and out and out[-1][-1:] in ("i", "u", "e", "o"):
            # キャ = kya, シェ = she, ティ = ti, フォ = fo: the small kana replaces the vowel
            prev = out.pop()
            roman = (
                prev[:-1] + roman[-1] if roman in ("a", "i", "u", "e", "o") else prev[:-1] + roman
            )
        if double and roman[0] not in _VOWELS:
            roman = roman[0] + roman
        double = False
        out.append(roman)
    return "".join(out)


_RULES = (
    ("ph", "f"),
    ("th", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("ck", "k"),
    ("tz", "ts"),
    ("x", "ks"),
    ("q", "k"),
)


def skeleton(word: str) -> str:
    """The consonant skeleton of a romanized or English word (see the module docstring)."""
    w = word.lower()
    w = re.sub(r"g(?=[eiy])", "j", w)
    w = re.sub(r"c(?=[eiy])", "s", w)
    for old, new in _RULES:
        w = w.replace(old, new)
    w = w.replace("c", "k").translate(str.maketrans("lvz", "rbs"))
    w = re.sub(r"m(?=[bp])", "n", w)
    out: list[str] = []
    for i, ch in enumerate(w):
        if ch in _VOWELS or ch == "w" or not ch.isalpha():
            continue
        if ch == "h" and i > 0:
            continue  # h inside a word is left of a digraph, or silent
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def english_keys(text: str) -> frozenset[str]:
    keys: set[str] = set()
    for word in _ENGLISH_WORD.findall(text):
        keys.update(_word_keys(word))
    return frozenset(keys)


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, ...]:
    # English repeats its words: a document of 20,000 sentences has far fewer types.
    keys = [skeleton(word), skeleton(_R_AFTER_VOWEL.sub("", word.lower()))]
    return tuple(k for k in dict.fromkeys(keys) if len(k) >= 3)


_R_AFTER_VOWEL = re.compile(r"(?<=[aeiou])r(?![aeiou])")


@lru_cache(maxsize=1)
def _tagger():
    try:
        import fugashi
        import ipadic
    except ImportError:  # pragma: no cover - both are tmkit dependencies
        return None
    return fugashi.GenericTagger(ipadic.MECAB_ARGS)


def japanese_keys(text: str) -> frozenset[str]:
    """Skeletons of the katakana words, quoted kana names and proper-noun readings of ``text``."""
    words: list[str] = []
    for match in _KATAKANA_WORD.finditer(text):
        words.append(match.group())
    for match in _QUOTED_KANA.finditer(text):
        words.append(hiragana_to_katakana(match.group(1)))
    tagger = _tagger()
    if tagger is not None and any("\u4e00" <= ch <= "\u9fff" for ch in text):
        for token in tagger(text):
            feature = token.feature
            if len(feature) > 7 and feature[1] == "固有名詞" and feature[7] != "*":
                words.append(feature[7])
    keys = set()
    for word in words:
        for part in word.split("・"):
            key = skeleton(romanize(part))
            if len(key) >= 3:
                keys.add(key)
    return frozenset(keys)
