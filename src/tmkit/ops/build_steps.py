"""The build's step machinery: each step a function of its inputs, skipped when the build
state vouches for it; outputs kept by digest and written only when they changed."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tmkit.formats.atomic import encoded_batches
from tmkit.model.findings import Finding
from tmkit.ops.build_state import BuildState, digest_bytes, digest_file
from tmkit.ops.project import Project

STEPS = ("extract", "update", "check", "tmx", "validate", "rebuild", "report", "glossary")


@dataclass(slots=True)
class Step:
    name: str
    summary: str = ""
    ok: bool = True
    outputs: list[Path] = field(default_factory=list)
    #: taken from the build state: inputs and outputs unchanged since the last build
    reused: bool = False


@dataclass(slots=True)
class BuildResult:
    project: Project
    steps: list[Step] = field(default_factory=list)
    #: absolute path → the bytes it should hold, for outputs that differ from the file
    outputs: dict[Path, bytes] = field(default_factory=dict)
    #: absolute path → digest, for outputs the file already holds (checked by digest)
    kept: dict[Path, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    state: BuildState | None = None
    #: per-segment results for the next build (`tmkit.ops.build_cache.BuildCache`)
    cache: Any = None
    #: path → digest of its bytes in ``outputs`` (worked out when they were made)
    made: dict[Path, str] = field(default_factory=dict)
    _stale: list[Path] | None = None

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)

    def stale(self) -> list[Path]:
        """Outputs whose file is missing or differs from what the build computed.

        Compared by digest, the file read in blocks: an output is never held twice.
        """
        if self._stale is None:
            # the file is read again (it may have changed since); the bytes' digest is
            # the one taken when they were made
            self._stale = [
                path
                for path, data in self.outputs.items()
                if digest_file(path) != (self.made.get(path) or digest_bytes(data))
            ]
        return self._stale


class Lazy:
    """A value computed on first use (a catalog read back only if a later step needs it)."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make: Callable[[], Any] | None = make
        self._value: Any = None

    def __call__(self) -> Any:
        if self._make is not None:
            self._value, self._make = self._make(), None
        return self._value

    def set(self, value: Any) -> None:
        self._value, self._make = value, None

    @property
    def made(self) -> bool:
        """Whether the value was computed (or set) already."""
        return self._make is None


class Steps:
    """Runs a build's steps, each skipped when the build state vouches for it.

    A step is a function of its ``inputs`` (digests and settings; see `BuildState.key`).
    ``compute(step)`` runs it: it sets the summary and ``ok``, adds outputs with
    `output`, and returns what later steps and the verdict need (JSON-able).
    """

    def __init__(self, result: BuildResult, state: BuildState, on_step) -> None:
        self.result = result
        self.state = state
        self.on_step = on_step
        #: output path (relative, as configured) → digest, for the inputs of later steps
        self.digests: dict[str, str] = {}

    def previous(self, name: str) -> dict[str, Any] | None:
        """The last build's record of step ``name`` (sealed, whatever its key)."""
        return self.state.records.get(name)

    def output(self, step: Step, rel: Path, data: bytes) -> None:
        """An output of ``step``: kept for writing only when the file differs from it
        (an unchanged output is not held at all, so a big build holds little)."""
        path = self.result.project.path(rel)
        digest = self.digests[str(rel)] = digest_bytes(data)
        if digest_file(path) == digest:
            self.result.kept[path] = digest
        else:
            self.result.outputs[path] = data
            self.result.made[path] = digest
        step.outputs.append(rel)

    def kept_output(self, step: Step, rel: Path, digest: str | None) -> bool:
        """Whether the file of output ``rel`` holds what ``digest`` (a build cache's
        record of what this output would be) says: then it is the output, not made."""
        path = self.result.project.path(rel)
        if digest is None or digest_file(path) != digest:
            return False
        self.digests[str(rel)] = self.result.kept[path] = digest
        step.outputs.append(rel)
        return True

    def output_text(self, step: Step, rel: Path, pieces: Iterable[str]) -> None:
        """An output made as pieces of text: encoded and digested in batches as they
        come, so the whole text is never held as text, and its bytes only when they
        differ from the file."""
        digest = hashlib.sha256()
        batches: list[bytes] = []
        for data in encoded_batches(pieces):
            batches.append(data)
            digest.update(data)
        path = self.result.project.path(rel)
        self.digests[str(rel)] = digest.hexdigest()
        step.outputs.append(rel)
        if digest_file(path) == digest.hexdigest():
            self.result.kept[path] = digest.hexdigest()
        else:
            data = b"".join(batches)
            batches.clear()
            self.result.outputs[path] = data
            self.result.made[path] = digest.hexdigest()

    def run(
        self,
        name: str,
        inputs: dict[str, Any],
        compute: Callable[[Step], Any],
        reuse: Callable[[Any], bool] | None = None,
    ) -> tuple[Step, Any]:
        """Run step ``name``, or take its record; ``reuse(extra)`` may refuse a record
        whose result it cannot find (kept in the build cache: the step runs)."""
        if self.on_step is not None:
            self.on_step(name)
        step = Step(name)
        self.result.steps.append(step)
        key = self.state.key(name, inputs)
        record = self.state.lookup(name, key)
        if record is not None and reuse is not None and not reuse(record.get("extra")):
            record = None
        if record is not None:
            step.summary, step.ok, step.reused = record["summary"], record["ok"], True
            for rel, digest in record["outputs"].items():
                step.outputs.append(Path(rel))
                self.result.kept[self.result.project.path(Path(rel))] = digest
                self.digests[rel] = digest
            extra = record.get("extra")
        else:
            extra = compute(step)
        self.state.record(
            name,
            {
                "key": key,
                "summary": step.summary,
                "ok": step.ok,
                "outputs": {str(rel): self.digests[str(rel)] for rel in step.outputs},
                "extra": extra,
            },
        )
        return step, extra


def apply(result: BuildResult) -> list[Path]:
    """Write the outputs that changed, then the build state; return the paths written."""
    from tmkit.formats.atomic import write_bytes_atomic

    changed = result.stale()
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, result.outputs[path])
    state = result.state
    unchanged = all(s.reused for s in result.steps) and state is not None
    if unchanged and state.fresh.keys() == state.records.keys() and state.path.is_file():
        return changed  # every record is the one on disk already
    if state is not None:
        # the state only saves time: a build that cannot keep it has still succeeded
        with contextlib.suppress(OSError):
            state.save()
        if result.cache is not None:
            result.cache.save()
    return changed
