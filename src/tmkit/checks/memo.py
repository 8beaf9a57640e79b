"""Checks that remember: pair findings reused for pairs seen before (incremental builds).

A pair check is a pure function of the pair's content and the run's settings, so
its findings can be kept between runs, keyed by a digest of everything in the pair
except where it is (file and line move when other entries change). Corpus checks
(consistency) look at every pair together and always run. The caller keeps the
memo (`tmkit build` in its state file) and must key it by the settings too: the
glossary, the selection and tmkit's code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from tmkit.checks.base import CheckContext
from tmkit.checks.run import run_checks, selected_checks
from tmkit.model.findings import Finding, sort_key
from tmkit.model.units import Unit

#: one remembered finding: rule, severity, message, span, expected, span side
Remembered = list[Any]


def pair_key(pair: Unit) -> str:
    parts = (
        pair.source,
        pair.target,
        pair.id,
        pair.state.value,
        " ".join(sorted(pair.ignored)),
        "\x1e".join(pair.flags),
        pair.context if pair.context is not None else "\x00",
        "\x1e".join(pair.notes),
    )
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=12).hexdigest()


def run_checks_remembering(
    pairs: list[Unit],
    ctx: CheckContext,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    memo: dict[str, list[Remembered]],
) -> tuple[list[Finding], dict[str, list[Remembered]]]:
    """The findings of `run_checks` (same order), and the memo for the next run.

    Only pairs missing from ``memo`` go through the pair checks; the new memo holds
    exactly the pairs of this run.
    """
    chosen = selected_checks(select, ignore, ctx.glossary is not None, ctx.extra_checks)
    pair_ids = [c.id for c in chosen if c.scope != "corpus"]
    corpus_ids = [c.id for c in chosen if c.scope == "corpus"]
    keys = [pair_key(p) for p in pairs]
    # Fresh pairs are checked together, each numbered through its line so its findings
    # find their way back (the real line is put in below).
    fresh = [i for i, k in enumerate(keys) if k not in memo]
    found: dict[int, list[Remembered]] = {i: [] for i in fresh}
    if pair_ids and fresh:
        numbered = [replace(pairs[i], line=i) for i in fresh]
        for f in run_checks(numbered, ctx, pair_ids):
            assert f.line is not None
            found[f.line].append([f.rule, f.severity, f.message, f.span, f.expected, f.span_side])
    findings: list[Finding] = []
    new_memo: dict[str, list[Remembered]] = {}
    for index, (pair, key) in enumerate(zip(pairs, keys, strict=True)):
        remembered = found[index] if index in found else memo[key]
        new_memo[key] = remembered
        findings.extend(
            Finding(
                rule=rule,
                severity=severity,
                message=message,
                unit=pair.id,
                file=pair.file,
                line=pair.line,
                source=pair.source,
                target=pair.target,
                span=tuple(span) if span is not None else None,
                expected=expected,
                span_side=side,
            )
            for rule, severity, message, span, expected, side in remembered
        )
    if corpus_ids:
        findings.extend(run_checks(pairs, ctx, corpus_ids))
    findings.sort(key=sort_key)
    return findings, new_memo
