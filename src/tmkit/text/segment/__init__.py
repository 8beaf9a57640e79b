"""Sentence segmentation: SRX-model rules as data, and the segmenter that applies them.

    from tmkit.text.segment import Segmenter, default_rules, load_rules
    seg = Segmenter(default_rules("ja"))
    seg.split("彼は「行く。」と言った。次へ。")  # ['彼は「行く。」と言った。', '次へ。']

tmkit's own rules are the SRX file ``tmkit/data/tmkit-ja.srx``, read by the same
loader as ``--srx`` files (`tmkit.formats.srx`); its header comment lists the
decisions (quotes that end in 。」, half-width periods, full-width ．, ...).

Beyond SRX 2.0, one extension: ``<tmkit:protect open="「" close="」"/>`` in the
header (namespace ``https://tmkit.dev/ns/srx-extensions``) names bracket pairs
inside which no break is made. The built-in rules use it; a foreign file gets
exactly what it declares, usually nothing. How rules are applied is described
in `tmkit.text.segment.segmenter`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from tmkit.model.segmentation import BracketPair, Rule, RuleSet
from tmkit.text.segment.segmenter import Segmenter

BUILTIN_SRX = "tmkit-ja.srx"

__all__ = [
    "BUILTIN_SRX",
    "BracketPair",
    "Rule",
    "RuleSet",
    "Segmenter",
    "default_rules",
    "load_rules",
]


def load_rules(path: str | Path, language: str = "ja") -> RuleSet:
    """The rules ``language`` gets from the SRX 2.0 file at ``path``.

    Raises `tmkit.model.errors.ParseError` (located ``path:line:col``) for malformed
    XML, an invalid regex or a language no ``<languagemap>`` matches.
    """
    # The loader lives with the other file formats (it is the one that uses lxml).
    from tmkit.formats.srx import read_srx

    return read_srx(path, language)


@lru_cache(maxsize=8)
def default_rules(language: str = "ja") -> RuleSet:
    """tmkit's built-in rules: Japanese (with embedded English) for ``ja``, English for ``en``."""
    from tmkit.formats.srx import parse_srx

    data = resources.files("tmkit").joinpath("data", BUILTIN_SRX).read_bytes()
    return parse_srx(data, language, f"<tmkit>/{BUILTIN_SRX}")
