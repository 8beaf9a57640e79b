"""Start-up stays light: commands and their libraries are imported when used.

`tmkit --help` and `tmkit validate tiny.tmx`, run through the installed entry
point with ``-X importtime`` (``PYTHONPROFILEIMPORTTIME``), must not import
sacrebleu, fugashi, numpy, rapidfuzz or translate-toolkit; `tmkit --help` costs
at most 8 times the CPU of ``python -c pass`` (medians of 5 runs); and the
summaries `--help` lists without importing a command equal the commands' own.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tmkit.cli.lazy import COMMANDS

EXE = Path(sys.executable).with_name("tmkit")
HEAVY = ("sacrebleu", "fugashi", "numpy", "rapidfuzz", "translate")
TINY_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="ja" datatype="plaintext"/>
<body><tu tuid="1"><tuv xml:lang="ja"><seg>こんにちは。</seg></tuv>
<tuv xml:lang="en"><seg>Hello.</seg></tuv></tu></body></tmx>
"""


def imported(*args: str) -> set[str]:
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run([str(EXE), *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return {
        line.split("|")[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }


@pytest.mark.parametrize("args", [["--help"], ["validate", "TINY"]])
def test_no_heavy_library_at_start_up(args: list[str], tmp_path: Path) -> None:
    tiny = tmp_path / "tiny.tmx"
    tiny.write_text(TINY_TMX, encoding="utf-8")
    modules = imported(*[str(tiny) if a == "TINY" else a for a in args])
    assert "tmkit" in modules
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == []


def _cpu(argv: list[str]) -> float:
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


def test_help_is_within_8x_of_an_empty_python() -> None:
    # the best of several runs on each side: a loaded machine only ever adds time
    bare = min(_cpu([sys.executable, "-c", "pass"]) for _ in range(7))
    helped = min(_cpu([str(EXE), "--help"]) for _ in range(7))
    # a floor of 10 ms for the bare interpreter: CPU clocks tick in whole milliseconds
    assert helped <= 8 * max(bare, 0.010), (helped, bare)


def test_help_summaries_are_the_commands_own() -> None:
    from tmkit.cli import app
    from tmkit.cli.lazy import _load

    for name, (_, summary) in COMMANDS.items():
        command = _load(name, app)
        assert command is not None, name
        first = inspect.cleandoc(command.help or "").split("\n\n")[0]
        assert " ".join(first.split()) == summary, name


def test_checking_a_po_file_loads_no_other_adapter(tmp_path: Path) -> None:
    po = tmp_path / "tiny.po"
    po.write_text('msgid "あ"\nmsgstr "a"\n', encoding="utf-8")
    code = (
        "import sys\nfrom tmkit.cli import main\nsys.argv = ['tmkit', 'check', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint(*sorted(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(po)], capture_output=True, text=True)
    modules = set(done.stdout.split())
    assert "tmkit.formats.po" in modules, done.stderr[-2000:]
    others = ("tmx", "tbx", "xliff", "html", "markdown", "omegat", "csvglossary")
    assert sorted(m for m in modules if m.split(".")[2:3] in ([o] for o in others)) == []
    assert {"lxml", "pydantic"}.isdisjoint(m.split(".")[0] for m in modules)


def test_builtin_extension_table_is_what_the_adapters_register() -> None:
    from tmkit.formats import io

    io._load_builtins()
    registered = {
        e: f.name for f in io.FORMATS.values() if f.name in io._BUILTIN for e in f.extensions
    }
    assert registered == io.BUILTIN_EXTENSIONS
