"""Shell completion works through the installed entry point (typer's bash protocol)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXE = Path(sys.executable).with_name("tmkit")


def complete(words: str, cword: int) -> list[str]:
    env = {
        **os.environ,
        "_TMKIT_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
    }
    done = subprocess.run([str(EXE)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("tmkit ex", 1, "extract"),
        ("tmkit val", 1, "validate"),
        ("tmkit check --fo", 2, "--format"),
        ("tmkit build --ch", 2, "--check"),
    ],
)
def test_bash_completion(words, cword, expected):
    assert expected in complete(words, cword)


def test_completion_script_is_offered():
    done = subprocess.run([str(EXE), "--show-completion", "bash"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "_TMKIT_COMPLETE=complete_bash" in done.stdout
