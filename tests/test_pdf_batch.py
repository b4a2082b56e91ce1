"""``build many/ --to pdf``: the reports of a batch share one LibreOffice run (per worker), a
refused report stays out of it, and each PDF is whole."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reportfiles import MINIMAL, write_report
from test_build_gate import DENIES_THE_TABLE

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.skipif(
        SOFFICE is None, reason="LibreOffice is not installed (soffice not on PATH)"
    ),
    pytest.mark.skipif(
        shutil.which("pdfinfo") is None, reason="poppler-utils is not installed (pdfinfo)"
    ),
]


def counting_soffice(folder: Path) -> tuple[Path, Path]:
    """A program that notes each run in a log, then runs the real soffice."""
    log = folder / "runs.log"
    script = folder / "soffice"
    script.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "{SOFFICE}" "$@"\n', "utf-8")
    script.chmod(0o755)
    return script, log


def build(tmp_path: Path, names: list[str], *args: str, refused: str | None = None):
    folders = []
    for name in names:
        folder = tmp_path / name
        folder.mkdir()
        text = DENIES_THE_TABLE if name == refused else MINIMAL
        write_report(folder, text.replace("某市商务局", f"{name}局"))
        folders.append(folder)
    script, log = counting_soffice(tmp_path)
    env = {**os.environ, "GOVREPORT_SOFFICE": str(script), "PYTHONIOENCODING": "utf-8"}
    out = tmp_path / "out"
    command = [sys.executable, "-m", "govreport.cli", "build", *map(str, folders)]
    result = subprocess.run(
        [*command, "--to", "pdf", "-o", str(out), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    runs = len(log.read_text("utf-8").splitlines()) if log.exists() else 0
    return result, out, runs


def is_pdf(path: Path) -> bool:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
    return info.returncode == 0 and "Pages:" in info.stdout


def test_three_reports_one_soffice_run(tmp_path):
    result, out, runs = build(tmp_path, ["a", "b", "c"])
    assert result.returncode == 0, result.stderr
    assert runs == 1
    pdfs = sorted(out.glob("*.pdf"))
    assert [pdf.name for pdf in pdfs] == ["a.pdf", "b.pdf", "c.pdf"]
    assert all(is_pdf(pdf) for pdf in pdfs)
    assert [Path(line).name for line in result.stdout.split()] == ["a.pdf", "b.pdf", "c.pdf"]


def test_two_workers_run_soffice_once_each(tmp_path):
    result, out, runs = build(tmp_path, ["a", "b", "c", "d"], "-j", "2")
    assert result.returncode == 0, result.stderr
    assert runs <= 2
    assert sorted(pdf.name for pdf in out.glob("*.pdf")) == ["a.pdf", "b.pdf", "c.pdf", "d.pdf"]
    assert all(is_pdf(pdf) for pdf in out.glob("*.pdf"))


def test_a_refused_report_does_not_stop_the_batch(tmp_path):
    result, out, runs = build(tmp_path, ["a", "bad", "c"], refused="bad")
    assert result.returncode == 1, result.stderr
    assert "检查不通过" in result.stderr
    assert runs == 1
    assert sorted(pdf.name for pdf in out.glob("*.pdf")) == ["a.pdf", "c.pdf"]
    assert all(is_pdf(pdf) for pdf in out.glob("*.pdf"))


def test_a_failed_conversion_fails_each_report_of_the_batch(tmp_path):
    script = tmp_path / "broken"
    script.write_text("#!/bin/sh\nexit 3\n", "utf-8")
    script.chmod(0o755)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        write_report(tmp_path / name, MINIMAL)
    env = {**os.environ, "GOVREPORT_SOFFICE": str(script), "PYTHONIOENCODING": "utf-8"}
    out = tmp_path / "out"
    command = [sys.executable, "-m", "govreport.cli", "build", str(tmp_path / "a")]
    result = subprocess.run(
        [*command, str(tmp_path / "b"), "--to", "md,pdf", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.count("退出状态 3") == 2
    assert not out.exists() or list(out.iterdir()) == []
