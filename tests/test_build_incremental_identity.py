"""An incremental build gives byte for byte what a clean full build gives.

A generated project (``benchmarks/gen_project.py``, 1k segments) is built, so
that its ``.tmkit/state.json`` remembers everything; then one thing changes (a
document edited, added or removed, a translation edited in the PO, the
configuration, the glossary; or a document edited with the per-segment cache of
``.tmkit/cache`` spoilt). The project is copied without its state and built
there from scratch. Every file of the two,
the report page included, and every finding and step verdict must be the same.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from tmkit.ops.build import run_build
from tmkit.ops.build_steps import apply
from tmkit.ops.project import load_project

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from gen_project import generate

    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root = tmp_path_factory.mktemp("gen") / "project"
    config = generate(root, 1_000)
    apply(run_build(load_project(config)))  # the state now vouches for every step
    yield root
    mp.undo()


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".tmkit" not in p.parts
    }


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _edit_doc(root: Path) -> None:
    doc = root / "source" / "ja" / "doc2.txt"
    text = doc.read_text(encoding="utf-8")
    first = text.index("。") + 1
    text = text[:first].replace("の", "と", 1) + text[first:]
    # a new sentence, one the memory has word for word, one it has nearly
    doc.write_text(text + "\n変更された段落です。量子の研究を進める。\n", encoding="utf-8")
    sentence = re.search(r"[^。\n]{12,}。", text[first:]).group(0)
    _append(doc, "\n" + sentence[:-2] + "。\n")


def _config(root: Path) -> str:
    return (root / "tmkit.toml").read_text(encoding="utf-8")


def _add_doc(root: Path) -> None:
    shutil.copy2(root / "source" / "ja" / "doc1.txt", root / "source" / "ja" / "doc5.txt")
    _append(root / "source" / "ja" / "doc5.txt", "\n新しい文書の段落です。\n")
    text = _config(root).replace('doc4.txt"]', 'doc4.txt", "source/ja/doc5.txt"]', 1)
    text = text.replace('en/doc4.txt"]', 'en/doc4.txt", "target/en/doc5.txt"]', 1)
    (root / "tmkit.toml").write_text(text, encoding="utf-8")


def _remove_doc(root: Path) -> None:
    text = _config(root).replace(', "source/ja/doc3.txt"', "").replace(', "target/en/doc3.txt"', "")
    (root / "tmkit.toml").write_text(text, encoding="utf-8")


def _change_config(root: Path) -> None:
    text = _config(root) + '\n[check]\nignore = ["latin.mismatch"]\n'
    (root / "tmkit.toml").write_text(text, encoding="utf-8")


def _change_glossary(root: Path) -> None:
    terms = "c9999,ja,研究,preferred\nc9999,en,research,preferred\n"
    _append(root / "glossary" / "terms.csv", terms)


def _edit_translation(root: Path) -> None:
    """A translator's edit of the PO: one translation reworded, another emptied."""
    po = root / "target" / "en" / "gen.po"
    text = po.read_text(encoding="utf-8")
    found = list(re.finditer(r'\nmsgstr "([^"\n]+)"\n', text))
    first, second = found[1], found[len(found) // 2]
    text = (
        text[: first.start(1)]
        + "Reworded: "
        + text[first.start(1) : second.start(1)]
        + text[second.end(1) :]
    )
    po.write_text(text, encoding="utf-8")


def _spoil_cache(root: Path) -> None:
    """A document edited, and every cache table truncated or flipped (never trusted)."""
    _edit_doc(root)
    tables = sorted((root / ".tmkit" / "cache").glob("*.bin"))
    assert tables
    for n, table in enumerate(tables):
        data = table.read_bytes()
        table.write_bytes(data[: len(data) // 2] if n % 2 else data[:-1] + bytes([data[-1] ^ 1]))


def _lose_findings(root: Path) -> None:
    """Nothing changed, but the check step's findings are gone from the build cache:
    the state's record of the step cannot stand for it (the step runs again)."""
    (root / ".tmkit" / "cache" / "check-findings.bin").unlink()


def _spoil_findings(root: Path) -> None:
    path = root / ".tmkit" / "cache" / "check-findings.bin"
    data = path.read_bytes()
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))


def _renumber(root: Path) -> None:
    """A sentence of doc3 added to doc1: the ids of its repeats in doc3 and after are
    numbered anew, so doc3 (unchanged) cannot be taken from the build cache as it is."""
    doc3 = (root / "source" / "ja" / "doc3.txt").read_text(encoding="utf-8")
    sentence = re.search(r"[^。\n]{12,}。", doc3).group(0)
    _append(root / "source" / "ja" / "doc1.txt", "\n" + sentence + sentence + "\n")


def _lose_target(root: Path) -> None:
    """A target document deleted, its source unchanged: it is rendered again from its
    document, structured then with the numbering of the documents before it."""
    (root / "target" / "en" / "doc3.txt").unlink()


_TWO_LANGUAGES_SRX = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header segmentsubflows="yes" cascade="no"/>
<body><languagerules>
<languagerule languagerulename="commas"><rule break="yes"><beforebreak>[。、]</beforebreak>
<afterbreak></afterbreak></rule></languagerule>
<languagerule languagerulename="stops"><rule break="yes"><beforebreak>。</beforebreak>
<afterbreak></afterbreak></rule></languagerule>
</languagerules><maprules>
<languagemap languagepattern="ja-JP" languagerulename="commas"/>
<languagemap languagepattern="ja.*" languagerulename="stops"/>
</maprules></body></srx>
"""


def _change_source_language(root: Path) -> None:
    """The source language changed, the SRX file not: its rules for the new language
    split the sentences, so no document may come from the cache as it was split."""
    (root / "rules.srx").write_text(_TWO_LANGUAGES_SRX, encoding="utf-8")
    (root / "tmkit.toml").write_text('srx = "rules.srx"\n' + _config(root), encoding="utf-8")
    apply(run_build(load_project(root / "tmkit.toml")))
    text = _config(root).replace('source-lang = "ja"', 'source-lang = "ja-JP"', 1)
    assert text != _config(root)
    (root / "tmkit.toml").write_text(text, encoding="utf-8")


CHANGES = {
    "edit-doc": _edit_doc,
    "edit-translation": _edit_translation,
    "add-doc": _add_doc,
    "remove-doc": _remove_doc,
    "config": _change_config,
    "glossary": _change_glossary,
    "spoilt-cache": _spoil_cache,
    "lost-findings": _lose_findings,
    "renumbered": _renumber,
    "lost-target": _lose_target,
    "spoilt-findings": _spoil_findings,
    "source-language": _change_source_language,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_incremental_build_equals_full_build(built: Path, tmp_path: Path, change: str) -> None:
    incremental, clean = tmp_path / "incremental", tmp_path / "clean"
    shutil.copytree(built, incremental)
    # the state, at this path (a step's key holds the project's place): the change build
    # then reads the own TMX's entries from the PO (ops/build_memory)
    apply(run_build(load_project(incremental / "tmkit.toml")))
    CHANGES[change](incremental)
    shutil.copytree(incremental, clean)
    shutil.rmtree(clean / ".tmkit")

    results = []
    for root in (incremental, clean):
        result = run_build(load_project(root / "tmkit.toml"))
        apply(result)
        results.append(result)
    assert not any(s.reused for s in results[1].steps)
    a, b = _files(incremental), _files(clean)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name
    assert [f.to_dict() for f in results[0].findings] == [f.to_dict() for f in results[1].findings]
    assert [(s.name, s.summary, s.ok) for s in results[0].steps] == [
        (s.name, s.summary, s.ok) for s in results[1].steps
    ]
    if change.endswith("-findings"):
        assert not next(s for s in results[0].steps if s.name == "check").reused
    # and a build after it changes no file
    assert not run_build(load_project(incremental / "tmkit.toml")).stale()


def test_a_moved_project_keeps_its_state(built: Path, tmp_path: Path) -> None:
    """The steps' keys hold no absolute path: a project moved elsewhere (or built
    through a relative --config) reuses every step, with the same outputs."""
    import os

    here = tmp_path / "here"
    shutil.copytree(built, here)
    apply(run_build(load_project(here / "tmkit.toml")))
    before = _files(here)
    there = tmp_path / "elsewhere" / "project"
    shutil.move(here, there)
    result = run_build(load_project(there / "tmkit.toml"))
    assert all(s.reused for s in result.steps)
    assert not result.stale() and _files(there) == before
    cwd = Path.cwd()
    try:
        os.chdir(there.parent)
        result = run_build(load_project(Path("project") / "tmkit.toml"))
    finally:
        os.chdir(cwd)
    assert all(s.reused for s in result.steps)
    assert [f.to_dict() for f in result.findings] == [
        f.to_dict() for f in run_build(load_project(there / "tmkit.toml")).findings
    ]


def test_one_edited_document_lays_out_and_marks_only_its_entries(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build cache is used: after one document changed, the others are not
    structured again, the template's and the PO's entries of the others are not laid
    out again, nor their pairs' glossary marks made, nor their parts of the report's
    data, nor their target documents rendered."""
    import tmkit.formats.po as po
    import tmkit.ops.rebuild as rebuild
    import tmkit.ops.review as review
    import tmkit.ops.review_parts as review_parts

    root = tmp_path / "project"
    shutil.copytree(built, root)
    apply(run_build(load_project(root / "tmkit.toml")))
    _edit_doc(root)
    laid_out: list[object] = []
    marked: list[object] = []
    real_layout, real_marks = po._format_message, review._term_marks
    monkeypatch.setattr(po, "_format_message", lambda m, w: laid_out.append(m) or real_layout(m, w))
    monkeypatch.setattr(
        review, "_term_marks", lambda s, t, g: marked.append(s) or real_marks(s, t, g)
    )
    import tmkit.text.structure as structure

    structured: list[str] = []
    real_parse = structure.parse_document
    monkeypatch.setattr(
        structure,
        "parse_document",
        lambda text, path, *a, **k: structured.append(path) or real_parse(text, path, *a, **k),
    )
    made: list[list[str]] = []  # the report's parts made anew: their segments' references
    real_make = review_parts._make
    monkeypatch.setattr(
        review_parts,
        "_make",
        lambda contents, *a: (
            made.append([r for row in contents[0] for r in row[5]]) or real_make(contents, *a)
        ),
    )
    rendered: list[object] = []
    real_render = rebuild.render_target
    monkeypatch.setattr(
        rebuild, "render_target", lambda doc, *a: rendered.append(doc) or real_render(doc, *a)
    )
    result = run_build(load_project(root / "tmkit.toml"))
    segments = int(result.steps[0].summary.split()[0])
    assert segments > 900
    # the template's and the PO's headers, and the few entries the edit made or changed
    assert 0 < len(laid_out) <= 20
    assert 0 < len(marked) <= 10
    # the report's parts of the other documents are those the last build made
    assert made and all(ref.startswith("source/ja/doc2.txt:") for refs in made for ref in refs)
    assert sum(map(len, made)) < segments / 3  # doc2 holds a quarter of them
    assert [str(doc.path) for doc in rendered] == ["source/ja/doc2.txt"]
    assert structured == ["source/ja/doc2.txt"]
