"""The interview as a web page, in headless Chromium: source/ja/interview.html and the
target/en/interview.html the project builds from it.

Checked: no console message at all; the same heading and footnote structure in
both; every footnote link (and back link) lands on an element of the page; the
``lang`` of each page. A screenshot of the English page is kept as a test
artifact in ``test-artifacts/`` (or ``$TMKIT_ARTIFACTS``).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from test_report_html_browser import CHROMIUM, console_messages, run_chromium

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "ja": ROOT / "source" / "ja" / "interview.html",
    "en": ROOT / "target" / "en" / "interview.html",
}

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed (apt-get install chromium; .ci/run does)",
)


@pytest.fixture(scope="module")
def doms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = {}
    for lang, page in PAGES.items():
        tmp = tmp_path_factory.mktemp(f"dom-{lang}")
        done = run_chromium(tmp, page.as_uri(), "--dump-dom")
        assert done.returncode == 0, done.stderr[-2000:]
        assert console_messages(done.stderr) == [], lang
        out[lang] = done.stdout
    return out


def _headings(dom: str) -> list[str]:
    return re.findall(r"<(h[1-6])[\s>]", dom)


def _note_links(dom: str) -> list[str]:
    return re.findall(r'<a class="noteref" href="#([^"]+)"', dom)


def test_lang_is_right(doms: dict[str, str]) -> None:
    assert re.search(r'<html lang="ja"', doms["ja"])
    assert re.search(r'<html lang="en"', doms["en"])


def test_same_heading_and_footnote_structure(doms: dict[str, str]) -> None:
    assert _headings(doms["en"]) == _headings(doms["ja"])
    assert _headings(doms["ja"]).count("h1") == 1
    assert _note_links(doms["en"]) == _note_links(doms["ja"]) == [f"note-{n}" for n in range(1, 6)]
    notes = lambda dom: re.findall(r'<li id="(note-\d)" role="doc-endnote">', dom)  # noqa: E731
    assert notes(doms["en"]) == notes(doms["ja"])


def test_every_footnote_link_resolves(doms: dict[str, str]) -> None:
    for dom in doms.values():
        ids = set(re.findall(r'\sid="([^"]+)"', dom))
        targets = re.findall(r'<a [^>]*href="#([^"]+)"', dom)
        assert targets and all(t in ids for t in targets), set(targets) - ids


def test_english_page_has_no_japanese_text(doms: dict[str, str]) -> None:
    body = re.sub(r"<style.*?</style>", "", doms["en"], flags=re.S)
    text = re.sub(r"<[^>]+>", "", body)
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text)


def test_screenshot_of_the_english_page(tmp_path: Path) -> None:
    shot = tmp_path / "interview-en.png"
    done = run_chromium(
        tmp_path, PAGES["en"].as_uri(), f"--screenshot={shot}", "--window-size=1000,1400"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_messages(done.stderr) == []
    assert shot.is_file() and shot.stat().st_size > 20_000
    keep = Path(os.environ.get("TMKIT_ARTIFACTS", ROOT / "test-artifacts"))
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, keep / shot.name)
