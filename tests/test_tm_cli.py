"""`tmkit tm` through typer's CliRunner, and --tm with a stored memory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tm_backends import need_postgres
from tmkit.cli import app
from tmkit.tm.base import TranslationMemory
from tmkit.tm.postgres import check_ctype, check_url
from tmkit.tm.spec import open_tm

TM = Path(__file__).parent / "data" / "merge" / "tm"
runner = CliRunner()


def tm(*args: str):
    return runner.invoke(app, ["tm", *args])


@pytest.fixture
def spec(tmp_path) -> str:
    spec = f"sqlite:///{tmp_path / 'tm.db'}"
    assert tm("init", spec, "--target-lang", "en").exit_code == 0
    result = tm("import", spec, str(TM / "old.tmx"), str(TM / "new.tmx"), "--project", "p1")
    assert result.exit_code == 0, result.output
    assert "1 replaced" in result.output and "conflict" in result.output
    return spec


def test_search_json_and_concordance(spec):
    result = tm("search", spec, "国際頭脳循環は重要です。", "--threshold", "60", "--format", "json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits[0]["source"] == "国際頭脳循環は重要だ。"
    assert set(hits[0]) >= {"source", "target", "context", "score"}
    assert 60 <= hits[0]["score"] < 100
    found = tm("search", spec, "brain", "--concordance")
    assert found.exit_code == 0 and "brain circulation" in found.stdout.lower()
    assert tm("search", spec, "存在しない", "--threshold", "99").exit_code == 1


def test_export_filters_delete_dedupe_stats(spec, tmp_path):
    out = tmp_path / "out.tmx"
    assert tm("export", spec, "-o", str(out), "--project", "p1").exit_code == 0
    assert "x-project" in out.read_text(encoding="utf-8")
    assert tm("export", spec, "-o", str(out), "--project", "nope").exit_code == 0
    assert "<tu>" not in out.read_text(encoding="utf-8")
    before = json.loads(tm("stats", spec, "--format", "json").stdout)["units"]
    assert tm("delete", spec).exit_code == 2  # no filter: refused
    assert tm("delete", spec, "--source", "国際頭脳循環は重要だ。").exit_code == 0
    assert json.loads(tm("stats", spec, "--format", "json").stdout)["units"] == before - 1
    assert tm("dedupe", spec).exit_code == 0


def test_update_and_stats_take_a_store(spec, tmp_path):
    po = tmp_path / "t.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n', encoding="utf-8")
    result = runner.invoke(app, ["update", str(TM / "template.pot"), str(po), "--tm", spec])
    assert result.exit_code == 0, result.output
    assert "We aim to maximise research results." in po.read_text(encoding="utf-8")
    result = runner.invoke(app, ["stats", str(po), "--tm", spec, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "leverage" in json.loads(result.stdout)


def test_errors_are_one_line(tmp_path):
    missing = tm("search", f"sqlite:///{tmp_path / 'none.db'}", "x")
    assert missing.exit_code == 2 and "tm init" in missing.output
    assert tm("stats", str(TM / "old.tmx")).exit_code == 2
    with pytest.raises(Exception, match="pgpass"):
        check_url("postgresql://u:secret@localhost/tm")
    with pytest.raises(Exception, match=r"C\.UTF-8"):
        check_ctype("C", "postgresql:///tm")
    check_ctype("C.UTF-8", "x")
    check_ctype("ja_JP.UTF-8", "x")


def test_open_tm_file_is_in_memory():
    memory = open_tm(TM / "old.tmx", target_lang="en")
    assert isinstance(memory, TranslationMemory)
    assert len(memory) > 0 and memory.find("研究成果の最大化を目指している。") is not None


def test_merge_template_with_a_store(spec, tmp_path):
    out = tmp_path / "out.po"
    result = runner.invoke(
        app,
        [
            "merge",
            str(TM / "translated.po"),
            "--template",
            str(TM / "template.pot"),
            "--tm",
            spec,
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "We aim to maximise research results." in out.read_text(encoding="utf-8")
    assert (
        runner.invoke(app, ["merge", str(TM / "old.tmx"), "--tm", spec, "-o", str(out)]).exit_code
        == 2
    )


def test_postgres_store_through_the_cli(tmp_path, monkeypatch):
    from tm_backends import fresh_postgres

    need_postgres()
    monkeypatch.setenv("TMKIT_CACHE_DIR", str(tmp_path / "cache"))
    spec = fresh_postgres()
    assert tm("init", spec, "--target-lang", "en").exit_code == 0
    assert tm("import", spec, str(TM / "old.tmx")).exit_code == 0
    result = tm("search", spec, "研究成果の最大化を目指す。", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["target"] == "We aim to maximise research results."
