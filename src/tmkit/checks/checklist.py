"""Project checklists: a reviewer's own regex rules, run beside the built-in checks.

A checklist is a TOML file (``qa.toml``; named by ``[tool.tmkit] checklist`` or
``check --checklist FILE``)::

    [[rule]]
    id = "percent-sign"                 # the finding's rule id is checklist.percent-sign
    severity = "error"                  # error, warning or info (default warning)
    message = "source has a percentage but the target has no % or 'percent'"
    source = '\\d+\\s*[%％]'            # must match the source ...
    target-not = '%|percent'            # ... and this must not match the target
    roles = ["body", "answer"]          # only segments with these PO '#. role:' values
    files = ["target/en/*.po"]          # only these files (glob, or a path suffix)
    ignore-case = true

    [[suppress]]                        # drop findings (any rule, built-in too)
    rule = "checklist.percent-sign"     # a rule id or family
    unit = "interview-0042"             # and/or: file, source, target (regexes)

Patterns use the `regex` module (``\\p{Han}``, ``\\p{Katakana}``, ``\\p{Latin}``).
``source``/``target`` must match and ``source-not``/``target-not`` must not; a
pattern may also be a table ``{pattern = "...", negate = true}``. A rule fires
when all its conditions hold. Rules are compiled once on load; a bad one is a
one-line error ``qa.toml:LINE:COL: rule 'ID': ...`` (exit 2). The rules become
ordinary `Check`s, so ``--select``/``--ignore``, ``tmkit-ignore`` comments,
baselines, SARIF and the HTML report treat them like the built-in ones.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from tmkit.checks.base import Check, CheckContext, Hit, rule_matches
from tmkit.model.errors import InputError
from tmkit.model.findings import Finding
from tmkit.model.units import Unit

PREFIX = "checklist."
SEVERITIES = ("error", "warning", "info")
_RULE_KEYS = {
    "id",
    "severity",
    "message",
    "source",
    "target",
    "source-not",
    "target-not",
    "roles",
    "files",
    "ignore-case",
}
_SUPPRESS_KEYS = {"rule", "file", "unit", "source", "target", "reason"}
_SPELLING_KEYS = {"enabled", "lang", "words", "wordlist", "dictionary"}
_ID = regex.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_ROLE = regex.compile(r"^role:\s*([\w-]+)")


@dataclass(frozen=True, slots=True)
class Condition:
    side: str  # source | target
    pattern: Any  # compiled regex
    negate: bool

    def holds(self, pair: Unit) -> tuple[bool, tuple[int, int] | None]:
        text = pair.source if self.side == "source" else pair.target
        m = self.pattern.search(text)
        if self.negate:
            return m is None, None
        return m is not None, m.span() if m else None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: str
    message: str
    conditions: tuple[Condition, ...]
    roles: frozenset[str] = frozenset()
    files: tuple[str, ...] = ()

    def applies(self, pair: Unit) -> bool:
        if self.files and not _file_matches(pair.file, self.files):
            return False
        return not self.roles or bool(roles_of(pair) & self.roles)

    def __call__(self, pair: Unit, ctx: CheckContext) -> Iterator[Hit]:
        if not self.applies(pair):
            return
        spans: dict[str, tuple[int, int]] = {}
        for cond in self.conditions:
            ok, span = cond.holds(pair)
            if not ok:
                return
            if span is not None:
                spans.setdefault(cond.side, span)
        side = "target" if "target" in spans else "source"
        yield Hit(self.message, span=spans.get(side), span_side=side)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Suppression:
    rule: str
    file: str | None
    unit: str | None
    source: Any
    target: Any

    def drops(self, f: Finding) -> bool:
        if not rule_matches(f.rule, [self.rule]):
            return False
        if self.file is not None and not _file_matches(f.file, (self.file,)):
            return False
        if self.unit is not None and f.unit != self.unit:
            return False
        if self.source is not None and not self.source.search(f.source or ""):
            return False
        return self.target is None or bool(self.target.search(f.target or ""))


@dataclass(frozen=True, slots=True)
class Checklist:
    path: str
    rules: tuple[Rule, ...]
    suppressions: tuple[Suppression, ...]
    #: `tmkit.checks.spelling` options from the ``[spelling]`` table
    spelling: tuple[tuple[str, Any], ...] = ()

    @property
    def checks(self) -> list[Check]:
        return [
            Check(PREFIX + r.id, r.severity, r.message, r)  # type: ignore[arg-type]
            for r in self.rules
        ]

    def install(self, ctx: CheckContext) -> CheckContext:
        """Add the rules and suppressions to a run's context."""
        ctx.extra_checks.extend(self.checks)
        ctx.suppressions.extend(s.drops for s in self.suppressions)
        ctx.options.update(self.spelling)
        return ctx


def roles_of(pair: Unit) -> frozenset[str]:
    """The segment roles a PO entry's ``#. role: title`` comments give it."""
    return frozenset(m.group(1) for n in pair.notes if (m := _ROLE.match(n)))


def _file_matches(file: str | None, globs: tuple[str, ...]) -> bool:
    if file is None:
        return False
    posix = Path(file).as_posix()
    return any(
        fnmatch.fnmatch(posix, g) or posix.endswith("/" + g.lstrip("/")) or posix == g
        for g in globs
    )


# ---------------------------------------------------------------- loading


class _Locator:
    """Line/column of a rule's keys in the TOML text, for one-line error messages."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def find(self, table_index: int, table: str, key: str | None) -> tuple[int, int]:
        header = f"[[{table}]]"
        seen = -1
        start = 0
        for i, line in enumerate(self.lines):
            if line.strip().startswith(header):
                seen += 1
                if seen == table_index:
                    start = i
                    break
        else:
            return 1, 1
        if key is None:
            return start + 1, 1
        for i in range(start + 1, len(self.lines)):
            stripped = self.lines[i].lstrip()
            if stripped.startswith("["):
                break
            if stripped.startswith(key) and stripped[len(key) :].lstrip().startswith(("=", ".")):
                return i + 1, len(self.lines[i]) - len(stripped) + 1
        return start + 1, 1

    def value_col(self, line: int, offset: int) -> int:
        """Column of character ``offset`` of the string value on ``line`` (1-based)."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        eq = text.find("=")
        quote = min((p for p in (text.find('"', eq), text.find("'", eq)) if p >= 0), default=-1)
        return (quote + 2 + offset) if quote >= 0 else 1


def load_checklist(path: str | Path) -> Checklist:
    """Read and compile a checklist. Any problem raises `InputError` naming file, rule, position."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("checklist not found", name) from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read checklist: {err}", name) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message, _, at = str(err).partition(" (at line ")
        line, _, col = at.rstrip(")").partition(", column ")
        raise InputError(
            message,
            name,
            int(line) if line.isdigit() else None,
            int(col) if col.isdigit() else None,
        ) from None
    where = _Locator(text)
    unknown = sorted(set(data) - {"rule", "suppress", "spelling"})
    if unknown:
        raise InputError(
            f"unknown table {unknown[0]!r} (use [[rule]], [[suppress]] and [spelling])", name
        )
    rules_data, suppress_data = data.get("rule", []), data.get("suppress", [])
    if not isinstance(rules_data, list) or not isinstance(suppress_data, list):
        raise InputError("rule and suppress must be arrays of tables ([[rule]])", name)
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, table in enumerate(rules_data):
        rule = _rule(table, index, name, where)
        if rule.id in seen:
            line, col = where.find(index, "rule", "id")
            raise InputError(f"rule {rule.id!r}: the id is used twice", name, line, col)
        seen.add(rule.id)
        rules.append(rule)
    suppressions = [_suppression(t, i, name, where) for i, t in enumerate(suppress_data)]
    spelling = _spelling(data.get("spelling"), Path(path), where)
    return Checklist(name, tuple(rules), tuple(suppressions), spelling)


def _spelling(table: Any, path: Path, where: _Locator) -> tuple[tuple[str, Any], ...]:
    """``[spelling]``: enabled, lang, words, wordlist (a file, one word a line), dictionary."""
    name = str(path)
    line = next((i + 1 for i, t in enumerate(where.lines) if t.strip() == "[spelling]"), 1)
    if table is None:
        return ()
    if not isinstance(table, dict):
        raise InputError("spelling must be a table ([spelling])", name, line)
    for key in table:
        if key not in _SPELLING_KEYS:
            known = ", ".join(sorted(_SPELLING_KEYS))
            raise InputError(f"spelling: unknown key {key!r} ({known})", name, line)
    options: dict[str, Any] = {"spelling.on": True}
    if "enabled" in table:
        if not isinstance(table["enabled"], bool):
            raise InputError("spelling: enabled must be true or false", name, line)
        options["spelling.off"] = not table["enabled"]
    for key in ("lang", "dictionary"):
        if key in table:
            if not isinstance(table[key], str) or not table[key]:
                raise InputError(f"spelling: {key} must be a string", name, line)
            value = table[key]
            if key == "dictionary" and not Path(value).is_absolute():
                value = str(path.parent / value)
            options[f"spelling.{key}"] = value
    words = table.get("words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise InputError("spelling: words must be a list of strings", name, line)
    if "wordlist" in table:
        listed = path.parent / str(table["wordlist"])
        try:
            text = listed.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(
                f"spelling: cannot read wordlist {listed}: {err}", name, line
            ) from None
        words = words + [w.strip() for w in text.splitlines() if w.strip() and w[0] != "#"]
    if words:
        options["spelling.words"] = frozenset(words)
    return tuple(sorted(options.items()))


def _fail(message: str, name: str, where: _Locator, index: int, key: str | None, table: str):
    line, col = where.find(index, table, key)
    return InputError(message, name, line, col)


def _compile(
    pattern: Any,
    key: str,
    label: str,
    flags: int,
    name: str,
    where: _Locator,
    index: int,
    table: str,
) -> Any:
    if not isinstance(pattern, str) or not pattern:
        raise _fail(f"{label}: {key} must be a non-empty string", name, where, index, key, table)
    try:
        return regex.compile(pattern, flags | regex.V1)
    except regex.error as err:
        line, _ = where.find(index, table, key)
        pos = err.pos if err.pos is not None else 0
        msg = f"{label}: {key}: bad regex: {err.msg} at position {pos}"
        raise InputError(msg, name, line, where.value_col(line, pos)) from None


def _rule(table: Any, index: int, name: str, where: _Locator) -> Rule:
    if not isinstance(table, dict):
        raise _fail("a [[rule]] must be a table", name, where, index, None, "rule")
    rid = table.get("id")
    if not isinstance(rid, str) or not _ID.fullmatch(rid):
        raise _fail(
            f"rule #{index + 1}: id must be letters, digits, '.', '_' or '-' (got {rid!r})",
            name,
            where,
            index,
            "id" if "id" in table else None,
            "rule",
        )
    label = f"rule {rid!r}"
    for key in table:
        if key not in _RULE_KEYS:
            known = ", ".join(sorted(_RULE_KEYS))
            raise _fail(f"{label}: unknown key {key!r} ({known})", name, where, index, key, "rule")
    severity = table.get("severity", "warning")
    if severity not in SEVERITIES:
        raise _fail(
            f"{label}: severity must be error, warning or info (got {severity!r})",
            name,
            where,
            index,
            "severity",
            "rule",
        )
    message = table.get("message", f"checklist rule {rid}")
    if not isinstance(message, str):
        raise _fail(f"{label}: message must be a string", name, where, index, "message", "rule")
    flags = regex.IGNORECASE if table.get("ignore-case") is True else 0
    conditions = []
    for key in ("source", "source-not", "target", "target-not"):
        if key not in table:
            continue
        value, negate = table[key], key.endswith("-not")
        if isinstance(value, dict):
            negate = bool(value.get("negate", False)) != negate
            value = value.get("pattern")
        pattern = _compile(value, key, label, flags, name, where, index, "rule")
        conditions.append(Condition(key.split("-")[0], pattern, negate))
    if not conditions:
        raise _fail(
            f"{label}: give at least one of source, source-not, target, target-not",
            name,
            where,
            index,
            None,
            "rule",
        )
    roles = _strings(table.get("roles", []), "roles", label, name, where, index)
    files = _strings(table.get("files", []), "files", label, name, where, index)
    return Rule(rid, severity, message, tuple(conditions), frozenset(roles), tuple(files))


def _strings(value: Any, key: str, label: str, name: str, where: _Locator, index: int) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(f"{label}: {key} must be a list of strings", name, where, index, key, "rule")
    return value


def _suppression(table: Any, index: int, name: str, where: _Locator) -> Suppression:
    label = f"suppress #{index + 1}"
    if not isinstance(table, dict) or not isinstance(table.get("rule"), str):
        raise _fail(f'{label}: needs rule = "ID"', name, where, index, None, "suppress")
    for key in table:
        if key not in _SUPPRESS_KEYS:
            known = ", ".join(sorted(_SUPPRESS_KEYS))
            raise _fail(
                f"{label}: unknown key {key!r} ({known})", name, where, index, key, "suppress"
            )
    source = target = None
    if "source" in table:
        source = _compile(table["source"], "source", label, 0, name, where, index, "suppress")
    if "target" in table:
        target = _compile(table["target"], "target", label, 0, name, where, index, "suppress")
    file, unit = table.get("file"), table.get("unit")
    return Suppression(table["rule"], file, unit, source, target)
