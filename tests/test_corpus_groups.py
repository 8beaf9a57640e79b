"""Consistency over a partition too large to hold (tmkit.ops.corpus.groups): small
groups in batches, huge groups in SQLite on disk, the findings those of one run."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

from corpus_gen import write_tmx
from tmkit.ops.corpus import groups
from tmkit.ops.corpus.check import check_corpus
from tmkit.ops.corpus.engine import LocalEngine
from tmkit.ops.corpus.inputs import resolve_shards
from tmkit.ops.corpus.shard import shard_tmx

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
    'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ja" '
    'datatype="plaintext"/><body>\n'
)


def _tu(tuid: str, ja: str, en: str, ignore: str = "") -> str:
    prop = f'<prop type="x-tmkit-ignore">{ignore}</prop>' if ignore else ""
    return (
        f'<tu tuid="{tuid}">{prop}<tuv xml:lang="ja"><seg>{escape(ja)}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{escape(en)}</seg></tuv></tu>'
    )


def _one_source_many_targets(path: Path, n: int) -> Path:
    """The same source again and again with ever other targets (a huge group with as
    many variants as units), a few units sharing one line (places seen twice), some
    suppressed, and a template group whose numbers fold to one key."""
    lines = [HEAD]
    for i in range(n):
        en = f"Rendering number {i} of the sentence here." if i % 5 else "The same words."
        tu = _tu(f"a{i}", "同じ原文です。", en, "consistency" if i % 97 == 3 else "")
        # some pairs share the line of the one before it (of the other variant, or the same)
        lines.append(tu if i % 10 in (5, 9) else "\n" + tu)
    for i in range(n):
        ja, en = f"研究所は{i}年に設立されました。", f"Founded in {i % 7}."
        lines.append("\n" + _tu(f"b{i}", ja, en))
    lines.append("\n</body></tmx>\n")
    path.write_text("".join(lines), "utf-8")
    return path


@pytest.mark.parametrize("make", ["template", "one-source"])
def test_bounded_partition_gives_the_findings_of_one_run(tmp_path, monkeypatch, make):
    if make == "template":
        whole = write_tmx(tmp_path / "all.tmx", 3000)
        shard_tmx(whole, tmp_path / "shards", 700, "gz")
        shards = resolve_shards([tmp_path / "shards"])
    else:  # unsharded: shard_tmx would give each unit its own line
        shards = resolve_shards([_one_source_many_targets(tmp_path / "all.tmx", 1500)])
    select = ["consistency"]
    plain = check_corpus(LocalEngine(), shards, select=select).findings
    assert len(plain) > 1000

    seen: list[int] = []
    real = groups.run_checks

    def counting(units, ctx, rules):
        seen.append(len(units))
        return real(units, ctx, rules)

    monkeypatch.setattr(groups, "LARGE_PARTITION", 0)
    monkeypatch.setattr(groups, "HUGE_GROUP", 400)
    monkeypatch.setattr(groups, "BATCH_UNITS", 300)
    monkeypatch.setattr(groups, "CHUNK", 250)
    monkeypatch.setattr(groups, "run_checks", counting)
    bounded = check_corpus(LocalEngine(), shards, select=select).findings
    assert bounded == plain
    # no batch holds more than BATCH_UNITS units: the huge groups went to SQLite
    assert max(seen, default=0) <= 300


@pytest.mark.parametrize("prefer", ["none", "last", "majority"])
def test_dedupe_spills_its_drops_and_keeps_one_entry_per_pair(tmp_path, monkeypatch, prefer):
    """A partition keeps each distinct (source, target) once, not every occurrence, and
    spills its drops as they pile up: the same output as with one spill at the end."""
    from tmkit.formats import io
    from tmkit.ops.corpus import dedupe

    whole = _one_source_many_targets(tmp_path / "all.tmx", 300)
    shard_tmx(whole, tmp_path / "shards", 70, "gz")
    shards = resolve_shards([tmp_path / "shards"])

    def run(out: str) -> tuple[Any, list[tuple[str, str, str]]]:
        result = dedupe.dedupe_corpus(LocalEngine(), shards, tmp_path / out, prefer)
        kept = []
        for path in sorted((tmp_path / out).iterdir()):
            kept.extend((u.id, u.source, u.target) for u in io.open_units(path)[2])
        return result, kept

    one, kept_one = run("one")
    monkeypatch.setattr(dedupe, "DROPS_CHUNK", 7)
    many, kept_many = run("many")
    assert one.duplicates > 7 and one.conflicts
    assert (many.duplicates, many.dropped, many.conflicts) == (
        one.duplicates,
        one.dropped,
        one.conflicts,
    )
    assert kept_many == kept_one
    assert len(kept_one) == one.units - one.dropped
