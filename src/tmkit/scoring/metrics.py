"""Which sacrebleu metrics tmkit offers, and how each is configured.

A `MetricSpec` is a small picklable description; `build_metric` turns it into a
sacrebleu metric object, in the parent process and in each worker alike, so
every process computes with the same configuration. Apart from the BLEU
tokenizer, every metric runs with sacrebleu's defaults, so figures and
signatures are those of ``sacrebleu -m bleu chrf ter`` on the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tmkit.model.errors import UsageError

#: tmkit metric names, in report order, with sacrebleu's display names
METRIC_NAMES: dict[str, str] = {"bleu": "BLEU", "chrf": "chrF2", "chrfpp": "chrF2++", "ter": "TER"}
DEFAULT_METRICS: tuple[str, ...] = ("bleu", "chrf", "chrfpp", "ter")

#: BLEU's tokenizer follows the target language (sacrebleu's own choices); 13a otherwise.
_TOKENIZER_BY_LANGUAGE = {"ja": "ja-mecab", "zh": "zh"}
DEFAULT_TOKENIZER = "13a"

#: metrics where a lower figure is better
LOWER_IS_BETTER = frozenset({"ter"})


@dataclass(frozen=True, slots=True)
class MetricSpec:
    name: str  # one of METRIC_NAMES
    tokenize: str = DEFAULT_TOKENIZER  # used by BLEU only
    #: BLEU per segment uses effective order, as ``sacrebleu --sentence-level`` does
    sentence_level: bool = False


def parse_metrics(text: str) -> tuple[str, ...]:
    """``"bleu,chrf++"`` → ``("bleu", "chrfpp")``; unknown names are a `UsageError`."""
    names: list[str] = []
    for raw in text.split(","):
        name = raw.strip().lower().replace("++", "pp").replace("-", "")
        if not name:
            continue
        if name not in METRIC_NAMES:
            known = ", ".join(METRIC_NAMES)
            raise UsageError(f"unknown metric {raw.strip()!r} (known: {known})")
        if name not in names:
            names.append(name)
    if not names:
        raise UsageError("no metric given")
    return tuple(names)


def tokenizer_for(language: str | None, override: str | None = None) -> str:
    """The BLEU tokenizer for a target language, unless ``override`` names one."""
    from sacrebleu.metrics.bleu import BLEU

    if override:
        if override not in BLEU.TOKENIZERS:
            known = ", ".join(sorted(BLEU.TOKENIZERS))
            raise UsageError(f"unknown tokenizer {override!r} (known: {known})")
        return override
    return _TOKENIZER_BY_LANGUAGE.get(language or "", DEFAULT_TOKENIZER)


def build_metric(spec: MetricSpec) -> Any:
    """A fresh sacrebleu metric object for ``spec``."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    if spec.name == "bleu":
        return BLEU(tokenize=spec.tokenize, effective_order=spec.sentence_level)
    if spec.name == "chrf":
        return CHRF()
    if spec.name == "chrfpp":
        return CHRF(word_order=2)
    if spec.name == "ter":
        return TER()
    raise UsageError(f"unknown metric {spec.name!r}")
