"""XLIFF through the commands: extract, merge, check, score, validate --source, align, errors."""

from __future__ import annotations

import calendar
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats.po import read_po
from tmkit.formats.tmx import read_tmx
from tmkit.formats.xliff import dump_xliff, fill_from_catalog, load_xliff, xliff_units
from tmkit.model.units import State

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source" / "ja" / "interview.txt"
PO = ROOT / "target" / "en" / "interview.po"
GLOSSARY = ROOT / "glossary" / "qst.tbx"
runner = CliRunner()


def _run(*args: object) -> object:
    return runner.invoke(app, [str(a) for a in args])


def _units(path: Path):
    with path.open("rb") as fh:
        return list(xliff_units(load_xliff(fh, str(path))))


@pytest.fixture(scope="module")
def job(tmp_path_factory) -> tuple[Path, Path]:
    """``extract -o job.xlf``, then its targets filled from interview.po (merge --template)."""
    tmp = tmp_path_factory.mktemp("job")
    job = tmp / "job.xlf"
    here = os.getcwd()
    os.chdir(ROOT)  # references relative to the repository, as in the PO
    try:
        # dated like the PO (its PO-Revision-Date), since TMX changedates come from it
        result = runner.invoke(
            app,
            ["extract", "source/ja/interview.txt", "-o", str(job), "--glossary", str(GLOSSARY)],
            env={"SOURCE_DATE_EPOCH": str(calendar.timegm((2026, 11, 29, 0, 0, 0)))},
        )
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    filled = tmp / "filled.xlf"
    with job.open("rb") as fh:
        doc = load_xliff(fh, str(filled))
    assert fill_from_catalog(doc, read_po(PO)) == 180
    with filled.open("wb") as fh:
        dump_xliff(doc, fh)
    return job, filled


def test_merge_template_pretranslates_a_job(job, tmp_path):
    out = tmp_path / "pre.xlf"
    result = _run("merge", PO, "--template", job[0], "-o", out)
    assert result.exit_code == 0, result.output
    assert all(u.state is State.TRANSLATED for u in _units(out))


def test_extract_writes_an_xliff_21_job(job):
    path, _ = job
    with path.open("rb") as fh:
        doc = load_xliff(fh, str(path))
    assert (doc.version, doc.source_lang, doc.target_lang) == ("2.1", "ja", "en")
    units = list(xliff_units(doc))
    assert len(units) == 180 and all(u.state is State.NEW for u in units)
    first = units[0]
    assert first.id == first.context and first.id.startswith("s")  # the context id
    assert first.notes[0] == "role: title"
    assert any(n.startswith("role: answer, speaker: interviewee") for u in units for n in u.notes)


def _po_of_the_text(job_ids: set[str], path: Path) -> Path:
    """interview.po as it is for interview.txt alone: the PO also serves interview.html
    (more entries, more references); the job was extracted from the text only."""
    from tmkit.formats.po import write_po

    catalog = read_po(PO)
    catalog.messages = [m for m in catalog.messages if m.obsolete or m.msgctxt in job_ids]
    for m in catalog.messages:
        m.references = [r for r in m.references if r.startswith("source/ja/interview.txt")]
    write_po(catalog, path)
    return path


def test_filled_job_equals_the_po_for_merge_check_and_stats(job, tmp_path):
    _, filled = job
    units = _units(filled)
    assert all(u.state is State.TRANSLATED for u in units)
    po = _po_of_the_text({u.id for u in units}, tmp_path / "interview.po")
    tmx_x, tmx_p = tmp_path / "x.tmx", tmp_path / "p.tmx"
    assert _run("merge", filled, "-o", tmx_x).exit_code == 0
    assert _run("merge", po, "-o", tmx_p).exit_code == 0

    def pairs(path: Path) -> list:
        # the units whole; not the header (the job's is the template's, not the PO's)
        return [(u.tuid, u.variants, u.meta) for u in _lines_off(read_tmx(path))]

    assert pairs(tmx_x) == pairs(tmx_p)
    checks = []
    for path in (filled, po):
        result = _run("check", path, "--glossary", GLOSSARY, "--format", "json")
        assert result.exit_code in (0, 1), result.output
        report = json.loads(result.stdout)
        checks.append(
            [
                {k: v for k, v in f.items() if k not in ("file", "line", "column")}
                for f in report["findings"]
            ]
        )
    assert checks[0] == checks[1]
    stats_x = _run("stats", filled, "--format", "json")
    stats_p = _run("stats", po, "--format", "json")
    if stats_x.exit_code == 2 and "unexpected text" in stats_x.output:
        pytest.skip("stats does not read through the format gateway yet")
    assert json.loads(stats_x.stdout)["progress"] == json.loads(stats_p.stdout)["progress"]


def _lines_off(memory):
    for u in memory.units:
        u.line = None
        for v in u.variants:
            v.line = None
    return memory.units


def test_po_to_xliff_to_po_through_merge(tmp_path):
    job = tmp_path / "job.xlf"
    assert _run("merge", PO, "-o", job).exit_code == 0
    back = tmp_path / "back.po"
    assert _run("merge", job, "-o", back).exit_code == 0
    assert back.read_bytes() == PO.read_bytes()


def test_score_and_validate_source_take_xliff(job, tmp_path):
    _, filled = job
    result = _run("score", filled, "--ref", PO)
    assert result.exit_code == 0, result.output
    assert "BLEU" in result.stdout and "= 100.00" in result.stdout
    tmx = ROOT / "target" / "en" / "interview.tmx"
    result = _run("validate", tmx, "--source", filled)
    assert result.exit_code == 0, result.output


def test_align_writes_xliff(tmp_path):
    ja, en = ROOT / "tests/data/align/alpine-ja.txt", ROOT / "tests/data/align/alpine-en.txt"
    out = tmp_path / "pairs.xlf"
    result = _run("align", ja, en, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    units = _units(out)
    assert units and units[0].id == "a0001"
    assert any(n.startswith("align: ") for n in units[0].notes)


BAD = {
    "xxe.xlf": b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
    b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>',
    "broken.xlf": b'<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0">\n'
    b'<file id="f"><unit id="u"><segment><source>x</segment>',
}


@pytest.mark.parametrize("name", sorted(BAD))
@pytest.mark.parametrize("command", ["check", "merge"])
def test_hostile_or_malformed_xliff_is_one_line_exit_2(tmp_path, name, command):
    path = tmp_path / name
    path.write_bytes(BAD[name])
    args = [command, path] + (["-o", tmp_path / "out.tmx"] if command == "merge" else [])
    result = _run(*args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"{path}:" in lines[0] and "Traceback" not in result.output
    assert not (tmp_path / "out.tmx").exists()


def test_installed_entry_point_reads_xliff(job):
    exe = shutil.which("tmkit") or str(Path(__file__).resolve().parents[1] / ".venv/bin/tmkit")
    if not Path(exe).exists():
        pytest.skip("the tmkit entry point is not installed")
    _, filled = job
    done = subprocess.run([exe, "check", str(filled)], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    assert "units: 180" in done.stdout


def test_gateway_writes_catalogs_and_memories_as_xliff(tmp_path):
    from tmkit.formats import io as gateway
    from tmkit.formats.po import read_po

    data, _ = gateway.dumps(read_po(PO), "xliff", version="1.2")
    doc = load_xliff(io.BytesIO(data), "x.xlf")
    assert (doc.version, doc.source_lang, doc.target_lang) == ("1.2", "ja", "en")


def _samples() -> list[Path]:
    near = Path(__file__).resolve().parents[2] / "shared"
    folder = (near if near.is_dir() else Path("/work/shared")) / "standards" / "xliff"
    return sorted(folder.glob("*.xlf")) if folder.is_dir() else []


@pytest.mark.parametrize("path", _samples(), ids=lambda p: p.name)
def test_real_files_through_merge_and_check(path, tmp_path):
    units = len(_units(path))
    check = _run("check", path, "--format", "json")
    assert check.exit_code in (0, 1), check.output
    assert json.loads(check.stdout)["summary"]["units"] == units
    out = tmp_path / "out.tmx"
    merged = _run("merge", path, "-o", out)
    if merged.exit_code == 2:  # okapi-Xslt-Test01 names no target language anywhere
        assert "cannot tell the target language" in merged.output
        assert "\n" not in merged.output.strip()
        return
    assert merged.exit_code in (0, 1), merged.output
    written = int(re.search(r"wrote (\d+) units", merged.output).group(1))
    assert written == sum(1 for u in _units(path) if u.done)  # translated, not fuzzy


HEAVY = {
    "inline-heavy-12.xlf": [("Click here  now or there.xTM", "ここを今クリックそこ。xTM")],
    "inline-heavy-21.xlf": [("Bold  open x TM y.", "太字  開 x TM y。"), ("Second.", "二。")],
}


@pytest.mark.parametrize("name", sorted(HEAVY))
def test_inline_heavy_files(name, tmp_path):
    """Every 1.2 and 2.x code: plain text, a valid TMX from merge, codes kept as TMX codes."""
    path = ROOT / "tests" / "data" / "xliff" / name
    units = _units(path)
    # the 2.x <cp hex="0001"/> (a character XML cannot hold) is a code, not text
    assert [(u.source, u.target) for u in units] == HEAVY[name]
    out = tmp_path / "out.tmx"
    assert _run("merge", path, "-o", out).exit_code == 0
    result = _run("validate", out)
    assert result.exit_code == 0, result.output
    memory = read_tmx(out)
    assert all(v.content for u in memory for v in u.variants)
    tags = {p.tag for u in memory for v in u.variants for p in v.content if not isinstance(p, str)}
    assert tags <= {"bpt", "ept", "it", "ph", "hi"}


def test_report_takes_xliff(job, tmp_path):
    _, filled = job
    out = tmp_path / "report.html"
    result = _run("report", filled, "--glossary", GLOSSARY, "-o", out)
    assert result.exit_code in (0, 1), result.output
    assert "180 segment(s)" in result.output and out.read_text(encoding="utf-8")


def test_update_brings_a_job_up_to_date(job, tmp_path):
    """msgmerge semantics on a job: kept, fuzzy with the previous source, obsolete kept."""
    _, filled = job
    target = tmp_path / "job.xlf"
    target.write_bytes(filled.read_bytes())
    units = _units(target)
    changed, removed = units[3], units[5]
    template = tmp_path / "new.pot"
    catalog = read_po(_po_of_the_text({u.id for u in units}, tmp_path / "text.po"))
    for m in catalog.messages:
        m.msgstr, m.flags, m.translator_comments = "", [], []
        if m.msgctxt == changed.id:  # an edited sentence with a new context id
            m.msgid, m.msgctxt = m.msgid + "。", "snew"
    catalog.messages = [m for m in catalog.messages if m.msgctxt != removed.id]
    from tmkit.formats.po import write_po

    write_po(catalog, template)
    result = _run("update", template, target)
    assert result.exit_code == 0, result.output
    assert "1 fuzzy" in result.output and "1 obsoleted" in result.output
    after = {u.id: u for u in _units(target)}
    assert removed.id not in after  # kept in the obsolete group, not part of the job
    assert b"tmkit:obsolete" in target.read_bytes()
    assert after["snew"].state is State.FUZZY and after["snew"].target == changed.target
    assert after[units[0].id].target == units[0].target


def test_utf16_xliff_10_with_doctype_told_by_content(tmp_path):
    path = tmp_path / "old.xml"  # no XLIFF extension: the sniffer tells
    path.write_text(
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN"'
        ' "http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">\n<xliff version="1.0">'
        '<file original="a" source-language="ja" target-language="en" datatype="plaintext"><body>'
        '<trans-unit id="1"><source>猫</source><target>cat</target></trans-unit></body></file>'
        "</xliff>\n",
        encoding="utf-16",
    )
    result = _run("check", path)
    assert result.exit_code == 0, result.output
    assert "units: 1" in result.output


@pytest.mark.parametrize("path", _samples(), ids=lambda p: p.name)
def test_update_of_a_job_by_itself_changes_nothing(path, tmp_path):
    job = tmp_path / path.name
    job.write_bytes(path.read_bytes())
    result = _run("update", path, job)
    assert result.exit_code == 0, result.output
    assert job.read_bytes() == path.read_bytes()


def test_update_of_a_foreign_job_keeps_its_document(tmp_path):
    """A unit gone from the new version is kept in the obsolete group; all else unchanged."""
    from lxml import etree

    from tmkit.formats.xliff import canonical

    source = ROOT / "tests" / "data" / "xliff" / "inline-heavy-21.xlf"
    job = tmp_path / "job.xlf"
    job.write_bytes(source.read_bytes())
    tree = etree.parse(str(source))
    unit = tree.find(".//{*}unit")
    second = etree.fromstring(etree.tostring(unit))
    second.set("id", "u2")
    unit.addnext(second)
    job.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    unit.getparent().remove(unit)  # the new version drops u1
    newer = tmp_path / "newer.xlf"
    tree.write(str(newer), xml_declaration=True, encoding="UTF-8")
    result = _run("update", newer, job)
    assert result.exit_code == 0, result.output
    assert "2 obsoleted" in result.output  # u1's two segments
    data = job.read_bytes()
    assert b"tmkit:obsolete" in data and "二。".encode() in data
    # the rest is the new version's document, untouched
    back = etree.fromstring(data)
    group = back.find(".//{*}group")
    group.getparent().remove(group)
    assert canonical(etree.tostring(back)) == canonical(newer.read_bytes())


def test_languages_of_a_written_job_follow_the_input(tmp_path):
    """srcLang/trgLang come from what the input says (never a default such as en-US)."""
    shared = Path(__file__).resolve().parents[2] / "shared"
    sample = (shared if shared.is_dir() else Path("/work/shared")) / "standards" / "samples"
    tmx = sample / "omegat-project_save-tmx11-zhCN-jaJP.tmx"
    if not tmx.is_file():
        pytest.skip("shared/standards/samples absent")
    out = tmp_path / "zh.xlf"
    assert _run("merge", tmx, "-o", out).exit_code == 0
    with out.open("rb") as fh:
        doc = load_xliff(fh, str(out))
    assert (doc.source_lang, doc.target_lang) == ("zh-CN", "ja-JP")
    job = tmp_path / "ja.xlf"
    assert _run("merge", PO, "-o", job).exit_code == 0
    with job.open("rb") as fh:
        doc = load_xliff(fh, str(job))
    assert (doc.source_lang, doc.target_lang) == ("ja", "en")
