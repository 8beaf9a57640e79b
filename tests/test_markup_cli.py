"""HTML and Markdown through the CLI: extract, fill, rebuild; filters chosen; codes checked."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats.convert import catalog_to_memory
from tmkit.formats.html import read_html, write_html
from tmkit.formats.po import format_po, read_po
from tmkit.formats.tmx import format_tmx
from tmkit.model.memory import content_to_markup, markup_to_content
from tmkit.text.segment import Segmenter, default_rules

runner = CliRunner()
SPLIT = Segmenter(default_rules("ja")).split

PAGE = """<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>試験のページ</title></head>
<body>
  <h1>見出し</h1>
  <p>これは<a href="https://example.jp/">リンク</a>です。次の文です。</p>
  <p><img src="a.png" alt="写真">説明文。</p>
</body>
</html>
"""


def _extract(tmp_path: Path, name: str, text: str | bytes, *extra: str):
    src = tmp_path / name
    src.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    pot = tmp_path / "out.pot"
    result = runner.invoke(app, ["extract", str(src), "-o", str(pot), *extra])
    return src, pot, result


def _fill(pot: Path, po: Path, translate) -> None:
    catalog = read_po(pot)
    for m in catalog.messages:
        m.msgstr = translate(m)
    po.write_text(format_po(catalog), encoding="utf-8")


def _english(message) -> str:
    """A stand-in translation that keeps the codes: upper-case ASCII, ``EN:`` prefix."""
    if "tmkit: inline-markup" in message.extracted_comments:
        content = markup_to_content(message.msgid)
        return content_to_markup(tuple(("EN " + p) if isinstance(p, str) else p for p in content))
    return "EN " + message.msgid


def test_extract_html_keeps_tags_out_of_msgids(tmp_path: Path) -> None:
    _, pot, result = _extract(tmp_path, "page.html", PAGE)
    assert result.exit_code == 0, result.output
    catalog = read_po(pot)
    ids = [m.msgid for m in catalog.messages]
    assert "試験のページ" in ids and "見出し" in ids and "写真" in ids and "次の文です。" in ids
    link = next(m for m in catalog.messages if "リンク" in m.msgid)
    assert "tmkit: inline-markup" in link.extracted_comments
    assert link.msgid.startswith('これは<bpt i="1">&lt;a href=')
    assert not any("<h1>" in i or "<p>" in i for i in ids)
    alt = next(m for m in catalog.messages if m.msgid == "写真")
    assert "context: attribute: <img alt>" in alt.extracted_comments


def test_extract_rebuild_round_trip_through_the_cli(tmp_path: Path) -> None:
    src, pot, _ = _extract(tmp_path, "page.html", PAGE)
    po = tmp_path / "en.po"
    _fill(pot, po, _english)
    out = tmp_path / "page.en.html"
    result = runner.invoke(app, ["rebuild", str(src), "-t", str(po), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert '<a href="https://example.jp/">EN リンク</a>' in html
    assert '<img src="a.png" alt="EN 写真">' in html
    # re-extracting the English page gives back the English segments
    _, pot2, _ = _extract(tmp_path, "again.html", html)
    again = [m.msgid for m in read_po(pot2).messages]
    assert "EN 見出し" in again and "EN 次の文です。" in again


def test_untranslated_segment_falls_back_with_a_warning(tmp_path: Path) -> None:
    src, pot, _ = _extract(tmp_path, "page.html", PAGE)
    po = tmp_path / "en.po"
    _fill(pot, po, lambda m: "" if "説明文。" in m.msgid else _english(m))
    out = tmp_path / "page.en.html"
    result = runner.invoke(app, ["rebuild", str(src), "-t", str(po), "-o", str(out)])
    assert result.exit_code == 0
    assert "not translated: source text kept" in result.output
    assert "説明文。" in out.read_text(encoding="utf-8")


def test_markdown_extract_and_rebuild(tmp_path: Path) -> None:
    text = "---\ntitle: 題名\n---\n# 見出し\n\n本文は[リンク](https://x.jp/)です。\n\n```\nコード\n```\n"
    src, pot, result = _extract(tmp_path, "doc.md", text)
    assert result.exit_code == 0, result.output
    ids = [m.msgid for m in read_po(pot).messages]
    assert ids[0] == "題名" and "見出し" in ids and not any("コード" in i for i in ids)
    po = tmp_path / "en.po"
    _fill(pot, po, _english)
    out = tmp_path / "doc.en.md"
    assert runner.invoke(app, ["rebuild", str(src), "-t", str(po), "-o", str(out)]).exit_code == 0
    md = out.read_text(encoding="utf-8")
    assert 'title: "EN 題名"' in md and "# EN 見出し" in md and "](https://x.jp/)" in md
    assert "```\nコード\n```" in md


def test_txt_that_looks_like_html_warns_and_format_overrides(tmp_path: Path) -> None:
    _, pot, result = _extract(tmp_path, "page.txt", PAGE)
    assert result.exit_code == 0
    assert "looks like HTML" in result.output and "--format html" in result.output
    assert any("<h1>" in m.msgid for m in read_po(pot).messages)  # still plain text
    _, pot, result = _extract(tmp_path, "page.txt", PAGE, "--format", "html")
    assert "looks like" not in result.output
    assert not any("<h1>" in m.msgid for m in read_po(pot).messages)


def test_txt_that_looks_like_markdown_warns(tmp_path: Path) -> None:
    _, _, result = _extract(tmp_path, "notes.txt", "# 題\n\n- 項目\n- **太字**\n")
    assert "looks like Markdown" in result.output and "--format markdown" in result.output


def test_html_forced_as_text(tmp_path: Path) -> None:
    _, pot, result = _extract(tmp_path, "page.html", PAGE, "--format", "text")
    assert result.exit_code == 0
    assert any("<h1>" in m.msgid for m in read_po(pot).messages)


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    _, _, result = _extract(tmp_path, "page.html", PAGE, "--format", "docx")
    assert result.exit_code == 2
    assert "unknown document format" in result.output


@pytest.mark.parametrize("codec", ["shift_jis", "euc-jp"])
def test_declared_japanese_encodings(tmp_path: Path, codec: str) -> None:
    page = PAGE.replace('charset="utf-8"', f'charset="{codec}"')
    data = page.encode("cp932" if codec == "shift_jis" else "euc_jp")
    doc = read_html(io.BytesIO(data), "p.html", split=SPLIT)
    assert next(s.text for _b, s in doc.segments()) == "試験のページ"
    out = io.BytesIO()
    write_html(doc, out)
    assert out.getvalue() == data  # untranslated: byte for byte, same encoding
    out = io.BytesIO()
    write_html(doc, out, translate=lambda s: "Test — page" if s.text == "試験のページ" else None)
    # an em dash Shift_JIS/EUC-JP cannot hold becomes a character reference
    assert b"<title>Test &#8212; page</title>" in out.getvalue()


def test_bom_and_undecodable_page(tmp_path: Path) -> None:
    doc = read_html(io.BytesIO(b"\xef\xbb\xbf<p>\xe6\x96\x87\xe3\x80\x82</p>"), "p.html")
    assert doc.bom and [s.text for _b, s in doc.segments()] == ["文。"]
    _, _, result = _extract(tmp_path, "bad.html", b"<p>\xff\xfe\xfa</p>")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "bad.html" in result.output
    assert "Traceback" not in result.output


def test_broken_markup_is_noted_and_no_text_is_lost(tmp_path: Path) -> None:
    broken = "<p>前の文<b>閉じない。</p><p>後</i>の文。</p><div>最後"
    _, pot, result = _extract(tmp_path, "broken.html", broken)
    assert result.exit_code == 0
    assert "closes nothing" in result.output
    text = "".join(m.msgid for m in read_po(pot).messages)
    for words in ("前の文", "閉じない。", "後", "の文。", "最後"):
        assert words in text


def _coded_po(tmp_path: Path, target: str) -> Path:
    po = tmp_path / "c.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "#. tmkit: inline-markup\n"
        'msgctxt "a"\n'
        'msgid "<bpt i=\\"1\\">&lt;a href=\\"x.html#p2\\"&gt;</bpt>2番目<ept i=\\"1\\">'
        '&lt;/a&gt;</ept>の装置を<ph x=\\"2\\">&lt;br id=\\"n5\\"&gt;</ph>見る。"\n'
        f'msgstr "{target}"\n',
        encoding="utf-8",
    )
    return po


def _rules(result) -> set[str]:
    import json

    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_code_checks_on_po(tmp_path: Path) -> None:
    good = (
        'See the <bpt i=\\"1\\">&lt;a href=\\"x.html#p2\\"&gt;</bpt>second<ept i=\\"1\\">'
        '&lt;/a&gt;</ept> device.<ph x=\\"2\\">&lt;br id=\\"n5\\"&gt;</ph>'
    )
    result = runner.invoke(app, ["check", str(_coded_po(tmp_path, good)), "--format", "json"])
    # numbers inside codes (p2, n5) are not the text's numbers: no number finding
    assert not any(r.startswith(("code.", "number.")) for r in _rules(result)), result.stdout
    bad = (
        '<ept i=\\"1\\">&lt;/a&gt;</ept>See the <bpt i=\\"1\\">&lt;a href=\\"y.html\\"&gt;</bpt>'
        "second device."
    )
    result = runner.invoke(app, ["check", str(_coded_po(tmp_path, bad)), "--format", "json"])
    assert {"code.missing", "code.order", "code.url"} <= _rules(result)


def test_code_checks_on_tmx(tmp_path: Path) -> None:
    bad = 'The <bpt i=\\"1\\">&lt;a href=\\"x.html#p2\\"&gt;</bpt>second device.'
    catalog = read_po(_coded_po(tmp_path, bad))
    tmx = tmp_path / "c.tmx"
    tmx.write_text(format_tmx(catalog_to_memory(catalog, "ja", "en")), encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmx), "--format", "json"])
    assert {"code.missing"} <= _rules(result)
    assert "code.order" in _rules(result)  # <1> never closed


def test_attribute_quotes_survive_apostrophes_and_spaces() -> None:
    import lxml.html

    src = "<p><img alt='写真' src=a.png><img alt=図 src=b.png> 説明。</p>"
    doc = read_html(io.BytesIO(src.encode()), "x.html", split=SPLIT)
    english = {"写真": "RIKEN's photo", "図": "A figure", "説明。": "It's it."}
    out = io.BytesIO()
    write_html(doc, out, translate=lambda s: english[s.text], target_lang="en")
    images = lxml.html.fromstring(out.getvalue()).findall(".//img")
    assert [(i.get("alt"), i.get("src")) for i in images] == [
        ("RIKEN's photo", "a.png"),
        ("A figure", "b.png"),
    ]


def test_project_builds_markdown_with_configured_front_matter_keys(
    tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "doc.md").write_text(
        "---\ntitle: 題名\nsummary: 要約。\n---\n# 見出し\n\n本文です。\n", encoding="utf-8"
    )
    (tmp_path / "tmkit.toml").write_text(
        'sources = ["src/doc.md"]\ntargets = ["out/doc.md"]\ntemplate = "src/doc.pot"\n'
        'translation = "out/doc.po"\nfront-matter-keys = ["summary"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["build"]).exit_code in (0, 1)
    ids = [m.msgid for m in read_po(tmp_path / "src" / "doc.pot").messages]
    assert ids == ["要約。", "見出し", "本文です。"]  # title is not a configured key here
    po = tmp_path / "out" / "doc.po"
    _fill(po, po, _english)
    runner.invoke(app, ["build"])
    text = (tmp_path / "out" / "doc.md").read_text(encoding="utf-8")
    assert text == '---\ntitle: 題名\nsummary: "EN 要約。"\n---\n# EN 見出し\n\nEN 本文です。\n'


@pytest.mark.skipif(
    __import__("shutil").which("msgcat") is None and not __import__("os").environ.get("CI"),
    reason="GNU gettext (msgcat, msgmerge) is not installed",
)
def test_markup_entries_survive_msgcat_and_msgmerge(tmp_path: Path) -> None:
    import subprocess

    src, pot, _ = _extract(tmp_path, "page.html", PAGE)
    po = tmp_path / "en.po"
    _fill(pot, po, _english)
    assert subprocess.run(["msgcat", str(po)], capture_output=True).stdout == po.read_bytes()
    merged = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "-q", "-o", str(merged), str(po), str(pot)], check=True)
    kept = read_po(merged)
    link = next(m for m in kept.messages if "リンク" in m.msgid)
    assert "tmkit: inline-markup" in link.extracted_comments and "<bpt" in link.msgstr
    out = tmp_path / "page.en.html"
    result = runner.invoke(app, ["rebuild", str(src), "-t", str(merged), "-o", str(out)])
    assert result.exit_code == 0 and "not translated" not in result.output
