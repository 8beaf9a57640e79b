"""`tmkit check` findings stay byte-identical while the checker gets faster (issue 16).

`tests/test_build_golden.py` pins `check` inside the build scenario with the
100-term glossary. This pins the checker itself where the speed work bites: a
generated project (``benchmarks/gen_project.py``, fixed seed) checked against
the 5,000-term glossary of ``benchmarks/bench_build.py`` (PO, TMX, both, a memory,
rule selection, the three output formats), and the repository's own project with
both of its glossaries (TBX with word forms, CSV) and its checklist.

The digests in ``tests/data/check_golden.json`` were recorded by the checker
*before* this work (main at 14e29ea), by running this file with that code first on
the path::

    PYTHONPATH=/path/to/old/src python tests/test_check_golden.py --write
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from repo_project import copy_project

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "check_golden.json"
EPOCH = "1767225600"
sys.path.insert(0, str(ROOT / "benchmarks"))

GENERATED = {
    "po-text": ["target/en/gen.po", "-g", "glossary/big.csv"],
    "po-json": ["target/en/gen.po", "-g", "glossary/big.csv", "--format", "json"],
    "po-sarif": ["target/en/gen.po", "-g", "glossary/big.csv", "--format", "sarif"],
    "tmx": ["target/en/gen.tmx", "-g", "glossary/big.csv", "--format", "json"],
    "po-and-tmx": ["target/en/gen.po", "target/en/gen.tmx", "-g", "glossary/terms.csv"],
    "memory": ["target/en/gen.po", "--tm", "target/en/gen.tmx", "-g", "glossary/big.csv"],
    "selected": ["target/en/gen.po", "-g", "glossary/big.csv", "--select", "glossary,number"],
    "ignored": ["target/en/gen.po", "-g", "glossary/big.csv", "--ignore", "consistency,length"],
    "no-glossary": ["target/en/gen.po", "--format", "json"],
}
REPOSITORY = {
    "tbx-text": ["target/en/interview.po", "target/en/interview.tmx", "-g", "glossary/qst.tbx"],
    "tbx-json": ["target/en/interview.po", "-g", "glossary/qst.tbx", "--format", "json"],
    "csv-sarif": ["target/en/interview.tmx", "-g", "glossary/qst.csv", "--format", "sarif"],
    "both-glossaries": [
        "target/en/interview.po",
        "-g",
        "glossary/qst.tbx",
        "-g",
        "glossary/qst.csv",
    ],
    "no-glossary": ["target/en/interview.po"],
}


def _digest(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def _run_all(root: Path, cases: dict[str, list[str]]) -> dict[str, list[object]]:
    from tmkit.cli import app

    runner = CliRunner()
    out: dict[str, list[object]] = {}
    old = Path.cwd()
    os.chdir(root)
    try:
        for name, args in cases.items():
            result = runner.invoke(app, ["check", *args])
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                result.output
            )
            out[name] = [result.exit_code, _digest(result.stdout)]
    finally:
        os.chdir(old)
    return out


def generated(tmp: Path) -> dict[str, list[object]]:
    from bench_build import big_glossary
    from gen_project import generate

    generate(tmp, 1_000)
    big_glossary(tmp, 5000)
    return _run_all(tmp, GENERATED)


def repository(tmp: Path) -> dict[str, list[object]]:
    copy_project(tmp)
    return _run_all(tmp, REPOSITORY)


CASES = {"generated-1k": generated, "repository": repository}


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_output_is_byte_identical(case: str, tmp_path: Path) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[case]
    found = CASES[case](tmp_path)
    for key in golden:
        assert found.get(key) == golden[key], key
    assert found.keys() == golden.keys()


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    import tempfile

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    goldens = {}
    for name, make in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            goldens[name] = make(Path(tmp))
            print(name, goldens[name])
    GOLDEN.write_text(json.dumps(goldens, indent=1, sort_keys=True) + "\n", encoding="utf-8")
