"""The command line: a parser built for the command named reads it as the full parser does."""

from __future__ import annotations

import pytest

from govreport import cli


def outcome(capsys, parser, argv):
    """What parsing argv gives: the arguments read, or the exit code and what was printed."""
    try:
        return vars(parser.parse_args(argv))
    except SystemExit as stop:
        captured = capsys.readouterr()
        return stop.code, captured.out, captured.err


COMMAND_LINES = [
    ["check", "a", "b", "--format", "json"],
    ["--debug", "build", "a", "--to", "md,docx", "-j", "2"],
    ["--disable-plugins", "build", "check", "a"],
    ["--disable-plugins=commerce", "rules"],
    ["plugins"],
    ["new", "d", "--agency", "某局", "--year", "2024"],
    ["aggregate", "a", "b", "-o", "sum.toml", "--keep-going"],
    ["export", "a", "--to", "json"],
    ["check", "--help"],
    ["build"],
    ["check", "a", "--unknown"],
    ["compare", "a", "b", "--format", "yaml"],
]


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=[" ".join(argv) for argv in COMMAND_LINES])
def test_the_parser_for_the_named_command_reads_as_the_full_one(capsys, argv):
    named = cli._command_named(argv)
    assert named in cli._ARGUMENTS
    assert outcome(capsys, cli._parser(named), argv) == outcome(capsys, cli._parser(), argv)


def test_the_value_of_disable_plugins_is_not_taken_for_the_command():
    assert cli._command_named(["--disable-plugins", "build", "check", "a"]) == "check"


@pytest.mark.parametrize("argv", [[], ["--help"], ["--version"], ["chek", "a"], ["--debug"]])
def test_without_a_known_command_the_full_parser_answers(capsys, argv):
    assert cli._command_named(argv) is None
    code, out, err = outcome(capsys, cli._parser(), argv)
    if argv == ["chek", "a"]:
        assert code == 2 and "没有这个选项 'chek'" in err and "aggregate" in err
    elif argv == ["--help"]:
        assert code == 0 and all(name in out for name in cli._ARGUMENTS)


def test_every_command_has_a_handler():
    assert set(cli._ARGUMENTS) == set(cli.COMMANDS)


def test_the_program_freezes_its_objects_before_exiting(monkeypatch):
    """Python's exit then does not walk every object the command made looking for garbage."""
    import gc
    import sys

    steps: list[str] = []
    monkeypatch.setattr(cli, "main", lambda: steps.append("main") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: steps.append("freeze"))
    monkeypatch.setattr(gc, "set_threshold", lambda *limits: None)
    monkeypatch.setattr(sys, "exit", lambda status: steps.append(f"exit {status}"))
    cli.run()
    assert steps == ["main", "freeze", "exit 0"]
