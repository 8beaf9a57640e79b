"""Many readers and writers on one stored memory; an import killed with -9."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tm_backends import BACKENDS, fresh_spec
from tmkit.tm.spec import open_store

TMKIT = shutil.which("tmkit", path=str(Path(sys.executable).parent)) or "tmkit"

SEARCHER = """
import sys, time
from tmkit.tm.spec import open_tm
spec, stop = sys.argv[1], sys.argv[2]
import os
memory = open_tm(spec)
n = 0
deadline = time.time() + 60
while not os.path.exists(stop) and time.time() < deadline:
    memory.fuzzy("研究開発%d番の文です。" % (n % 500), 60, 1)
    memory.exact("研究開発%d番の文です。" % (n % 500))
    n += 1
print(n)
"""


def write_tmx(path: Path, rows: list[tuple[str, str, str]]) -> None:
    units = "".join(
        f'<tu><tuv xml:lang="ja"><seg>{src}</seg></tuv>'
        f'<tuv xml:lang="en" changedate="{date}"><seg>{tgt}</seg></tuv></tu>\n'
        for src, tgt, date in rows
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ja" '
        f'datatype="plaintext"/><body>\n{units}</body></tmx>\n',
        encoding="utf-8",
    )


def overlapping_files(tmp_path: Path, n: int = 800) -> list[Path]:
    a = [(f"研究開発{i}番の文です。", f"A {i}", f"2026010{1 + i % 5}T000000Z") for i in range(n)]
    # the second half of a, with other targets and dates, plus new units
    b = [
        (f"研究開発{i}番の文です。", f"B {i}", f"2026010{1 + (i * 7) % 9}T000000Z")
        for i in range(n // 2, n + n // 2)
    ]
    paths = [tmp_path / "a.tmx", tmp_path / "b.tmx"]
    write_tmx(paths[0], a)
    write_tmx(paths[1], b)
    return paths


def content(spec: str) -> set[tuple]:
    store = open_store(spec)
    try:
        return {(e.source, e.context, e.target, e.changed) for e in store}
    finally:
        store.close()


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([TMKIT, *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("kind", BACKENDS)
def test_readers_and_writers(kind, tmp_path):
    files = overlapping_files(tmp_path)
    spec = fresh_spec(kind, tmp_path)
    assert run("tm", "init", spec, "--target-lang", "en").returncode == 0
    seed = tmp_path / "seed.tmx"
    write_tmx(seed, [(f"研究開発{i}番の文です。", f"S {i}", "20250101T000000Z") for i in range(50)])
    assert run("tm", "import", spec, str(seed)).returncode == 0
    stop = tmp_path / "stop"
    env = {**os.environ, "TMKIT_CACHE_DIR": str(tmp_path / "cache")}
    searchers = [
        subprocess.Popen(
            [sys.executable, "-c", SEARCHER, spec, str(stop)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(8)
    ]
    importers = [
        subprocess.Popen(
            [TMKIT, "tm", "import", spec, str(f)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    try:
        for p in importers:
            _, err = p.communicate(timeout=300)
            assert p.returncode == 0, err
    finally:
        stop.touch()
    for p in searchers:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert int(out.strip()) > 0
    # the same files imported one after the other, in either order, give the same memory
    for order in (files, files[::-1]):
        serial = fresh_spec(kind, tmp_path)
        run("tm", "init", serial, "--target-lang", "en")
        run("tm", "import", serial, str(seed))
        for f in order:
            assert run("tm", "import", serial, str(f)).returncode == 0
        assert content(spec) == content(serial)
    assert len(content(spec)) == 1200  # no unit lost: 800 + 400 new


@pytest.mark.parametrize("kind", BACKENDS)
def test_killed_import_leaves_all_or_nothing(kind, tmp_path):
    big = tmp_path / "big.tmx"
    n = 40_000
    write_tmx(big, [(f"文{i}番目です。", f"Sentence {i}.", "20260101T000000Z") for i in range(n)])
    spec = fresh_spec(kind, tmp_path)
    assert run("tm", "init", spec, "--target-lang", "en").returncode == 0
    proc = subprocess.Popen([TMKIT, "tm", "import", spec, str(big)], stderr=subprocess.PIPE)
    time.sleep(2.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    store = open_store(spec)
    try:
        assert len(store) in (0, n)
        assert store.summary()["units"] in (0, n)
        if kind == "sqlite":
            assert store.execute("PRAGMA integrity_check") == [("ok",)]
    finally:
        store.close()
    # the memory still works: the import runs through
    assert run("tm", "import", spec, str(big)).returncode == 0
    store = open_store(spec)
    try:
        assert len(store) == n
        assert store.exact("文7番目です。").entry.target == "Sentence 7."
    finally:
        store.close()
