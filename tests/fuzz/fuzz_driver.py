"""Run many fuzz cases in one interpreter and judge each: ``python fuzz_driver.py CASES``.

CASES is a JSON file: a list of ``{"id", "args", "input": base64, "suffix", "support"}``.
Each case runs in a fresh folder through the CLI (in process, as `tmkit ARGS` would),
with a time limit; the driver prints a JSON list of ``{"id", "problems", "seconds"}``.
Its caller sets the memory limit (``RLIMIT_AS``) on this process.

`problems` is what the standards forbid: an exit code outside {0, 1, 2}, a traceback
(any exception that escaped the CLI), an error that is not exactly one line, output
left behind by a run that exited 2, or a temp file left behind at all.
"""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import sys
import tempfile
import time
from pathlib import Path

CASE_SECONDS = float(os.environ.get("TMKIT_FUZZ_CASE_SECONDS", "20"))
TEMP = re.compile(r"\.tmkit-\d+\.tmp$|^tmp.*\.tmp$")


class CaseTimeout(BaseException):  # not Exception: the CLI must not swallow it
    pass


def _alarm(signum, frame):
    raise CaseTimeout


def expand(args: list[str], folder: Path, input_path: Path) -> list[str]:
    return [
        a.replace("{in}", str(input_path))
        .replace("{out}", str(folder / "out"))
        .replace("{dir}", str(folder))
        for a in args
    ]


def judge(code: int | None, stderr: str, crashed: str | None, before: set[str], folder: Path):
    """The standards' violations for one finished case (shared with the per-process runs)."""
    problems = []
    if crashed:
        problems.append(f"exception escaped: {crashed}")
    if code not in (0, 1, 2):
        problems.append(f"exit code {code}")
    if "Traceback (most recent call last)" in stderr:
        problems.append("traceback on stderr")
    lines = [line for line in stderr.splitlines() if line.strip()]
    if code == 2 and len(lines) != 1:
        problems.append(f"error is {len(lines)} lines: {stderr[:300]!r}")
    after = {p.name for p in folder.iterdir()}
    new = after - before
    leftovers = sorted(n for n in after if TEMP.search(n))
    if leftovers:
        problems.append(f"temp files left: {leftovers}")
    if code == 2 and new:
        problems.append(f"output written by a failed run: {sorted(new)}")
    return problems


def run_case(case: dict, base: Path) -> dict:
    from typer.testing import CliRunner

    from tmkit.cli import app

    folder = Path(tempfile.mkdtemp(dir=base))
    input_path = folder / f"input{case['suffix']}"
    input_path.write_bytes(base64.b64decode(case["input"]))
    for name, text in case.get("support", []):
        (folder / name).write_text(text, encoding="utf-8")
    before = {p.name for p in folder.iterdir()}
    args = expand(case["args"], folder, input_path)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, CASE_SECONDS)
    crashed = None
    try:
        result = CliRunner().invoke(app, args, catch_exceptions=True)
        code, stderr = result.exit_code, result.stderr
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit):
            crashed = f"{type(exc).__name__}: {exc}"[:300]
    except CaseTimeout:
        code, stderr = None, ""
        crashed = f"took over {CASE_SECONDS:g} s"
    except MemoryError:
        code, stderr, crashed = None, "", "MemoryError (over the memory limit)"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.monotonic() - started
    problems = judge(code, stderr, crashed, before, folder)
    return {"id": case["id"], "problems": problems, "seconds": round(seconds, 3), "code": code}


def main() -> None:
    cases = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    signal.signal(signal.SIGALRM, _alarm)
    results = []
    with tempfile.TemporaryDirectory(prefix="tmkit-fuzz-") as base:
        os.chdir(base)
        for case in cases:
            results.append(run_case(case, Path(base)))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
