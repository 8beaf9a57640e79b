"""The corpus engine: sharded inputs, exactness of --engine dask against one local run,
failing shards, --resume, dedupe, tmkit shard, compressed and Moses inputs."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus_gen import write_tmx
from tmkit.cli import app
from tmkit.model.units import Unit
from tmkit.ops.check import check_files
from tmkit.ops.corpus.check import check_corpus
from tmkit.ops.corpus.dedupe import dedupe_corpus
from tmkit.ops.corpus.engine import LocalEngine
from tmkit.ops.corpus.inputs import resolve_shards
from tmkit.ops.corpus.score import score_corpus
from tmkit.ops.corpus.shard import shard_tmx
from tmkit.ops.corpus.stats import stats_corpus
from tmkit.ops.corpus.validate import validate_corpus
from tmkit.ops.score import score_files
from tmkit.ops.stats import stats_file
from tmkit.ops.validate import validate_tmx

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "glossary" / "qst.tbx"
UNITS = 300
runner = CliRunner()

pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("corpus")
    whole = write_tmx(base / "all.tmx", UNITS)
    ref = base / "ref.tmx"
    ref.write_text(whole.read_text("utf-8").replace(" was ", " has been "), "utf-8")
    paths = {"all": whole, "ref": ref}
    for n in (1, 3, 7):
        size = -(-UNITS // n)
        paths[f"hyp{n}"] = base / f"hyp{n}"
        paths[f"ref{n}"] = base / f"ref{n}"
        shard_tmx(whole, paths[f"hyp{n}"], size, "gz")
        shard_tmx(ref, paths[f"ref{n}"], size, "zst")
    return paths


@pytest.fixture(scope="module")
def dask_engine():
    from tmkit.ops.corpus.engine import DaskEngine

    engine = DaskEngine(workers=2, processes=False)
    yield engine
    engine.close()


_PLACE = re.compile(r" \([^()]*:\d+[^()]*\)$")


def _plain(findings) -> list[tuple]:
    """Findings without file and line, which name the shard rather than the whole file
    (also in a consistency message pointing at the other occurrence)."""
    return sorted(
        (
            f.rule,
            f.severity,
            f.unit or "",
            _PLACE.sub("", f.message),
            f.source or "",
            f.target or "",
        )
        for f in findings
    )


@pytest.mark.parametrize("n", [1, 3, 7])
def test_dask_equals_one_local_run(corpus, dask_engine, n):
    shards = resolve_shards([corpus[f"hyp{n}"]])
    refs = resolve_shards([corpus[f"ref{n}"]])
    assert len(shards) == n

    single = validate_tmx(corpus["all"])
    findings, run = validate_corpus(dask_engine, shards)
    assert run.units == single.units == UNITS
    assert _plain(findings) == _plain(single.findings)
    assert any(f.rule == "tuid-duplicate" for f in findings)

    every = ["all", "corpus"]  # the default checks and the opt-in corpus family
    single_check = check_files([corpus["all"]], [GLOSSARY], select=every)
    checked = check_corpus(dask_engine, shards, [GLOSSARY], select=every)
    assert _plain(checked.findings) == _plain(single_check.findings)
    rules = {f.rule for f in checked.findings}
    assert {"consistency.target", "corpus.identical", "corpus.mojibake"} <= rules

    stats, _ = stats_corpus(dask_engine, shards, "corpus")
    assert stats.progress == stats_file(corpus["all"]).progress

    report, _ = score_corpus(dask_engine, shards, [refs], ci=30)
    expected = score_files(corpus["all"], [corpus["ref"]], ci=30)
    assert set(report.metrics) == {"bleu", "chrf", "chrfpp", "ter"}
    for name, metric in expected.metrics.items():
        got = report.metrics[name]
        assert (got.score, got.signature, got.details) == (
            metric.score,
            metric.signature,
            metric.details,
        )
        assert got.ci == metric.ci


@pytest.mark.parametrize("n", [3, 7])
def test_dedupe_output_equals_one_local_run(corpus, dask_engine, tmp_path, n):
    local = dedupe_corpus(
        LocalEngine(), resolve_shards([corpus["all"]]), tmp_path / "one", "majority"
    )
    spread = dedupe_corpus(
        dask_engine, resolve_shards([corpus[f"hyp{n}"]]), tmp_path / "many", "majority"
    )
    assert local.duplicates > 0 and local.conflicts
    for field in ("units", "duplicates", "dropped"):
        assert getattr(spread, field) == getattr(local, field)
    assert [(c["source"], c["targets"], c["kept"]) for c in spread.conflicts] == [
        (c["source"], c["targets"], c["kept"]) for c in local.conflicts
    ]
    assert _kept(tmp_path / "many") == _kept(tmp_path / "one")
    assert len(_kept(tmp_path / "one")) == UNITS - local.dropped


def _kept(directory: Path) -> list[Unit]:
    from tmkit.formats import io

    units = []
    for path in sorted(directory.iterdir()):
        _, _, found = io.open_units(path)
        units.extend((u.id, u.source, u.target) for u in found)
    return units


def _corrupt_copy(src: Path, dest: Path) -> Path:
    import shutil

    shutil.copytree(src, dest)
    (dest / "all-00002.tmx.gz").write_bytes(
        gzip.compress(b"<tmx version='1.4'><header/><body><tu>")
    )
    return dest


def test_failing_shard_is_named_and_the_others_reported(corpus, tmp_path):
    bad = _corrupt_copy(corpus["hyp3"], tmp_path / "bad")
    result = runner.invoke(app, ["check", str(bad), "--format", "json"])
    assert result.exit_code == 2
    assert "all-00002.tmx.gz:1:" in result.stderr
    assert "all-00001.tmx.gz" in result.stdout and "all-00003.tmx.gz" in result.stdout
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2 and "all-00002.tmx.gz" in result.stderr


def test_failing_shard_on_worker_processes(corpus, tmp_path):
    """Real worker processes (the other tests use threads): results pickle across, a corrupt
    shard fails alone."""
    bad = _corrupt_copy(corpus["hyp3"], tmp_path / "bad")
    result = runner.invoke(
        app,
        [
            "dedupe",
            str(bad),
            "--engine",
            "dask",
            "--workers",
            "1",
            "--report",
            str(tmp_path / "r.json"),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "all-00002.tmx.gz" in result.stderr
    assert "dashboard" in result.stderr
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert report["units"] == 200  # the two good shards of 100 units each
    assert report["failures"]


def test_resume_reuses_cached_shards(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ["stats", str(corpus["hyp3"]), "--format", "json", "--resume"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0
    assert len(list((tmp_path / ".tmkit-cache" / "corpus").iterdir())) == 3
    import tmkit.ops.corpus.stats as stats_module

    monkeypatch.setattr(stats_module, "progress", _must_not_run)
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and again.stdout == first.stdout


def test_check_resume_reuses_pair_findings(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ["check", str(corpus["hyp3"]), "--format", "json", "--resume"]
    first = runner.invoke(app, args)
    import tmkit.ops.corpus.check as check_module

    real = check_module.run_checks
    seen: list[tuple[str, ...]] = []

    def spy(units, ctx, select=None, ignore=None):
        seen.append(tuple(select or ()))
        return real(units, ctx, select, ignore)

    monkeypatch.setattr(check_module, "run_checks", spy)
    again = runner.invoke(app, args)
    assert again.stdout == first.stdout and again.exit_code == first.exit_code
    assert seen and all(s[0].startswith("consistency") for s in seen)  # corpus checks only


def _must_not_run(*args):
    raise AssertionError("a cached shard was processed again")


def test_local_engine_does_not_import_dask(corpus):
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom tmkit.cli import app\n"
        f"r = CliRunner().invoke(app, ['stats', {str(corpus['hyp3'])!r}, '--format', 'json'])\n"
        "assert r.exit_code == 0, r.output\nassert 'dask' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_shard_writes_valid_shards_and_manifest(corpus, tmp_path):
    result = runner.invoke(
        app, ["shard", str(corpus["all"]), "-o", str(tmp_path), "--units", "128"]
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert [s["units"] for s in manifest["shards"]] == [128, 128, 44]
    for entry in manifest["shards"]:
        assert validate_tmx(tmp_path / entry["shard"]).units == entry["units"]
        assert len(entry["sha256"]) == 64


def test_compressed_tmx_through_the_gateway(corpus, tmp_path):
    from tmkit.formats import io

    packed = tmp_path / "x.tmx.gz"
    packed.write_bytes(gzip.compress(corpus["all"].read_bytes()))
    hidden = tmp_path / "x.tmx"  # gzip bytes under a plain name: found by magic bytes
    hidden.write_bytes(packed.read_bytes())
    for path in (packed, hidden):
        _, _, units = io.open_units(path)
        assert len(list(units)) == UNITS


def test_moses_parallel_text_is_a_corpus(tmp_path):
    (tmp_path / "c.ja").write_text("研究所は設立されました。\n研究所は設立されました。\n", "utf-8")
    (tmp_path / "c.en").write_text("The institute was set up.\nIt was founded.\n", "utf-8")
    shards = resolve_shards([tmp_path])
    assert len(shards) == 1 and shards[0].moses
    result = check_corpus(LocalEngine(), shards, select=["consistency"])
    assert [f.rule for f in result.findings] == ["consistency.target"] * 2
    assert check_corpus(LocalEngine(), shards).findings == result.findings  # corpus: opt-in
    (tmp_path / "c.en").write_text("Only one line.\n", "utf-8")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "c.ja:2: has more lines than" in result.stderr


CLEANING = [
    ("corpus.identical", "研究所は設立されました。", "研究所は設立されました。"),
    ("corpus.source-script", "The institute was founded.", "The institute was founded."),
    ("corpus.target-script", "研究所は設立されました。", "研究所は設立されました。です"),
    ("corpus.html", "研究所は<b>設立</b>されました。", "The institute was founded."),
    ("corpus.mojibake", "研究所は設立されました。", "The institute's foundedâ€™s."),
    ("corpus.length-outlier", "研究所は設立されました。" * 20, "It was founded."),
    ("corpus.empty-source", " ", "The institute was founded."),
    (None, "研究所は一九五六年に設立されました。", "The institute was founded in 1956."),
]


@pytest.mark.parametrize(("rule", "source", "target"), CLEANING)
def test_cleaning_checks(rule, source, target):
    from tmkit.checks.run import run_checks

    found = {f.rule for f in run_checks([Unit(source, target, "1")], select=["corpus"])}
    assert (rule in found) if rule else not found
    # opt-in: not among the default checks
    assert not {f.rule for f in run_checks([Unit(source, target, "1")])} & set(found)


def test_scheduler_address_from_project_config(tmp_path, monkeypatch):
    from tmkit.ops.corpus.config import configured_scheduler

    (tmp_path / "tmkit.toml").write_text(
        'sources = ["a.txt"]\ntemplate = "a.pot"\ntranslation = "a.po"\n[corpus]\nscheduler = "tcp://127.0.0.1:8786"\n',
        "utf-8",
    )
    assert configured_scheduler(tmp_path) == "tcp://127.0.0.1:8786"
    from tmkit.ops.project import load_project

    load_project(tmp_path / "tmkit.toml")  # the [corpus] table is a known key


def test_partitions_spill_to_disk_and_are_removed(corpus, tmp_path):
    """Hash partitions go through spill files under the engine's spill directory (as many
    partitions as shards, so one holds about a shard), removed when the run ends."""
    from tmkit.ops.corpus import spill

    written: list[str] = []
    real = spill.write_segments

    def counting(directory, name, parts):
        written.append(name)
        return real(directory, name, parts)

    engine = LocalEngine(spill=str(tmp_path / "spill"))
    shards = resolve_shards([corpus["hyp7"]])
    assert spill.partition_count(engine, len(shards)) == 7
    with pytest.MonkeyPatch.context() as mp:
        for module in ("check", "dedupe", "validate"):
            mp.setattr(f"tmkit.ops.corpus.{module}.write_segments", counting)
        check_corpus(engine, shards)
        dedupe_corpus(engine, shards, tmp_path / "out", "first")
        validate_corpus(engine, shards)
    assert {n.split("-")[0] for n in written} == {"check", "dedupe", "drops", "tuids"}
    assert list((tmp_path / "spill").iterdir()) == []


def test_consistency_on_a_large_group_is_linear_and_quotes_five_texts():
    """Numbers fold to one placeholder, so a corpus holds groups of thousands of pairs
    with one normalised source: each variant is compared once, and a message quotes
    five other renderings, then how many more."""
    import time

    from tmkit.checks.base import CheckContext
    from tmkit.checks.run import run_checks

    units = [
        Unit(f"研究所は{i}年に設立されました。", text, str(i), "c.tmx", i + 1)
        for i in range(4000)
        for text in [f"The institute was founded in {i}." if i % 2 else f"Founded {i}."]
    ]
    started = time.process_time()
    found = run_checks(units, CheckContext(), ["consistency.target"])
    assert time.process_time() - started < 20
    assert len(found) == 4000
    assert all(len(f.message) < 600 for f in found)
    assert "and 1995 more" in found[0].message
