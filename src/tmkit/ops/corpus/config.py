"""The corpus settings of the project config: ``[corpus]`` in tmkit.toml
(``[tool.tmkit.corpus]`` in pyproject.toml): ``scheduler`` (a Dask scheduler
address) and ``spill`` (where hash partitions are spilled; with workers on other
machines, a directory they all reach)."""

from __future__ import annotations

from pathlib import Path


def configured(key: str, start: Path | None = None) -> str | None:
    from tmkit.ops.project import config_table, find_config

    path = find_config(start or Path.cwd())
    if path is None:
        return None
    table, _ = config_table(path)
    corpus = table.get("corpus")
    value = corpus.get(key) if isinstance(corpus, dict) else None
    return value if isinstance(value, str) and value else None


def configured_scheduler(start: Path | None = None) -> str | None:
    return configured("scheduler", start)
