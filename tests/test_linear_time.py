"""Issue 17, case 10: linear time on pathological input.

The slow "2 MB single line" was a run of blanks: a file of carriage returns (one line to
``wc -l``, a million blank lines to tmkit) or a long run of spaces cut by a rule that
breaks after whitespace. Both grew strings with ``+=`` on a list item or an attribute,
which copies the whole string each time: quadratic (a minute and more for 2 MB). Now the
pieces are joined once.

CPU times are compared as ratios between two sizes (4x the input must stay well under
16x the time), so a loaded machine does not make the tests flaky.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tmkit.formats.tmx import read_tmx
from tmkit.text.segment import Segmenter, default_rules, load_rules

WHITESPACE_SRX = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body>
<languagerules><languagerule languagerulename="ja">
<rule break="yes"><beforebreak>\\s</beforebreak><afterbreak></afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern="ja.*" languagerulename="ja"/></maprules>
</body></srx>
"""


LINE_CHARS = int(os.environ.get("TMKIT_LINEAR_CHARS", "1200000"))
TMKIT = [sys.executable, "-m", "tmkit"]


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def extract_cpu_seconds(tmp_path: Path, text: str, *extra: str) -> float:
    source = tmp_path / "one-line.txt"
    source.write_bytes(text.encode("utf-8"))
    before = child_cpu()
    result = subprocess.run(
        [*TMKIT, "extract", str(source), "-o", str(tmp_path / "o.pot"), *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return child_cpu() - before


def best_cpu(fn, *args, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        fn(*args)
        times.append(time.process_time() - started)
    return min(times)


def test_extract_of_2mb_of_carriage_returns_is_fast(tmp_path: Path) -> None:
    text = "\r" * 1_000_000 + "研究を続けます。\r" + "\r" * 1_000_000
    assert extract_cpu_seconds(tmp_path, text) < 10


def test_extract_of_a_2mb_line_of_spaces_with_a_whitespace_rule(tmp_path: Path) -> None:
    srx = tmp_path / "ws.srx"
    srx.write_text(WHITESPACE_SRX, encoding="utf-8")
    text = "研究" + " " * 2_000_000 + "です。\n"
    assert extract_cpu_seconds(tmp_path, text, "--srx", str(srx)) < 10


def test_segmentation_is_linear_in_a_run_of_blanks(tmp_path: Path) -> None:
    srx = tmp_path / "ws.srx"
    srx.write_text(WHITESPACE_SRX, encoding="utf-8")
    split = Segmenter(load_rules(srx)).split
    small = best_cpu(split, "a" + " " * 250_000 + "b")
    large = best_cpu(split, "a" + " " * 1_000_000 + "b")
    assert large < 11 * max(small, 0.01)


@pytest.mark.parametrize(
    "unit",
    [
        "研究を続けます。",
        "あ。",
        "a",
        "! ",
        "「",
        "「あ。」",
        "No. ",
        "‥Ａ． ",
        "(",
        "http://a.b/ ",
    ],
)
def test_default_segmentation_is_linear_on_a_long_line(unit: str) -> None:
    """A 1.2M-character line against one of 300k (TMKIT_LINEAR_CHARS: 3.4M = 10 MB)."""
    split = Segmenter(default_rules("ja")).split
    chars = LINE_CHARS
    small = best_cpu(split, unit * (chars // 4 // len(unit)), repeat=2)
    large = best_cpu(split, unit * (chars // len(unit)), repeat=2)
    assert large < 11 * max(small, 0.02)


def _tmx(units: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ja" '
        f'datatype="plaintext"/><body>{units}</body></tmx>'
    )


def test_tmx_reading_is_linear_in_identical_units(tmp_path: Path) -> None:
    tu = (
        '<tu><tuv xml:lang="ja"><seg>同じ文です。</seg></tuv>'
        '<tuv xml:lang="en"><seg>Same.</seg></tuv></tu>\n'
    )
    small, large = tmp_path / "s.tmx", tmp_path / "l.tmx"
    small.write_text(_tmx(tu * 10_000), encoding="utf-8")
    large.write_text(_tmx(tu * 40_000), encoding="utf-8")
    assert best_cpu(read_tmx, large, repeat=2) < 11 * max(best_cpu(read_tmx, small), 0.05)


def test_tmx_many_foreign_children_in_one_code_is_linear(tmp_path: Path) -> None:
    def seg(n: int) -> str:
        code = '<bpt i="1">' + "<x/>t" * n + '</bpt>a<ept i="1">e</ept>'
        return f'<tu><tuv xml:lang="ja"><seg>{code}</seg></tuv></tu>'

    small, large = tmp_path / "s.tmx", tmp_path / "l.tmx"
    small.write_text(_tmx(seg(50_000)), encoding="utf-8")
    large.write_text(_tmx(seg(200_000)), encoding="utf-8")
    memory = read_tmx(large)
    assert memory.units[0].variants[0].content[0].content == ("<x/>t" * 200_000,)
    assert best_cpu(read_tmx, large, repeat=2) < 11 * max(best_cpu(read_tmx, small), 0.05)


def test_deeply_nested_inline_codes_are_one_line_error(tmp_path: Path) -> None:
    nested = "<hi>" * 5000 + "x" + "</hi>" * 5000
    path = tmp_path / "deep.tmx"
    path.write_text(_tmx(f'<tu><tuv xml:lang="ja"><seg>{nested}</seg></tuv></tu>'), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tmkit", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"{path}:")
