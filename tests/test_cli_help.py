"""``--help`` of every command is Chinese and lists the values its options accept.

The formats of ``--to`` and the editions of ``--edition`` are the installed plugins' own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from types import SimpleNamespace

import pytest

from govreport import cli, plugins
from govreport.plugins import load_registry

_CHINESE = re.compile("[\u4e00-\u9fff]")


def help_of(*command: str) -> str:
    """What ``govreport <command> --help`` prints, in a process of its own."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "govreport.cli", *command, "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def listed_after(text: str, label: str) -> list[str]:
    """The names a help line lists after ``label`` (``可用：docx、html、md``)."""
    flat = re.sub(r"\s+", "", text)
    match = re.search(re.escape(label) + r"([\w.\-、]+)", flat)
    assert match, text
    return match.group(1).split("、")


@pytest.mark.parametrize("command", [[], *([name] for name in cli._ARGUMENTS)])
def test_the_help_of_every_command_is_chinese(command):
    text = help_of(*command)
    assert text.startswith("用法：")
    for action in cli._parser(command[0] if command else None)._actions:
        if action.help and action.help != "==SUPPRESS==":
            assert _CHINESE.search(action.help), action.option_strings or action.dest
    assert "show this help message" not in text and "options:" not in text


def test_build_help_lists_the_installed_output_formats():
    assert listed_after(help_of("build"), "可用：") == sorted(load_registry().renderers)


def test_new_help_lists_the_installed_editions():
    assert listed_after(help_of("new"), "可用：") == sorted(load_registry().editions)


def test_the_lists_come_from_the_plugins_not_from_the_help_text(capsys, monkeypatch):
    """A format or edition another plugin adds is listed too (the registry is asked)."""
    registry = load_registry()
    wider = SimpleNamespace(
        renderers={**registry.renderers, "pdf": None},
        editions={**registry.editions, "gb2030": None},
    )
    monkeypatch.setattr(plugins, "shared_registry", lambda: wider)
    for command, added in (("build", "pdf"), ("new", "gb2030")):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        assert added in listed_after(capsys.readouterr().out, "可用：")


@pytest.mark.parametrize("command", ["check", "rules", "compare"])
def test_format_help_lists_text_and_json(command):
    text = help_of(command)
    assert "--format {text,json}" in text
    assert "text, json 之一" in text


def test_a_usage_error_is_chinese(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["check", "--format", "xml", "a.toml"])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert "用法：" in err and "没有这个选项 'xml'" in err and "'text', 'json'" in err


def test_help_is_laid_out_for_the_width_columns_gives(monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    narrow = help_of("check").splitlines()
    monkeypatch.setenv("COLUMNS", "160")
    wide = help_of("check").splitlines()
    assert max(map(len, narrow)) <= 48
    assert len(wide) < len(narrow)


def test_argparse_translations_are_left_as_they_were(capsys):
    """The command line is read without looking up argparse's translations, only meanwhile."""
    import argparse

    before = argparse._
    with pytest.raises(SystemExit):
        cli.main(["check", "--no-such-option"])
    assert argparse._ is before
    assert "缺少必需的参数：PATH" in capsys.readouterr().err
