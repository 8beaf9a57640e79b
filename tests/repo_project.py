"""The repository's own translation project, copied where a test may change it."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: what `tmkit build` reads and writes in the repository
PROJECT_FILES = ("pyproject.toml", "qa.toml", "source", "target", "glossary")


def copy_project(dest: Path) -> Path:
    """Copy the interview project (config, checklist, sources, targets, glossary) to ``dest``."""
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    return dest
