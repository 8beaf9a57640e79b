"""Hypothesis strategies for fuzz inputs: mutated seed files, spliced syntax tokens,
pathological shapes (deep nesting, long lines, many repeats) and plain random bytes."""

from __future__ import annotations

from hypothesis import strategies as st

ENCODINGS = ("utf-8", "utf-16", "utf-16-le", "cp932", "latin-1")


def _insert(data: bytes, pos: int, chunk: bytes) -> bytes:
    return data[:pos] + chunk + data[pos:]


@st.composite
def mutation(draw, tokens: tuple[bytes, ...]):
    # Mostly changes that keep the file near its syntax (tokens, duplicated or dropped
    # lines), so the readers get past their first line; a few byte-level ones.
    kind = draw(
        st.sampled_from(
            (
                "token",
                "token",
                "token",
                "line",
                "line",
                "dup",
                "delete",
                "flip",
                "bytes",
                "truncate",
            )
        )
    )
    pos = draw(st.floats(0, 1))
    span = draw(st.integers(1, 64))
    count = draw(st.integers(1, 4))
    token = draw(st.sampled_from(tokens)) if tokens else b"<"
    noise = draw(st.binary(min_size=1, max_size=16))

    def apply(data: bytes) -> bytes:
        at = int(pos * len(data))
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            return data[:at] + bytes([data[at] ^ (1 << (span % 8))]) + data[at + 1 :]
        if kind == "delete":
            return data[:at] + data[at + span :]
        if kind == "dup":
            return _insert(data, at, data[at : at + span] * count)
        if kind == "truncate":
            return data[:at]
        if kind == "token":
            return _insert(data, at, token * count)
        if kind == "line":  # a token at the start of a line
            start = data.rfind(b"\n", 0, at) + 1
            return _insert(data, start, token * count)
        return _insert(data, at, noise)

    return apply


@st.composite
def pathological(draw, tokens: tuple[bytes, ...]):
    """Big or deep shapes (kept a few hundred KB so a batch stays fast)."""
    token = draw(st.sampled_from(tokens)) if tokens else b"x"
    repeat = draw(st.sampled_from((1_000, 10_000, 50_000)))
    return token * (repeat // max(1, len(token)))


def fuzz_input(seeds: tuple[bytes, ...], tokens: tuple[str, ...]):
    """One input: mostly a mutated seed, sometimes a re-encoded one, random or huge."""
    raw_tokens = tuple(t.encode("utf-8", "surrogateescape") for t in tokens)

    @st.composite
    def mutated(draw):
        data = draw(st.sampled_from(seeds))
        if draw(st.integers(0, 9)) == 0:
            encoding = draw(st.sampled_from(ENCODINGS))
            data = data.decode("utf-8", "replace").encode(encoding, "replace")
        for apply in draw(st.lists(mutation(raw_tokens), min_size=1, max_size=3)):
            data = apply(data)
        return data

    @st.composite
    def seed_with_bulk(draw):
        data = draw(st.sampled_from(seeds))
        at = int(draw(st.floats(0, 1)) * len(data))
        return _insert(data, at, draw(pathological(raw_tokens)))

    return st.one_of(
        mutated(),
        mutated(),
        mutated(),
        mutated(),
        seed_with_bulk(),
        st.binary(max_size=2048),
        st.text(max_size=512).map(lambda t: t.encode("utf-8", "surrogatepass")),
    )
