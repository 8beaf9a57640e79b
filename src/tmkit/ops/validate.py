"""`tmkit validate`: is this TMX file fit to ship? Findings, never printing.

The TMX file is streamed once (`tmkit.formats.tmx.iter_tmx` with its
structure checks on), so memory stays flat however many units it holds. What
is kept across units is small: the tuids seen, and with ``--source`` the
source segments and which of them are covered.

Rules (`RULES` lists them with their default severity):

* structure: ``tmx-version``, ``tmx-structure``, ``tmx-attribute``,
  ``inline-pairing`` (the TMX 1.4b DTD and specification), ``dtd`` (the DTD
  given with ``--dtd``), ``header-srclang``, ``tuv-lang``;
* units: ``tu-source`` (exactly one source-language tuv), ``tu-target`` (at
  least one non-empty target tuv; in ``target_lang`` when given),
  ``tuid-duplicate``;
* against the source (``source``): ``source-missing`` (a translatable segment
  has no unit, matched by context id, else by text), ``source-mismatch`` (the
  unit for a context id has other source text), ``tu-stale`` (a unit whose
  context id is gone but whose text is still a segment), ``tu-orphan`` (a unit
  matching no segment at all). Stale and orphan units are warnings, errors
  when ``strict``.

With ``srclang="*all*"`` a unit's own ``srclang`` names its source; when it
has none, ``tu-source`` only asks for two or more variants.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmkit.formats import io
from tmkit.formats.convert import CONTEXT, segment_text
from tmkit.formats.unitview import catalog_units
from tmkit.model.catalog import Catalog
from tmkit.model.errors import InputError, UsageError
from tmkit.model.findings import Finding, Severity, summarize
from tmkit.model.memory import (
    ALL_LANGUAGES,
    has_inline,
    normalize_language,
    same_language,
)
from tmkit.model.units import Unit

if TYPE_CHECKING:
    from tmkit.formats.tmx import UnitSummary, VariantSummary

#: rule id → (default severity, what it checks)
RULES: dict[str, tuple[Severity, str]] = {
    "tmx-version": ("error", "<tmx version> is 1.4"),
    "tmx-structure": ("error", "elements appear where the TMX 1.4b DTD allows them"),
    "tmx-attribute": ("error", "required attributes are present, unknown ones absent"),
    "inline-pairing": ("error", "every <bpt> has its <ept> in the same segment"),
    "dtd": ("error", "the file validates against the DTD given with --dtd"),
    "header-srclang": ("error", "the header names the source language"),
    "tuv-lang": ("error", "every <tuv> has xml:lang"),
    "tu-source": ("error", "every unit has exactly one source-language variant"),
    "tu-target": ("error", "every unit has a non-empty target variant"),
    "tuid-duplicate": ("error", "no tuid appears twice"),
    "source-missing": ("error", "every translatable source segment has a unit"),
    "source-mismatch": ("error", "a unit's source text equals its segment"),
    "tu-stale": ("warning", "a unit's context id still exists in the source"),
    "tu-orphan": ("warning", "every unit belongs to a source segment"),
}

SOFT_RULES = frozenset({"tu-stale", "tu-orphan"})

#: Roles of a variant language in the common unit shape (bit flags): the
#: header's source language exactly, and a language the targets may be in.
SOURCE, TARGET = 1, 2

#: Called with (bytes read, file size).
ByteProgress = Callable[[int, int], None]


@dataclass(slots=True)
class Validation:
    path: str
    findings: list[Finding] = field(default_factory=list)
    units: int = 0
    rules: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    @property
    def summary(self) -> dict[str, Any]:
        data = summarize(self.findings)
        data["units"] = self.units
        data["file"] = self.path
        return data


def source_segments_from_catalog(catalog: Catalog) -> list[Unit]:
    """The translatable source segments of a template (singular forms, non-empty)."""
    return [u for u in catalog_units(catalog) if u.source and not u.form]


def load_source(path: str | Path) -> list[Unit]:
    """Translatable segments of a template or bilingual file (any format the gateway reads)
    or of a plain-text source document."""
    try:
        fmt = io.detect(path, kind="catalog")
    except InputError:
        fmt = None
    if fmt is not None:
        obj = io.read(path, format=fmt.name)
        return [u for u in io.units(obj, str(path), fmt.name) if u.source and not u.form]
    from tmkit.ops.extract import build_template, load_documents

    template = build_template(load_documents([str(path)]), project=Path(path).stem)
    return source_segments_from_catalog(template)


class _Checker:
    def __init__(
        self,
        path: str,
        srclang: str | None,
        target_lang: str | None,
        source: list[Unit] | None,
        strict: bool,
    ) -> None:
        self.path = path
        self.srclang = srclang
        self.target_lang = target_lang
        self.strict = strict
        self.tuids: set[str] = set()
        self.srclang_exact = (
            normalize_language(srclang) if srclang and srclang != ALL_LANGUAGES else None
        )
        self.roles: dict[str, int] = {}
        self.source = source
        self.by_context: dict[str, Unit] = {}
        self.by_text: dict[str, list[Unit]] = {}
        self.covered: set[int] = set()
        for seg in source or ():
            if seg.context is not None:
                self.by_context.setdefault(seg.context, seg)
            self.by_text.setdefault(seg.source, []).append(seg)

    def finding(
        self, rule: str, message: str, line: int | None, tuid: str | None = None, **extra: Any
    ) -> Finding:
        severity = RULES[rule][0]
        if self.strict and rule in SOFT_RULES:
            severity = "error"
        return Finding(rule, severity, message, tuid, self.path, line, **extra)

    def _role(self, lang: str) -> int:
        """`SOURCE` and `TARGET` bits of a language tag as written, remembered per tag."""
        role = 0
        if self.srclang_exact is not None and normalize_language(lang) == self.srclang_exact:
            role |= SOURCE
        if not self.target_lang or same_language(lang, self.target_lang):
            role |= TARGET
        self.roles[lang] = role
        return role

    def _general(
        self, unit: UnitSummary, found: list[Finding]
    ) -> tuple[VariantSummary | None, list[VariantSummary]]:
        """The source variant and the candidate targets of any unit; reports tu-source."""
        tuid, line = unit.tuid, unit.line
        lang = unit.srclang or self.srclang
        if not lang or lang == ALL_LANGUAGES:
            if len(unit.variants) < 2 and self.srclang:
                message = "unit has fewer than two variants (srclang *all*)"
                found.append(self.finding("tu-source", message, line, tuid))
            source = None
            others = unit.variants
        else:
            sources = _variants_in(unit.variants, lang)
            if len(sources) != 1:
                count = "no" if not sources else str(len(sources))
                message = f"unit has {count} variants in source language {lang}"
                found.append(self.finding("tu-source", message, line, tuid))
            source = sources[0] if sources else None
            others = [v for v in unit.variants if all(v is not s for s in sources)]
        if self.target_lang:
            wanted = _variants_in(unit.variants, self.target_lang)
            others = [v for v in others if any(v is w for w in wanted)]
        return source, others

    def unit(self, unit: UnitSummary) -> list[Finding]:
        """Findings for one unit (a list: most units have none, and lists are cheap)."""
        found: list[Finding] = []
        tuid, line, srclang, _, variants = unit
        if tuid is not None:
            tuids = self.tuids
            seen = len(tuids)
            tuids.add(tuid)  # one hash lookup, not two: this runs for every unit
            if len(tuids) == seen:
                found.append(
                    self.finding("tuid-duplicate", f"tuid {tuid!r} appears again", line, tuid)
                )
        others: list[VariantSummary] | tuple[VariantSummary, ...]
        if len(variants) == 2 and srclang is None and self.srclang_exact is not None:
            roles = self.roles
            first, second = variants
            a = roles.get(first.lang)
            if a is None:
                a = self._role(first.lang)
            b = roles.get(second.lang)
            if b is None:
                b = self._role(second.lang)
        else:
            a = b = 0
        if a & SOURCE and not b & SOURCE:
            # The common shape, source then one target: skip the general matching.
            source = first
            others = (second,) if b & TARGET else ()
        else:
            source, others = self._general(unit, found)
        for v in others:
            if v.text.strip():
                break
        else:
            wanted_lang = f" in {self.target_lang}" if self.target_lang else ""
            message = f"unit has no non-empty target{wanted_lang}"
            found.append(self.finding("tu-target", message, line, tuid))
        if self.source is not None and source is not None:
            found.extend(self._against_source(unit, source))
        return found

    def _against_source(self, unit: UnitSummary, source: VariantSummary) -> Iterator[Finding]:
        tuid, line = unit.tuid, unit.line
        own_context = next((value for type, value in unit.props if type == CONTEXT), None)
        context = own_context or tuid
        texts = {source.text}
        if has_inline(source.content):
            texts.add(segment_text(source.content, True))
        seg = self.by_context.get(context) if context is not None else None
        if seg is not None:
            self.covered.add(id(seg))
            if seg.source not in texts:
                yield self.finding(
                    "source-mismatch",
                    f"source text differs from segment {context}: {seg.source!r}",
                    line,
                    tuid,
                    source=source.text,
                    expected=seg.source,
                )
            return
        matches = [s for t in texts for s in self.by_text.get(t, ())]
        for s in matches:
            self.covered.add(id(s))
        if matches and context is not None and own_context is not None:
            yield self.finding(
                "tu-stale",
                f"context {context!r} is not in the source, though its text is",
                line,
                tuid,
            )
        elif not matches:
            yield self.finding(
                "tu-orphan",
                "unit matches no source segment",
                line,
                tuid,
                source=source.text,
            )

    def missing(self) -> Iterator[Finding]:
        for seg in self.source or ():
            if id(seg) not in self.covered:
                where = f" ({seg.context})" if seg.context else ""
                yield Finding(
                    "source-missing",
                    "error",
                    f"source segment{where} has no unit: {seg.source[:60]!r}",
                    seg.context,
                    self.path,
                    None,
                    source=seg.source,
                )


def _variants_in(variants: list[VariantSummary], lang: str) -> list[VariantSummary]:
    """`TranslationUnit.variants_in` for summaries: exact tags win over primary subtags."""
    wanted = normalize_language(lang)
    exact = [v for v in variants if normalize_language(v.lang) == wanted]
    if exact:
        return exact
    return [v for v in variants if same_language(v.lang, wanted)]


def iter_findings(
    path: str | Path,
    source: list[Unit] | None = None,
    target_lang: str | None = None,
    strict: bool = False,
    progress: ByteProgress | None = None,
    counter: Validation | None = None,
    tmx_version: str = "1.4",
    on_unit: Callable[[UnitSummary], None] | None = None,
    data: bytes | None = None,
) -> Iterator[Finding]:
    """Findings for one TMX file, streaming; ``counter.units`` gets the unit count at the end.

    ``on_unit`` sees every unit summary (the corpus engine collects tuids across shards).
    A gzip or zstd file is read through a decompressing stream.
    """
    from tmkit.formats.tmx import StructureIssue, scan_tmx

    path = str(path)
    issues: list[StructureIssue] = []
    rules = _version_rules(issues.append, tmx_version)
    if data is not None:
        header, units = scan_tmx(BytesIO(data), rules, progress, name=path)
    elif io.compression(path):
        header, units = scan_tmx(io.open_binary(path), rules, progress, name=path)
    else:
        header, units = scan_tmx(path, rules, progress)
    if tmx_version == "1.1" and header.version not in ("1.1", ""):
        issues.append(
            StructureIssue(
                "tmx-version",
                f'<tmx> has version="{header.version}"; --tmx-version 1.1 expects 1.1',
                header.line,
                None,
            )
        )

    def drain() -> Iterator[Finding]:
        for issue in issues:
            yield Finding(
                issue.rule, RULES[issue.rule][0], issue.message, issue.tuid, path, issue.line
            )
        issues.clear()

    yield from drain()
    checker = _Checker(path, header.srclang, target_lang, source, strict)
    check = checker.unit
    count = 0
    for unit in units:
        count += 1
        if issues:
            yield from drain()
        if on_unit is not None:
            on_unit(unit)
        found = check(unit)
        if found:
            yield from found
    if counter is not None:
        counter.units = count
    yield from drain()
    yield from checker.missing()


# --- TMX 1.1 (OmegaT's project_save.tmx) ------------------------------------------

TMX_VERSIONS = ("1.4", "1.1")
_HINT_11 = " (for TMX 1.1, such as OmegaT's project_save.tmx, use --tmx-version 1.1)"


def _version_rules(sink: Callable[[Any], None], tmx_version: str) -> Callable[[Any], None]:
    """The reader's structure issues under the rules of ``tmx_version``.

    The reader checks TMX 1.4b. Under 1.1, ``<tmx version="1.1">`` is right and a
    ``<tuv>`` names its language with ``lang`` (``xml:lang`` is tolerated, as
    OmegaT reads both); under 1.4b, an error about a 1.1 file says the option exists.
    """

    def on_issue(issue: Any) -> None:
        legacy = 'version="1.1"' in issue.message or "TMX 1.1 lang=" in issue.message
        if tmx_version == "1.1":
            if issue.rule in ("tmx-version", "tuv-lang") and legacy:
                return
            if issue.rule == "tuv-lang":
                issue = type(issue)(issue.rule, "<tuv> has no lang", issue.line, issue.tuid)
        elif legacy:
            issue = type(issue)(issue.rule, issue.message + _HINT_11, issue.line, issue.tuid)
        sink(issue)

    return on_issue


def validate_tmx(
    path: str | Path,
    source: str | Path | list[Unit] | None = None,
    target_lang: str | None = None,
    dtd: str | Path | None = None,
    strict: bool = False,
    progress: ByteProgress | None = None,
    tmx_version: str = "1.4",
    data: bytes | None = None,
) -> Validation:
    """Validate one TMX file; raises `InputError` when it cannot be read at all.

    ``source`` is a POT/PO/TXT path or segments already loaded. ``tmx_version``
    "1.1" applies TMX 1.1's rules (`_version_rules`) instead of 1.4b's. ``data``, when
    given, is the file's content (a TMX made in memory, validated without writing it).
    """
    if tmx_version not in TMX_VERSIONS:
        raise UsageError(f"--tmx-version must be one of {', '.join(TMX_VERSIONS)}")
    segments = load_source(source) if isinstance(source, str | Path) else source
    result = Validation(str(path))
    rules = [r for r in RULES if r != "dtd" or dtd is not None]
    if segments is None:
        rules = [r for r in rules if not r.startswith(("source-", "tu-stale", "tu-orphan"))]
    result.rules = tuple(rules)
    result.findings.extend(
        iter_findings(
            path,
            segments,
            target_lang,
            strict,
            progress,
            counter=result,
            tmx_version=tmx_version,
            data=data,
        )
    )
    if dtd is not None:
        from tmkit.formats.tmx import dtd_errors

        for line, message in dtd_errors(path, dtd):
            result.findings.append(Finding("dtd", "error", message, None, str(path), line))
    return result


__all__ = [
    "RULES",
    "Validation",
    "iter_findings",
    "load_source",
    "validate_tmx",
]
