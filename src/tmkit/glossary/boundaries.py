"""Word boundaries for short CJK glossary terms: is a hit a word, or part of another one?

Japanese has no spaces, so a two-kanji abbreviation such as 原研 (JAERI) occurs
inside 草原研究 ("grassland research": 草原|研究), and 京都 inside 東京都. A hit of
a *short* term (≤ ``SHORT_TERM`` characters, or a term whose TBX termType is an
abbreviation, acronym or short form) is therefore checked at each edge where
nothing in the script says "word boundary". The signals, cheapest first:

1. **Script edges.** Kanji next to kana, katakana next to hiragana, anything next
   to punctuation, Latin or digits: a boundary (量子メス研究 has 研究 as a word).
2. **MeCab tokens** (ipadic): an edge that falls on a token boundary of the best
   segmentation of the surrounding run of Japanese text is a boundary.
3. **Dictionary compounds and segmentation cost.** Otherwise, either a token
   *straddles* the edge (草原 crosses into 原研) or a dictionary compound
   *contains* the whole hit (研究所, 東京大学, 世界中). MeCab then parses the run
   again with the hit's edges forced (``草 原研 究``); the extra path cost says how
   much less plausible the text is when read with the term as a word. A straddled
   edge is accepted only when that cost is small (MeCab's own mistake:
   未|来社|会 for 未来社会); a containing compound when it is moderate (研究 in
   研究所 is a word; 原研 in 草原研究 is not).
4. **Hiragana words.** MeCab splits a hiragana word it does not know into known
   pieces (がんこ = がん|こ), so between two hiragana a cut counts only when a
   particle or auxiliary follows the term (がんの, がんです) and no noun precedes it.
5. **termType and script.** Abbreviations are almost never a legitimate part of
   a longer kanji word, and a run of kana is one phonetic word (セル in セルロース,
   がん in がんばる), so each has thresholds of its own.

The thresholds are learned from ``tests/data/checks/boundaries.tsv`` by
``tests/tools/tune_boundaries.py`` on the training split only; the held-out split
reports how well they generalise (see `THRESHOLDS`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

#: a CJK term of at most this many characters is "short"
SHORT_TERM = 3
#: termType values that mark a term as short whatever its length
SHORT_TERM_TYPES = frozenset({"abbreviation", "acronym", "shortForm"})

#: (straddle, contained) path-cost allowances per kind of hit, learned on the training
#: split of tests/data/checks/boundaries.tsv by tests/tools/tune_boundaries.py --tune
#: (one straddle limit for all: it measures MeCab's confidence, not the term).
#: Train (155 cases): P 0.981 R 1.000; held out (67): P 0.975 R 1.000
#: (without the rule: P 0.677 / 0.582).
THRESHOLDS: dict[str, tuple[int, int]] = {
    "term": (1500, 8000),
    "abbreviation": (1500, 1500),
    "kana": (1500, 2000),
}


def script(ch: str) -> str:
    """kanji, hiragana, katakana or other (the classes whose joins say nothing)."""
    code = ord(ch)
    if 0x3041 <= code <= 0x309F:
        return "hiragana"
    if 0x30A1 <= code <= 0x30FA or code in (0x30FC, 0x30FD, 0x30FE) or 0xFF66 <= code <= 0xFF9D:
        return "katakana"
    if (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or ch in "々〆ヶヵ"
    ):
        return "kanji"
    return "other"


def open_edge(text: str, pos: int) -> bool:
    """Is there no script evidence of a boundary between text[pos-1] and text[pos]?"""
    if pos <= 0 or pos >= len(text):
        return False
    left, right = script(text[pos - 1]), script(text[pos])
    return left == right and left != "other"


class EdgeFeatures(NamedTuple):
    """What the boundary decision looks at, for one hit (also what the tuner records)."""

    aligned: bool  # every open edge is a MeCab token boundary
    straddle: bool  # a token crosses an open edge and ends inside the hit
    cost: int  # path cost of forcing the hit's edges, over the best path
    kana: bool = False  # an edge MeCab does not cut lies between two kana
    glued: bool = False  # a hiragana term cut off from a hiragana content word (がん|こ)


class _Mecab:
    """MeCab (ipadic) returning token boundaries and the path cost of a parse."""

    def __init__(self) -> None:
        import fugashi
        import ipadic

        # One token per line as "surface<TAB>part of speech", then the path cost.
        self._tagger = fugashi.GenericTagger(
            ipadic.MECAB_ARGS + r" -F%m\\t%f[0]\\n -U%m\\t未知\\n -E=%pc\\n"
        )

    def parse(self, text: str) -> tuple[list[tuple[str, str]], int]:
        """(surface, part of speech) per token, and the path cost of the parse."""
        out = self._tagger.parse(text)
        cost = 0
        tokens = []
        for line in out.split("\n"):
            if line.startswith("=") and line[1:].lstrip("-").isdigit():
                cost = int(line[1:])
            elif line:
                surface, _, pos = line.partition("\t")
                tokens.append((surface, pos))
        return tokens, cost


_MECAB: _Mecab | None = None


def _mecab() -> _Mecab:
    global _MECAB
    if _MECAB is None:
        _MECAB = _Mecab()
    return _MECAB


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of Japanese (kana/kanji) text around [start, end)."""
    lo, hi = start, end
    while lo > 0 and script(text[lo - 1]) != "other":
        lo -= 1
    while hi < len(text) and script(text[hi]) != "other":
        hi += 1
    return lo, hi


@lru_cache(maxsize=8192)
def _best(run: str) -> tuple[tuple[int, ...], tuple[str, ...], int]:
    """Token boundaries of the best parse (0 … len), each token's part of speech, the cost."""
    tokens, cost = _mecab().parse(run)
    cuts = [0]
    pos = 0
    for surface, _ in tokens:
        found = run.find(surface, pos)
        pos = (found if found >= 0 else pos) + len(surface)
        cuts.append(pos)
    return tuple(cuts), tuple(p for _, p in tokens), cost


@lru_cache(maxsize=8192)
def _forced_cost(run: str, start: int, end: int) -> int:
    forced = " ".join(p for p in (run[:start], run[start:end], run[end:]) if p)
    return _mecab().parse(forced)[1]


def edge_features(text: str, start: int, end: int) -> EdgeFeatures | None:
    """Features of the hit text[start:end], or None when script alone shows both edges."""
    edges = [p for p in (start, end) if open_edge(text, p)]
    if not edges:
        return None
    lo, hi = _window(text, start, end)
    run = text[lo:hi]
    s, e = start - lo, end - lo
    cuts, tags, best = _best(run)
    cut_set = set(cuts)
    missing = [p - lo for p in edges if p - lo not in cut_set]
    if not missing:
        glued = any(_glued_hiragana(run, cuts, tags, p - lo, p == start) for p in edges)
        return EdgeFeatures(not glued, False, 0, glued, glued)
    # A token crossing a missing edge: does it end (or start) inside the hit?
    straddle = False
    for p in missing:
        before = max(c for c in cuts if c < p)
        after = min(c for c in cuts if c > p)
        if (p == s and after < e) or (p == e and before > s):
            straddle = True
    kana = any(script(run[p - 1]) != "kanji" for p in missing)
    return EdgeFeatures(False, straddle, _forced_cost(run, s, e) - best, kana)


#: what may follow a hiragana word inside a run of hiragana (がんの, がんです)
_AFTER_HIRAGANA_WORD = frozenset({"助詞", "助動詞", "記号"})


def _glued_hiragana(run: str, cuts: tuple[int, ...], tags: tuple[str, ...], p: int, left: bool):
    """A cut between two hiragana that still glues the term to a content word: a noun
    before it, or anything but a particle or auxiliary after it (がん|こ in がんこ).
    Hiragana words are short and MeCab splits unknown ones into known pieces."""
    if not (0 < p < len(run)) or script(run[p - 1]) != "hiragana" or script(run[p]) != "hiragana":
        return False
    index = cuts.index(p)
    if left:
        return tags[index - 1] == "名詞"
    return tags[index] not in _AFTER_HIRAGANA_WORD


def is_short(folded: str, term_type: str = "") -> bool:
    """Does a term (folded text) get the boundary check?"""
    if term_type in SHORT_TERM_TYPES:
        return any(script(c) != "other" for c in folded)
    return 0 < len(folded) <= SHORT_TERM and all(script(c) != "other" for c in folded)


def decide(features: EdgeFeatures | None, abbreviation: bool = False) -> bool:
    """Is the hit a word of its own? (the learned rule)"""
    if features is None or features.aligned:
        return True
    if features.glued:
        return False
    kind = "abbreviation" if abbreviation else "kana" if features.kana else "term"
    straddle_max, contained_max = THRESHOLDS[kind]
    limit = straddle_max if features.straddle else contained_max
    return features.cost <= limit


def accepts(text: str, start: int, end: int, abbreviation: bool = False) -> bool:
    """Does the short-term hit text[start:end] stand as a word of its own?"""
    return decide(edge_features(text, start, end), abbreviation)


def explain(text: str, start: int, end: int) -> dict[str, Any]:
    """The features as a dict (for the tuner and for debugging a decision)."""
    f = edge_features(text, start, end)
    return {"script": f is None} if f is None else {"script": False, **f._asdict()}
