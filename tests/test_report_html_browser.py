"""The review page in a real headless Chromium: the script runs, nothing errs, it renders.

Debian's ``chromium`` package (``.ci/run`` installs it) at /usr/bin/chromium, or
``chromium``/``chromium-browser`` on PATH. The browser runs offline with a
throw-away profile; the page itself may load nothing (its CSP says so), and any
console message at all (a CSP violation, an uncaught exception) fails the test,
since the page's own script logs nothing.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest

from tmkit.model.catalog import Catalog, Message
from tmkit.model.findings import Finding
from tmkit.ops.review import render_report, report_file

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "report"


def _chromium() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium; .ci/run does)",
)


def run_chromium(tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *extra,
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    html = report_file(
        DATA / "review.po",
        glossaries=[DATA / "glossary.csv"],
        reference=DATA / "reference.po",
    ).html
    path = folder / "review.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_script_runs_without_console_errors(page: Path, tmp_path: Path) -> None:
    done = run_chromium(tmp_path, page.as_uri(), "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_messages(done.stderr) == []
    dom = done.stdout
    assert re.search(r'<html lang="en" data-ms="\d+" data-ready="1">', dom)
    assert "6 of 6 segments shown" in dom
    # The filters were enabled and the no-JS hint hidden.
    assert "<fieldset>" in dom and '<p id="no-js" class="note" hidden="">' in dom
    # The hostile segments stayed text in the live DOM too.
    assert "<img" not in dom
    # our script and the inert JSON block of the segments (issue 16)
    assert dom.count("<script") == 2


def test_filter_link_hides_other_segments(page: Path, tmp_path: Path) -> None:
    url = page.as_uri() + "#filter:rule=glossary.forbidden&severity=error,warning&only=0"
    done = run_chromium(tmp_path, url, "--dump-dom")
    assert console_messages(done.stderr) == []
    rows = dict(re.findall(r'<tr id="(seg-\d+)"([^>]*)>', done.stdout))
    shown = sorted(ident for ident, attrs in rows.items() if "hidden" not in attrs)
    assert shown == ["seg-2"]
    assert "1 of 6 segments shown" in done.stdout
    # Within the shown row, findings of other rules are hidden.
    row = done.stdout.split('<tr id="seg-2"', 1)[1].split("</tr>", 1)[0]
    items = re.findall(r'<li class="finding[^"]*" data-rule="([^"]+)"[^>]*?( hidden="")?>', row)
    assert {rule for rule, hidden in items if not hidden} == {"glossary.forbidden"}


def test_severity_filter_without_rule(page: Path, tmp_path: Path) -> None:
    url = page.as_uri() + "#filter:rule=&severity=warning&only=1"
    done = run_chromium(tmp_path, url, "--dump-dom")
    rows = dict(re.findall(r'<tr id="(seg-\d+)"([^>]*)>', done.stdout))
    assert sorted(i for i, a in rows.items() if "hidden" not in a) == ["seg-5"]


def _png(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, width, height, idat = 8, 0, 0, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def test_screenshot_shows_the_page(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "review.png"
    done = run_chromium(tmp_path, page.as_uri(), f"--screenshot={shot}", "--window-size=1280,2000")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_messages(done.stderr) == []
    assert shot.is_file()
    width, height, pixels = _png(shot)
    assert (width, height) == (1280, 2000)
    # A blank white page of this size is ~12 KB and one byte value is 99.97 % of its
    # (filtered) pixel data; the report, with text, plots and table, is far busier.
    assert shot.stat().st_size > 60_000
    most = Counter(pixels).most_common(1)[0][1]
    assert most / len(pixels) < 0.99


BIG = 100_000


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A review page of 100k segments, one finding on every 7th, generated directly."""
    messages = [
        Message(
            msgid=f"量子科学技術の研究を進める、第{i}節の装置について説明します。",
            msgstr=f"We advance research on quantum science and technology, section {i}.",
            msgctxt=f"s{i:07d}",
            references=[f"source/ja/doc{1 + i % 4}.txt:{i}"],
            extracted_comments=["role: body"],
            lineno=4 + 6 * i,
        )
        for i in range(1, BIG + 1)
    ]
    findings = [
        Finding(
            "number.mismatch" if i % 2 else "length.ratio",
            "error" if i % 2 else "warning",
            f"number {i!r} not found in the translation",
            unit=f"s{i:07d}",
            file="big.po",
            line=4 + 6 * i,
            source=messages[i - 1].msgid,
            target=messages[i - 1].msgstr,
            span=(0, 2),
            span_side="source",
        )
        for i in range(7, BIG + 1, 7)
    ]
    html = render_report(Catalog(messages), "big.po", findings=findings)
    path = tmp_path_factory.mktemp("big") / "big.html"
    path.write_text(html, encoding="utf-8")
    return path


def _ready_ms(dom: str) -> int:
    found = re.search(r'<html lang="en" data-ms="(\d+)" data-ready="1">', dom)
    assert found, dom[:300]
    return int(found.group(1))


def test_a_page_of_100k_segments_is_small(big_page: Path) -> None:
    assert big_page.stat().st_size <= 30_000_000


def test_100k_segments_open_at_the_last_one_within_3s(big_page: Path, tmp_path: Path) -> None:
    done = run_chromium(tmp_path, big_page.as_uri() + f"#seg-{BIG}", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_messages(done.stderr) == []
    assert f'<tr id="seg-{BIG}"' in done.stdout
    assert f"{BIG} of {BIG} segments shown" in done.stdout
    assert _ready_ms(done.stdout) <= 3000


def test_100k_segments_filtered_within_3s(big_page: Path, tmp_path: Path) -> None:
    url = big_page.as_uri() + "#filter:rule=length.ratio&severity=error,warning&only=1"
    done = run_chromium(tmp_path, url, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_messages(done.stderr) == []
    rows = re.findall(r'<tr id="seg-(\d+)"', done.stdout)
    assert rows and all(int(n) % 14 == 0 for n in rows)
    assert f"{BIG // 14} of {BIG} segments shown" in done.stdout
    assert _ready_ms(done.stdout) <= 3000
