"""Where outputs may go: never through a symbolic link in place of build/, never over a report,
and a place that cannot be written is an error naming it (exit 2), never a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportfiles import MINIMAL, write_report
from workflowdata import department

LONG_NAME = "长" * 90  # 270 bytes in UTF-8: over the usual limit of 255 bytes per name
UNWRITABLE = Path("/proc/govreport-test/out")


def cli(*args: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "govreport.cli", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def refused(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.fixture
def report(tmp_path) -> Path:
    """A report with tables, so that ``aggregate`` can sum it (some cells blank: ``build`` needs
    ``--force`` to write it, which these tests of output places give)."""
    folder = tmp_path / "bureau"
    folder.mkdir()
    return department(folder, "甲局", 1)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("where", ["outside", "inside"])
def test_a_symbolic_link_in_place_of_build_is_refused(tmp_path, report, where):
    elsewhere = tmp_path / "elsewhere" if where == "outside" else report.parent / "real"
    elsewhere.mkdir()
    (report.parent / "build").symlink_to(elsewhere, target_is_directory=True)
    result = cli("build", report, "--to", "md,html", "--force")
    refused(result, f"{report.parent / 'build'} 是符号链接", "-o")
    assert list(elsewhere.iterdir()) == []


def test_an_explicit_output_folder_may_be_a_symbolic_link(tmp_path, report):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert cli("build", report, "-o", tmp_path / "link", "--force").returncode == 0
    assert [p.suffix for p in (tmp_path / "elsewhere").iterdir()] == [".md"]


@pytest.mark.parametrize("command", ["export", "schema"])
def test_json_is_never_written_over_a_report_file(tmp_path, report, command):
    other = write_report(tmp_path, MINIMAL, name="other.toml")
    before = snapshot(tmp_path)
    arguments = [report] if command == "export" else []
    for target in (report, other):
        refused(cli(command, *arguments, "-o", target), "不会把", str(target))
    assert snapshot(tmp_path) == before


def test_export_never_writes_over_its_own_input(tmp_path):
    exported = tmp_path / "report.json"
    assert cli("export", write_report(tmp_path), "-o", exported).returncode == 0
    before = exported.read_bytes()
    result = cli("export", exported, "-o", exported)
    refused(result, f"不会把 {exported} 写在生成它的报告上")
    assert exported.read_bytes() == before


def test_aggregate_never_writes_over_one_of_its_inputs(tmp_path, report):
    before = report.read_bytes()
    result = cli("aggregate", report.parent, "-o", report.parent, "--force")
    refused(result, f"{report} 是要汇总的报告之一")
    assert report.read_bytes() == before


def outputs_into(place: Path, report: Path) -> dict[str, list[object]]:
    """Each writing command, pointed at ``place``."""
    return {
        "export": ["export", report, "-o", place / "out.json"],
        "schema": ["schema", "-o", place / "schema.json"],
        "aggregate": ["aggregate", report, "-o", place / "sum"],
        "new": ["new", place / "2020", "--agency", "某局"],
        "build": ["build", report, "-o", place / "out", "--force"],
    }


@pytest.mark.parametrize("command", ["export", "schema", "aggregate", "new", "build"])
def test_writing_into_a_file_names_the_file_in_the_way(tmp_path, report, command):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = cli(*outputs_into(blocker, report)[command])
    refused(result, "无法写入", f"{blocker} 是文件，不是文件夹")


@pytest.mark.parametrize("command", ["export", "schema", "aggregate", "new", "build"])
def test_a_name_too_long_is_an_error_naming_it(tmp_path, report, command):
    result = cli(*outputs_into(tmp_path / LONG_NAME, report)[command])
    refused(result, f"无法写入 {tmp_path / LONG_NAME}", "最多 255 字节")
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*"))


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("command", ["export", "schema", "aggregate", "new", "build"])
def test_an_unwritable_place_is_an_error_naming_it(report, command):
    result = cli(*outputs_into(UNWRITABLE, report)[command])
    refused(result, f"无法写入 {UNWRITABLE}")
