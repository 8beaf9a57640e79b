"""Corpus cleaning checks (the ``corpus`` family): what parallel-data teams filter out.

They are opt-in: they run when ``--select`` names the ``corpus`` family or one of
them (``tmkit check CORPUS --select corpus``), on one file or a sharded corpus
alike, and then baselines and suppressions work as for any rule. By default they
stay off, since several overlap rules a translator fixes (``same-as-source``,
``japanese.leftover``, ``pofilter.xmltags``) and would report one problem twice.
All are warnings: they say "this pair is probably not a translation pair", which a
data team drops rather than fixes.

* ``corpus.empty-source``: a translated pair whose source is empty or blank;
* ``corpus.identical``: target equal to the source (after width folding) when the
  source has Japanese script: an untranslated copy;
* ``corpus.length-outlier``: the Gale–Church length delta with the alignment
  model's fitted c and s² (`tmkit.text.length`) beyond ``DELTA_LIMIT`` standard
  deviations;
* ``corpus.source-script``: a Japanese side with no kana or kanji;
* ``corpus.target-script``: an English side that is mostly CJK;
* ``corpus.html``: markup debris (tags, entities) in either side;
* ``corpus.mojibake``: UTF-8 read as Latin-1/CP1252 (``Ã©``, ``ã€``) or U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tmkit.checks.base import CheckContext, Hit, check
from tmkit.model.units import Unit
from tmkit.text.length import INTERVIEW_C, INTERVIEW_S2, length_delta
from tmkit.text.normalize import fold_width

#: |delta| beyond this is an outlier (a translation pair lies within ±3 almost always)
DELTA_LIMIT = 8.0
#: both sides need this many characters before their lengths say anything
MIN_CHARS = 10

_KANA_KANJI = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff々]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:[a-zA-Z]{2,8}|#\d{2,6});")
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|â€|ã€|ã[\u0081-\u0083]|Â[\u00a0-\u00bf]|\ufffd")


def _chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


@check(
    "corpus.empty-source",
    severity="warning",
    opt_in=True,
    summary="A translated pair has an empty source.",
)
def empty_source(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    if not pair.source.strip():
        yield Hit("empty source with a non-empty target", span_side="source")


@check(
    "corpus.identical",
    severity="warning",
    opt_in=True,
    summary="The target is a copy of a Japanese source (untranslated).",
)
def identical(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    if (
        _KANA_KANJI.search(pair.source)
        and fold_width(pair.source).strip() == fold_width(pair.target).strip()
    ):
        yield Hit("target is a copy of the source", span=(0, len(pair.target)))


@check(
    "corpus.length-outlier",
    severity="warning",
    opt_in=True,
    summary=f"Lengths do not fit a translation pair (|Gale–Church delta| > {DELTA_LIMIT:g}).",
)
def length_outlier(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    ja, en = _chars(pair.source), _chars(pair.target)
    if ja < MIN_CHARS or en < MIN_CHARS:
        return
    c = ctx.options.get("length_c", INTERVIEW_C)
    s2 = ctx.options.get("length_s2", INTERVIEW_S2)
    delta = length_delta(ja, en, c, s2)
    if abs(delta) > DELTA_LIMIT:
        side = "short" if delta < 0 else "long"
        yield Hit(
            f"target too {side} for its source: length delta {delta:+.1f} "
            f"({ja} source, {en} target characters)",
            span=(0, len(pair.target)),
        )


@check(
    "corpus.source-script",
    severity="warning",
    opt_in=True,
    summary="The Japanese side has no kana or kanji (wrong language or a swapped pair).",
)
def source_script(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    letters = sum(1 for ch in pair.source if ch.isalpha())
    if letters >= MIN_CHARS and not _KANA_KANJI.search(pair.source):
        yield Hit("source has no kana or kanji", span=(0, len(pair.source)), span_side="source")


@check(
    "corpus.target-script",
    severity="warning",
    opt_in=True,
    summary="The English side is mostly Chinese, Japanese or Korean script.",
)
def target_script(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    letters = [ch for ch in pair.target if ch.isalpha()]
    cjk = sum(1 for ch in letters if _CJK.match(ch))
    if len(letters) >= 4 and cjk * 2 > len(letters):
        yield Hit(
            f"target is mostly CJK ({cjk} of {len(letters)} letters)", span=(0, len(pair.target))
        )


@check(
    "corpus.html",
    severity="warning",
    opt_in=True,
    summary="HTML tags or entities left in the text.",
)
def html_debris(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    for side, text in (("source", pair.source), ("target", pair.target)):
        m = _HTML.search(text)
        if m:
            yield Hit(f"markup in the {side}: {m.group(0)!r}", span=m.span(), span_side=side)


@check(
    "corpus.mojibake",
    severity="warning",
    opt_in=True,
    summary="Mis-decoded text (UTF-8 read as Latin-1/CP1252) or replacement characters.",
)
def mojibake(pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
    for side, text in (("source", pair.source), ("target", pair.target)):
        m = _MOJIBAKE.search(text)
        if m:
            yield Hit(f"mojibake in the {side}: {m.group(0)!r}", span=m.span(), span_side=side)
