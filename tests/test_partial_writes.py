"""Interrupted and failed builds: every output is the previous file or the new one, whole, and
no temporary file is left behind — for several formats at once and for batch builds in workers.
(test_building.py covers one format and one interrupted write.)
"""

from __future__ import annotations

import errno
import os
import textwrap
from pathlib import Path

import pytest
from reportfiles import MINIMAL, run_cli, write_report

from govreport import output

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


def test_an_interruption_between_two_files_leaves_each_file_whole(tmp_path, capsys, monkeypatch):
    path = report(tmp_path / "a", "第一版")
    assert run_cli(capsys, "build", path, "--to", "md,html,docx")[0] == 0
    before = outputs(path.parent)
    path.write_text(path.read_text("utf-8").replace("第一版", "第二版"), encoding="utf-8")
    replace, calls = os.replace, []

    def interrupted_after_the_first(source, destination):
        calls.append(destination)
        if len(calls) == 2:
            raise KeyboardInterrupt
        replace(source, destination)

    monkeypatch.setattr(output.os, "replace", interrupted_after_the_first)
    with pytest.raises(KeyboardInterrupt):
        run_cli(capsys, "build", path, "--to", "md,html,docx")
    after = outputs(path.parent)
    assert sorted(after) == sorted(before), "a temporary file was left behind"
    assert after["a.md"] != before["a.md"] and "第二版" in after["a.md"].decode("utf-8")
    assert after["a.html"] == before["a.html"] and after["a.docx"] == before["a.docx"]


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

    monkeypatch.setattr(output.os, "fdopen", lambda *a, **k: FullDisk(fdopen(*a, **k)))
    code, _, err = run_cli(capsys, "build", path, "--to", "docx")
    assert code == 2
    assert f"cannot write {path.parent / 'build' / 'a.docx'}: No space left on device" in err
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
    assert "error: 1 of 3 reports failed" in err
    assert len(out.split()) == 8
    after = files(tmp_path)
    assert sorted(after) == sorted(before), "a temporary file was left behind"
    for name, data in after.items():
        if name.startswith("a/build/"):
            assert data == before[name], name
        elif "/build/" in name:
            assert data != before[name], name
