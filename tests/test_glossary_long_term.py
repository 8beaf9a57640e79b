"""Issue 17, case 2: a glossary term of hundreds of thousands of characters crashed
`check` and `report` with SIGSEGV (exit 139) when the matcher was freed: pyahocorasick
frees its trie recursively, one C stack frame per character. Now it is one line, exit 2.
Run in a subprocess, since the failure was a native crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SMALL_PO = Path(__file__).parent / "data" / "checks" / "small.po"


def long_term_tbx(path: Path, chars: int) -> Path:
    term = "研" * chars
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">'
        "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>"
        '<text><body><conceptEntry id="long"><langSec xml:lang="ja"><termSec>'
        f"<term>{term}</term></termSec></langSec>"
        '<langSec xml:lang="en"><termSec><term>long</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("chars", [300_000, 1_000_000])
@pytest.mark.parametrize("command", ["check", "report"])
def test_a_huge_term_is_one_line_not_a_crash(tmp_path: Path, chars: int, command: str) -> None:
    tbx = long_term_tbx(tmp_path / "long.tbx", chars)
    args = [str(SMALL_PO), "-g", str(tbx)]
    if command == "report":
        args += ["-o", str(tmp_path / "r.html")]
    result = subprocess.run(
        [sys.executable, "-m", "tmkit", command, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 2, (result.returncode, result.stderr[-500:])
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "concept 'long'" in lines[0] and "limited to 1000" in lines[0]
    assert not (tmp_path / "r.html").exists()


def test_terms_up_to_the_limit_still_match() -> None:
    from tmkit.glossary.matcher import MAX_TERM_CHARS, GlossaryMatcher
    from tmkit.model.glossary import Concept, Glossary, Term

    term = "研" * MAX_TERM_CHARS
    glossary = Glossary((Concept("c", (Term(term, "ja"), Term("x", "en"))),))
    hits = GlossaryMatcher(glossary).source_hits("前" + term + "後")
    assert [(h.start, h.end) for h in hits] == [(1, 1 + MAX_TERM_CHARS)]
