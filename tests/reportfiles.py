"""Small report files for tests, written into a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

from govreport.cli import main

MINIMAL = """\
edition = "eight-part"
year = 2019

[agency]
name = "某市商务局"
office = "某市商务局办公室"

[[sections]]
part = "overview"
content = ["{year}年，本局认真贯彻落实《条例》。"]
"""


def write_report(folder: Path, text: str = MINIMAL, name: str = "report.toml") -> Path:
    """Write a report file (dedented) and return its path."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run the govreport command in-process; returns (exit code, stdout, stderr)."""
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err
