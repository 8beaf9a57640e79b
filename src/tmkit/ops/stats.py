"""Progress and leverage statistics for a translation.

Source text is counted in characters (non-whitespace), never in "words":
pocount counts each Japanese character as a word, which makes Japanese
projects look five times their size. Leverage uses the bands CAT tools
report, with repetitions counted before matching (a sentence repeated
inside the file costs nothing the second time, whatever the memory holds).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tmkit.model.progress import Progress as ProgressFn
from tmkit.model.progress import stage, ticked
from tmkit.model.units import Unit

#: (name, lowest score, highest score) in the order CAT tools print them.
BANDS: tuple[tuple[str, int, int], ...] = (
    ("context", 101, 101),
    ("100%", 100, 100),
    ("95-99%", 95, 99),
    ("85-94%", 85, 94),
    ("75-84%", 75, 84),
    ("50-74%", 50, 74),
    ("no match", 0, 49),
)
REPETITIONS = "repetitions"


def source_chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


@dataclass(slots=True)
class Count:
    segments: int = 0
    chars: int = 0

    def add(self, text: str) -> None:
        self.segments += 1
        self.chars += source_chars(text)


@dataclass(slots=True)
class Progress:
    translated: Count = field(default_factory=Count)
    fuzzy: Count = field(default_factory=Count)
    untranslated: Count = field(default_factory=Count)

    @property
    def total(self) -> Count:
        return Count(
            self.translated.segments + self.fuzzy.segments + self.untranslated.segments,
            self.translated.chars + self.fuzzy.chars + self.untranslated.chars,
        )


def progress(units: Iterable[Unit]) -> Progress:
    """Segments and source characters by state; a plural entry counts once."""
    result = Progress()
    for unit in units:
        if unit.form:
            continue
        if unit.fuzzy:
            result.fuzzy.add(unit.source)
        elif unit.done:
            result.translated.add(unit.source)
        else:
            result.untranslated.add(unit.source)
    return result


def band_of(score: int) -> str:
    for name, low, high in BANDS:
        if low <= score <= high:
            return name
    return "no match"


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


#: (source, context) → best score 0..100, or 101 for a match with the same context
Scorer = Callable[[str, str | None], int]


def leverage(
    units: Iterable[Unit], best_score: Scorer, on_progress: ProgressFn | None = None
) -> dict[str, Count]:
    """Segments and characters per band; repeats of an earlier source are repetitions."""
    counts = {name: Count() for name, _low, _high in BANDS}
    counts[REPETITIONS] = Count()
    seen: set[str] = set()
    total = len(units) if isinstance(units, list) else None
    for unit in ticked(units, on_progress, "looking up the memory", total, every=64):
        if unit.form:
            continue
        key = normalise(unit.source)
        if key in seen:
            counts[REPETITIONS].add(unit.source)
            continue
        seen.add(key)
        counts[band_of(best_score(unit.source, unit.context))].add(unit.source)
    return counts


@dataclass(slots=True)
class Stats:
    path: str
    progress: Progress
    #: band name → count; None when no memory was given
    leverage: dict[str, Count] | None = None

    def to_dict(self) -> dict:
        def count(c: Count) -> dict[str, int]:
            return {"segments": c.segments, "chars": c.chars}

        data: dict = {
            "file": self.path,
            "progress": {
                "translated": count(self.progress.translated),
                "fuzzy": count(self.progress.fuzzy),
                "untranslated": count(self.progress.untranslated),
                "total": count(self.progress.total),
            },
        }
        if self.leverage is not None:
            data["leverage"] = {name: count(c) for name, c in self.leverage.items()}
        return data


def lookup_scorer(lookup) -> Scorer:
    """Scores against a `tmkit.ops.merge.MemoryLookup`: 101 for a context match, else 0–100.

    Fuzzy scores are floored to whole percent before banding (94.9 is in 85–94),
    as CAT tools do, so a band never claims more than the match earned.
    """

    empty = len(lookup) == 0  # once: a database memory counts with a query

    def best(source: str, context: str | None) -> int:
        hit = None if empty else lookup.find(source, context, threshold=BANDS[-2][1])
        if hit is None:
            return 0
        if hit.kind == "context":
            return 101
        if hit.kind == "source":
            return 100
        return int(hit.score)

    return best


def analyse(
    units: Iterable[Unit],
    path: str,
    scorer: Scorer | None = None,
    on_progress: ProgressFn | None = None,
) -> Stats:
    units = list(units)
    return Stats(
        path=path,
        progress=progress(units),
        leverage=leverage(units, scorer, on_progress) if scorer is not None else None,
    )


def stats_file(
    path: str | Path,
    memories: Iterable[str | Path] = (),
    source_lang: str | None = None,
    target_lang: str | None = None,
    on_progress: ProgressFn | None = None,
) -> Stats:
    """Progress of any bilingual file and, with memories, its leverage against them.

    ``on_progress`` (a `tmkit.model.progress.Progress`) hears of the memory lookups."""
    from tmkit.ops.inputs import input_units, load_memories, read_input

    item = read_input(path)
    scorer = None
    memories = list(memories)
    if memories:
        stage(on_progress, "loading the memory")
        lookup = load_memories(memories, item, source_lang, target_lang)
        scorer = lookup_scorer(lookup)
    return analyse(input_units(item), str(path), scorer, on_progress)
