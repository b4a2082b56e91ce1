"""Interrupted and failed builds: every output is the previous file or the new one, whole, and
no temporary file is left behind — for several formats at once and for batch builds in workers.
(test_building.py covers one format and one interrupted write.)
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportfiles import MINIMAL, run_cli, write_report

from govreport import _atomic
from govreport.errors import GovreportError

pytestmark = pytest.mark.usefixtures("allow_local_plugins")

FORMATS = ("md", "html", "docx")
FLAKY_RENDERER = """\
from govreport import Renderer, hookimpl

def render(document):
    if "失败" in document.title:
        raise RuntimeError("renderer broke half-way")
    return document.title

@hookimpl
def govreport_renderers():
    return [Renderer("flaky", "txt", render)]
"""


def report(folder: Path, title: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "flaky.py").write_text(FLAKY_RENDERER, encoding="utf-8")
    text = f'plugins = ["flaky.py"]\ntitle = "{title}"\n' + textwrap.dedent(MINIMAL)
    return write_report(folder, text)


def files(folder: Path) -> dict[str, bytes]:
    """Every file under folder (temporary files included) with its content."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def outputs(folder: Path) -> dict[str, bytes]:
    return files(folder / "build")


def test_a_failing_renderer_among_several_formats_writes_none_of_them(tmp_path, capsys):
    path = report(tmp_path / "a", "第一版")
    assert run_cli(capsys, "build", path, "--to", "md,html,docx,flaky")[0] == 0
    before = outputs(path.parent)
    assert sorted(before) == sorted(f"a.{ext}" for ext in (*FORMATS, "txt"))
    path.write_text(path.read_text("utf-8").replace("第一版", "失败的第二版"), encoding="utf-8")
    code, out, err = run_cli(capsys, "build", path, "--to", "md,html,flaky,docx")
    assert code == 2
    assert "renderer 'flaky' failed: RuntimeError('renderer broke half-way')" in err
    assert out == ""
    assert outputs(path.parent) == before


def plain_report(folder: Path, title: str) -> Path:
    """A report needing no plugin of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_report(folder, f'title = "{title}"\n' + textwrap.dedent(MINIMAL))


def second_version(path: Path) -> None:
    path.write_text(path.read_text("utf-8").replace("第一版", "第二版"), encoding="utf-8")


def failing_on_call(number: int, error: BaseException):
    """os.replace raising ``error`` on its ``number``-th call, and working on the others."""
    replace, calls = os.replace, []

    def replace_or_fail(source, destination):
        calls.append(destination)
        if len(calls) == number:
            raise error
        replace(source, destination)

    return replace_or_fail


@pytest.mark.parametrize("failing", [2, 3])
def test_a_rename_failing_midway_puts_every_previous_file_back(
    tmp_path, capsys, monkeypatch, failing
):
    path = plain_report(tmp_path / "a", "第一版")
    assert run_cli(capsys, "build", path, "--to", "md,html,docx")[0] == 0
    before = outputs(path.parent)
    second_version(path)
    error = OSError(errno.EIO, os.strerror(errno.EIO))
    monkeypatch.setattr(_atomic.os, "replace", failing_on_call(failing, error))
    code, out, err = run_cli(capsys, "build", path, "--to", "md,html,docx")
    assert code == 2 and out == ""
    target = path.parent / "build" / f"a.{FORMATS[failing - 1]}"
    assert f"无法写入 {target}：Input/output error" in err
    assert outputs(path.parent) == before, "a mixed set, or a temporary file, was left behind"


def test_an_interruption_between_two_files_puts_the_previous_ones_back(
    tmp_path, capsys, monkeypatch
):
    path = plain_report(tmp_path / "a", "第一版")
    assert run_cli(capsys, "build", path, "--to", "md,html,docx")[0] == 0
    before = outputs(path.parent)
    second_version(path)
    monkeypatch.setattr(_atomic.os, "replace", failing_on_call(2, KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        run_cli(capsys, "build", path, "--to", "md,html,docx")
    assert outputs(path.parent) == before


def test_a_new_set_failing_midway_leaves_no_file(tmp_path, capsys, monkeypatch):
    path = plain_report(tmp_path / "a", "第一版")
    error = OSError(errno.EIO, os.strerror(errno.EIO))
    monkeypatch.setattr(_atomic.os, "replace", failing_on_call(3, error))
    assert run_cli(capsys, "build", path, "--to", "md,html,docx")[0] == 2
    assert outputs(path.parent) == {}


def test_a_folder_in_place_of_the_last_output_keeps_the_others(tmp_path):
    """Through the command: the .docx cannot be written, so the new .md and .html are not kept."""
    path = plain_report(tmp_path / "a", "第一版")
    command = [sys.executable, "-m", "govreport.cli", "build", str(path), "--to", "md,html,docx"]
    assert subprocess.run(command, capture_output=True).returncode == 0
    docx = path.parent / "build" / "a.docx"
    docx.unlink()
    docx.mkdir()
    before = outputs(path.parent)
    second_version(path)
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 2
    assert f"无法写入 {docx}：Is a directory" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert outputs(path.parent) == before


def test_a_full_disk_keeps_the_previous_file(tmp_path, capsys, monkeypatch):
    path = report(tmp_path / "a", "第一版")
    assert run_cli(capsys, "build", path, "--to", "docx")[0] == 0
    before = outputs(path.parent)
    path.write_text(path.read_text("utf-8").replace("第一版", "第二版"), encoding="utf-8")
    fdopen = os.fdopen

    class FullDisk:
        def __init__(self, stream):
            self.stream = stream

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def write(self, data):
            self.stream.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(_atomic.os, "fdopen", lambda *a, **k: FullDisk(fdopen(*a, **k)))
    code, _, err = run_cli(capsys, "build", path, "--to", "docx")
    assert code == 2
    assert f"无法写入 {path.parent / 'build' / 'a.docx'}：No space left on device" in err
    assert "Traceback" not in err
    assert outputs(path.parent) == before


def test_a_renderer_interrupted_by_the_user_writes_nothing(tmp_path, capsys):
    path = report(tmp_path / "a", "第一版")
    flaky = path.parent / "flaky.py"
    flaky.write_text(flaky.read_text("utf-8").replace("RuntimeError", "KeyboardInterrupt"))
    path.write_text(path.read_text("utf-8").replace("第一版", "失败"), encoding="utf-8")
    code, _, err = run_cli(capsys, "build", path, "--to", "md,flaky")
    assert code == 2  # an interrupt inside plugin code is that plugin's failure
    assert "renderer 'flaky' failed: KeyboardInterrupt(" in err
    assert not (path.parent / "build").exists()


def test_a_failure_in_a_batch_with_two_workers(tmp_path, capsys):
    """One report fails in its worker: its old outputs stay, the others are rebuilt."""
    paths = [report(tmp_path / name, f"{name}第一版") for name in ("a", "b", "c")]
    formats = "md,html,docx,flaky"
    assert run_cli(capsys, "build", *paths, "--to", formats, "-j", "2")[0] == 0
    before = files(tmp_path)
    a = paths[0]
    a.write_text(a.read_text("utf-8").replace("a第一版", "a失败"), encoding="utf-8")
    for other in paths[1:]:
        other.write_text(other.read_text("utf-8").replace("第一版", "第二版"), encoding="utf-8")
    code, out, err = run_cli(capsys, "build", *paths, "--to", formats, "-j", "2")
    assert code == 2
    assert "renderer 'flaky' failed: RuntimeError('renderer broke half-way')" in err
    assert "错误：3 份报告中有 1 份失败" in err
    assert len(out.split()) == 8
    after = files(tmp_path)
    assert sorted(after) == sorted(before), "a temporary file was left behind"
    for name, data in after.items():
        if name.startswith("a/build/"):
            assert data == before[name], name
        elif "/build/" in name:
            assert data != before[name], name


@settings(max_examples=80, deadline=None)
@given(
    previous=st.lists(st.none() | st.binary(max_size=16), min_size=1, max_size=4),
    failing=st.integers(1, 9),
    error=st.sampled_from([OSError(errno.EIO, "I/O error"), KeyboardInterrupt()]),
    hard_links=st.booleans(),
)
def test_a_set_of_files_is_written_whole_or_not_at_all(previous, failing, error, hard_links):
    """Whichever rename fails or is interrupted, the folder holds the old set or the new one."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        new = [(folder / f"out{i}.bin", b"new %d" % i) for i in range(len(previous))]
        for (path, _), data in zip(new, previous, strict=True):
            if data is not None:
                path.write_bytes(data)
        before = files(folder)
        no_links = mock.patch.object(_atomic.os, "link", side_effect=OSError(errno.EPERM, "no"))
        with (
            mock.patch.object(_atomic.os, "replace", failing_on_call(failing, error)),
            no_links if not hard_links else contextlib.nullcontext(),
        ):
            try:
                _atomic.write_all(new)
            except (GovreportError, KeyboardInterrupt):
                assert files(folder) == before
            else:
                assert files(folder) == {path.name: data for path, data in new}
