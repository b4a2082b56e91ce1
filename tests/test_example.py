"""The Xinyu commerce bureau's 2019 report, rebuilt from examples/xinyu_commerce_2019."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reportfiles import run_cli
from seedtext import missing_or_out_of_order, seed_text

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "xinyu_commerce_2019"


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "xinyu_commerce_2019"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("build"))
    return folder


def build_markdown(capsys, folder: Path) -> str:
    code, out, err = run_cli(capsys, "build", folder, "--to", "md")
    assert code == 0, err
    return Path(out.strip()).read_text(encoding="utf-8")


def test_markdown_carries_every_seed_sentence_in_order(capsys, example_copy):
    markdown = build_markdown(capsys, example_copy)
    assert missing_or_out_of_order(markdown) == []


def test_comparison_catches_a_missing_and_a_reordered_sentence(capsys, example_copy):
    markdown = build_markdown(capsys, example_copy)
    dropped = markdown.replace("办公室主任具体落实。", "")
    assert missing_or_out_of_order(dropped) == [
        "具体业务由局办公室牵头负责，分管局领导主抓，办公室主任具体落实。"
    ]
    first, second = "具体业务由局办公室牵头负责，", "各下属单位明确了分管领导，"
    swapped = markdown.replace(first, "\0").replace(second, first).replace("\0", second)
    assert missing_or_out_of_order(swapped) != []
    assert "通过率86.4%" in seed_text()


def test_headings_are_numbered_from_the_structure(capsys, example_copy):
    markdown = build_markdown(capsys, example_copy)
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings[:3] == [
        "# 新余市商务局2019年度政府信息公开工作报告",
        "## 一、概述",
        "### （一）强化组织领导，保障工作运行",
    ]
    assert "## 八、存在的主要问题和下一步改进措施" in headings
    assert "**2.坚持项目落户预审。**" in markdown
    assert "**1.门户网站。**" in markdown


def test_pass_rate_is_computed_from_the_counts(capsys, example_copy):
    report = example_copy / "report.toml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("passed = 293", "passed = 300"), encoding="utf-8")
    markdown = build_markdown(capsys, example_copy)
    assert "预审项目339个，通过300个，通过率88.5%。" in markdown


def test_year_moves_every_generated_mention(capsys, example_copy):
    report = example_copy / "report.toml"
    report.write_text(report.read_text("utf-8").replace("year = 2019", "year = 2020"), "utf-8")
    markdown = build_markdown(capsys, example_copy)
    assert markdown.startswith("# 新余市商务局2020年度政府信息公开工作报告")
    assert "2021年市商务局将" in markdown
    assert "2019" not in markdown


def test_check_passes_on_the_example(capsys):
    code, out, _ = run_cli(capsys, "check", EXAMPLE)
    assert code == 0, out


def test_passed_above_reviewed_fails_check_naming_the_field(capsys, example_copy):
    report = example_copy / "report.toml"
    report.write_text(report.read_text("utf-8").replace("passed = 293", "passed = 400"), "utf-8")
    code, out, _ = run_cli(capsys, "check", example_copy)
    assert code == 1
    assert "sections[0].content[2].content[1].passed" in out
    assert "COM001" in out


def test_default_output_goes_to_build_beside_the_report(capsys, example_copy):
    code, out, _ = run_cli(capsys, "build", example_copy)
    assert code == 0
    assert Path(out.strip()) == example_copy / "build" / "xinyu_commerce_2019.md"


def test_console_script_runs_as_a_process(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "govreport.cli", "check", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
