"""Project configuration: ``[tool.tmkit]`` in ``pyproject.toml`` or a ``tmkit.toml``.

A project names its source documents and languages, the template,
translation, TMX and target-document paths, the glossary, thresholds and the
enabled check rules. Every problem is reported as a `ConfigError` naming the
file and the key (``pyproject.toml: tool.tmkit.sources: ...``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tmkit.model.errors import ConfigError

CONFIG_FILES = ("tmkit.toml", "pyproject.toml")


@dataclass(frozen=True, slots=True)
class Document:
    """One source document and where its rebuilt translation goes."""

    source: Path
    target: Path | None
    #: its Markdown rendering (``markdown = [...]``, one per source), if any
    markdown: Path | None = None


@dataclass(frozen=True, slots=True)
class Project:
    root: Path
    config_file: Path
    source_lang: str = "ja"
    target_lang: str = "en"
    documents: tuple[Document, ...] = ()
    template: Path = Path("source/ja/template.pot")
    translation: Path = Path("target/en/translation.po")
    tmx: Path | None = None
    glossary: Path | None = None
    #: glossary exports generated from ``glossary`` and kept in sync (``glossary/qst.csv``)
    glossary_exports: tuple[Path, ...] = ()
    #: memories used to pretranslate new segments
    memories: tuple[Path, ...] = ()
    #: the project's shared memory (``sqlite:///tm.db``, ``postgresql://…``), asked after
    #: ``memories``; a relative SQLite path is relative to the project root
    tm: str | None = None
    report: Path | None = None
    encoding: str = "auto"
    srx: Path | None = None
    project_id: str = "tmkit"
    fuzzy_threshold: int = 75
    qa_threshold: float = 90.0
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    #: ``[tool.tmkit.check] complete``: an untranslated or fuzzy segment fails the build
    #: (otherwise `build --check` gates files in sync, and untranslated ones are info)
    complete: bool = False
    #: the reviewer's checklist of regex rules (`tmkit.checks.checklist`), e.g. qa.toml
    checklist: Path | None = None
    #: Markdown front matter keys whose values are translated
    front_matter_keys: tuple[str, ...] = ("title", "description")
    #: ``[tool.tmkit.render]``: rendering rules of the rebuilt target documents
    render: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def path(self, p: Path) -> Path:
        return p if p.is_absolute() else self.root / p


_KNOWN = {
    "source-lang": str,
    "target-lang": str,
    "sources": list,
    "targets": list,
    "markdown": list,
    "template": str,
    "translation": str,
    "tmx": str,
    "glossary": str,
    "glossary-exports": list,
    "memories": list,
    "tm": str,
    "report": str,
    "encoding": str,
    "srx": str,
    "project-id": str,
    "fuzzy-threshold": int,
    "qa-threshold": (int, float),
    "check": dict,
    "checklist": str,
    "front-matter-keys": list,
    "render": dict,
    "corpus": dict,
}
_CHECK_KNOWN = {"select": list, "ignore": list, "strict": bool, "complete": bool}


def find_config(start: Path) -> Path | None:
    """The nearest ``tmkit.toml``, or ``pyproject.toml`` with a ``[tool.tmkit]`` table."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "tmkit.toml":
                return candidate
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                return candidate  # let load_project report the syntax error
            if "tmkit" in data.get("tool", {}):
                return candidate
    return None


def config_table(path: Path) -> tuple[dict[str, Any], str]:
    """The tmkit table of a config file (``[tool.tmkit]`` of a pyproject.toml, or the
    whole tmkit.toml) and its key prefix for messages; a bad file is a ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(err.strerror or str(err), str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8", str(path)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        # Python < 3.14 has the position only in the message: "... (at line 3, column 5)"
        at = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        line = getattr(err, "lineno", None) or (int(at[1]) if at else None)
        col = getattr(err, "colno", None) or (int(at[2]) if at else None)
        raise ConfigError(str(err).split(" (at ")[0], str(path), line, col) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("tmkit")
        if table is None:
            raise ConfigError("no [tool.tmkit] table", str(path))
        return table, "tool.tmkit"
    return data, ""


def _key(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _check_types(table: dict[str, Any], known: dict[str, Any], path: Path, prefix: str) -> None:
    for key, value in table.items():
        if key not in known:
            close = sorted(known)
            raise ConfigError(
                f"{_key(prefix, key)}: unknown key (known: {', '.join(close)})", str(path)
            )
        expected = known[key]
        if isinstance(value, bool) and expected in (int, (int, float)):
            raise ConfigError(f"{_key(prefix, key)}: expected a number, got {value!r}", str(path))
        if not isinstance(value, expected):
            names = {str: "a string", list: "a list", int: "an integer", bool: "true or false"}
            want = (
                names.get(expected, "a number") if not isinstance(expected, tuple) else "a number"
            )
            if expected is dict:
                want = "a table"
            raise ConfigError(f"{_key(prefix, key)}: expected {want}, got {value!r}", str(path))


def _strings(value: list[Any], path: Path, key: str) -> tuple[str, ...]:
    for item in value:
        if not isinstance(item, str) or not item:
            raise ConfigError(f"{key}: expected non-empty strings, got {item!r}", str(path))
    return tuple(value)


def load_project(config_file: Path) -> Project:
    """Read and validate a project configuration."""
    table, prefix = config_table(config_file)
    _check_types(table, _KNOWN, config_file, prefix)
    check = table.get("check", {})
    _check_types(check, _CHECK_KNOWN, config_file, _key(prefix, "check"))
    root = config_file.parent

    sources = _strings(table.get("sources", []), config_file, _key(prefix, "sources"))
    if not sources:
        raise ConfigError(
            f"{_key(prefix, 'sources')}: name at least one source document", str(config_file)
        )
    targets = _strings(table.get("targets", []), config_file, _key(prefix, "targets"))
    # "" in ``markdown``: no Markdown rendering for that source (an HTML source has none)
    markdown_raw = table.get("markdown", [])
    _strings([m for m in markdown_raw if m != ""], config_file, _key(prefix, "markdown"))
    markdown = tuple(markdown_raw)
    for key, paths in (("targets", targets), ("markdown", markdown)):
        if paths and len(paths) != len(sources):
            raise ConfigError(
                f"{_key(prefix, key)}: {len(paths)} {key} for {len(sources)} sources",
                str(config_file),
            )
    documents = tuple(
        Document(
            Path(s),
            Path(targets[i]) if targets else None,
            Path(markdown[i]) if markdown and markdown[i] else None,
        )
        for i, s in enumerate(sources)
    )
    render = _render(table.get("render", {}), config_file, _key(prefix, "render"))
    for key in ("template", "translation"):
        if key not in table:
            raise ConfigError(f"{_key(prefix, key)}: required", str(config_file))
    threshold = table.get("fuzzy-threshold", 75)
    if not 0 <= threshold <= 100:
        raise ConfigError(
            f"{_key(prefix, 'fuzzy-threshold')}: must be between 0 and 100, got {threshold}",
            str(config_file),
        )

    def opt(key: str) -> Path | None:
        return Path(table[key]) if key in table else None

    return Project(
        root=root,
        config_file=config_file,
        source_lang=table.get("source-lang", "ja"),
        target_lang=table.get("target-lang", "en"),
        documents=documents,
        template=Path(table["template"]),
        translation=Path(table["translation"]),
        tmx=opt("tmx"),
        glossary=opt("glossary"),
        glossary_exports=tuple(
            Path(p)
            for p in _strings(
                table.get("glossary-exports", []), config_file, _key(prefix, "glossary-exports")
            )
        ),
        memories=tuple(
            Path(p)
            for p in _strings(table.get("memories", []), config_file, _key(prefix, "memories"))
        ),
        tm=table.get("tm"),
        report=opt("report"),
        encoding=table.get("encoding", "auto"),
        srx=opt("srx"),
        project_id=table.get("project-id", root.resolve().name),
        fuzzy_threshold=threshold,
        qa_threshold=float(table.get("qa-threshold", 90.0)),
        select=_strings(check.get("select", []), config_file, _key(prefix, "check.select")),
        ignore=_strings(check.get("ignore", []), config_file, _key(prefix, "check.ignore")),
        strict=check.get("strict", False),
        complete=check.get("complete", False),
        checklist=opt("checklist"),
        front_matter_keys=_strings(
            table.get("front-matter-keys", ["title", "description"]),
            config_file,
            _key(prefix, "front-matter-keys"),
        ),
        render=render,
    )


def _render(table: dict[str, Any], path: Path, prefix: str) -> dict[str, str]:
    """``[render]``: known keys, each a string among its allowed values."""
    from tmkit.ops.rendering import KEYS

    _check_types(table, dict.fromkeys(KEYS, str), path, prefix)
    for key, value in table.items():
        allowed = KEYS[key]
        if allowed is not None and value not in allowed:
            raise ConfigError(
                f"{_key(prefix, key)}: {value!r} is not one of {', '.join(allowed)}", str(path)
            )
        if allowed is None and "{text}" not in value:
            raise ConfigError(f"{_key(prefix, key)}: must contain {{text}}", str(path))
    return dict(table)
