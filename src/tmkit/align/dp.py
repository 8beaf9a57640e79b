"""Banded dynamic programming over beads (Gale–Church style), with posteriors.

An alignment of ``n`` Japanese units with ``m`` English units is a path from
``(0, 0)`` to ``(n, m)`` made of beads ``(di, dj)``: 1-1, 1-0, 0-1, 2-1, 1-2,
2-2 (and whatever else the caller allows). A bead taking units ``i..i+di`` and
``j..j+dj`` costs ``cost(i, j, di, dj)`` (a negative log probability); the
best path minimises the sum.

Only cells near an expected path are filled: row ``i`` keeps the columns
within ``width`` of ``center[i]`` (the caller's guess, usually where the
cumulative lengths agree). That makes the work ``O(n * width * beads)``. When
the best path runs along the edge of the band, the band may have cut off a
better one, so the width is doubled and the search redone.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Bead = tuple[int, int]
CostFn = Callable[[int, int, int, int], float]

#: Gale and Church's bead set.
STANDARD_BEADS: tuple[Bead, ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))

INF = math.inf


@dataclass(frozen=True, slots=True)
class Step:
    """One bead of a path: Japanese units ``i..i+di``, English units ``j..j+dj``."""

    i: int
    j: int
    di: int
    dj: int
    cost: float
    #: posterior probability that this bead is in the alignment (None if not computed)
    posterior: float | None = None


@dataclass(frozen=True, slots=True)
class Path:
    steps: tuple[Step, ...]
    cost: float
    #: the band half-width that produced it (0 means unbanded)
    width: int


def band_rows(n: int, m: int, center: Sequence[float], width: int) -> tuple[list[int], list[int]]:
    """Per row ``i`` (0..n) the inclusive column range ``[lo, hi]`` kept."""
    lo = [0] * (n + 1)
    hi = [0] * (n + 1)
    for i in range(n + 1):
        c = center[i]
        lo[i] = max(0, math.floor(c) - width)
        hi[i] = min(m, math.ceil(c) + width)
    lo[0], hi[n] = 0, m
    # Rows must overlap their neighbours, or no bead could connect them.
    for i in range(1, n + 1):
        if lo[i] > hi[i - 1] + 2:
            lo[i] = hi[i - 1]
        if hi[i] < lo[i]:
            hi[i] = lo[i]
    for i in range(n - 1, -1, -1):
        if hi[i] < lo[i + 1] - 2:
            hi[i] = lo[i + 1]
        lo[i] = min(lo[i], hi[i])
    return lo, hi


def diagonal(n: int, m: int) -> list[float]:
    return [i * m / n if n else 0.0 for i in range(n + 1)]


def length_center(ja_lengths: Sequence[int], en_lengths: Sequence[int]) -> list[float]:
    """Expected English position after each Japanese unit, from cumulative lengths.

    Where the first ``i`` Japanese units end, the English should have used the
    same share of its total length; the (fractional) index where it does is the
    band's center for row ``i``. Local splits and merges move both sides alike,
    so this tracks the true path far better than the index diagonal.
    """
    n, m = len(ja_lengths), len(en_lengths)
    total_ja = sum(ja_lengths) or 1
    total_en = sum(en_lengths) or 1
    center = [0.0] * (n + 1)
    cum_en = [0.0]
    for length in en_lengths:
        cum_en.append(cum_en[-1] + length / total_en)
    j = 0
    cum = 0.0
    for i in range(1, n + 1):
        cum += ja_lengths[i - 1] / total_ja
        while j < m and cum_en[j + 1] < cum:
            j += 1
        if j >= m:
            center[i] = float(m)
            continue
        span = cum_en[j + 1] - cum_en[j]
        center[i] = j + ((cum - cum_en[j]) / span if span > 0 else 0.0)
    center[n] = float(m)
    return center


def viterbi(
    n: int,
    m: int,
    cost: CostFn,
    beads: Sequence[Bead] = STANDARD_BEADS,
    center: Sequence[float] | None = None,
    width: int = 0,
    posteriors: bool = False,
) -> Path:
    """The least-cost path; banded around ``center`` when ``width`` > 0.

    The band widens (doubling) until the path stays off its edges or covers
    everything. With ``posteriors``, every step also gets the probability of
    its bead under the distribution ``exp(-cost)`` over all paths in the band
    (forward–backward); costs are then cached, so keep it for small problems
    or narrow bands.
    """
    if center is None:
        center = diagonal(n, m)
    full = width <= 0 or width >= max(n, m)
    while True:
        w = max(n, m) + 2 if full else width
        lo, hi = band_rows(n, m, center, w)
        path = _viterbi_band(n, m, cost, beads, lo, hi, posteriors)
        if full or (path is not None and not _touches_edge(path, lo, hi, m)):
            break
        width *= 2
        full = width >= max(n, m)
    if path is None:
        raise ValueError(f"no alignment path with beads {beads} for {n}x{m}")
    return Path(path[0], path[1], 0 if full else w)


def _touches_edge(
    path: tuple[tuple[Step, ...], float], lo: list[int], hi: list[int], m: int
) -> bool:
    for step in path[0]:
        i, j = step.i, step.j
        if (j == lo[i] and j > 0) or (j == hi[i] and j < m):
            return True
    return False


def _viterbi_band(
    n: int,
    m: int,
    cost: CostFn,
    beads: Sequence[Bead],
    lo: list[int],
    hi: list[int],
    posteriors: bool,
) -> tuple[tuple[Step, ...], float] | None:
    best = [array("d", [INF]) * (hi[i] - lo[i] + 1) for i in range(n + 1)]
    back = [array("b", [-1]) * (hi[i] - lo[i] + 1) for i in range(n + 1)]
    nb = len(beads)
    # Per row, the cost of every bead ending in each cell (kept for forward-backward).
    costs = (
        [array("d", [INF]) * ((hi[i] - lo[i] + 1) * nb) for i in range(n + 1)]
        if posteriors
        else None
    )
    best[0][0] = 0.0
    for i in range(n + 1):
        row_lo = lo[i]
        row = best[i]
        row_back = back[i]
        row_costs = costs[i] if costs is not None else None
        for j in range(row_lo, hi[i] + 1):
            here = row[j - row_lo]
            for k, (di, dj) in enumerate(beads):
                pi = i - di
                pj = j - dj
                if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                prev = best[pi][pj - lo[pi]]
                if prev == INF:
                    continue
                c = cost(pi, pj, di, dj)
                if row_costs is not None:
                    row_costs[(j - row_lo) * nb + k] = c
                total = prev + c
                if total < here:
                    here = total
                    row_back[j - row_lo] = k
            row[j - row_lo] = here
    final = best[n][m - lo[n]]
    if final == INF:
        return None
    steps: list[tuple[int, int, int, int, float]] = []
    i, j = n, m
    while i or j:
        k = back[i][j - lo[i]]
        di, dj = beads[k]
        pi, pj = i - di, j - dj
        steps.append((pi, pj, di, dj, best[i][j - lo[i]] - best[pi][pj - lo[pi]]))
        i, j = pi, pj
    steps.reverse()
    if costs is None:
        return tuple(Step(*s) for s in steps), final
    post = _posteriors(n, m, beads, lo, hi, costs, steps)
    return tuple(Step(*s, posterior=p) for s, p in zip(steps, post, strict=True)), final


def _logaddexp_neg(a: float, b: float) -> float:
    """-log(exp(-a) + exp(-b))."""
    if a == INF:
        return b
    if b == INF:
        return a
    if a < b:
        return a - math.log1p(math.exp(a - b))
    return b - math.log1p(math.exp(b - a))


def _posteriors(
    n: int,
    m: int,
    beads: Sequence[Bead],
    lo: list[int],
    hi: list[int],
    costs: list[array],
    steps: list[tuple[int, int, int, int, float]],
) -> list[float]:
    """P(bead) = exp(-(alpha[start] + cost + beta[end]) + alpha[n, m]), costs in nats.

    ``costs[i][(j - lo[i]) * len(beads) + k]`` is the cost of bead ``k`` ending at ``(i, j)``.
    """
    nb = len(beads)
    alpha = [array("d", [INF]) * (hi[i] - lo[i] + 1) for i in range(n + 1)]
    beta = [array("d", [INF]) * (hi[i] - lo[i] + 1) for i in range(n + 1)]
    alpha[0][0] = 0.0
    for i in range(n + 1):
        row_costs = costs[i]
        for j in range(lo[i], hi[i] + 1):
            acc = alpha[i][j - lo[i]]
            base = (j - lo[i]) * nb
            for k, (di, dj) in enumerate(beads):
                c = row_costs[base + k]
                if c == INF:
                    continue
                prev = alpha[i - di][j - dj - lo[i - di]]
                if prev != INF:
                    acc = _logaddexp_neg(acc, prev + c)
            alpha[i][j - lo[i]] = acc
    beta[n][m - lo[n]] = 0.0
    for i in range(n, -1, -1):
        for j in range(hi[i], lo[i] - 1, -1):
            acc = beta[i][j - lo[i]]
            for k, (di, dj) in enumerate(beads):
                ni, nj = i + di, j + dj
                if ni > n or nj < lo[ni] or nj > hi[ni]:
                    continue
                c = costs[ni][(nj - lo[ni]) * nb + k]
                if c == INF:
                    continue
                nxt = beta[ni][nj - lo[ni]]
                if nxt != INF:
                    acc = _logaddexp_neg(acc, nxt + c)
            beta[i][j - lo[i]] = acc
    total = alpha[n][m - lo[n]]
    out = []
    for i, j, di, dj, c in steps:
        ni, nj = i + di, j + dj
        score = alpha[i][j - lo[i]] + c + beta[ni][nj - lo[ni]] - total
        out.append(min(1.0, math.exp(-score)))
    return out
