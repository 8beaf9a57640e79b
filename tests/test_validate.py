"""`tmkit validate`: every rule, output shapes, exit codes, --source/--strict/--dtd, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.model.errors import ParseError
from tmkit.model.units import Unit
from tmkit.ops.validate import RULES, validate_tmx

DATA = Path(__file__).parent / "data" / "tmx"
BAD = Path(__file__).parent / "bad" / "tmx"
runner = CliRunner()

HEADER = (
    '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
    'adminlang="en" srclang="ja" datatype="plaintext"/>'
)


def tmx(tmp_path: Path, body: str, header: str = HEADER, root: str = '<tmx version="1.4">') -> Path:
    path = tmp_path / "t.tmx"
    path.write_text(f'<?xml version="1.0"?>\n{root}\n{header}\n<body>\n{body}\n</body>\n</tmx>\n')
    return path


def tu(ja: str = "猫", en: str = "cat", tuid: str | None = "1", extra: str = "") -> str:
    attr = f' tuid="{tuid}"' if tuid is not None else ""
    return (
        f'<tu{attr}>{extra}<tuv xml:lang="ja"><seg>{ja}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>'
    )


def rules(path, **kw) -> list[str]:
    return [f.rule for f in validate_tmx(path, **kw).findings]


def test_clean_file(tmp_path):
    result = validate_tmx(tmx(tmp_path, tu() + tu(tuid="2", ja="犬", en="dog")))
    assert result.ok and result.findings == [] and result.units == 2


@pytest.mark.parametrize(
    ("body", "header", "root", "rule"),
    [
        (tu(), HEADER, '<tmx version="1.3">', "tmx-version"),
        (tu(), HEADER.replace(' srclang="ja"', ""), '<tmx version="1.4">', "header-srclang"),
        (tu(), HEADER.replace(' o-tmf="t"', ""), '<tmx version="1.4">', "tmx-attribute"),
        (tu().replace('<tuv xml:lang="en">', '<tuv lang="en">'), HEADER, None, "tuv-lang"),
        (tu().replace('<tuv xml:lang="en">', "<tuv>"), HEADER, None, "tuv-lang"),
        (tu(en="").replace('xml:lang="en"', 'xml:lang="ja"'), HEADER, None, "tu-source"),
        ('<tu tuid="1"><tuv xml:lang="en"><seg>cat</seg></tuv></tu>', HEADER, None, "tu-source"),
        (tu(en=""), HEADER, None, "tu-target"),
        ('<tu tuid="1"><tuv xml:lang="ja"><seg>猫</seg></tuv></tu>', HEADER, None, "tu-target"),
        (tu() + tu(), HEADER, None, "tuid-duplicate"),
        (tu(ja='<bpt i="1">&lt;b></bpt>猫'), HEADER, None, "inline-pairing"),
        (tu(ja='<ept i="1">&lt;/b></ept>猫'), HEADER, None, "inline-pairing"),
        (tu(ja="<b>猫</b>"), HEADER, None, "tmx-structure"),
        (tu(ja="<sub>x</sub>"), HEADER, None, "tmx-structure"),
        (tu(ja='<it pos="middle">x</it>'), HEADER, None, "tmx-attribute"),
        (tu(ja="<bpt>x</bpt>"), HEADER, None, "tmx-attribute"),
        (tu(extra="<prop>x</prop>"), HEADER, None, "tmx-attribute"),
        (tu() + "<foo/>", HEADER, None, "tmx-structure"),
        # shapes next to the common one, which the scanner checks on a fast path
        (
            tu().replace('<tuv xml:lang="en">', '<tuv xml:lang="en" foo="x">'),
            HEADER,
            None,
            "tmx-attribute",
        ),
        (
            tu().replace(' xml:lang="en">', ' xml:lang="en" creationid="a" foo="x">'),
            HEADER,
            None,
            "tmx-attribute",
        ),
        (
            tu().replace("<seg>cat</seg>", "<seg>cat</seg><seg>cat</seg>"),
            HEADER,
            None,
            "tmx-structure",
        ),
        (tu().replace("<seg>cat</seg>", "<bar>cat</bar>"), HEADER, None, "tmx-structure"),
        (tu().replace('<tu tuid="1">', '<tu tuid="1" foo="x">'), HEADER, None, "tmx-attribute"),
        (
            tu(extra='<prop type="x">a</prop>').replace("</tu>", "<note>late</note></tu>"),
            HEADER,
            None,
            "tmx-structure",
        ),
        ('<tu tuid="1"/>', HEADER, None, "tmx-structure"),
        (
            '<tu tuid="1"><tuv xml:lang="ja"><seg>a</seg><note>n</note></tuv>'
            '<tuv xml:lang="en"><seg>b</seg></tuv></tu>',
            HEADER,
            None,
            "tmx-structure",
        ),
    ],
)
def test_each_rule(tmp_path, body, header, root, rule):
    found = rules(tmx(tmp_path, body, header, root or '<tmx version="1.4">'))
    assert rule in found, found


def test_finding_fields(tmp_path):
    path = tmx(tmp_path, tu() + "\n" + tu())
    (finding,) = validate_tmx(path).findings
    assert (finding.rule, finding.severity, finding.unit, finding.line) == (
        "tuid-duplicate",
        "error",
        "1",
        6,
    )
    assert finding.file == str(path)


def test_target_lang(tmp_path):
    path = tmx(tmp_path, tu())
    assert rules(path, target_lang="en") == []
    assert rules(path, target_lang="EN-us") == []
    assert rules(path, target_lang="fr") == ["tu-target"]


def test_srclang_all_and_regions(tmp_path):
    path = tmx(tmp_path, tu(), HEADER.replace('srclang="ja"', 'srclang="*all*"'))
    assert rules(path) == []
    region = tmx(tmp_path, tu(), HEADER.replace('srclang="ja"', 'srclang="JA-jp"'))
    assert rules(region) == []


SOURCE = [Unit("猫", "", "s1", context="s1"), Unit("犬", "", "s2", context="s2")]


def test_source_rules(tmp_path):
    ctx = '<prop type="x-context">{}</prop>'
    path = tmx(
        tmp_path,
        tu(tuid="a", extra=ctx.format("s1"))  # matches s1
        + tu(tuid="b", ja="鳥", extra=ctx.format("s2"))  # s2's text changed: mismatch
        + tu(tuid="c", ja="猫", extra=ctx.format("old"))  # context gone, text still there: stale
        + tu(tuid="d", ja="魚"),  # nothing: orphan
    )
    result = validate_tmx(path, source=SOURCE)
    by_rule = {f.rule: f for f in result.findings}
    assert sorted(by_rule) == ["source-mismatch", "tu-orphan", "tu-stale"]
    assert by_rule["source-mismatch"].unit == "b"
    assert by_rule["tu-stale"].severity == "warning"
    strict = validate_tmx(path, source=SOURCE, strict=True)
    assert {f.severity for f in strict.findings} == {"error"}
    missing = validate_tmx(tmx(tmp_path, tu(tuid="a")), source=SOURCE)
    assert [(f.rule, f.unit) for f in missing.findings] == [("source-missing", "s2")]


def test_source_txt(tmp_path):
    pytest.importorskip("tmkit.ops.extract", reason="the document parser is not available")
    from tmkit.formats.convert import catalog_to_memory
    from tmkit.formats.tmx import write_tmx
    from tmkit.ops.extract import build_template, load_documents

    txt = tmp_path / "doc.txt"
    txt.write_text("猫がいる。犬もいる。\n", encoding="utf-8")
    template = build_template(load_documents([str(txt)]), project="doc")
    for m in template.messages:
        m.msgstr = "EN " + m.msgid
    out = tmp_path / "doc.tmx"
    write_tmx(catalog_to_memory(template, "ja", "en"), out)
    assert validate_tmx(out, source=txt).findings == []
    template.messages.pop()
    write_tmx(catalog_to_memory(template, "ja", "en"), out)
    assert [f.rule for f in validate_tmx(out, source=txt).findings] == ["source-missing"]


def test_source_pot(tmp_path):
    po = pytest.importorskip("tmkit.formats.po", reason="the PO reader has not landed yet")
    from tmkit.model.catalog import Catalog, Message

    pot = tmp_path / "s.pot"
    po.write_po(Catalog([Message("猫", msgctxt="1"), Message("犬", msgctxt="2")]), pot)
    path = tmx(tmp_path, tu(extra='<prop type="x-context">1</prop>'))
    assert [f.rule for f in validate_tmx(path, source=pot).findings] == ["source-missing"]


def test_dtd_option(tmp_path):
    good = tmx(tmp_path, tu())
    assert validate_tmx(good, dtd=DATA / "tmx14.dtd").findings == []
    bad = tmx(tmp_path, tu(ja="<b>x</b>"))
    assert "dtd" in rules(bad, dtd=DATA / "tmx14.dtd")


def test_samples_are_clean_but_tmx11():
    for path in sorted((DATA / "samples").glob("*.tmx")):
        found = set(rules(path))
        if "tmx11" in path.name:
            assert found == {"tmx-version", "tuv-lang"}
        else:
            assert found == set(), path


# --- CLI -------------------------------------------------------------------------

UNUSABLE = [
    "malformed.tmx",
    "not-tmx.tmx",
    "xxe.tmx",
    "billion-laughs.tmx",
    "truncated.tmx",
    "binary-junk.tmx",
    "wrong-encoding.tmx",
    "empty.tmx",
]


@pytest.mark.parametrize("name", UNUSABLE)
def test_cli_unusable_input_exit_2(name):
    result = runner.invoke(app, ["validate", str(BAD / name)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    path, line, col, message = lines[0].split(":", 3)
    assert path == str(BAD / name) and line.isdigit() and col.isdigit() and message.strip()
    assert "root:" not in result.output  # /etc/passwd never leaks


@pytest.mark.parametrize(
    ("name", "rule"),
    [("missing-srclang.tmx", "header-srclang"), ("tuv-without-lang.tmx", "tuv-lang")],
)
def test_cli_structural_findings_exit_1(name, rule):
    result = runner.invoke(app, ["validate", str(BAD / name), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert [f["rule"] for f in data["findings"]] == [rule]


def test_cli_json_shape(tmp_path):
    result = runner.invoke(app, ["validate", str(tmx(tmp_path, tu() + tu())), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert list(data)[:3] == ["ok", "findings", "summary"]
    finding = data["findings"][0]
    assert {"rule", "severity", "tuid", "line", "message"} <= set(finding)
    assert finding["tuid"] == "1" and finding["rule"] == "tuid-duplicate"
    assert data["summary"]["errors"] == 1 and data["summary"]["units"] == 2


def test_cli_junit_one_case_per_rule(tmp_path):
    result = runner.invoke(app, ["validate", str(tmx(tmp_path, tu() + tu())), "--format", "junit"])
    root = ET.fromstring(result.stdout)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {
        r for r in RULES if r != "dtd" and not r.startswith(("source", "tu-stale", "tu-orphan"))
    }
    assert cases["tuid-duplicate"].find("failure") is not None
    assert cases["tuv-lang"].find("failure") is None


def test_cli_clean_exit_0_and_text(tmp_path):
    result = runner.invoke(app, ["validate", str(tmx(tmp_path, tu()))])
    assert result.exit_code == 0
    assert "0 error(s)" in result.stdout


def test_cli_warnings_pass_unless_strict(tmp_path):
    path = tmx(tmp_path, tu(tuid="x", ja="魚。") + tu(tuid="y", ja="鳥。"))
    src = tmp_path / "s.txt"
    src.write_text("魚。\n", encoding="utf-8")
    args = ["validate", str(path), "--source", str(src), "--format", "json"]
    loose = runner.invoke(app, args)
    assert loose.exit_code == 0, loose.output
    assert [f["severity"] for f in json.loads(loose.stdout)["findings"]] == ["warning"]
    strict = runner.invoke(app, [*args, "--strict"])
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)["findings"][0]["rule"] == "tu-orphan"


def test_cli_bad_format_is_usage_error(tmp_path):
    result = runner.invoke(app, ["validate", str(tmx(tmp_path, tu())), "--format", "yaml"])
    assert result.exit_code == 2


def test_entry_point(tmp_path):
    # the entry point installed beside this interpreter (pip install -e .), not whatever PATH has
    exe = str(Path(sys.executable).with_name("tmkit"))
    good = subprocess.run(
        [exe, "validate", str(tmx(tmp_path, tu()))], capture_output=True, text=True
    )
    assert good.returncode == 0 and good.stderr == ""  # no progress bar without a terminal
    bad = subprocess.run([exe, "validate", str(BAD / "xxe.tmx")], capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr.startswith(f"{BAD / 'xxe.tmx'}:3:")
    assert "root:" not in bad.stdout + bad.stderr


def test_parse_error_from_library():
    with pytest.raises(ParseError):
        validate_tmx(BAD / "malformed.tmx")


def test_progress_callback_reaches_file_size(tmp_path):
    path = tmx(tmp_path, "\n".join(tu(tuid=str(n)) for n in range(500)))
    seen: list[tuple[int, int]] = []
    result = validate_tmx(path, progress=lambda done, total: seen.append((done, total)))
    assert result.ok and result.units == 500
    size = path.stat().st_size
    assert seen and seen[-1] == (size, size)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_clean_shapes_on_and_off_the_fast_path(tmp_path):
    body = (
        tu().replace('<tuv xml:lang="en">', '<tuv xml:lang="en" changedate="20260101T000000Z">')
        + tu(tuid="2", ja='猫<ph x="1">&lt;br/&gt;</ph>')
        + tu(tuid="3").replace('<tuv xml:lang="ja">', '<tuv xml:lang="ja"><prop type="p">v</prop>')
        + tu(tuid="4").replace('<tuv xml:lang="ja">', '<tuv creationid="me" xml:lang="ja">')
    )
    result = validate_tmx(tmx(tmp_path, body), target_lang="en")
    assert result.findings == [] and result.units == 4
