"""Issue 17, cases 5 and 6 under faults: SIGKILL `update` and `build` at random points.

After every kill each output is byte for byte its old or its new content, and the temp
files a killed run leaves (``.NAME.tmkit-PID.tmp``) are removed by the next run that
writes the same file; at the end none is left. Two concurrent updates of one PO keep
both runs' changes.

Sizes: ``update`` runs on the issue's 200,000-entry PO (14 kill points, about 10 s of
CPU per complete run), ``build`` on a 2,000-sentence project (8 kill points): 22 kill
points, two to four minutes of wall time on a shared two-core machine.
``TMKIT_FAULT_ENTRIES`` / ``TMKIT_FAULT_SENTENCES`` change the sizes for a quick local run.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ENTRIES = int(os.environ.get("TMKIT_FAULT_ENTRIES", "200000"))
SENTENCES = int(os.environ.get("TMKIT_FAULT_SENTENCES", "2000"))
UPDATE_KILLS, BUILD_KILLS = 14, 8
TEMP = re.compile(r"\.tmkit-(\d+)\.tmp$")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "OPENBLAS_NUM_THREADS": "1"}
TMKIT = [sys.executable, "-m", "tmkit"]
HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def write_catalogs(folder: Path, n: int) -> tuple[Path, Path]:
    """A translated PO of ``n`` entries and a template that drops one and adds one."""
    po, pot = folder / "a.po", folder / "a.pot"
    with po.open("w", encoding="utf-8") as f, pot.open("w", encoding="utf-8") as g:
        f.write(HEADER)
        g.write(HEADER)
        for i in range(n):
            entry = f'#: doc.txt:{i + 1}\nmsgctxt "s{i:08x}"\nmsgid "文{i}です。"\n'
            f.write(f'{entry}msgstr "Sentence {i}."\n\n')
            if i != n // 2:
                g.write(f'{entry}msgstr ""\n\n')
        g.write('#: doc.txt:0\nmsgctxt "new"\nmsgid "新しい。"\nmsgstr ""\n\n')
    return po, pot


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if TEMP.search(p.name)]


def run_and_kill(args: list[str], cwd: Path, delay: float) -> int:
    proc = subprocess.Popen(
        args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    return proc.returncode


def timed_run(args: list[str], cwd: Path) -> float:
    started = time.monotonic()
    result = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    return time.monotonic() - started


def test_sigkill_during_update(tmp_path: Path) -> None:
    po, pot = write_catalogs(tmp_path, ENTRIES)
    old = po.read_bytes()
    args = [*TMKIT, "update", str(pot), str(po)]
    duration = timed_run(args, tmp_path)
    new = po.read_bytes()
    assert new != old
    rng = random.Random(17)
    killed = 0
    for _ in range(UPDATE_KILLS):
        po.write_bytes(old)
        code = run_and_kill(args, tmp_path, rng.uniform(0.3, 1.1) * duration)
        killed += code == -signal.SIGKILL
        assert po.read_bytes() in (old, new)
        for temp in temps(tmp_path):  # only dead runs' temps, none of a live process
            pid = int(TEMP.search(temp.name).group(1))
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
    assert killed >= UPDATE_KILLS // 2  # most kill points landed inside a run
    po.write_bytes(old)
    timed_run(args, tmp_path)  # the next run cleans up
    assert po.read_bytes() == new
    assert temps(tmp_path) == []


def make_project(folder: Path, sentences: int) -> None:
    subprocess.run([*TMKIT, "init", str(folder)], env=ENV, capture_output=True, check=True)
    text = "".join(f"研究{i}を続けます。成果{i}です。\n" for i in range(sentences))
    (folder / "source" / "ja" / "document.txt").write_text(text, encoding="utf-8")


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {
        p: p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not TEMP.search(p.name) and p.suffix != ".toml"
    }


def test_sigkill_during_build(tmp_path: Path) -> None:
    make_project(tmp_path, SENTENCES)
    build = [*TMKIT, "build"]
    timed_run(build, tmp_path)
    source = tmp_path / "source" / "ja" / "document.txt"
    source.write_text(source.read_text(encoding="utf-8") + "新しい段落です。\n", encoding="utf-8")
    before = snapshot(tmp_path)
    duration = timed_run(build, tmp_path)
    after = snapshot(tmp_path)
    assert before.keys() == after.keys() and before != after
    rng = random.Random(6)
    for _ in range(BUILD_KILLS):
        for path, data in before.items():
            path.write_bytes(data)
        run_and_kill(build, tmp_path, rng.uniform(0.3, 1.1) * duration)
        now = snapshot(tmp_path)
        for path in after:
            assert now[path] in (before[path], after[path]), path
    for path, data in before.items():
        path.write_bytes(data)
    timed_run(build, tmp_path)
    assert snapshot(tmp_path) == after
    assert temps(tmp_path) == []


def test_two_concurrent_updates_keep_both_changes(tmp_path: Path) -> None:
    """Case 5: each run pretranslates its own new entry; neither is lost."""
    po, _ = write_catalogs(tmp_path, 20_000)
    entries = po.read_text(encoding="utf-8").split("\n\n", 1)[1]
    templates = []
    new = {"x1": "猫と犬が遊ぶ", "x2": "鳥と魚が泳ぐ"}  # near no old entry: no fuzzy match
    for name, msgid in new.items():
        pot = tmp_path / f"{name}.pot"
        pot.write_text(
            HEADER + re.sub(r'msgstr ".*"', 'msgstr ""', entries) + f'msgid "{msgid}"\nmsgstr ""\n',
            encoding="utf-8",
        )
        templates.append(pot)
    tm = tmp_path / "tm.po"
    tm.write_text(
        HEADER + "".join(f'msgid "{m}"\nmsgstr "It is {n}."\n\n' for n, m in new.items()),
        encoding="utf-8",
    )
    runs = [
        subprocess.Popen(
            [*TMKIT, "update", str(pot), str(po), "--tm", str(tm)],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for pot in templates
    ]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    text = po.read_text(encoding="utf-8")
    assert "It is x1." in text and "It is x2." in text  # one active, one kept as obsolete
    assert temps(tmp_path) == []
