"""The fast folding functions equal the per-character loops they replaced.

`fold_width` became one ``str.translate``; `fold_ja`/`fold_en` on text that is
not NFKC copy runs of unchanged chars whole. The reference implementations below
are the loops as they were (commit 864a78b); hypothesis and a table of hard cases
(half-width kana with voiced marks, combining accents, compatibility ligatures,
whitespace runs, astral chars) show they agree char for char and offset for offset.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.text.normalize import _ALNUM_ASCII, _APOSTROPHES, _HYPHENS, fold_en, fold_ja, fold_width


def reference_fold_width(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - (0xFF01 - 0x21)))
        elif code == 0x3000:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _combines(ch: str) -> bool:
    if unicodedata.combining(ch):
        return True
    code = ord(ch)
    return code in (0xFF9E, 0xFF9F) or 0x3099 <= code <= 0x309A


def reference_clusters(text: str, drop_spaces: bool) -> tuple[str, list[int], list[int]]:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch.isspace():
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            if not drop_spaces or (
                out
                and out[-1] in _ALNUM_ASCII
                and j < n
                and unicodedata.normalize("NFKC", text[j])[:1] in _ALNUM_ASCII
            ):
                out.append(" ")
                starts.append(i)
                ends.append(j)
            i = j
            continue
        j = i + 1
        while j < n and _combines(text[j]):
            j += 1
        folded = unicodedata.normalize("NFKC", text[i:j]).translate(_HYPHENS)
        if not drop_spaces:
            folded = folded.translate(_APOSTROPHES)
        for c in folded:
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


HARD = [
    "ｶﾞｷﾞｸﾞ（ＱＳＴ）　２０２３年",
    "か\u3099き\u309a ｶﾞ",
    "e\u0301te\u0301 ﬁne ㈱ ㍻",
    "\u0301starts with a mark",
    "A\u3000\u3000B 小安　重夫 QST X",
    "JT\u201060SA\uff0d1 Koyasu\u2019s",
    "𠮷野家（ｙｏｓｈｉｎｏｙａ）\U0001f600",
    "ｱｲｳ\n\t ｴｵ ABC",
    "Ⅻ ① ½ ｶﾟ",
]

TEXT = st.text(
    alphabet=st.sampled_from(
        list("aZ09 \t\u3000\n-'")
        + list("あかがアカｱｶﾞﾟ\u3099\u309a\u0301\u0308ÉﬁⅫ①½㈱")
        + list("ＡＢ１２（）！\uff0d\u2010\u2019\u2018")
        + ["𠮷", "\U0001f600", "한", "\u1100", "\u1161"]
    ),
    max_size=40,
)


def _same(text: str) -> None:
    for fold, drop in ((fold_ja, True), (fold_en, False)):
        got = fold(text)
        if not unicodedata.is_normalized("NFKC", text):
            want, starts, ends = reference_clusters(text, drop)
            assert got.text == want
            spans = [got.span(i, i + 1) for i in range(len(got.text))]
            assert spans == list(zip(starts, ends, strict=True))


def test_hard_cases() -> None:
    for text in HARD:
        assert fold_width(text) == reference_fold_width(text)
        _same(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_folds_agree_with_the_loops(text: str) -> None:
    assert fold_width(text) == reference_fold_width(text)
    _same(text)
