"""Two-pass sentence alignment of a Japanese document with its English translation.

Pass 1 aligns paragraphs (blocks) with the bead DP of `tmkit.align.dp`; pass 2
aligns the sentences inside each group of aligned paragraphs. Both passes
price a bead as

    -log prior(bead type) + length cost (Gale–Church) + anchor cost
    (+ an optional pluggable similarity scorer)

(1-0 and 0-1 beads: prior + a small cost per character, see
`_BeadCost.omission_cost`). Each pass also computes each bead's posterior
probability (forward–backward over the band); a pair's confidence is its
sentence posterior times its paragraph group's posterior times an absolute
check (lengths beyond 2.5 sigma, anchors found on one side only).

Paragraphs are used only when the two documents' paragraphs correspond
(`PARAGRAPH_TRUST`); otherwise one sentence pass covers the whole documents.

`gale_church` is the plain baseline the benchmark and the tests compare
against: one sentence-level pass over the whole documents, length cost and
priors only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tmkit.align.anchors import (
    AnchorWeights,
    ConceptFinder,
    Features,
    features_of,
    matched_anchors,
    union,
)
from tmkit.align.dp import STANDARD_BEADS, Bead, length_center, viterbi
from tmkit.align.length import LengthModel, char_length, ja_length
from tmkit.align.sentences import Side
from tmkit.model.progress import Progress, stage, ticked
from tmkit.text.length import (
    INTERVIEW_C,
    INTERVIEW_PAIRS,
    INTERVIEW_RATIO_MEAN,
    INTERVIEW_RATIO_VARIANCE,
    INTERVIEW_S2,
)

#: c and s2 fitted on the QST interview's 180 segment pairs (see tmkit.align.length).
INTERVIEW_MODEL = LengthModel(
    INTERVIEW_C, INTERVIEW_S2, INTERVIEW_RATIO_MEAN, INTERVIEW_RATIO_VARIANCE, INTERVIEW_PAIRS
)

#: Gale and Church's bead priors (1993, table 5): the baseline's.
GALE_CHURCH_PRIORS: dict[Bead, float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099,
    (0, 1): 0.0099,
    (2, 1): 0.089,
    (1, 2): 0.089,
    (2, 2): 0.011,
}
#: tmkit's sentence priors: omissions priced by `_BeadCost.omission_cost` need a
#: larger share than Gale and Church's 1% (their 1-0 beads also paid for length).
SENTENCE_PRIORS: dict[Bead, float] = {
    (1, 1): 0.85,
    (1, 0): 0.025,
    (0, 1): 0.025,
    (2, 1): 0.045,
    (1, 2): 0.045,
    (2, 2): 0.01,
}
#: Paragraphs: mostly one for one; merged or split paragraphs and dropped ones are rare.
PARAGRAPH_PRIORS: dict[Bead, float] = {
    (1, 1): 0.94,
    (1, 0): 0.005,
    (0, 1): 0.005,
    (2, 1): 0.02,
    (1, 2): 0.02,
    (2, 2): 0.004,
    (3, 1): 0.003,
    (1, 3): 0.003,
}


#: Share of paragraphs (count ratio, and 1-1 beads among paragraph beads) below which
#: the paragraph pass is not trusted and one sentence pass covers the documents.
PARAGRAPH_TRUST = 0.8


class SimilarityScorer(Protocol):
    """A pluggable sentence-similarity model (embeddings, a dictionary, …).

    Returns a cost in nats to add to a bead: negative when the texts look like
    translations of each other, positive when they do not, 0 when it cannot
    tell. tmkit ships none; the aligner works without.
    """

    def __call__(self, ja: Sequence[str], en: Sequence[str]) -> float: ...


@dataclass(frozen=True, slots=True)
class AlignOptions:
    model: LengthModel = INTERVIEW_MODEL
    weights: AnchorWeights = field(default_factory=AnchorWeights)
    sentence_priors: dict[Bead, float] = field(default_factory=lambda: dict(SENTENCE_PRIORS))
    paragraph_priors: dict[Bead, float] = field(default_factory=lambda: dict(PARAGRAPH_PRIORS))
    #: initial band half-width in sentences; doubled while the path touches the band
    width: int = 24
    #: the same for the paragraph pass (paragraphs drift less from the length diagonal)
    paragraph_width: int = 8
    paragraphs: bool = True
    anchors: bool = True
    #: cost per Japanese character of a 1-0/0-1 bead (None: Gale–Church's length cost)
    omission: float | None = 0.03
    #: beads below this confidence are flagged for review
    review_below: float = 0.6


@dataclass(frozen=True, slots=True)
class AlignedBead:
    """Japanese sentence indices ``ja`` aligned with English sentence indices ``en``."""

    ja: tuple[int, ...]
    en: tuple[int, ...]
    confidence: float
    cost: float = 0.0

    @property
    def kind(self) -> str:
        return f"{len(self.ja)}-{len(self.en)}"

    def links(self) -> list[tuple[int, int]]:
        return [(i, j) for i in self.ja for j in self.en]


@dataclass(frozen=True, slots=True)
class Alignment:
    ja: Side
    en: Side
    beads: tuple[AlignedBead, ...]
    review_below: float = 0.6

    def links(self) -> set[tuple[int, int]]:
        return {link for bead in self.beads for link in bead.links()}

    def review(self) -> list[AlignedBead]:
        return [b for b in self.beads if b.ja and b.en and b.confidence < self.review_below]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for bead in self.beads:
            out[bead.kind] = out.get(bead.kind, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


class _Units:
    """One side's units (sentences or paragraphs) as lengths and features, with prefix sums."""

    def __init__(self, lengths: list[float], features: list[Features], texts: list[list[str]]):
        self.lengths = lengths
        self.features = features
        self.texts = texts
        self.prefix = [0.0]
        for length in lengths:
            self.prefix.append(self.prefix[-1] + length)
        self._unions: dict[tuple[int, int], Features] = {}

    def chars(self, i: int, d: int) -> float:
        return self.prefix[i + d] - self.prefix[i]

    def union(self, i: int, d: int) -> Features:
        if d == 1:
            return self.features[i]
        key = (i, d)
        got = self._unions.get(key)
        if got is None:
            got = self._unions[key] = union(self.features[i : i + d])
        return got

    def text(self, i: int, d: int) -> list[str]:
        return [t for group in self.texts[i : i + d] for t in group]


class _BeadCost:
    """The cost function handed to the DP for one pair of unit sequences."""

    def __init__(
        self,
        ja: _Units,
        en: _Units,
        model: LengthModel,
        priors: dict[Bead, float],
        weights: AnchorWeights | None,
        scorer: SimilarityScorer | None,
        omission_per_char: float | None,
    ) -> None:
        self.ja, self.en, self.model, self.weights, self.scorer = ja, en, model, weights, scorer
        self.prior_cost = {bead: -math.log(p) for bead, p in priors.items()}
        self.per_char = omission_per_char

    def omission_cost(self, ja_chars: float, en_chars: float) -> float:
        """A sentence left out costs more the longer it is (translators drop asides,
        not paragraphs' worth of content); English characters count 1/c each.

        Gale and Church price a 1-0 bead by its length mismatch as well, which makes
        any omission longer than a few words dearer than merging it into a neighbour
        as a 2-1 bead; gold sets with deliberate omissions show that is the wrong way
        round. Anchors are not counted here: a number or name with no counterpart is
        what an omission looks like.
        """
        if self.per_char is None:
            return self.model.cost(ja_chars, en_chars)
        return self.per_char * (ja_chars + en_chars / self.model.c)

    def __call__(self, i: int, j: int, di: int, dj: int) -> float:
        ja, en = self.ja, self.en
        if not di or not dj:
            return self.prior_cost[(di, dj)] + self.omission_cost(ja.chars(i, di), en.chars(j, dj))
        cost = self.prior_cost[(di, dj)] + self.model.cost(ja.chars(i, di), en.chars(j, dj))
        if self.weights is not None:
            cost += self.weights.cost(
                ja.union(i, di) if di else Features(), en.union(j, dj) if dj else Features()
            )
        if self.scorer is not None and di and dj:
            cost += self.scorer(ja.text(i, di), en.text(j, dj))
        return cost


def _measure(side: Side):
    return ja_length if side.lang.split("-")[0].lower() == "ja" else char_length


def _sentence_units(side: Side, features: list[Features], lo: int, hi: int) -> _Units:
    sentences = side.sentences[lo:hi]
    measure = _measure(side)
    return _Units(
        [measure(s.text) for s in sentences], features[lo:hi], [[s.text] for s in sentences]
    )


def _paragraph_units(side: Side, features: list[Features]) -> _Units:
    lengths, feats, texts = [], [], []
    measure = _measure(side)
    for first, stop in side.paragraphs:
        lengths.append(sum(measure(s.text) for s in side.sentences[first:stop]))
        feats.append(union(features[first:stop]))
        texts.append([s.text for s in side.sentences[first:stop]])
    return _Units(lengths, feats, texts)


def _run(units_ja: _Units, units_en: _Units, cost: _BeadCost, beads, width: int, posteriors: bool):
    n, m = len(units_ja.lengths), len(units_en.lengths)
    center = length_center(units_ja.lengths, units_en.lengths)
    return viterbi(n, m, cost, beads, center=center, width=width, posteriors=posteriors)


def align_sides(
    ja: Side,
    en: Side,
    options: AlignOptions | None = None,
    matcher=None,
    scorer: SimilarityScorer | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Align two segmented documents. ``matcher`` is an optional `GlossaryMatcher`;
    ``progress`` hears of each group of sentences aligned."""
    options = options or AlignOptions()
    concepts = ConceptFinder(matcher) if matcher is not None and options.anchors else None
    if options.anchors:
        ja_features = features_of([s.text for s in ja.sentences], True, concepts)
        en_features = features_of([s.text for s in en.sentences], False, concepts)
    else:
        ja_features = [Features()] * len(ja.sentences)
        en_features = [Features()] * len(en.sentences)
    weights = options.weights if options.anchors else None

    # Pass 1: which paragraphs go together.
    stage(progress, "aligning paragraphs")
    groups = _paragraph_groups(ja, en, ja_features, en_features, options, weights)
    if groups is None:
        groups = [(0, len(ja.sentences), 0, len(en.sentences), 1.0)]

    # Pass 2: sentences inside each paragraph group.
    beads: list[AlignedBead] = []
    sbeads = tuple(options.sentence_priors)
    for ja_lo, ja_hi, en_lo, en_hi, group_conf in ticked(
        groups, progress, "aligning sentences", len(groups), every=1
    ):
        sja = _sentence_units(ja, ja_features, ja_lo, ja_hi)
        sen = _sentence_units(en, en_features, en_lo, en_hi)
        if not sja.lengths or not sen.lengths:
            beads.extend(AlignedBead((k,), (), group_conf) for k in range(ja_lo, ja_hi))
            beads.extend(AlignedBead((), (k,), group_conf) for k in range(en_lo, en_hi))
            continue
        scost = _BeadCost(
            sja, sen, options.model, options.sentence_priors, weights, scorer, options.omission
        )
        path = _run(sja, sen, scost, sbeads, options.width, posteriors=True)
        for step in path.steps:
            ja_idx = tuple(range(ja_lo + step.i, ja_lo + step.i + step.di))
            en_idx = tuple(range(en_lo + step.j, en_lo + step.j + step.dj))
            posterior = step.posterior if step.posterior is not None else 1.0
            confidence = (
                posterior
                * group_conf
                * _evidence(
                    options.model,
                    sja.chars(step.i, step.di),
                    sen.chars(step.j, step.dj),
                    sja.union(step.i, step.di) if step.di else Features(),
                    sen.union(step.j, step.dj) if step.dj else Features(),
                )
            )
            beads.append(AlignedBead(ja_idx, en_idx, round(confidence, 4), round(step.cost, 4)))
    return Alignment(ja, en, tuple(beads), options.review_below)


def _paragraph_groups(ja, en, ja_features, en_features, options: AlignOptions, weights):
    """Pass 1: ``(ja_lo, ja_hi, en_lo, en_hi, posterior)`` sentence ranges of aligned
    paragraphs, or None when the two documents' paragraphs do not correspond.

    Paragraphs are trusted only when both sides have them in similar numbers and
    the alignment found is mostly one for one (`PARAGRAPH_TRUST`); a translation
    laid out one sentence per line, or as a single block, gets one sentence pass
    over the whole documents instead of a forced, wrong paragraph grouping.
    """
    np_ja, np_en = len(ja.paragraphs), len(en.paragraphs)
    if not options.paragraphs or min(np_ja, np_en) < 2:
        return None
    if min(np_ja, np_en) / max(np_ja, np_en) < PARAGRAPH_TRUST:
        return None
    pja, pen = _paragraph_units(ja, ja_features), _paragraph_units(en, en_features)
    pcost = _BeadCost(
        pja, pen, options.model, options.paragraph_priors, weights, None, options.omission
    )
    ppath = _run(pja, pen, pcost, tuple(options.paragraph_priors), options.paragraph_width, True)
    one_to_one = sum(1 for s in ppath.steps if s.di == 1 and s.dj == 1)
    if one_to_one < PARAGRAPH_TRUST * len(ppath.steps):
        return None
    return [
        (
            ja.paragraphs[s.i][0] if s.di else _sentence_start(ja, s.i),
            ja.paragraphs[s.i + s.di - 1][1] if s.di else _sentence_start(ja, s.i),
            en.paragraphs[s.j][0] if s.dj else _sentence_start(en, s.j),
            en.paragraphs[s.j + s.dj - 1][1] if s.dj else _sentence_start(en, s.j),
            s.posterior if s.posterior is not None else 1.0,
        )
        for s in ppath.steps
    ]


def _sentence_start(side: Side, paragraph: int) -> int:
    """First sentence index of ``paragraph`` (the end of the document past the last)."""
    if paragraph < len(side.paragraphs):
        return side.paragraphs[paragraph][0]
    return len(side.sentences)


def _evidence(model: LengthModel, ja_chars: int, en_chars: int, ja: Features, en: Features):
    """An absolute check on a bead the posterior cannot give (it only compares paths).

    Lengths more than 2.5 standard deviations apart and anchors found on one side
    only lower the confidence; shared anchors do not raise it above the posterior.
    """
    if not ja_chars or not en_chars:
        return 1.0
    factor = math.exp(-max(0.0, abs(model.delta(ja_chars, en_chars)) - 2.5))
    shared, unshared = matched_anchors(ja, en)
    if unshared > shared:
        # a true pair almost never leaves a number or a Latin token behind
        factor *= 0.5 ** (unshared - shared)
    return factor


def gale_church(ja: Side, en: Side, model: LengthModel = INTERVIEW_MODEL, width: int = 24):
    """The baseline: one length-only pass over all sentences, Gale–Church priors."""
    sja = _sentence_units(ja, [Features()] * len(ja.sentences), 0, len(ja.sentences))
    sen = _sentence_units(en, [Features()] * len(en.sentences), 0, len(en.sentences))
    cost = _BeadCost(sja, sen, model, GALE_CHURCH_PRIORS, None, None, None)
    path = _run(sja, sen, cost, STANDARD_BEADS, width, posteriors=False)
    beads = tuple(
        AlignedBead(
            tuple(range(s.i, s.i + s.di)), tuple(range(s.j, s.j + s.dj)), 1.0, round(s.cost, 4)
        )
        for s in path.steps
    )
    return Alignment(ja, en, beads)
