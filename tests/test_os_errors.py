"""Issue 17, cases 3 and 9: every OS error is one line ``path: what is wrong``, exit 2, no
temp file left; one error format; SIGINT prints ``tmkit: interrupted`` and exits 130."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.model.errors import ParseError, TmkitError, from_os_error

DATA = Path(__file__).parent / "data"
SMALL_PO = DATA / "checks" / "small.po"
runner = CliRunner()
TMKIT = [sys.executable, "-m", "tmkit"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TMKIT, *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


def one_line_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_missing_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "nonexist" / "x.tmx"
    result = run("merge", str(SMALL_PO), "-o", str(out))
    assert result.returncode == 2
    line = one_line_error(result.stderr)
    assert line == f"{out}: folder {out.parent} does not exist"


def test_output_path_is_a_directory(tmp_path: Path) -> None:
    out = tmp_path / "x.tmx"
    out.mkdir()
    result = run("merge", str(SMALL_PO), "-o", str(out))
    assert result.returncode == 2
    assert one_line_error(result.stderr) == f"{out}: is a directory"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.ENOSPC, "no space left on the device"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only file system"),
        (errno.EMFILE, "too many open files (raise `ulimit -n`)"),
    ],
)
@pytest.mark.parametrize("where", ["create", "write"])
def test_os_errors_while_writing(tmp_path, monkeypatch, code, message, where) -> None:
    """Disk full, read-only folder, too many open files: simulated where they happen."""
    po = tmp_path / "t.po"
    shutil.copy(SMALL_PO, po)
    before = po.read_bytes()
    out = tmp_path / "out.tmx"
    if where == "create":
        real_open = os.open

        def failing_open(path, flags, *args, **kwargs):
            if flags & os.O_CREAT:
                raise OSError(code, os.strerror(code), path)
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", failing_open)
    else:

        def failing_fsync(fd):
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(os, "fsync", failing_fsync)
    result = runner.invoke(app, ["merge", str(po), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"{out}: {message}"
    assert leftovers(tmp_path) == []
    assert not out.exists()
    assert po.read_bytes() == before


def test_update_into_a_read_only_folder(tmp_path, monkeypatch) -> None:
    """``update`` rewrites in place; a folder it may not write in is one line, file intact."""
    pot, po = tmp_path / "new.pot", tmp_path / "old.po"
    shutil.copy(DATA / "merge" / "update" / "mixed" / "new.pot", pot)
    shutil.copy(DATA / "merge" / "update" / "mixed" / "old.po", po)
    before = po.read_bytes()
    real_open = os.open

    def read_only_folder(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(path).parent == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_folder)
    result = runner.invoke(app, ["update", str(pot), str(po)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{po}: permission denied"
    assert po.read_bytes() == before
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_real_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run("merge", str(SMALL_PO), "-o", str(folder / "x.tmx"))
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2
    assert one_line_error(result.stderr) == f"{folder / 'x.tmx'}: permission denied"


def test_unreadable_input_is_one_line(tmp_path, monkeypatch) -> None:
    def no_more_files(*args, **kwargs):
        raise OSError(errno.EMFILE, "Too many open files", str(SMALL_PO))

    monkeypatch.setattr("builtins.open", no_more_files)
    monkeypatch.setattr(Path, "open", no_more_files)
    monkeypatch.setattr(Path, "read_bytes", no_more_files)
    result = runner.invoke(app, ["check", str(SMALL_PO)])
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith(f"{SMALL_PO}: ") and "too many open files" in line.lower()
    assert "\n" not in line


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (UnicodeDecodeError("utf-16", b"\xff", 0, 1, "truncated data"), "tmkit: cannot decode"),
        (LookupError("unknown encoding: rot13x"), "tmkit: unusable encoding: unknown encoding"),
        (OSError(errno.ENOSPC, "No space left on device", "a.po"), "a.po: no space left on"),
    ],
)
def test_one_place_maps_os_and_encoding_errors(monkeypatch, error, expected) -> None:
    """A command that raises any of these gets one line and exit 2 without its own code."""

    def boom(*args, **kwargs):
        raise error

    monkeypatch.setattr("tmkit.ops.check.check_files", boom)
    result = runner.invoke(app, ["check", str(SMALL_PO)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(expected)
    assert len(result.stderr.strip().splitlines()) == 1


def test_key_errors_are_bugs_not_encodings(monkeypatch) -> None:
    def boom(*args, **kwargs):
        raise KeyError("bug")

    monkeypatch.setattr("tmkit.ops.check.check_files", boom)
    result = runner.invoke(app, ["check", str(SMALL_PO)])
    assert isinstance(result.exception, KeyError)


def test_error_format_with_and_without_position() -> None:
    assert str(ParseError("bad", "a.po", 3, 7)) == "a.po:3:7: bad"
    assert str(ParseError("bad", "a.po", 3)) == "a.po:3: bad"
    assert str(ParseError("bad", "a.po")) == "a.po: bad"
    folded = TmkitError("libxml2 says:\nline one\r\n  line two\n", "x.tmx", 1, 2)
    assert str(folded) == "x.tmx:1:2: libxml2 says:; line one; line two"
    assert str(from_os_error(FileNotFoundError(2, "x", "/nonexist/dir/a.po"))) == (
        "/nonexist/dir/a.po: folder /nonexist/dir does not exist"
    )


def test_usage_errors_are_one_line() -> None:
    result = run("check", "--no-such-option")
    assert result.returncode == 2
    assert "tmkit check: No such option" in one_line_error(result.stderr)


HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _big_po(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for i in range(n):
            fh.write(f'msgctxt "s{i}"\nmsgid "文{i}です。"\nmsgstr "Sentence {i}."\n\n')


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_sigint_is_one_line_exit_130_and_no_partial_output(tmp_path: Path) -> None:
    po = tmp_path / "big.po"
    _big_po(po, 200_000)
    out = tmp_path / "out.tmx"
    proc = subprocess.Popen(
        [*TMKIT, "merge", str(po), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # SIGINT as a terminal delivers it: a shell starts a background job (a CI step
        # run with `&`) with SIGINT ignored, and a child inherits that, so Python would
        # install no handler and the merge would run to its end
        preexec_fn=_default_sigint,
    )
    # Signal once the command is writing (its temp file exists): a fixed sleep can land
    # in the interpreter's own start-up on a loaded machine, before tmkit runs at all.
    deadline = time.monotonic() + 120
    while not leftovers(tmp_path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the merge finished before the signal (machine too fast)")
    assert proc.returncode == 130
    assert one_line_error(stderr) == "tmkit: interrupted"
    assert not out.exists()
    assert leftovers(tmp_path) == []


def test_config_syntax_errors_have_line_and_column(tmp_path: Path) -> None:
    config = tmp_path / "tmkit.toml"
    config.write_text('project-id = "x"\nsources ["a"]\n', encoding="utf-8")
    result = run("build", "--config", str(config))
    assert result.returncode == 2
    assert one_line_error(result.stderr) == (
        f"{config}:2:9: Expected '=' after a key in a key/value pair"
    )
