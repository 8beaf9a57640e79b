"""GNU gettext's own msgmerge tests, run twice: with real ``msgmerge --previous`` and with
``tmkit update`` behind the same ``$MSGMERGE`` wrapper.

Each script writes its inputs, calls ``${MSGMERGE} -q -o OUT OLD NEW`` and diffs
OUT with its expected file. The wrapper saves every OUT (and the exit status)
so the two runs can be compared: same exit status, same entries with the same
state, msgstr and flags, and byte-identical files. The one accepted difference
are the README's (``Differences from msgmerge``): a failing run prints one line
and exits 2 where msgmerge prints several and exits 1, so scripts that diff
msgmerge's error text are compared by success and by the place the error names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tmkit.formats.po import read_po

HERE = Path(__file__).resolve()
for _root in (HERE.parents[2] / "shared", Path("/work/shared")):
    SUITE = _root / "standards" / "gettext-msgmerge-tests"
    if SUITE.is_dir():
        break
SCRIPTS = sorted(SUITE.glob("msgmerge-*")) if SUITE.is_dir() else []
#: scripts that diff msgmerge's (multi-line) error text rather than a PO file
ERROR_TEXT_SCRIPTS = {"msgmerge-2", "msgmerge-6"}

needs_msgmerge = pytest.mark.skipif(
    shutil.which("msgmerge") is None and not os.environ.get("CI"),
    reason="GNU msgmerge is not installed (CI installs gettext)",
)

WRAPPER = """#!{python}
import os, shutil, subprocess, sys, tempfile
args = sys.argv[1:]
out = None
rest = []
i = 0
while i < len(args):
    if args[i] == "-o":
        out = args[i + 1]
        i += 2
        continue
    if args[i].startswith("--output="):
        out = args[i].split("=", 1)[1]
    elif args[i] != "-q":
        rest.append(args[i])
    i += 1
files = [a for a in rest if not a.startswith("-")]
options = [a for a in rest if a.startswith("-")]
old, new = files
save = os.environ["HARNESS_SAVE"]
target = tempfile.mktemp(dir=save, suffix=".out")
if os.environ["HARNESS_MODE"] == "msgmerge":
    cmd = ["msgmerge", "--previous", "-q", *options, "-o", target, old, new]
else:
    cmd = [{python!r}, "-m", "tmkit", "update", "-q", *options, "-o", target, new, old]
done = subprocess.run(cmd, capture_output=True, text=True)
sys.stderr.write(done.stderr)
with open(os.path.join(save, "log"), "a") as log:
    log.write(f"{{os.path.basename(out)}}\\t{{done.returncode}}\\t{{target}}\\t"
              + done.stderr.replace("\\n", " ") + "\\n")
if done.returncode == 0 and out is not None:
    if out == "/dev/stdout":
        sys.stdout.buffer.write(open(target, "rb").read())
    elif out != "/dev/null":
        shutil.copyfile(target, out)
sys.exit(done.returncode)
"""


def _run(script: Path, mode: str, work: Path) -> tuple[int, list[tuple[str, int, Path, str]]]:
    work.mkdir()
    save = work / "saved"
    save.mkdir()
    (work / "init.sh").write_text("Exit () { exit $1; }\npath_prepend_ () { :; }\n")
    wrapper = work / "mm-wrapper"
    wrapper.write_text(WRAPPER.format(python=sys.executable))
    wrapper.chmod(0o755)
    env = {**os.environ, "MSGMERGE": str(wrapper), "srcdir": ".", "HARNESS_MODE": mode,
           "HARNESS_SAVE": str(save)}  # fmt: skip
    shutil.copy(script, work / script.name)
    done = subprocess.run(["sh", script.name], cwd=work, env=env, capture_output=True)
    runs = []
    log = save / "log"
    for row in log.read_text().splitlines() if log.exists() else []:
        name, code, target, stderr = row.split("\t")
        runs.append((name, int(code), Path(target), stderr))
    return done.returncode, runs


def _entries(path: Path) -> list[tuple]:
    catalog = read_po(path)
    return [
        (m.msgctxt, m.msgid, m.msgid_plural, m.obsolete, m.fuzzy, m.translated,
         m.msgstr, m.msgstr_plural, sorted(m.flags))
        for m in catalog.messages
    ]  # fmt: skip


@needs_msgmerge
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_gettext_script_agrees_with_msgmerge(script: Path, tmp_path: Path) -> None:
    gnu_status, gnu = _run(script, "msgmerge", tmp_path / "gnu")
    ours_status, ours = _run(script, "tmkit", tmp_path / "tmkit")
    assert len(ours) == len(gnu)
    for (name, gnu_code, gnu_out, gnu_err), (_, code, out, err) in zip(gnu, ours, strict=True):
        # msgmerge exits 1 on bad input, tmkit 2 ("unusable input"): only success must agree
        assert (code == 0) == (gnu_code == 0), f"{name}: exit {code}, msgmerge {gnu_code}: {err}"
        if gnu_code != 0:
            # one line naming the same place (msgmerge: "file:line: ..." over several lines)
            assert err.count(":") >= 2 and gnu_err.split(": ")[0] in err
            continue
        assert _entries(out) == _entries(gnu_out), name
        assert out.read_bytes() == gnu_out.read_bytes(), name
    if script.name not in ERROR_TEXT_SCRIPTS:
        # the script's own verdict on the output is the same (msgmerge-9's expected file was
        # made without --previous, so there both runs differ from it by the same #| lines)
        assert ours_status == gnu_status


def test_the_suite_is_there() -> None:
    if not SUITE.is_dir():
        pytest.skip("the shared standards folder is not available")
    assert len(SCRIPTS) == 9
