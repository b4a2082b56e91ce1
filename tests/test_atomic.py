"""Writing outputs: whole or not at all, never over the input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from reportfiles import MINIMAL, run_cli, write_report

from govreport._atomic import write_atomic

FAILING_RENDERER = """\
from govreport import Renderer, hookimpl

def render(document):
    raise RuntimeError("renderer broke half-way")

@hookimpl
def govreport_renderers():
    return [Renderer("broken", "txt", render)]
"""


def test_failed_renderer_leaves_earlier_output_intact_and_no_temporary_files(
    tmp_path, capsys, allow_local_plugins
):
    (tmp_path / "broken.py").write_text(FAILING_RENDERER, encoding="utf-8")
    path = write_report(tmp_path, 'plugins = ["broken.py"]\n' + MINIMAL)
    assert run_cli(capsys, "build", path)[0] == 0
    output = tmp_path / "build" / f"{tmp_path.name}.md"
    before = output.read_bytes()
    path.write_text(path.read_text("utf-8").replace("认真", "全面"), encoding="utf-8")
    code, _, err = run_cli(capsys, "build", path, "--to", "md,broken")
    assert code == 2
    assert "renderer 'broken' failed: RuntimeError('renderer broke half-way')" in err
    assert output.read_bytes() == before
    assert sorted(p.name for p in output.parent.iterdir()) == [output.name]


def test_interrupted_write_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_bytes(b"previous")

    def interrupted(source, destination):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new content")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_output_folder_that_cannot_be_written(tmp_path, capsys):
    path = write_report(tmp_path)
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    code, _, err = run_cli(capsys, "build", path, "-o", blocker)
    assert code == 2
    assert f"无法写入 {blocker / tmp_path.name}.md" in err
    assert "Traceback" not in err


def test_build_refuses_to_write_over_its_input(tmp_path, capsys):
    folder = tmp_path / "same"
    folder.mkdir()
    path = write_report(folder, name="same.md")
    code, _, err = run_cli(capsys, "build", path, "-o", folder)
    assert code == 2
    assert "不会把" in err
    assert path.read_text("utf-8").startswith('edition = "eight-part"')


def test_outputs_are_named_after_the_report_file(tmp_path, capsys):
    path = write_report(tmp_path, name="2019年报.toml")
    code, out, _ = run_cli(capsys, "build", path)
    assert code == 0
    assert Path(out.strip()).name == "2019年报.md"


def test_a_closed_pipe_ends_the_command_quietly():
    import subprocess
    import sys

    command = f"{sys.executable} -m govreport.cli rules | head -n 1"
    result = subprocess.run(command, shell=True, capture_output=True, text=True, check=False)
    assert result.stdout.startswith("COM001 ")
    assert result.stderr == ""


def test_outputs_get_ordinary_permissions_not_those_of_a_temporary_file(tmp_path):
    previous = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.md"
        write_atomic(fresh, b"x")
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.md"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        write_atomic(kept, b"new")
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(previous)


def test_write_new_never_replaces_a_file_and_leaves_no_temporary(tmp_path):
    from govreport._atomic import write_new

    target = tmp_path / "sub" / "report.toml"
    write_new(target, b"first")
    assert target.read_bytes() == b"first"
    with pytest.raises(FileExistsError):
        write_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.toml"]
