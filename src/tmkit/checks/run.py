"""Running checks: format adapters to `Unit`s, selection, suppression, baselines.

Suppression, three ways:

* a PO flag ``#, tmkit-ignore:RULE`` (several flags allowed; RULE may be a family
  such as ``number`` or ``all``). GNU msgcat/msgmerge drop flags they do not
  know, so a file that must stay msgcat-stable uses the comment form instead:
  a translator comment ``# tmkit-ignore: RULE[, RULE] reason…`` (the rules are
  the leading comma/space-separated words that name a registered rule, a rule
  family or ``all``; the rest is the reason, kept beside the suppression where a
  reviewer reads it);
* a TMX prop ``<prop type="x-tmkit-ignore">RULE</prop>`` on the ``<tu>`` or a
  ``<tuv>`` (several rules may be separated by commas or spaces);
* a baseline file: JSON ``{"tmkit-baseline": 1, "findings": [{"rule", "file",
  "unit", "source", "message"}, …]}``. Findings equal on those fields (not on line
  numbers, which move) are known and dropped; only new ones are reported. Each
  baseline entry absorbs one finding, so a second copy of a known problem is new.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from tmkit.checks.base import Check, CheckContext, Hit, iter_checks, rule_matches
from tmkit.model.errors import InputError
from tmkit.model.findings import Finding, sort_key
from tmkit.model.units import Unit

_RULE_SPLIT = re.compile(r"[\s,]+")


# --- suppressions -----------------------------------------------------------------


def _rule_names() -> frozenset[str]:
    ids = {c.id for c in iter_checks()}
    return frozenset(ids | {i.split(".")[0] for i in ids} | {"all"})


def suppressed_rules(marks: Iterable[str], known: frozenset[str] | None = None) -> frozenset[str]:
    """The rules a unit's suppression marks name: the leading words of each mark that are a
    registered rule, a rule family or ``all`` (the rest is the reviewer's reason)."""
    rules: set[str] = set()
    for mark in marks:
        known = known or _rule_names()
        for word in _RULE_SPLIT.split(mark.strip()):
            if not word:
                continue
            if word not in known and not word.startswith("checklist"):  # project rules
                break
            rules.add(word)
    return frozenset(rules)


def with_suppressions(units: Iterable[Unit]) -> Iterator[Unit]:
    """Units with ``ignored`` resolved from their raw suppression marks."""
    known: frozenset[str] | None = None
    for unit in units:
        if unit.suppress:
            known = known or _rule_names()
            unit = replace(unit, ignored=unit.ignored | suppressed_rules(unit.suppress, known))
        yield unit


# --- running ---------------------------------------------------------------------


def selected_checks(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    glossary: bool = True,
    extra: Iterable[Check] = (),
) -> list[Check]:
    """The registered checks (plus ``extra`` ones, such as checklist rules) to run."""
    select = list(select or [])
    ignore = list(ignore or [])
    chosen = []
    for c in sorted([*iter_checks(), *extra], key=lambda c: c.id):
        if select and not rule_matches(c.id, select):
            continue
        if c.opt_in and not any(c.id == p or c.id.startswith(p + ".") for p in select):
            continue
        if ignore and rule_matches(c.id, ignore):
            continue
        if c.needs_glossary and not glossary:
            continue
        chosen.append(c)
    return chosen


def _finding(check: Check, pair: Unit, hit: Hit) -> Finding:
    return Finding(
        rule=check.id,
        severity=check.severity,
        message=hit.message,
        unit=pair.id,
        file=pair.file,
        line=pair.line,
        source=pair.source,
        target=pair.target,
        span=hit.span,
        expected=hit.expected,
        span_side=hit.span_side,
    )


class _PairChecks:
    """The pair checks that can find something in a pair, chosen in one regex scan.

    A check with ``triggers`` runs only on pairs holding one of those characters
    (most pairs hold none of backslash, tab, "<", "{"...), one that ``needs`` inline
    codes, notes or a fuzzy mark only on pairs with them; a pair without a target
    gets only the checks that want empty ones. The lists are kept per kind of pair, so a pair
    costs one scan and one dict look-up.
    """

    def __init__(self, checks: list[Check]) -> None:
        self.checks = checks
        self.empty = [c for c in checks if c.wants_empty]
        chars = sorted({ch for c in checks for ch in c.triggers})
        self.scan = re.compile("[" + re.escape("".join(chars)) + "]") if chars else None
        self.by_kind: dict[tuple[frozenset[str], bool, bool, bool], list[Check]] = {}

    def of(self, pair: Unit) -> list[Check]:
        if not pair.translated:
            return self.empty
        scan = self.scan
        source, target = pair.source, pair.target
        found = (
            frozenset(scan.findall(source) + scan.findall(target))
            if scan is not None and (scan.search(source) or scan.search(target))
            else _NOTHING  # most pairs: two scans, no lists to build
        )
        kind = (found, pair.source_content is not None, bool(pair.notes), pair.fuzzy)
        chosen = self.by_kind.get(kind)
        if chosen is None:
            chosen = self.by_kind[kind] = [c for c in self.checks if _may_find(c, *kind)]
        return chosen


_NOTHING: frozenset[str] = frozenset()


def _may_find(check: Check, found: frozenset[str], content: bool, notes: bool, fuzzy: bool) -> bool:
    """Can ``check`` find anything in a translated pair of this kind?"""
    if check.triggers and found.isdisjoint(check.triggers):
        return False
    needs = {"content": content, "notes": notes, "fuzzy": fuzzy, "empty": False}
    return needs.get(check.needs, True)


def run_checks(
    pairs: list[Unit],
    ctx: CheckContext | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Finding]:
    """Every finding of the selected checks over ``pairs``, suppressions applied, sorted."""
    ctx = ctx or CheckContext()
    checks = selected_checks(select, ignore, ctx.glossary is not None, ctx.extra_checks)
    findings: list[Finding] = []
    for c in checks:
        if c.scope == "corpus":
            for pair, hit in c.func(pairs, ctx):
                if not rule_matches(c.id, pair.ignored):
                    findings.append(_finding(c, pair, hit))
    # Pair by pair, so what several rules share (the glossary match) is computed once
    # per pair and never outlives it. The sort makes the order the same as rule by rule.
    for_pair = _PairChecks(
        [c for c in checks if c.scope != "corpus" and (c.when is None or c.when(ctx))]
    )
    append = findings.append
    for pair in pairs:
        ignored = pair.ignored
        for c in for_pair.of(pair):
            if ignored and rule_matches(c.id, ignored):
                continue
            for hit in c.func(pair, ctx):
                append(_finding(c, pair, hit))
    if ctx.suppressions:
        findings = [f for f in findings if not any(drop(f) for drop in ctx.suppressions)]
    findings.sort(key=sort_key)
    return findings


# --- baselines -------------------------------------------------------------------

_BASELINE_FIELDS = ("rule", "file", "unit", "source", "message")


def _baseline_key(f: Finding | dict[str, Any]) -> tuple[str, ...]:
    get = f.get if isinstance(f, dict) else lambda k: getattr(f, k)
    return tuple(str(get(k) or "") for k in _BASELINE_FIELDS)


def baseline_text(findings: Iterable[Finding]) -> str:
    entries = sorted(
        ({k: getattr(f, k) for k in _BASELINE_FIELDS} for f in findings),
        key=lambda e: tuple(str(e[k] or "") for k in _BASELINE_FIELDS),
    )
    return (
        json.dumps({"tmkit-baseline": 1, "findings": entries}, ensure_ascii=False, indent=2) + "\n"
    )


def read_baseline(path: str | Path) -> Counter[tuple[str, ...]]:
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("baseline file not found", name) from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read baseline: {err}", name) from None
    except json.JSONDecodeError as err:
        raise InputError(f"baseline is not JSON: {err.msg}", name, err.lineno, err.colno) from None
    if not isinstance(data, dict) or data.get("tmkit-baseline") != 1:
        raise InputError('not a tmkit baseline (expected {"tmkit-baseline": 1, ...})', name)
    entries = data.get("findings")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError('baseline "findings" must be a list of objects', name)
    return Counter(_baseline_key(e) for e in entries)


def apply_baseline(
    findings: list[Finding], known: Counter[tuple[str, ...]]
) -> tuple[list[Finding], int]:
    """(new findings, number of known ones dropped)."""
    remaining = Counter(known)
    new: list[Finding] = []
    dropped = 0
    for f in findings:
        key = _baseline_key(f)
        if remaining[key] > 0:
            remaining[key] -= 1
            dropped += 1
        else:
            new.append(f)
    return new, dropped
