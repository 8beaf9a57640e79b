"""`tmkit merge`: PO → TMX, TMX + TMX, TMX → PO, pretranslation, languages, errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats.po import read_po
from tmkit.formats.tmx import read_tmx
from tmkit.ops.merge import (
    CONFLICT_RULE,
    InputLanguages,
    MergeInput,
    merge_inputs,
    resolve_languages,
)
from tmkit.tm.base import TmEntry
from tmkit.tm.memory import MemoryLookup

DATA = Path(__file__).parent / "data" / "merge"
TM = DATA / "tm"
BAD = Path(__file__).parent / "bad" / "merge"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def run(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["merge", *map(str, args)])
    return result.exit_code, result.stderr


def texts(path: Path) -> list[tuple[str, str, list[str]]]:
    memory = read_tmx(path)
    out = []
    for unit in memory.units:
        ja = unit.variant("ja")
        en = unit.variant("en")
        out.append((ja.text if ja else "", en.text if en else "", unit.props("x-po-flag")))
    return out


# --- PO → TMX ----------------------------------------------------------------


def test_po_to_tmx_takes_translated_entries_only(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    assert run(TM / "translated.po", "-o", out)[0] == 0
    assert texts(out) == [("翻訳済みの文です。", "A translated sentence.", [])]
    assert read_tmx(out).header.srclang == "ja"


def test_po_to_tmx_fuzzy_entries_included_and_marked(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    assert run(TM / "translated.po", "--include-fuzzy", "-o", out)[0] == 0
    assert texts(out) == [
        ("翻訳済みの文です。", "A translated sentence.", []),
        ("ファジーな文です。", "A fuzzy sentence.", ["fuzzy"]),
    ]


# --- TMX + TMX ---------------------------------------------------------------


def test_tmx_combined_newest_wins_conflicts_reported(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    code, err = run(TM / "old.tmx", TM / "new.tmx", "-o", out)
    assert code == 1  # written, but a conflict was found
    assert texts(out) == [
        (
            "量子科学技術研究開発機構の理事長に話を伺った。",
            "We talked to the president of QST.",
            [],
        ),
        ("研究成果の最大化を目指している。", "We aim to maximise research results.", []),
        ("国際頭脳循環は重要だ。", "International brain circulation is important.", []),
        ("新しい施設を建設した。", "We built a new facility.", []),
    ]
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{TM / 'new.tmx'}:")
    assert CONFLICT_RULE in lines[0] and "'Brain circulation matters.'" in lines[0]
    assert "1 conflicts" in lines[-1]


def test_tmx_combined_first_wins(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    code, err = run(TM / "old.tmx", TM / "new.tmx", "--prefer", "first", "-o", out)
    assert code == 1
    assert [t[1] for t in texts(out)] == [
        "We talked to the president of QST.",
        "We aim to maximise research results.",
        "Brain circulation matters.",
        "We built a new facility.",
    ]
    assert "International brain circulation is important." in err


def test_identical_units_are_not_conflicts(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    code, err = run(TM / "old.tmx", TM / "old.tmx", "-o", out)
    assert code == 0, err
    assert len(texts(out)) == 3


def test_conflict_findings_from_the_library() -> None:
    inputs = [MergeInput(str(TM / n), read_tmx(TM / n)) for n in ("old.tmx", "new.tmx")]
    result = merge_inputs(inputs, "memory", prefer="newest")
    assert result.units is not None
    assert len(list(result.units)) == 4
    (finding,) = result.findings
    assert finding.rule == CONFLICT_RULE and finding.severity == "warning"
    assert finding.source == "国際頭脳循環は重要だ。"
    assert finding.target == "International brain circulation is important."


# --- TMX → PO ----------------------------------------------------------------


def test_tmx_to_po_all_units(tmp_path: Path) -> None:
    out = tmp_path / "out.po"
    assert run(TM / "old.tmx", "-o", out)[0] == 0
    catalog = read_po(out)
    assert [(m.msgctxt, m.msgid, m.msgstr) for m in catalog.messages] == [
        (
            "ctx-a",
            "量子科学技術研究開発機構の理事長に話を伺った。",
            "We talked to the president of QST.",
        ),
        (None, "研究成果の最大化を目指している。", "We aim to maximise research results."),
        (None, "国際頭脳循環は重要だ。", "Brain circulation matters."),
    ]
    assert catalog.metadata["Language"] == "en"


# --- pretranslation ------------------------------------------------------------


def test_pretranslate_exact_then_fuzzy(tmp_path: Path) -> None:
    out = tmp_path / "out.po"
    code, err = run(TM / "old.tmx", TM / "new.tmx", "--template", TM / "template.pot", "-o", out)
    assert code == 0, err
    a, b, c, d = read_po(out).messages
    assert (a.msgstr, a.fuzzy) == ("We talked to the president of QST.", False)
    assert (b.msgstr, b.fuzzy) == ("We aim to maximise research results.", False)
    assert (c.msgstr, c.fuzzy) == ("We built a new facility.", True)
    assert c.previous_msgid == "新しい施設を建設した。"
    assert c.translator_comments == [f"tmkit: fuzzy match 88.0% from {TM / 'new.tmx'}"]
    assert (d.msgstr, d.fuzzy) == ("", False)
    assert read_po(out).metadata["Language"] == "en"
    assert "2 exact (1 with context), 1 fuzzy, 1 untranslated" in err


def test_pretranslate_threshold(tmp_path: Path) -> None:
    out = tmp_path / "out.po"
    run(TM / "new.tmx", "--template", TM / "template.pot", "--threshold", "90", "-o", out)
    assert read_po(out).messages[2].msgstr == ""


def test_lookup_prefers_context_then_source_then_fuzzy() -> None:
    lookup = MemoryLookup(
        [
            TmEntry("同じ文。", "Same (x).", "x"),
            TmEntry("同じ文。", "Same (y).", "y"),
            TmEntry("似ている文章だ。", "Similar.", None),
        ]
    )
    assert lookup.find("同じ文。", "y").entry.target == "Same (y)."
    assert lookup.find("同じ文。", "z").entry.target == "Same (x)."
    hit = lookup.find("似ている文章です。", "q", threshold=60)
    assert (hit.kind, hit.entry.target) == ("fuzzy", "Similar.")
    assert lookup.find("似ている文章です。", "q", threshold=90) is None


# --- languages -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "options", "expected"),
    [
        ([InputLanguages("a.po", "ja", ("en",), "catalog")], (None, None), ("ja", "en")),
        ([InputLanguages("a.po", None, ("en",), "catalog")], (None, None), ("ja", "en")),
        ([InputLanguages("a.po", "zh", ("en",), "catalog")], (None, None), ("zh", "en")),
        (
            [InputLanguages("a.tmx", "ja-JP", ("en-US",), "memory")],
            (None, None),
            ("ja-JP", "en-US"),
        ),
        ([InputLanguages("a.tmx", None, ("en",), "memory")], ("ja", None), ("ja", "en")),
        ([InputLanguages("a.po", None, (), "catalog")], (None, "en-GB"), ("ja", "en-GB")),
        (
            [
                InputLanguages("a.tmx", "ja", ("en",), "memory"),
                InputLanguages("b.tmx", "JA-jp", ("EN-us",), "memory"),
            ],
            (None, None),
            ("ja", "en"),
        ),
    ],
)
def test_languages(
    inputs: list[InputLanguages], options: tuple[str | None, str | None], expected: tuple[str, str]
) -> None:
    assert resolve_languages(inputs, *options) == expected


def test_target_language_option(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    assert run(BAD / "no-language.po", "--target-lang", "en", "-o", out)[0] == 0
    assert texts(out)[0][1] == "A translated sentence."


# --- errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((BAD / "no-language.po",), "cannot tell the target language"),
        ((TM / "translated.po", BAD / "french.tmx"), "several target languages"),
        ((TM / "old.tmx", BAD / "french.tmx", "--target-lang", "en"), "no en variants"),
        ((TM / "old.tmx", BAD / "french.tmx"), "several target languages"),
        ((TM / "translated.po", "--target-lang", "fr"), "its Language is en, not fr"),
        ((TM / "translated.po", "--source-lang", "zh"), "its source language is ja, not zh"),
        ((BAD / "broken.po",), "broken.po"),
        ((BAD / "truncated.tmx",), "truncated.tmx"),
        ((TM / "translated.po", "--prefer", "last"), "--prefer must be one of"),
        ((TM / "old.tmx", "--template", TM / "template.pot"), "writes a PO file"),
    ],
)
def test_unusable_input_is_one_line_exit_2(
    tmp_path: Path, args: tuple[str | Path, ...], message: str
) -> None:
    out = tmp_path / "out.tmx"
    code, err = run(*args, "-o", out)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not out.exists()


def test_unknown_output_extension(tmp_path: Path) -> None:
    code, err = run(TM / "old.tmx", "-o", tmp_path / "out.docx")
    assert code == 2 and "cannot write .docx files as translations" in err


# --- determinism and the entry point ---------------------------------------------


def test_outputs_are_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        run(TM / "translated.po", TM / "old.tmx", TM / "new.tmx", "-o", tmp_path / f"{name}.tmx")
        run(TM / "old.tmx", TM / "new.tmx", "-o", tmp_path / f"{name}.po")
    assert (tmp_path / "a.tmx").read_bytes() == (tmp_path / "b.tmx").read_bytes()
    assert (tmp_path / "a.po").read_bytes() == (tmp_path / "b.po").read_bytes()
    assert b"20231114T221320Z" in (tmp_path / "a.tmx").read_bytes()  # SOURCE_DATE_EPOCH


def test_po_tmx_po_round_trip(tmp_path: Path) -> None:
    run(TM / "translated.po", "--include-fuzzy", "-o", tmp_path / "t.tmx")
    run(tmp_path / "t.tmx", "-o", tmp_path / "back.po")
    back = read_po(tmp_path / "back.po")
    original = read_po(TM / "translated.po")
    assert back.header.msgstr == original.header.msgstr
    assert [(m.key, m.msgstr, m.fuzzy) for m in back.messages] == [
        (m.key, m.msgstr, m.fuzzy) for m in original.messages if m.msgstr and not m.obsolete
    ]


def tmkit_executable() -> str:
    found = shutil.which("tmkit", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the tmkit entry point is not installed next to this Python")
    return found


def test_entry_point(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    proc = subprocess.run(
        [tmkit_executable(), "merge", str(TM / "old.tmx"), str(TM / "new.tmx"), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "wrote 4 units" in proc.stderr
    proc = subprocess.run(
        [tmkit_executable(), "merge", str(BAD / "no-language.po"), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("case", ["edited", "mixed", "revived"])
@pytest.mark.parametrize("fuzzy", [False, True])
def test_streamed_po_to_tmx_is_catalog_to_memory(tmp_path: Path, case: str, fuzzy: bool) -> None:
    """The streaming path writes what converting the whole catalog would."""
    from tmkit.formats.convert import catalog_to_memory
    from tmkit.formats.tmx import format_tmx

    po = DATA / "update" / case / "old.po"
    out = tmp_path / "out.tmx"
    run(po, "-o", out, *(["--include-fuzzy"] if fuzzy else []))
    expected = format_tmx(catalog_to_memory(read_po(po), "ja", "en", include_fuzzy=fuzzy))
    assert out.read_text(encoding="utf-8") == expected


def test_streamed_po_with_a_repeated_context(tmp_path: Path) -> None:
    """A context shared by two messages is no tuid, streamed or not."""
    from tmkit.formats.convert import catalog_to_memory
    from tmkit.formats.tmx import format_tmx

    po = tmp_path / "in.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        'msgctxt "menu"\nmsgid "開く"\nmsgstr "Open"\n\n'
        'msgctxt "menu"\nmsgid "閉じる"\nmsgstr "Close"\n\n'
        'msgctxt "only"\nmsgid "保存"\nmsgstr "Save"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.tmx"
    assert run(po, "-o", out)[0] == 0
    assert out.read_text(encoding="utf-8") == format_tmx(catalog_to_memory(read_po(po), "ja", "en"))
    assert [u.tuid for u in read_tmx(out).units] == [None, None, "only"]


def test_po_inputs_conflict_newest_by_revision_date(tmp_path: Path) -> None:
    def po(name: str, date: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(
            f'msgid ""\nmsgstr ""\n"PO-Revision-Date: {date}\\n"\n"Language: en\\n"\n\n'
            f'msgctxt "s1"\nmsgid "同じ文。"\nmsgstr "{text}"\n',
            encoding="utf-8",
        )
        return path

    new = po("new.po", "2026-03-01 10:00+0900", "Newer.")
    old = po("old.po", "2025-01-01 10:00+0000", "Older.")
    out = tmp_path / "out.tmx"
    code, err = run(new, old, "-o", out)
    assert code == 1 and "Older." in err
    assert [t[1] for t in texts(out)] == ["Newer."]
    code, _ = run(old, new, "--prefer", "first", "-o", out)
    assert [t[1] for t in texts(out)] == ["Older."]
    code, _ = run(old, new, "-o", out)
    assert [t[1] for t in texts(out)] == ["Newer."]


def test_late_syntax_error_leaves_no_output(tmp_path: Path) -> None:
    """PO → TMX streams; a bad entry far into the file must still leave nothing behind."""
    po = tmp_path / "late.po"
    good = "".join(f'msgctxt "s{i}"\nmsgid "文{i}"\nmsgstr "S{i}"\n\n' for i in range(2000))
    po.write_text('msgid ""\nmsgstr "Language: en\\n"\n\n' + good + 'msgid "broken\n', "utf-8")
    out = tmp_path / "out.tmx"
    code, err = run(po, "-o", out)
    assert code == 2
    assert f"{po}:8004:" in err and "unterminated string" in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [po]  # no temporary file either
