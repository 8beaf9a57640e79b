"""The Dask scheduler address from the project config: ``[corpus] scheduler`` in tmkit.toml
(``[tool.tmkit.corpus]`` in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path


def configured_scheduler(start: Path | None = None) -> str | None:
    from tmkit.ops.project import config_table, find_config

    path = find_config(start or Path.cwd())
    if path is None:
        return None
    table, _ = config_table(path)
    corpus = table.get("corpus")
    value = corpus.get("scheduler") if isinstance(corpus, dict) else None
    return value if isinstance(value, str) and value else None
