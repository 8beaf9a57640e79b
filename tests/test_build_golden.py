"""Findings, outputs and exit codes stay byte-identical while the build gets faster.

One scenario, run on a copy of the repository's own project and on generated
projects of 1k and 10k segments (``benchmarks/gen_project.py``, fixed seed):
full build, a second (no-change) build, ``build --check``, ``check`` in three
formats, a source document edited, ``--check`` then a build, and a build after the
state file was corrupted. Every stdout, exit code and generated file is digested
and compared with ``tests/data/build_golden.json``, whose digests were produced
by the code *before* the incremental build, the fast normaliser and the one-pass
glossary work (commit 864a78b): speed work must not change a byte.

The HTML report is left out on purpose: its page changes by design (issue 16,
item 5); tests/test_report_html*.py cover it.

Regenerate only for an intended change of output:
``python tests/test_build_golden.py --write``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from repo_project import copy_project

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "build_golden.json"
EPOCH = "1767225600"
# the report embeds run details; pyproject.toml is the input (its tool sections change)
EXCLUDED = {"report.html", "pyproject.toml"}
sys.path.insert(0, str(ROOT / "benchmarks"))


def _digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): _digest(p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in EXCLUDED and ".tmkit" not in p.parts
    }


def _edit(path: Path, serial: int) -> None:
    text = path.read_text(encoding="utf-8")
    first = text.index("。") + 1
    text = text[:first].replace("の", "と", 1) + text[first:]
    path.write_text(text + f"\n追加の段落{serial}です。量子の研究を進める。\n", encoding="utf-8")


def scenario(root: Path, config: Path, po: str, glossary: str, docs: list[str]) -> dict:
    """Run the commands on the project at ``root``; return every digest and exit code."""
    from tmkit.cli import app

    runner = CliRunner()
    out: dict[str, object] = {}
    old = Path.cwd()
    os.chdir(root)
    try:

        def run(name: str, *args: str) -> None:
            result = runner.invoke(app, list(args))
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                result.output
            )
            out[name] = [result.exit_code, _digest(result.stdout)]

        build = ("build", "--config", str(config), "--format", "json")
        shutil.rmtree(root / ".tmkit", ignore_errors=True)
        run("build-full", *build)
        out["files-full"] = _files(root)
        run("build-again", *build)
        out["files-again"] = _files(root)
        run("build-check", *build, "--check")
        for fmt in ("text", "json", "sarif"):
            run(f"check-{fmt}", "check", po, "-g", glossary, "--format", fmt)
        _edit(root / docs[1], 1)
        run("check-after-edit", *build, "--check")
        run("build-after-edit", *build)
        out["files-after-edit"] = _files(root)
        run("check-after-build", *build, "--check")
        state = root / ".tmkit" / "state.json"
        if state.exists():
            state.write_text("{not json", encoding="utf-8")
        _edit(root / docs[-1], 2)
        run("build-corrupt-state", *build)
        out["files-corrupt-state"] = _files(root)
    finally:
        os.chdir(old)
    return out


def repository(tmp: Path) -> dict:
    copy_project(tmp)
    return scenario(
        tmp,
        tmp / "pyproject.toml",
        "target/en/interview.po",
        "glossary/qst.tbx",
        ["source/ja/interview.txt", "source/ja/interview.txt"],
    )


def generated(tmp: Path, segments: int) -> dict:
    from gen_project import generate

    config = generate(tmp, segments)
    docs = [f"source/ja/doc{i}.txt" for i in range(1, 5)]
    return scenario(tmp, config, "target/en/gen.po", "glossary/terms.csv", docs)


CASES = {
    "repository": repository,
    "gen-1k": lambda tmp: generated(tmp, 1_000),
    "gen-10k": lambda tmp: generated(tmp, 10_000),
}


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.mark.parametrize("case", sorted(CASES))
def test_outputs_are_byte_identical(case: str, tmp_path: Path) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[case]
    found = json.loads(json.dumps(CASES[case](tmp_path)))
    for key in golden:
        assert found.get(key) == golden[key], key
    assert found.keys() == golden.keys()


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    import tempfile

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    sys.path.insert(0, str(ROOT / "src"))
    goldens = {}
    for name, make in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            goldens[name] = make(Path(tmp))
            print(name, {k: v for k, v in goldens[name].items() if not k.startswith("files")})
    GOLDEN.write_text(json.dumps(goldens, indent=1, sort_keys=True) + "\n", encoding="utf-8")
