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

import time
from collections.abc import Callable
from dataclasses import fields, replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from tmkit.model import Catalog, Message
from tmkit.model.findings import Finding
from tmkit.ops.build_cache import BuildCache, seed_consistency, text_key
from tmkit.ops.build_memory import memory_paths, memory_specs
from tmkit.ops.build_state import BuildState, digest_file
from tmkit.ops.build_steps import BuildResult, Lazy, Step, Steps
from tmkit.ops.build_template import remembering_matcher, template_of
from tmkit.ops.project import Project

#: rules that say how far the translation has got, not what is wrong with it
_PROGRESS_RULES = frozenset({"untranslated", "fuzzy"})


def _files(project: Project, paths) -> dict[str, str | None]:
    return {str(p): digest_file(project.path(Path(p))) for p in paths}


def _within(project: Project, path: Path) -> Path:
    """``path`` relative to the project's root when it is under it (a step key holds no
    place: a moved or copied project keeps its state)."""
    try:
        return path.relative_to(project.root)
    except ValueError:
        return path


def _project_key(project: Project) -> str:
    """The project's settings as the steps' keys see them: every path as configured,
    the root and the config file's place left out (nothing a step makes depends on
    them: its files are read and keyed relative to the root)."""
    return repr(replace(project, root=Path("."), config_file=_within(project, project.config_file)))


#: a finding as the build cache keeps it: `Finding`'s fields in order
_row = attrgetter(*(f.name for f in fields(Finding)))


def _findings(data: list[dict[str, Any]]) -> list[Finding]:
    return [
        Finding(**{**d, "span": tuple(d["span"]) if d["span"] is not None else None}) for d in data
    ]


def run_build(
    project: Project,
    on_step: Callable[[str], None] | None = None,
    state: BuildState | None = None,
    complete: bool | None = None,
    write_early: bool = False,
) -> BuildResult:
    """Compute every output of the project and every finding; write nothing but, with
    ``write_early`` (a build that will be applied), its cache of per-segment results.

    Steps whose inputs and outputs are unchanged since the last build (``state``,
    read from ``.tmkit/state.json`` when not given) are not run again.
    """
    from tmkit.model.bulk import collector_paused

    # a build makes millions of small objects and no cycles worth collecting: each pass
    # of the cyclic collector walked the whole heap (a second per step at 100k)
    with collector_paused():
        return _run_build(project, on_step, state, complete, write_early)


def _run_build(project: Project, on_step, state, complete, write_early) -> BuildResult:
    from tmkit.formats.po import parse_po, read_po
    from tmkit.ops.build_po import format_remembered

    require_complete = project.complete if complete is None else complete
    state = state if state is not None else BuildState.load(project.root)
    result = BuildResult(project, state=state)
    # a state that cannot be trusted means a full build: its cache is not read either
    cache = result.cache = BuildCache(project.root, bool(state.records), write_early)
    steps = Steps(result, state, on_step)
    config = {
        "project": _project_key(project),
        "config": digest_file(project.config_file),
    }
    glossary_files = _files(project, [project.glossary] if project.glossary else [])

    def load_glossary():
        from tmkit.formats import io

        return io.read_glossaries([project.path(project.glossary)])

    glossary = Lazy(load_glossary if project.glossary is not None else lambda: None)

    def build_matcher():
        from tmkit.checks.glossary import build_matcher

        return remembering_matcher(build_matcher(glossary())) if glossary() is not None else None

    #: one glossary matcher for the run: the checks and the report share it
    matcher = Lazy(build_matcher)
    doc_files = _files(project, [d.source for d in project.documents])
    srx_files = _files(project, [project.srx]) if project.srx else {}
    doc_files.update(srx_files)

    # 1. extract
    def load_docs():
        from tmkit.ops.build_documents import ProjectDocuments

        # a line's sentences, and a text document's segments, kept by their text: an
        # unchanged document is not structured again (valid for one language's rules)
        rules = [srx_files, project.source_lang]
        splits = cache.table("split", rules)
        documents = cache.table("documents", rules)
        documents.batch = 1  # an entry is a whole document
        return ProjectDocuments(project, splits, documents)

    docs = Lazy(load_docs)
    template_path = project.path(project.template)
    template = Lazy(lambda: parse_po(template_path.read_text("utf-8"), str(template_path)))

    def extract(s: Step) -> dict[str, Any]:
        made, extra, data, keys = template_of(
            project, glossary(), matcher(), docs(), steps.previous("extract"), cache
        )
        template.set(made)
        if data is None:
            data = format_remembered(made, cache.table("pot-layout", []), keys).encode("utf-8")
        del keys
        cache.done("notes", "pot-layout", "split", "documents")
        steps.output(s, project.template, data)
        s.summary = f"{len(made)} segments from {len(docs())} document(s)"
        return extra

    steps.run(
        "extract",
        {
            **config,
            "docs": doc_files,
            "glossary": glossary_files,
        },
        extract,
    )

    # 2. update
    po_path = project.path(project.translation)
    po_name = str(project.translation)

    def read_translation(
        name: str, read: Callable[[], Catalog], replaced: bool, known: dict | None = None
    ) -> Catalog:
        from tmkit.ops.build_po import cached_translation

        return cached_translation(cache, po_path, name, read, replaced, known)

    catalog = Lazy(
        lambda: read_translation(
            po_name, lambda: parse_po(po_path.read_text("utf-8"), po_name), False
        )
    )

    def update(s: Step) -> dict[str, str]:
        from tmkit.ops.build_po import (
            catalog_record,
            covered_digest,
            new_translation,
            pieces,
            written_catalog,
        )
        from tmkit.ops.update import update_catalog

        #: the text of each entry of the PO the last build wrote (kept in its record)
        known: dict[int, tuple[Message, str]] = {}
        if po_path.is_file():
            old = read_translation(str(po_path), lambda: read_po(po_path), True, known)
        else:
            old = new_translation(project, template())
        updated = update_catalog(
            template(),
            old,
            _memories(old),
            memory_threshold=project.fuzzy_threshold,
            share=True,
        )
        del old
        # the catalog as read back from what will be written: findings point at its lines;
        # an entry the merge kept as it was is laid out as it was
        layouts = Lazy(lambda: cache.table("po-layout", []))
        written = written_catalog(updated.catalog, po_name, layouts, known)
        known.clear()
        cache.done("po-layout")
        steps.output_text(s, project.translation, pieces(written.chunks))
        written.chunks.clear()
        catalog.set(written.catalog)
        # the next build reads this PO from the cache, by the digest of its bytes
        record = catalog_record(written.catalog, written.sizes)
        kept = {bytes.fromhex(steps.digests[po_name]): record} if record is not None else {}
        cache.table("po-read", []).used = kept
        cache.done("po-read")
        s.summary = updated.stats.summary()
        return {
            "export": written.export_digest,
            "covered": covered_digest(template(), written.catalog),
        }

    def _memories(old: Catalog):
        from tmkit.ops.build_memory import BuildMemories, own_tmx_entries, untranslated_sources

        if not memory_specs(project):
            return None
        own = None
        if _exported_from(old):
            origin = str(project.path(project.tmx))
            own = lambda keep: own_tmx_entries(project, old, origin, keep)  # noqa: E731
        queries = untranslated_sources(template(), old)
        return BuildMemories(project, queries, project.fuzzy_threshold, own)

    def _exported_from(old: Catalog) -> bool:
        """Whether the build state vouches that the project's TMX on disk is the last
        build's export of ``old`` (the PO on disk): then its entries come from ``old``."""
        if project.tmx is None or project.path(project.tmx) in memory_paths(project)[:-1]:
            return False
        last_update, last_tmx = steps.previous("update"), steps.previous("tmx")
        if last_update is None or last_tmx is None or not po_path.is_file():
            return False
        extra = last_update.get("extra")
        if not isinstance(extra, dict) or "export" not in extra:
            return False
        tmx_rel = str(project.tmx)
        return (
            last_update.get("outputs", {}).get(po_name) == digest_file(po_path)
            and last_tmx.get("outputs", {}).get(tmx_rel) == digest_file(project.path(project.tmx))
            and last_tmx.get("key") == state.key("tmx", {**config, "exported": extra["export"]})
        )

    _, update_data = steps.run(
        "update",
        {
            **config,
            "template": steps.digests[str(project.template)],
            "memories": {str(_within(project, p)): digest_file(p) for p in memory_paths(project)},
            # a shared memory changes under the build: never reuse an update against it
            "tm": project.tm and time.time_ns(),
        },
        update,
    )
    po_digest = steps.digests[str(project.translation)]
    # what the TMX and its validation read of the PO: a segment added untranslated
    # (or an edited comment) changes the PO but neither of them
    if not isinstance(update_data, dict) or not {"export", "covered"} <= update_data.keys():
        update_data = {"export": po_digest, "covered": po_digest}

    # 3. check
    check_settings = {
        **config,
        "glossary": glossary_files,
        "select": list(project.select),
        "ignore": list(project.ignore),
        "complete": require_complete,
        "checklist": _files(project, [project.checklist] if project.checklist else []),
    }

    #: the findings of the check step, as made or as the build cache kept them
    rows: list[tuple] = []

    def check(s: Step) -> dict[str, Any]:
        from tmkit.checks.base import CheckContext
        from tmkit.checks.memo import run_checks_remembering
        from tmkit.ops.check import catalog_check_units

        ctx = CheckContext(glossary=matcher())
        if project.checklist is not None:
            from tmkit.checks.checklist import load_checklist

            load_checklist(project.path(project.checklist)).install(ctx)
        # pairs unchanged since the last build keep their findings (one edited document
        # re-checks only its own sentences); the consistency checks always run. The
        # findings of each pair are kept in the build cache, under these settings
        remembered = cache.table("check-pairs", check_settings)
        pairs = catalog_check_units(catalog(), po_name)
        seed_consistency(ctx, pairs, cache)
        found, remembered.used = run_checks_remembering(
            pairs,
            ctx,
            project.select or None,
            project.ignore or None,
            remembered.stored,
        )
        cache.done("check-pairs", "consistency-source", "consistency-target")
        if not require_complete:
            # a project still being translated: its gaps are reported, not failed
            found = [replace(f, severity="info") if f.rule in _PROGRESS_RULES else f for f in found]
        errors = sum(f.severity == "error" for f in found)
        warnings = sum(f.severity == "warning" for f in found)
        s.ok = errors == 0 and not (project.strict and warnings)
        s.summary = f"{errors} error(s), {warnings} warning(s)"
        made = [_row(f) for f in found]
        rows[:] = made
        # the findings are kept in the build cache, not the state (17 MB of JSON at 100k)
        return {"digest": cache.put_blob("check-findings", made)}

    def kept_findings(extra: Any) -> bool:
        digest = extra.get("digest") if isinstance(extra, dict) else None
        found = cache.blob("check-findings", digest)
        rows[:] = found if isinstance(found, list) else []
        return found is not None

    _, check_data = steps.run("check", {**check_settings, "po": po_digest}, check, kept_findings)
    # the report is keyed by the findings' digest
    findings_digest = check_data["digest"]
    findings = [Finding(*row) for row in rows]
    del check_data
    rows.clear()
    result.findings.extend(findings)

    # 4. tmx + 5. validate
    if project.tmx is not None:

        def tmx(s: Step) -> None:
            from tmkit.formats.convert import catalog_memory_units
            from tmkit.formats.tmx import iter_tmx_text

            header, units = catalog_memory_units(
                catalog(), project.source_lang, project.target_lang
            )
            count = [0]

            def counted():
                for unit in units:
                    count[0] += 1
                    yield unit

            # written as it is made: no list of units, no text of the whole file
            steps.output_text(s, project.tmx, iter_tmx_text(header, counted()))
            s.summary = f"{count[0]} units"

        steps.run("tmx", {**config, "exported": update_data["export"]}, tmx)

        def validate(s: Step) -> list[dict[str, Any]]:
            tmx_path = project.path(project.tmx)
            # an unchanged TMX is not held: the file on disk is those bytes
            validation = _validate(project, result.outputs.get(tmx_path), template(), catalog())
            s.ok = validation.ok and not (
                project.strict and any(f.severity == "warning" for f in validation.findings)
            )
            s.summary = f"{validation.units} units, {len(validation.findings)} finding(s)"
            return [f.to_dict() for f in validation.findings]

        _, validation_data = steps.run(
            "validate",
            {
                **config,
                "tmx": steps.digests[str(project.tmx)],
                "covered": update_data["covered"],
            },
            validate,
        )
        result.findings.extend(_findings(validation_data))

    # 6. rebuild the target documents
    def rebuild(s: Step) -> list[dict[str, Any]]:
        from tmkit.model.codes import MarkupDocument
        from tmkit.ops.documents import rebuild_markup
        from tmkit.ops.rebuild import render_target, translations
        from tmkit.ops.rendering import RenderRules, render_markdown

        table = translations(catalog())
        rules = RenderRules.for_language(project.target_lang, project.render)
        # a document whose source and translations are those of an output it made
        # last time, still on disk, is not rendered again (the cache has its digest)
        rendered = cache.table("rebuilt", [config, srx_files])
        kept: list[Finding] = []
        for index, spec in enumerate(project.documents):
            doc = docs().structured(index)
            if isinstance(doc, MarkupDocument):
                # an HTML or Markdown source rebuilds into its own format
                if spec.target is None:
                    continue
                data, warnings = rebuild_markup(doc, table, project.target_lang)
                kept.extend(
                    Finding(
                        "rebuild.source-kept",
                        "warning",
                        w.split(": ", 2)[-1],
                        file=str(spec.source),
                        unit=w.split(": ")[1],
                    )
                    for w in warnings
                )
                steps.output(s, spec.target, data)
                continue
            source = doc_files[str(spec.source)]
            said = repr([source, *(table.get(i) for i in docs().segment_ids(index))])
            if spec.target is not None:
                key = text_key("text", str(spec.target), said)
                if not steps.kept_output(s, spec.target, rendered.get(key)):
                    text = render_target(docs().document(index), table, project.target_lang, rules)
                    steps.output(s, spec.target, text.encode("utf-8"))
                rendered.put(key, steps.digests[str(spec.target)])
            if spec.markdown is not None:
                key = text_key("markdown", str(spec.markdown), said)
                if not steps.kept_output(s, spec.markdown, rendered.get(key)):
                    data = render_markdown(docs().document(index), table, rules).encode("utf-8")
                    steps.output(s, spec.markdown, data)
                rendered.put(key, steps.digests[str(spec.markdown)])
        cache.done("rebuilt")
        s.summary = f"{len(s.outputs)} document(s)" + (f", {len(kept)} warning(s)" if kept else "")
        return [f.to_dict() for f in kept]

    _, rebuild_data = steps.run("rebuild", {**config, "docs": doc_files, "po": po_digest}, rebuild)
    if docs.made:
        docs().release()  # not held while the report is made
    result.findings.extend(_findings(rebuild_data or []))

    # 7. report
    if project.report is not None:

        def report(s: Step) -> None:
            from tmkit.ops.review import review
            from tmkit.report.html import render_parts

            reviewed = review(
                catalog(),
                po_name,
                findings=findings,
                glossary=matcher(),
                source_lang=project.source_lang,
                target_lang=project.target_lang,
                kept_parts=cache.table("report-parts", glossary_files),
            )
            cache.done("report-parts")  # written and let go before the page is made
            parts = render_parts(reviewed)
            del reviewed
            steps.output_text(s, project.report, parts)
            s.summary = "written"

        steps.run(
            "report",
            {**config, "po": po_digest, "findings": findings_digest, "glossary": glossary_files},
            report,
        )

    # glossary exports
    if project.glossary_exports and project.glossary is not None:

        def exports(s: Step) -> None:
            from tmkit.formats import io

            for rel in project.glossary_exports:
                data, _ = io.dumps(glossary(), io.detect(rel, kind="glossary").name)
                steps.output(s, rel, data)
            s.summary = f"{len(project.glossary_exports)} export(s) of {project.glossary}"

        steps.run("glossary", {**config, "glossary": glossary_files}, exports)
    return result


def _validate(project: Project, tmx_bytes: bytes | None, template: Catalog, catalog: Catalog):
    """Validate the TMX the build made: ``tmx_bytes``, or the file when it holds them
    (``None``).

    A segment the translation leaves untranslated (or fuzzy) is not exported, and the
    check step reports it already: it is not reported a second time as missing here.
    """
    from tmkit.ops.validate import source_segments_from_catalog, validate_tmx

    done = {m.key for m in catalog.active() if m.translated}
    source = [u for u in source_segments_from_catalog(template) if (u.context, u.source) in done]

    # the TMX just made is validated from its bytes; an unchanged one from the file
    validation = validate_tmx(
        project.path(project.tmx),
        source=source,
        target_lang=project.target_lang,
        strict=project.strict,
        data=tmx_bytes,
    )
    name = str(project.tmx)
    validation.path = name
    validation.findings = [
        Finding(**{**f.to_dict(), "file": name, "span": f.span}) for f in validation.findings
    ]
    return validation
