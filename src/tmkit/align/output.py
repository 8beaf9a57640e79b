"""An alignment as a PO catalog or a TMX memory (models only; the writers live in formats).

PO (one entry per bead that has Japanese):

* ``msgctxt`` is the bead number over all beads, ``a0001`` …, in document
  order (0-1 beads use a number too, so PO and TMX number alike);
* ``msgid`` is the bead's Japanese sentences joined with nothing between them
  (Japanese writes none), ``msgstr`` its English sentences joined with one space;
* ``#. align: 2-1 ja 12,13 en 11 confidence 0.93`` gives the bead type, the
  0-based sentence indices on each side and the confidence, so a reader can
  recover the sentence pairs without resegmenting;
* beads below the review threshold carry ``#, fuzzy``;
* 1-0 beads (Japanese with no English) are untranslated entries (empty msgstr)
  with ``#. align: 1-0 …, no English``;
* 0-1 beads (English with no Japanese) cannot be entries, since a PO msgid
  cannot be empty; each becomes a ``#. align: 0-1 en 7: <text>`` comment on
  the entry before it (the first entry when it comes first).

TMX: one ``<tu tuid="a0001">`` per bead, with props ``x-align-bead``,
``x-align-ja``, ``x-align-en``, ``x-align-confidence`` and ``x-review`` (yes/no);
1-0 and 0-1 beads have only the variant they have.
"""

from __future__ import annotations

from tmkit.align.aligner import AlignedBead, Alignment
from tmkit.model import Catalog, Message
from tmkit.model.memory import Memory, MemoryHeader, Prop, TranslationUnit, Variant


def bead_id(number: int) -> str:
    return f"a{number:04d}"


def _indices(indices: tuple[int, ...]) -> str:
    return ",".join(str(i) for i in indices) or "-"


def describe(bead: AlignedBead) -> str:
    """The ``#.`` line of a bead: type, indices on both sides, confidence."""
    text = f"align: {bead.kind} ja {_indices(bead.ja)} en {_indices(bead.en)}"
    if bead.ja and bead.en:
        text += f" confidence {bead.confidence:.2f}"
    elif bead.ja:
        text += ", no English"
    return text


def ja_text(alignment: Alignment, bead: AlignedBead) -> str:
    return "".join(alignment.ja.sentences[i].text for i in bead.ja)


def en_text(alignment: Alignment, bead: AlignedBead) -> str:
    return " ".join(alignment.en.sentences[j].text for j in bead.en)


def _header(alignment: Alignment, creation_date: str) -> Message:
    from tmkit import __version__

    fields = [
        ("Project-Id-Version", alignment.ja.path.rsplit("/", 1)[-1]),
        ("POT-Creation-Date", creation_date),
        ("PO-Revision-Date", creation_date),
        ("Language", alignment.en.lang),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Generator", f"tmkit {__version__}"),
        ("X-Source-Language", alignment.ja.lang),
    ]
    return Message(
        msgid="",
        msgstr="".join(f"{k}: {v}\n" for k, v in fields),
        translator_comments=[
            f"Sentence alignment of {alignment.ja.path} with {alignment.en.path} (tmkit align).",
            "Entries marked fuzzy have a low alignment confidence: review them.",
        ],
    )


def to_catalog(alignment: Alignment, creation_date: str | None = None) -> Catalog:
    from tmkit.formats.convert import timestamp

    catalog = Catalog(header=_header(alignment, creation_date or timestamp()))
    pending: list[str] = []  # 0-1 comments waiting for an entry
    review = alignment.review_below
    for number, bead in enumerate(alignment.beads, start=1):
        if not bead.ja:
            for j in bead.en:
                sentence = alignment.en.sentences[j]
                line = f"align: 0-1 en {j} ({alignment.en.path}:{sentence.line}): {sentence.text}"
                if catalog.messages:
                    catalog.messages[-1].extracted_comments.append(line)
                else:
                    pending.append(line)
            continue
        lines = sorted({alignment.ja.sentences[i].line for i in bead.ja})
        message = Message(
            msgid=ja_text(alignment, bead),
            msgstr=en_text(alignment, bead),
            msgctxt=bead_id(number),
            references=[f"{alignment.ja.path}:{line}" for line in lines],
            extracted_comments=[describe(bead), *pending],
        )
        pending = []
        if bead.en and bead.confidence < review:
            message.fuzzy = True
        catalog.messages.append(message)
    if pending and catalog.header is not None:
        catalog.header.translator_comments.extend(pending)
    return catalog


def to_memory(alignment: Alignment, creation_date: str | None = None) -> Memory:
    attrs = {"srclang": alignment.ja.lang, "datatype": "plaintext", "segtype": "sentence"}
    if creation_date:
        attrs["creationdate"] = creation_date
    header = MemoryHeader(attrs=attrs)
    units = []
    for number, bead in enumerate(alignment.beads, start=1):
        variants = []
        if bead.ja:
            variants.append(Variant(alignment.ja.lang, (ja_text(alignment, bead),)))
        if bead.en:
            variants.append(Variant(alignment.en.lang, (en_text(alignment, bead),)))
        paired = bool(bead.ja and bead.en)
        meta = [
            Prop("x-align-bead", bead.kind),
            Prop("x-align-ja", _indices(bead.ja)),
            Prop("x-align-en", _indices(bead.en)),
        ]
        if paired:
            meta.append(Prop("x-align-confidence", f"{bead.confidence:.2f}"))
        review = not paired or bead.confidence < alignment.review_below
        meta.append(Prop("x-review", "yes" if review else "no"))
        units.append(TranslationUnit(tuid=bead_id(number), variants=variants, meta=meta))
    return Memory(header, units)


def summary_lines(alignment: Alignment, limit: int = 20) -> list[str]:
    """What ``tmkit align`` says on stderr: counts, then the omissions and the
    beads to review, located ``path:line`` (at most ``limit`` of each)."""
    counts = ", ".join(f"{kind} {n}" for kind, n in alignment.counts().items())
    review = alignment.review()
    only_ja = [b for b in alignment.beads if not b.en]
    only_en = [b for b in alignment.beads if not b.ja]
    lines = [
        f"aligned {len(alignment.ja.sentences)} Japanese and {len(alignment.en.sentences)} "
        f"English sentences in {len(alignment.beads)} beads ({counts or 'none'}); "
        f"{len(only_ja)} without English, {len(only_en)} without Japanese, "
        f"{len(review)} to review"
    ]
    for beads, side, what in (
        (only_ja, alignment.ja, "no English for"),
        (only_en, alignment.en, "no Japanese for"),
    ):
        for bead in beads[:limit]:
            index = (bead.ja or bead.en)[0]
            sentence = side.sentences[index]
            lines.append(f"{side.path}:{sentence.line}: {what}: {_clip(sentence.text)}")
        if len(beads) > limit:
            lines.append(f"… and {len(beads) - limit} more")
    for bead in review[:limit]:
        sentence = alignment.ja.sentences[bead.ja[0]]
        lines.append(
            f"{alignment.ja.path}:{sentence.line}: review {bead.kind} "
            f"(confidence {bead.confidence:.2f}): {_clip(sentence.text)}"
        )
    if len(review) > limit:
        lines.append(f"… and {len(review) - limit} more to review")
    return lines


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
