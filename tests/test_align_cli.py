"""tmkit align: PO and TMX outputs, the CLI (CliRunner, installed entry point), bad inputs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.align.evaluate import load_gold, score_links
from tmkit.align.output import to_catalog, to_memory
from tmkit.align.sentences import splitter
from tmkit.cli import app
from tmkit.formats.po import read_po
from tmkit.formats.tmx import read_tmx
from tmkit.ops.align import align_files

DATA = Path(__file__).parent / "data" / "align"
BAD = Path(__file__).parent / "bad" / "align"
JA, EN, GOLD = DATA / "nooi-ja.txt", DATA / "nooi-en.txt", DATA / "nooi.gold.json"
runner = CliRunner()


def _pairs_from_po(path: Path, ja_sentences: list[str], en_sentences: list[str]):
    """What an outside scorer does: resegment msgid/msgstr and find the sentences in order."""
    links = set()
    ja_pos = en_pos = 0
    for msg in read_po(path).active():
        ja_idx, en_idx = [], []
        for piece in splitter("ja").split(msg.msgid):
            ja_pos = ja_sentences.index(piece.strip(), ja_pos)
            ja_idx.append(ja_pos)
        for piece in splitter("en").split(msg.msgstr) if msg.msgstr else []:
            en_pos = en_sentences.index(piece.strip(), en_pos)
            en_idx.append(en_pos)
        links |= {(i, j) for i in ja_idx for j in en_idx}
    return links


@pytest.fixture(scope="module")
def alignment():
    return align_files(str(JA), str(EN))


# ---------------------------------------------------------------- PO


def test_po_has_one_entry_per_bead_with_japanese(alignment, tmp_path):
    from tmkit.formats.po import write_po

    out = tmp_path / "out.po"
    write_po(to_catalog(alignment, "2026-11-29 00:00+0000"), out)
    catalog = read_po(out)
    with_ja = [b for b in alignment.beads if b.ja]
    assert len(list(catalog.active())) == len(with_ja)
    assert catalog.metadata["Language"] == "en"
    assert catalog.metadata["X-Source-Language"] == "ja"
    contexts = [m.msgctxt for m in catalog.active()]
    assert len(set(contexts)) == len(contexts) and contexts[0] == "a0001"
    for msg, bead in zip(catalog.active(), with_ja, strict=True):
        assert msg.msgid == "".join(alignment.ja.sentences[i].text for i in bead.ja)
        assert msg.msgstr == " ".join(alignment.en.sentences[j].text for j in bead.en)
        assert msg.extracted_comments[0].startswith(f"align: {bead.kind} ja ")
        assert msg.fuzzy == (bool(bead.en) and bead.confidence < alignment.review_below)
        assert msg.references and msg.references[0].startswith(str(JA))


def test_po_omissions(alignment, tmp_path):
    from tmkit.formats.po import write_po

    out = tmp_path / "out.po"
    write_po(to_catalog(alignment), out)
    catalog = read_po(out)
    untranslated = [m for m in catalog.active() if not m.msgstr]
    assert [m.msgid for m in untranslated] == [
        "仕組みは潜水艦の航法に似ている。",
        "住宅の手配や子どもの学校探しを支援する専門の窓口もある。",
    ]
    assert all(m.extracted_comments[0].endswith("no English") for m in untranslated)
    comments = [c for m in catalog.active() for c in m.extracted_comments if "align: 0-1" in c]
    assert len(comments) == sum(1 for b in alignment.beads if not b.ja)
    assert any("The students presented their findings" in c for c in comments)


def test_po_lets_a_scorer_recover_the_links(alignment, tmp_path):
    from tmkit.formats.po import write_po

    gold = load_gold(GOLD)
    out = tmp_path / "out.po"
    write_po(to_catalog(alignment), out)
    recovered = _pairs_from_po(
        out, [s.text for s in gold.ja.sentences], [s.text for s in gold.en.sentences]
    )
    assert recovered == alignment.links()
    assert score_links(recovered, set(gold.links)).f1 >= 0.95


def test_zero_one_bead_before_any_entry_goes_to_the_header(tmp_path):
    from tmkit.align import align_sides
    from tmkit.align.sentences import side_from_text

    ja = side_from_text("二つ目の文である。\n", "ja.txt", "ja")
    en = side_from_text(
        "This sentence was added in 2024 and has 17 words.\n\nSecond one.\n", "e", "en"
    )
    catalog = to_catalog(align_sides(ja, en))
    if not any(not b.ja for b in align_sides(ja, en).beads):
        pytest.skip("the aligner paired the added sentence")
    comments = catalog.header.translator_comments + [
        c for m in catalog.messages for c in m.extracted_comments
    ]
    assert any("align: 0-1" in c for c in comments)


# ---------------------------------------------------------------- TMX


def test_tmx_units_and_props(alignment, tmp_path):
    from tmkit.formats.tmx import write_tmx

    out = tmp_path / "out.tmx"
    write_tmx(to_memory(alignment), out)
    memory = read_tmx(out)
    assert len(memory) == len(alignment.beads)
    for unit, bead in zip(memory, alignment.beads, strict=True):
        assert unit.props("x-align-bead") == [bead.kind]
        langs = [v.lang for v in unit.variants]
        assert langs == (["ja"] if bead.ja else []) + (["en"] if bead.en else [])
        review = unit.props("x-review")[0]
        if bead.ja and bead.en:
            confidence = float(unit.props("x-align-confidence")[0])
            assert confidence == pytest.approx(bead.confidence, abs=0.006)
            assert review == ("yes" if bead.confidence < alignment.review_below else "no")
        else:
            assert review == "yes" and not unit.props("x-align-confidence")
    assert memory.header.srclang == "ja"


# ---------------------------------------------------------------- CLI


def test_cli_writes_po_and_summarises(tmp_path):
    out = tmp_path / "out.po"
    result = runner.invoke(app, ["align", str(JA), str(EN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()
    lines = result.stderr.splitlines()
    assert lines[0].startswith("aligned 71 Japanese and 72 English sentences")
    assert "without English" in lines[0] and "without Japanese" in lines[0]
    assert any("no English for: 仕組みは潜水艦の航法に似ている。" in line for line in lines)
    assert any(line.startswith(f"{EN}:") and "no Japanese for" in line for line in lines)


def test_cli_tmx_quiet_glossary_and_deterministic(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    glossary = Path(__file__).resolve().parents[1] / "glossary" / "qst.csv"
    extra = ["--glossary", str(glossary)] if glossary.exists() else []
    outs = []
    for name in ("a.tmx", "b.tmx", "c.po", "d.po"):
        out = tmp_path / name
        result = runner.invoke(app, ["align", str(JA), str(EN), "-o", str(out), "-q", *extra])
        assert result.exit_code == 0, result.output
        assert len(result.stderr.splitlines()) == 1
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[2] == outs[3]
    assert b'creationdate="20231114T221320Z"' in outs[0]
    assert b"2023-11-14 22:13+0000" in outs[2]


def test_cli_review_threshold(tmp_path):
    out = tmp_path / "out.po"
    result = runner.invoke(app, ["align", str(JA), str(EN), "-o", str(out), "--review-below", "1"])
    assert result.exit_code == 0
    assert all(m.fuzzy for m in read_po(out).active() if m.msgstr)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing-ja.txt", str(EN)], "missing-ja.txt: no such file"),
        ([str(JA), str(BAD / "binary.txt")], "binary"),
        ([str(BAD / "broken.txt"), str(EN)], "broken.txt:1:"),
        ([str(JA), str(DATA)], "is a directory"),
        ([str(BAD / "empty.txt"), str(EN)], "empty.txt: no sentences to align"),
    ],
    ids=["missing", "binary", "undecodable", "directory", "empty"],
)
def test_cli_bad_inputs_one_line_exit_2(tmp_path, args, message):
    out = tmp_path / "out.po"
    result = runner.invoke(app, ["align", *args, "-o", str(out)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_unknown_output_format(tmp_path):
    result = runner.invoke(app, ["align", str(JA), str(EN), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 2
    assert "use .po, .tmx or .xlf" in result.stderr


def _entry_point() -> str | None:
    exe = Path(sys.executable).with_name("tmkit")
    return str(exe) if exe.exists() else shutil.which("tmkit")


@pytest.mark.skipif(_entry_point() is None, reason="the tmkit entry point is not installed")
def test_installed_entry_point(tmp_path):
    exe = _entry_point()
    out = tmp_path / "out.po"
    proc = subprocess.run(
        [exe, "align", str(JA), str(EN), "-o", str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    found = [m for m in read_po(out).active() if m.msgid.startswith("研究所の原点は")]
    assert [m.msgstr[:40] for m in found] == ["The institute has its origins in the obs"]
    bad = subprocess.run(
        [exe, "align", str(JA), str(BAD / "binary.txt"), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr
