"""`tmkit build`: the whole translation loop for a project, in one call.

Steps, in order: extract → update (pretranslated from the memories) → check →
export the TMX → validate → rebuild the target documents → report; plus the
glossary exports kept in sync with the master glossary.

Every output is computed in memory first. `run_build` returns them with the
findings; `apply` writes the ones whose bytes changed (atomically) or, for
``--check``, lists them as out of date. Nothing time-dependent enters an output
unless its input changed: the template keeps its POT-Creation-Date while its
entries stay the same, so a second build changes no file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tmkit.model import Catalog, Message
from tmkit.model.findings import Finding
from tmkit.ops.project import Project

STEPS = ("extract", "update", "check", "tmx", "validate", "rebuild", "report", "glossary")


@dataclass(slots=True)
class Step:
    name: str
    summary: str = ""
    ok: bool = True
    outputs: list[Path] = field(default_factory=list)


@dataclass(slots=True)
class BuildResult:
    project: Project
    steps: list[Step] = field(default_factory=list)
    #: absolute path → the bytes it should hold
    outputs: dict[Path, bytes] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)

    def stale(self) -> list[Path]:
        """Outputs whose file is missing or differs from what the build computed."""
        return [
            path
            for path, data in self.outputs.items()
            if not path.is_file() or path.read_bytes() != data
        ]


def _entries(catalog: Catalog) -> list[tuple]:
    return [
        (m.msgctxt, m.msgid, tuple(m.references), tuple(m.extracted_comments))
        for m in catalog.messages
    ]


def _template(project: Project, glossary) -> Catalog:
    from tmkit.formats.po import read_po
    from tmkit.ops.extract import build_template, load_documents, timestamp

    docs = load_documents(
        [str(d.source) for d in project.documents],
        encoding=project.encoding,
        srx=str(project.path(project.srx)) if project.srx else None,
        language=project.source_lang,
        root=str(project.root),
        front_matter_keys=project.front_matter_keys,
    )
    annotate = None
    if glossary is not None:
        from tmkit.glossary.notes import term_notes

        annotate = term_notes(glossary)
    path = project.path(project.template)
    previous = read_po(path) if path.is_file() else None
    template = build_template(docs, project.project_id, "", project.source_lang, annotate)
    date = timestamp()
    if previous is not None and _entries(previous) == _entries(template):
        date = previous.metadata.get("POT-Creation-Date", date)
    template.set_metadata("POT-Creation-Date", date)
    template.set_metadata("PO-Revision-Date", date)
    return template, docs


def _new_translation(project: Project, template: Catalog) -> Catalog:
    header = Message(
        msgid="",
        msgstr="".join(
            f"{k}: {v}\n"
            for k, v in (
                ("Project-Id-Version", project.project_id),
                ("POT-Creation-Date", template.metadata.get("POT-Creation-Date", "")),
                ("PO-Revision-Date", template.metadata.get("POT-Creation-Date", "")),
                ("Last-Translator", ""),
                ("Language-Team", ""),
                ("Language", project.target_lang),
                ("MIME-Version", "1.0"),
                ("Content-Type", "text/plain; charset=UTF-8"),
                ("Content-Transfer-Encoding", "8bit"),
                ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
                ("X-Source-Language", project.source_lang),
            )
        ),
    )
    return Catalog(header=header)


def _memories(project: Project):
    """The project's memories, then its own TMX (old translations of edited sentences)."""
    from tmkit.ops.inputs import load_memories

    paths: list[str | Path] = [project.path(p) for p in project.memories]
    if project.tmx is not None and project.path(project.tmx).is_file():
        paths.append(project.path(project.tmx))
    if project.tm:
        from tmkit.tm.spec import SQLITE_PREFIX, sqlite_path

        spec = project.tm
        if spec.startswith(SQLITE_PREFIX):
            spec = SQLITE_PREFIX + str(project.path(sqlite_path(spec)))
        paths.append(spec)
    return load_memories(paths, None, project.source_lang, project.target_lang)


def run_build(project: Project, on_step: Callable[[str], None] | None = None) -> BuildResult:
    """Compute every output of the project and every finding; write nothing."""
    from tmkit.formats.po import format_po, parse_po, read_po

    result = BuildResult(project)

    def step(name: str) -> Step:
        if on_step is not None:
            on_step(name)
        s = Step(name)
        result.steps.append(s)
        return s

    def output(s: Step, rel: Path, data: bytes) -> None:
        path = project.path(rel)
        result.outputs[path] = data
        s.outputs.append(rel)

    glossary = None
    if project.glossary is not None:
        from tmkit.formats import io

        glossary = io.read_glossaries([project.path(project.glossary)])

    # 1. extract
    s = step("extract")
    template, docs = _template(project, glossary)
    output(s, project.template, format_po(template).encode("utf-8"))
    s.summary = f"{len(template)} segments from {len(docs)} document(s)"

    # 2. update
    s = step("update")
    from tmkit.ops.update import update_catalog

    po_path = project.path(project.translation)
    old = read_po(po_path) if po_path.is_file() else _new_translation(project, template)
    updated = update_catalog(
        template, old, _memories(project), memory_threshold=project.fuzzy_threshold
    )
    po_text = format_po(updated.catalog)
    output(s, project.translation, po_text.encode("utf-8"))
    # read back what will be written, so findings point at its real line numbers
    catalog = parse_po(po_text, str(project.translation))
    s.summary = updated.stats.summary()

    # 3. check
    s = step("check")
    from tmkit.checks.base import CheckContext
    from tmkit.checks.run import run_checks
    from tmkit.ops.check import catalog_check_units

    ctx = CheckContext()
    if glossary is not None:
        from tmkit.checks.glossary import build_matcher

        ctx.glossary = build_matcher(glossary)
    if project.checklist is not None:
        from tmkit.checks.checklist import load_checklist

        load_checklist(project.path(project.checklist)).install(ctx)
    findings = run_checks(
        catalog_check_units(catalog, str(project.translation)),
        ctx,
        project.select or None,
        project.ignore or None,
    )
    result.findings.extend(findings)
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    s.ok = errors == 0 and not (project.strict and warnings)
    s.summary = f"{errors} error(s), {warnings} warning(s)"

    # 4. tmx + 5. validate
    if project.tmx is not None:
        from tmkit.formats.convert import catalog_to_memory
        from tmkit.formats.tmx import format_tmx

        s = step("tmx")
        memory = catalog_to_memory(catalog, project.source_lang, project.target_lang)
        tmx_bytes = format_tmx(memory).encode("utf-8")
        output(s, project.tmx, tmx_bytes)
        s.summary = f"{len(memory.units)} units"

        s = step("validate")
        validation = _validate(project, tmx_bytes, template)
        result.findings.extend(validation.findings)
        s.ok = validation.ok and not (
            project.strict and any(f.severity == "warning" for f in validation.findings)
        )
        s.summary = f"{validation.units} units, {len(validation.findings)} finding(s)"

    # 6. rebuild the target documents
    s = step("rebuild")
    from tmkit.model.codes import MarkupDocument
    from tmkit.ops.documents import rebuild_markup
    from tmkit.ops.rebuild import render_target, translations
    from tmkit.ops.rendering import RenderRules, render_markdown

    table = translations(catalog)
    rules = RenderRules.for_language(project.target_lang, project.render)
    fallbacks = 0
    for doc, spec in zip(docs, project.documents, strict=True):
        if isinstance(doc, MarkupDocument):
            # an HTML or Markdown source rebuilds into its own format
            if spec.target is None:
                continue
            data, warnings = rebuild_markup(doc, table, project.target_lang)
            fallbacks += len(warnings)
            result.findings.extend(
                Finding(
                    "rebuild.source-kept",
                    "warning",
                    w.split(": ", 2)[-1],
                    file=str(spec.source),
                    unit=w.split(": ")[1],
                )
                for w in warnings
            )
            output(s, spec.target, data)
            continue
        if spec.target is not None:
            text = render_target(doc, table, project.target_lang, rules)
            output(s, spec.target, text.encode("utf-8"))
        if spec.markdown is not None:
            output(s, spec.markdown, render_markdown(doc, table, rules).encode("utf-8"))
    s.summary = f"{len(s.outputs)} document(s)" + (f", {fallbacks} warning(s)" if fallbacks else "")

    # 7. report
    if project.report is not None:
        s = step("report")
        from tmkit.report.html import render_report

        html = render_report(
            catalog,
            str(project.translation),
            findings=findings,
            glossary=glossary,
            source_lang=project.source_lang,
            target_lang=project.target_lang,
        )
        output(s, project.report, html.encode("utf-8"))
        s.summary = "written"

    # glossary exports
    if project.glossary_exports and glossary is not None:
        s = step("glossary")
        from tmkit.formats import io

        for rel in project.glossary_exports:
            data, _ = io.dumps(glossary, io.detect(rel, kind="glossary").name)
            output(s, rel, data)
        s.summary = f"{len(project.glossary_exports)} export(s) of {project.glossary}"
    return result


def _validate(project: Project, tmx_bytes: bytes, template: Catalog):
    from tmkit.ops.validate import source_segments_from_catalog, validate_tmx

    fd, tmp = tempfile.mkstemp(suffix=".tmx")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(tmx_bytes)
        validation = validate_tmx(
            tmp,
            source=source_segments_from_catalog(template),
            target_lang=project.target_lang,
            strict=project.strict,
        )
    finally:
        os.unlink(tmp)
    name = str(project.tmx)
    validation.path = name
    validation.findings = [
        Finding(**{**f.to_dict(), "file": name, "span": f.span}) for f in validation.findings
    ]
    return validation


def apply(result: BuildResult) -> list[Path]:
    """Write the outputs that changed; return them."""
    from tmkit.formats.atomic import write_bytes_atomic

    changed = result.stale()
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, result.outputs[path])
    return changed
