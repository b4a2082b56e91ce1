"""``--debug`` shows where an error was raised; without it, a user sees only the message."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportfiles import MINIMAL, run_cli, write_report

BAD = MINIMAL.replace("year = 2019", 'year = "2019"')
MESSAGE = "year: 应为整数，实际为 '2019'（文字）"
RAISING_RENDERER = """\
from govreport import Renderer, hookimpl

def render(document):
    raise RuntimeError("renderer broke")

@hookimpl
def govreport_renderers():
    return [Renderer("broken", "txt", render)]
"""


@pytest.mark.parametrize(
    "command",
    [["check"], ["build", "--to", "md,html,docx"]],
    ids=["check", "build"],
)
def test_debug_shows_the_traceback_of_a_report_error(tmp_path, capsys, command):
    path = write_report(tmp_path, BAD)
    code, _, err = run_cli(capsys, command[0], path, *command[1:])
    assert code == 2 and MESSAGE in err and "Traceback" not in err
    code, _, err = run_cli(capsys, "--debug", command[0], path, *command[1:])
    assert code == 2 and MESSAGE in err
    assert "Traceback (most recent call last)" in err
    assert "govreport/loader.py" in err.replace("\\", "/")


def test_debug_shows_the_traceback_from_worker_processes(tmp_path, capsys):
    paths = [write_report(tmp_path, BAD, name=f"{name}.toml") for name in ("a", "b")]
    code, _, err = run_cli(capsys, "--debug", "build", *paths, "-j", "2")
    assert code == 2
    assert err.count("Traceback (most recent call last)") == 2
    assert "错误：2 份报告中有 2 份失败" in err


def test_debug_shows_the_plugins_own_frame(tmp_path: Path, capsys, allow_local_plugins):
    (tmp_path / "broken.py").write_text(RAISING_RENDERER, encoding="utf-8")
    path = write_report(tmp_path, 'plugins = ["broken.py"]\n' + MINIMAL)
    code, _, err = run_cli(capsys, "build", path, "--to", "md,broken")
    assert code == 2 and "Traceback" not in err
    code, _, err = run_cli(capsys, "--debug", "build", path, "--to", "md,broken")
    assert code == 2
    assert 'broken.py", line 4, in render' in err
    assert "RuntimeError: renderer broke" in err
    assert "renderer 'broken' failed: RuntimeError('renderer broke')" in err
    assert not (tmp_path / "build").exists()
