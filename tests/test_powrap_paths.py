"""The per-line fast path of the PO line breaker equals the general loop, which ports
libunistring's ``u8_width_linebreaks`` line for line (and is itself checked against
msgcat and libunistring in test_po_wrap.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.formats.powrap import (
    POSSIBLE,
    PROHIBITED,
    UNDEFINED,
    break_positions,
    possible_breaks,
    width_breaks,
)

JAPANESE = list("量子科学技術研究開発機構はのをにがでと、。「」（）()・ーッャュョァ々〇")
ASCII = list("abcXYZ019 -/.,:;!?'\"%")
MIXED = JAPANESE + ASCII + list("　×～…―—–€é🙂\t")

texts = st.text(alphabet=st.sampled_from(MIXED), max_size=160) | st.text(max_size=80)


def general(text: str, width: int, start: int, overrides: dict[int, int] | None) -> list[int]:
    per_char = None
    if overrides:
        per_char = [overrides.get(i, UNDEFINED) for i in range(len(text))]
    return [i for i, brk in enumerate(width_breaks(text, width, start, per_char)) if brk]


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(min_value=1, max_value=120), st.integers(min_value=0, max_value=30))
def test_fast_path_equals_the_general_loop(text, width, start):
    assert break_positions(text, width, start) == general(text, width, start, None)


@settings(max_examples=200, deadline=None)
@given(
    texts,
    st.integers(min_value=5, max_value=90),
    st.data(),
)
def test_fast_path_honours_overrides(text, width, data):
    if not text:
        return
    indices = data.draw(st.lists(st.integers(0, len(text) - 1), max_size=6, unique=True))
    overrides = {i: data.draw(st.sampled_from([PROHIBITED, POSSIBLE])) for i in indices}
    assert break_positions(text, width, 0, overrides) == general(text, width, 0, overrides)


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(min_value=1, max_value=100))
def test_forcing_the_general_loop_gives_the_same_breaks(text, width):
    marks = possible_breaks(text)
    assert break_positions(text, width, 0, marks=marks) == break_positions(text, width, 0)
