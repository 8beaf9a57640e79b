"""Running checks: format adapters to `Pair`s, selection, suppression, baselines.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tmkit.checks.base import Check, CheckContext, Hit, Pair, iter_checks, rule_matches
from tmkit.model.errors import InputError
from tmkit.model.findings import Finding, sort_key

IGNORE_FLAG = "tmkit-ignore:"
IGNORE_PROP = "x-tmkit-ignore"
_RULE_SPLIT = re.compile(r"[\s,]+")

PO_SUFFIXES = (".po", ".pot")
TMX_SUFFIXES = (".tmx",)


# --- adapters --------------------------------------------------------------------


def _rules(values: Iterable[str]) -> frozenset[str]:
    return frozenset(r for v in values for r in _RULE_SPLIT.split(v.strip()) if r)


def _rule_names() -> frozenset[str]:
    ids = {c.id for c in iter_checks()}
    return frozenset(ids | {i.split(".")[0] for i in ids} | {"all"})


def _comment_rules(comments: Iterable[str]) -> frozenset[str]:
    """Rules named by ``tmkit-ignore: RULE[, RULE] reason`` translator comments."""
    rules: set[str] = set()
    known: frozenset[str] | None = None
    for comment in comments:
        text = comment.strip()
        if not text.startswith(IGNORE_FLAG):
            continue
        known = known or _rule_names()
        for word in _RULE_SPLIT.split(text[len(IGNORE_FLAG) :].strip()):
            if word not in known:
                break
            rules.add(word)
    return frozenset(rules)


def pairs_from_catalog(catalog: Any, file: str | None = None) -> list[Pair]:
    """One pair per active PO entry (one per plural form for plural entries)."""
    pairs: list[Pair] = []
    file = file if file is not None else catalog.path
    for m in catalog.active():
        if m.is_header:
            continue
        ignored = _rules(
            f[len(IGNORE_FLAG) :] for f in m.flags if f.startswith(IGNORE_FLAG)
        ) | _comment_rules(m.translator_comments)
        unit = m.msgctxt if m.msgctxt is not None else m.msgid
        common = dict(
            unit=unit,
            file=file,
            line=m.lineno,
            fuzzy=m.fuzzy,
            ignored=ignored,
            flags=tuple(m.flags),
            context=m.msgctxt,
            notes=tuple(m.extracted_comments) + tuple(m.translator_comments),
        )
        if m.msgid_plural is not None and m.msgstr_plural:
            for index in sorted(m.msgstr_plural):
                source = m.msgid if index == 0 else m.msgid_plural
                pairs.append(Pair(source=source, target=m.msgstr_plural[index], **common))
        else:
            pairs.append(Pair(source=m.msgid, target=m.msgstr, **common))
    return pairs


def pairs_from_units(
    units: Iterable[Any],
    file: str | None = None,
    source_lang: str = "ja",
    target_lang: str | None = None,
) -> Iterator[Pair]:
    """One pair per TMX unit that has a source variant; the target is the first other language
    (or ``target_lang``). Units without a source variant are skipped."""
    from tmkit.model.memory import same_language

    for number, tu in enumerate(units, start=1):
        src = tu.variant(source_lang)
        if src is None:
            continue
        if target_lang:
            tgt = tu.variant(target_lang)
        else:
            tgt = next((v for v in tu.variants if not same_language(v.lang, source_lang)), None)
        ignored = list(tu.props(IGNORE_PROP)) + list(src.props(IGNORE_PROP))
        if tgt is not None:
            ignored += tgt.props(IGNORE_PROP)
        yield Pair(
            source=src.text,
            target=tgt.text if tgt is not None else "",
            unit=tu.tuid if tu.tuid else str(number),
            file=file,
            line=(tgt.line if tgt is not None and tgt.line else None) or tu.line,
            ignored=_rules(ignored),
            notes=tuple(tu.notes),
        )


def load_pairs(path: str | Path, target_lang: str | None = None) -> list[Pair]:
    """Read a PO or TMX file into pairs. Unusable input raises `InputError`."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("no such file", name)
    if p.is_dir():
        raise InputError("is a directory, not a PO or TMX file", name)
    suffix = p.suffix.lower()
    if suffix in PO_SUFFIXES:
        from tmkit.formats.po import read_po

        return pairs_from_catalog(read_po(p), name)
    if suffix in TMX_SUFFIXES:
        from tmkit.formats.tmx import iter_tmx

        header, units = iter_tmx(p)
        srclang = header.srclang
        if not srclang or srclang == "*all*":
            srclang = "ja"
        return list(pairs_from_units(units, name, srclang, target_lang))
    raise InputError(f"cannot check {suffix or 'extensionless'} files (use .po or .tmx)", name)


# --- running ---------------------------------------------------------------------


def selected_checks(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    glossary: bool = True,
) -> list[Check]:
    select = list(select or [])
    ignore = list(ignore or [])
    chosen = []
    for c in iter_checks():
        if select and not rule_matches(c.id, select):
            continue
        if ignore and rule_matches(c.id, ignore):
            continue
        if c.needs_glossary and not glossary:
            continue
        chosen.append(c)
    return chosen


def _finding(check: Check, pair: Pair, hit: Hit) -> Finding:
    return Finding(
        rule=check.id,
        severity=check.severity,
        message=hit.message,
        unit=pair.unit,
        file=pair.file,
        line=pair.line,
        source=pair.source,
        target=pair.target,
        span=hit.span,
        expected=hit.expected,
        span_side=hit.span_side,
    )


def run_checks(
    pairs: list[Pair],
    ctx: CheckContext | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Finding]:
    """Every finding of the selected checks over ``pairs``, suppressions applied, sorted."""
    ctx = ctx or CheckContext()
    checks = selected_checks(select, ignore, glossary=ctx.glossary is not None)
    findings: list[Finding] = []
    for c in checks:
        if c.scope == "corpus":
            for pair, hit in c.func(pairs, ctx):
                if not rule_matches(c.id, pair.ignored):
                    findings.append(_finding(c, pair, hit))
    # Pair by pair, so what several rules share (the glossary match) is computed once
    # per pair and never outlives it. The sort makes the order the same as rule by rule.
    per_pair = [c for c in checks if c.scope != "corpus"]
    for pair in pairs:
        translated = pair.translated
        for c in per_pair:
            if not translated and not c.wants_empty:
                continue
            if pair.ignored and rule_matches(c.id, pair.ignored):
                continue
            findings.extend(_finding(c, pair, hit) for hit in c.func(pair, ctx))
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


# --- one call for the CLI ----------------------------------------------------------


@dataclass
class CheckRun:
    findings: list[Finding]
    files: int = 0
    units: int = 0
    baseline_suppressed: int = 0
    all_findings: list[Finding] = field(default_factory=list)


def load_glossaries(paths: Iterable[str | Path]) -> Any:
    """Read glossary files (TBX, CSV, TSV) and merge their concepts into one `Glossary`."""
    from tmkit.formats import adapter_for
    from tmkit.model.glossary import Glossary

    concepts: list[Any] = []
    for path in paths:
        p = Path(path)
        if not p.exists():
            raise InputError("glossary not found", str(path))
        adapter = adapter_for(p, kind="glossary")
        concepts.extend(adapter.read(p).concepts)
    return Glossary(tuple(concepts))


def check_files(
    paths: Iterable[str | Path],
    glossaries: Iterable[str | Path] = (),
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    baseline: str | Path | None = None,
    options: dict[str, Any] | None = None,
) -> CheckRun:
    """Read every file, run the checks over all their pairs together, apply the baseline."""
    glossary_paths = list(glossaries)
    ctx = CheckContext(options=dict(options or {}))
    if glossary_paths:
        from tmkit.checks.glossary import build_matcher

        ctx.glossary = build_matcher(load_glossaries(glossary_paths))
    known = read_baseline(baseline) if baseline is not None else None
    pairs: list[Pair] = []
    files = 0
    for path in paths:
        pairs.extend(load_pairs(path))
        files += 1
    findings = run_checks(pairs, ctx, select, ignore)
    result = CheckRun(findings, files, len(pairs), 0, list(findings))
    if known is not None:
        result.findings, result.baseline_suppressed = apply_baseline(findings, known)
    return result
