"""The standing fuzz suite (issue 17, case 10): every reader, through the CLI.

Inputs come from Hypothesis (`fuzz_mutate`); commands from `fuzz_targets.TARGETS`. Most
cases run batched in one interpreter per target (`fuzz_driver.py`, in a subprocess with a
memory limit and a per-case time limit); a smaller set run as true ``python -m tmkit``
processes. Every case must exit 0, 1 or 2, print no traceback, give a one-line error on
exit 2, leave no output behind when it fails and no temp file ever.

CI runs a fixed, derandomized budget (``sum(t.budget)`` ≥ 2,000 cases, about two
minutes). ``TMKIT_FUZZ=long pytest tests/fuzz`` runs ten times as many, randomly seeded.
A failing input is saved under ``tests/bad/fuzz/<reader>/``: fix the bug and commit the
file; `test_regression_files` replays them all from then on.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from fuzz_driver import judge
from fuzz_mutate import fuzz_input
from fuzz_targets import BAD, BY_NAME, TARGETS, FuzzTarget
from hypothesis import HealthCheck, Phase, given, seed, settings

LONG = os.environ.get("TMKIT_FUZZ") == "long"
SCALE = 10 if LONG else 1
BATCH = 200
MEMORY_LIMIT = 4 << 30  # bytes of address space per driver / per process
PROCESS_RUNS = 4  # true per-process cases per target (x SCALE)
DRIVER = Path(__file__).with_name("fuzz_driver.py")
REGRESSIONS = BAD / "fuzz"


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


ENV = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}


def generate(target: FuzzTarget, count: int) -> list[bytes]:
    """``count`` distinct inputs; CI's are the same every run (fixed seeds)."""
    seeds = tuple(p.read_bytes() for p in target.seeds)
    found: dict[bytes, None] = {}

    def collect(data: bytes) -> None:
        if len(found) < count:
            found[data] = None

    for round_ in range(20):
        runner = settings(
            max_examples=count,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )(given(fuzz_input(seeds, target.tokens))(collect))
        if not LONG:
            runner = seed(round_)(runner)
        runner()
        if len(found) >= count:
            break
    return list(found)


def cases_for(target: FuzzTarget, inputs: list[bytes], every_command: bool = False):
    cases = []
    for i, data in enumerate(inputs):
        commands = target.commands if every_command else [target.commands[i % len(target.commands)]]
        for j, args in enumerate(commands):
            cases.append(
                {
                    "id": f"{i}.{j}",
                    "args": list(args),
                    "input": base64.b64encode(data).decode(),
                    "suffix": target.suffix,
                    "support": list(target.support),
                    "data": data,
                }
            )
    return cases


def run_batches(cases: list[dict]) -> list[tuple[dict, dict]]:
    """(case, result) for every case, BATCH cases per driver process."""
    out = []
    for start in range(0, len(cases), BATCH):
        batch = cases[start : start + BATCH]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump([{k: v for k, v in c.items() if k != "data"} for c in batch], fh)
        try:
            proc = subprocess.run(
                [sys.executable, str(DRIVER), fh.name],
                capture_output=True,
                text=True,
                timeout=60 + 30 * len(batch),
                preexec_fn=_limits,
                env=ENV,
                check=False,
            )
        finally:
            os.unlink(fh.name)
        assert proc.returncode == 0, (
            f"the fuzz driver died ({proc.returncode}): {proc.stderr[-2000:]}"
        )
        results = {r["id"]: r for r in json.loads(proc.stdout)}
        out.extend((case, results[case["id"]]) for case in batch)
    return out


def save_and_report(target: FuzzTarget, failures: list[tuple[dict, dict]]) -> str:
    folder = REGRESSIONS / target.name
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for case, result in failures:
        name = hashlib.sha256(case["data"]).hexdigest()[:12] + target.suffix
        (folder / name).write_bytes(case["data"])
        lines.append(f"{folder / name}: tmkit {' '.join(case['args'])}: {result['problems']}")
    return "\n".join(lines)


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_fuzz_reader(target: FuzzTarget) -> None:
    inputs = generate(target, target.budget * SCALE)
    assert len(inputs) == target.budget * SCALE  # the budget is really spent
    results = run_batches(cases_for(target, inputs))
    failures = [(c, r) for c, r in results if r["problems"]]
    assert not failures, save_and_report(target, failures)


def test_budget_is_at_least_2000_cases() -> None:
    assert sum(t.budget for t in TARGETS) >= 2000


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_fuzz_reader_per_process(target: FuzzTarget, tmp_path: Path) -> None:
    """A few cases as real processes: the entry point, signals, exit status, rlimits."""
    inputs = generate(target, PROCESS_RUNS * SCALE)
    failures = []
    for i, data in enumerate(inputs):
        args = target.commands[i % len(target.commands)]
        folder = tmp_path / str(i)
        folder.mkdir()
        input_path = folder / f"input{target.suffix}"
        input_path.write_bytes(data)
        for name, text in target.support:
            (folder / name).write_text(text, encoding="utf-8")
        before = {p.name for p in folder.iterdir()}
        argv = [
            a.replace("{in}", str(input_path)).replace("{out}", str(folder / "out")) for a in args
        ]
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "tmkit", *argv],
                capture_output=True,
                text=True,
                errors="replace",
                timeout=60,
                cwd=folder,
                preexec_fn=_limits,
                env=ENV,
                check=False,
            )
            code, stderr = proc.returncode, proc.stderr
            crashed = None
        except subprocess.TimeoutExpired:
            code, stderr, crashed = None, "", "took over 60 s"
        problems = judge(code, stderr, crashed, before, folder)
        if problems:
            failures.append(({"args": list(args), "data": data}, {"problems": problems}))
    assert not failures, save_and_report(target, failures)


def _regression_files() -> list[tuple[FuzzTarget, Path]]:
    if not REGRESSIONS.is_dir():
        return []
    return [
        (BY_NAME[folder.name], path)
        for folder in sorted(REGRESSIONS.iterdir())
        if folder.name in BY_NAME
        for path in sorted(folder.iterdir())
    ]


def test_regression_files() -> None:
    """Every input the fuzzer ever caught, through every command of its reader."""
    files = _regression_files()
    if not files:
        pytest.skip("no regression file yet")
    cases = []
    for target, path in files:
        for case in cases_for(target, [path.read_bytes()], every_command=True):
            case["id"] = f"{path.name}:{case['id']}"
            cases.append(case)
    failures = [(c, r) for c, r in run_batches(cases) if r["problems"]]
    assert not failures, "\n".join(f"{c['id']} {c['args']}: {r['problems']}" for c, r in failures)
