"""`tmkit extract` end to end: the interview's template, determinism, options and errors."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats.po import read_po
from tmkit.ops.extract import load_documents

ROOT = Path(__file__).resolve().parents[1]
INTERVIEW = ROOT / "source" / "ja" / "interview.txt"
POT = ROOT / "source" / "ja" / "interview.pot"


def text_entries(path: Path) -> list:
    """The template's entries that come from the plain-text interview (the HTML page
    adds the few sentences whose footnote references are links: markup-only)."""
    return [m for m in read_po(path) if any(".txt:" in r for r in m.references)]


BAD = Path(__file__).parent / "bad" / "text"
EPOCH = "1795910400"  # 2026-11-29 00:00 UTC, the date the committed template carries
needs_gettext = pytest.mark.skipif(
    shutil.which("msgcat") is None, reason="GNU gettext (msgcat/msgfmt) is not installed"
)
runner = CliRunner()


def extract(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    out = tmp_path / "out.pot"
    result = runner.invoke(app, ["extract", *args, "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output
    return out


def test_committed_template_is_what_extract_writes(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "interview.pot"
    result = runner.invoke(
        app,
        [
            "extract",
            "source/ja/interview.txt",
            "source/ja/interview.html",
            "--glossary",
            "glossary/qst.tbx",
            "-o",
            str(out),
        ],
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == POT.read_bytes()


@needs_gettext
def test_gettext_tools_accept_the_template_unchanged():
    assert subprocess.run(["msgcat", str(POT)], capture_output=True).stdout == POT.read_bytes()
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(POT)]).returncode == 0


def test_model_rebuilds_the_interview_byte_for_byte():
    (doc,) = load_documents([str(INTERVIEW)])
    assert doc.text().encode("utf-8") == INTERVIEW.read_bytes()


OPENERS, CLOSERS = "「『（(【〈《［“", "」』）)】〉》］”"


def outside_brackets_enders(line: str) -> list[int]:
    """Offsets just after each 。！？ run that stands outside any matched bracket pair."""
    depth, ends = 0, []
    for i, ch in enumerate(line):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif ch in "。！？" and depth == 0 and (i + 1 == len(line) or line[i + 1] not in "。！？"):
            ends.append(i + 1)
    return ends


def test_every_sentence_end_outside_brackets_ends_a_segment():
    (doc,) = load_documents([str(INTERVIEW)])
    for block in doc.blocks:
        line = "".join(s.raw for s in block.segments)
        boundaries, pos = set(), 0
        for seg in block.segments:
            pos += len(seg.leading) + len(seg.text)
            boundaries.add(pos)
            pos += len(seg.trailing)
        for end in outside_brackets_enders(line):
            assert end in boundaries, (block.line, line[:end])


def test_entries_carry_context_reference_and_role(tmp_path):
    catalog = read_po(POT)
    first_question = next(
        m for m in catalog if "speaker: interviewer" in " ".join(m.extracted_comments)
    )
    assert first_question.msgid.startswith("今年4月に理事長に着任され")
    assert first_question.references == [
        "source/ja/interview.txt:11",
        "source/ja/interview.html:37",
    ]
    assert first_question.extracted_comments[0] == "role: question, speaker: interviewer"
    assert all(re.fullmatch(r"s[0-9a-f]{10}(-\d+)?", m.msgctxt) for m in catalog)
    assert len({m.msgctxt for m in catalog}) == len(catalog)
    texts = [m.msgid for m in catalog]
    assert "上へ戻る" not in texts and "国際頭脳循環トップページへ戻る" not in texts
    assert catalog.metadata["POT-Creation-Date"] == "2026-11-29 00:00+0000"
    assert catalog.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert catalog.metadata["Project-Id-Version"] == "interview"


def test_glossary_terms_are_listed_for_translators():
    catalog = read_po(POT)
    scalpel = next(m for m in catalog if m.msgid.startswith("「量子メス」は"))
    assert "glossary: 量子メス = Quantum Scalpel (not: quantum knife, quantum mess)" in (
        scalpel.extracted_comments
    )
    # the longest match wins: 機構 alone is never listed inside the institute's full name
    title = catalog.messages[0]
    assert not any(c.startswith("glossary: 機構 ") for c in title.extracted_comments)


def test_output_is_deterministic_under_source_date_epoch(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "0"}
    a = extract(tmp_path, str(INTERVIEW), env=env).read_bytes()
    b = extract(tmp_path, str(INTERVIEW), env=env).read_bytes()
    assert a == b
    assert b'"POT-Creation-Date: 1970-01-01 00:00+0000\\n"' in a


@needs_gettext
def test_empty_input_gives_a_valid_header_only_template(tmp_path):
    src = tmp_path / "empty.txt"
    src.write_bytes(b"")
    out = extract(tmp_path, str(src))
    catalog = read_po(out)
    assert len(catalog) == 0 and catalog.header is not None
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(out)]).returncode == 0


@pytest.mark.parametrize("encoding", ["cp932", "utf-16", "utf-8-sig"])
def test_auto_encoding_gives_the_same_template(tmp_path, encoding):
    # CP932 has no NO-BREAK SPACE, which the interview uses after its "──" markers.
    text = INTERVIEW.read_text(encoding="utf-8").replace("\u00a0", " ")
    src = tmp_path / "interview.txt"
    src.write_bytes(text.encode(encoding))
    out = extract(tmp_path, str(src))
    assert [m.msgid for m in read_po(out)] == [m.msgid for m in text_entries(POT)]


def test_explicit_encoding_option(tmp_path):
    src = tmp_path / "euc.txt"
    src.write_bytes("これは文です。二つ目です。\n".encode("euc-jp"))
    out = extract(tmp_path, "--encoding", "euc-jp", str(src))
    assert [m.msgid for m in read_po(out)] == ["これは文です。", "二つ目です。"]


def test_srx_option_uses_other_rules(tmp_path):
    srx = Path(__file__).parent / "data" / "srx" / "okapi-defaultSegmentation.srx"
    if not srx.exists():
        pytest.skip("Okapi's SRX copy is not in tests/data/srx")
    src = tmp_path / "q.txt"
    src.write_text("彼は「行く。来る。」と言った。\n", encoding="utf-8")
    ours = [m.msgid for m in read_po(extract(tmp_path, str(src)))]
    theirs = [m.msgid for m in read_po(extract(tmp_path, "--srx", str(srx), str(src)))]
    assert ours == ["彼は「行く。来る。」と言った。"]
    assert theirs != ours


@pytest.mark.parametrize("bad", sorted(p.name for p in BAD.iterdir()))
def test_bad_input_is_one_line_and_exit_2(tmp_path, bad):
    result = runner.invoke(app, ["extract", str(BAD / bad), "-o", str(tmp_path / "x.pot")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(BAD / bad) + ":")
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.pot").exists()


def test_missing_file_and_directory_are_exit_2(tmp_path):
    for target, words in ((tmp_path / "none.txt", "no such file"), (tmp_path, "is a directory")):
        result = runner.invoke(app, ["extract", str(target), "-o", str(tmp_path / "x.pot")])
        assert result.exit_code == 2
        assert result.stderr.strip() == f"{target}: {words}"


def test_installed_entry_point_and_module(tmp_path):
    exe = Path(sys.executable).with_name("tmkit")
    out = tmp_path / "cli.pot"
    env = {"SOURCE_DATE_EPOCH": EPOCH, "PATH": str(exe.parent)}
    done = subprocess.run(
        [str(exe), "extract", str(INTERVIEW), "-o", str(out)], env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert len(read_po(out)) == len(text_entries(POT))
    done = subprocess.run(
        [sys.executable, "-m", "tmkit", "extract", str(tmp_path / "missing.txt"), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"{tmp_path / 'missing.txt'}: no such file"
