"""The build's memory of its last run: ``.tmkit/state.json`` (git-ignored).

Per step it records a key (a digest of everything the step reads: its input
files' bytes, the configuration, tmkit's own code and ``SOURCE_DATE_EPOCH``), the
digest of each output it wrote, its summary and whatever later steps or the
verdict need from it (findings). A step whose key is unchanged *and* whose
outputs on disk still hash to what was recorded is not run again: its recorded
result stands for it, since the step is a pure function of those inputs.

Trust is never blind:

* the output files are hashed again on every build, so a hand-edited or deleted
  output makes its step run (and ``build --check`` fail);
* each record carries a digest of its own content, so a truncated or hand-edited
  record is ignored;
* a state file that is missing, unreadable, not JSON, of another layout version
  or written by other tmkit code is ignored as a whole: a full build.

A step's own previous output is not part of its key (the template keeps its date
from the last one, `update` merges into the last PO): the check that the output on
disk is still the one recorded stands for it. Those steps reach their fixed point in
one run (a second build changes no file), so the recorded result is what running
them on that output would give; a hand-edited template or PO fails the check and
the step runs.

So the state can make a build faster, never different: the byte-identity test
(tests/test_build_golden.py) builds with a fresh, a valid and a corrupt state.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

STATE_DIR = ".tmkit"
STATE_FILE = "state.json"
LAYOUT = 1


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_file(path: Path) -> str | None:
    """sha256 of the file, read in blocks (never held whole); None when it does not exist."""
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def digest_json(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return digest_bytes(text.encode("utf-8"))


@cache
def code_fingerprint() -> str:
    """A digest of tmkit's own source and data files: new code means new results."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".srx") and path.is_file():
            h.update(str(path.relative_to(package)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


class BuildState:
    """Step records read at the start of a build and written after its outputs."""

    def __init__(self, root: Path, records: dict[str, dict[str, Any]] | None = None) -> None:
        self.root = root
        self.records: dict[str, dict[str, Any]] = records or {}
        self.fresh: dict[str, dict[str, Any]] = {}

    @property
    def path(self) -> Path:
        return self.root / STATE_DIR / STATE_FILE

    @classmethod
    def load(cls, root: Path) -> BuildState:
        """The recorded state, or an empty one when it is missing or cannot be trusted."""
        path = root / STATE_DIR / STATE_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return cls(root)
        if (
            not isinstance(data, dict)
            or data.get("layout") != LAYOUT
            or data.get("code") != code_fingerprint()
            or not isinstance(data.get("steps"), dict)
        ):
            return cls(root)
        records = {
            name: record
            for name, record in data["steps"].items()
            if isinstance(record, dict) and _sealed(record)
        }
        return cls(root, records)

    def key(self, name: str, inputs: dict[str, Any]) -> str:
        """The key of step ``name`` over ``inputs`` (JSON-able: digests, settings)."""
        env = os.environ.get("SOURCE_DATE_EPOCH", "")
        return digest_json([LAYOUT, code_fingerprint(), env, name, inputs])

    def lookup(self, name: str, key: str) -> dict[str, Any] | None:
        """The record of ``name`` when its key matches and its outputs are as written."""
        record = self.records.get(name)
        if record is None or record.get("key") != key:
            return None
        outputs = record.get("outputs")
        if not isinstance(outputs, dict):
            return None
        for rel, want in outputs.items():
            if digest_file(self.root / rel) != want:
                return None
        return record

    def record(self, name: str, record: dict[str, Any]) -> None:
        self.fresh[name] = record

    def save(self) -> None:
        """Write the records of this build (atomically), with a .gitignore for the folder."""
        from tmkit.formats.atomic import write_text_atomic

        state_folder(self.root)
        steps = {name: _seal(dict(record)) for name, record in self.fresh.items()}
        data = {"layout": LAYOUT, "code": code_fingerprint(), "steps": steps}
        write_text_atomic(self.path, json.dumps(data, ensure_ascii=False) + "\n")


def state_folder(root: Path) -> Path:
    """``.tmkit`` under ``root``, made when missing, with a .gitignore for it."""
    folder = root / STATE_DIR
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# tmkit build state: local, never committed\n*\n", encoding="utf-8")
    return folder


def _seal(record: dict[str, Any]) -> dict[str, Any]:
    record.pop("seal", None)
    record["seal"] = digest_json(record)
    return record


def _sealed(record: dict[str, Any]) -> bool:
    seal = record.get("seal")
    body = {k: v for k, v in record.items() if k != "seal"}
    return isinstance(seal, str) and seal == digest_json(body)
