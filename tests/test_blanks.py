"""Blank table cells (GR111, GR112) and tables a report did not publish (``unpublished``)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from govreport import Severity, load, load_registry, run_checks

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "xinyu_commerce_2019"
GB2021 = load_registry().editions["gb2021"].tables
UNPUBLISHED_NOTE = "（本表数据未随报告公布。）"
NARRATIVE = {
    'part = "overview"\ncontent = []': 'part = "overview"\ncontent = ["本局在主动公开、依申请公开、'
    '政府信息管理、平台建设、监督保障等方面依法开展工作。"]',
    'part = "problems"\ncontent = []': 'part = "problems"\ncontent = ["培训不足，下一步加强培训。"]',
    'part = "other"\ncontent = []': 'part = "other"\ncontent = ["本年度未收取信息处理费。"]',
}
KEPT = ("new", "brought_forward", "granted", "partly_granted", "total", "carried_forward")
"""The 6 of the 25 rows of 表三 filled in when the other 19 are left blank."""


def govreport(*args: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "govreport.cli", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)


def findings_in(out: str) -> list[tuple[str, str, str]]:
    """(code, severity label, path) of every finding ``check`` prints."""
    return re.findall(r"^\s+(GR\d+) \[(\S+?)\] (\S+?)：", out, flags=re.MULTILINE)


def zeros(columns: list[str]) -> str:
    return "{ " + ", ".join(f"{column} = 0" for column in columns) + " }"


def skeleton(tmp_path: Path, blank: tuple[str, ...] = (), draft: bool = True) -> Path:
    """A fresh ``govreport new`` report with its text written and every cell 0 except the rows
    named in ``blank`` (``requests.withheld.state_secret``), which stay as the skeleton has them."""
    folder = tmp_path / "r"
    assert govreport("new", folder, "--agency", "某市某局", "--year", "2023").returncode == 0
    path = folder / "report.toml"
    text = path.read_text(encoding="utf-8")
    for empty, written in NARRATIVE.items():
        text = text.replace(empty, written)
    totals = {total.column for spec in GB2021.tables for total in spec.column_totals}
    for spec in GB2021.tables:
        for row in spec.rows():
            if f"{spec.key}.{row.key}" in blank:
                continue
            columns = [column.key for column in row.columns if column.key not in totals]
            start = text.index(f"\n{row.key} = {{}}  # ", text.index(f"[tables.{spec.key}]"))
            end = text.index("\n", start + 1)
            text = text[:start] + f"\n{row.key} = {zeros(columns)}" + text[end:]
    if not draft:
        text = text.replace("\ndraft = true", "\n")
    path.write_text(text, encoding="utf-8")
    return path


def blank_rows() -> tuple[str, ...]:
    requests = GB2021.table("requests")
    return tuple(f"requests.{row.key}" for row in requests.rows() if row.key not in KEPT)


def test_a_finished_report_with_19_of_25_rows_blank_fails(tmp_path):
    blank = blank_rows()
    assert len(blank) == 19 and len(list(GB2021.table("requests").rows())) == 25
    result = govreport("check", skeleton(tmp_path, blank, draft=False))
    assert result.returncode == 1, result.stdout
    found = findings_in(result.stdout)
    errors = [path for code, label, path in found if code == "GR111"]
    assert errors == [f"tables.{row}" for row in blank]  # one per row, not one per cell
    assert {label for code, label, _ in found if code == "GR111"} == {"错误"}
    assert "整行留空" in result.stdout


def test_the_same_report_as_a_draft_gets_warnings_only(tmp_path):
    result = govreport("check", skeleton(tmp_path, blank_rows()))
    assert result.returncode == 0, result.stdout
    found = findings_in(result.stdout)
    assert len([code for code, _, _ in found if code == "GR111"]) == 19
    assert {label for _, label, _ in found} == {"提示"}


def test_a_finding_lists_every_blank_cell_of_its_row_and_names_the_columns(tmp_path):
    text = skeleton(tmp_path).read_text(encoding="utf-8")
    text = text.replace("\ndraft = true", "\n").replace(
        "\nnew = { natural = 0, business = 0,", "\nnew = { natural = 0,", 1
    )
    path = tmp_path / "r" / "report.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load(path)
    [finding] = [f for f in run_checks(loaded.report, loaded.registry) if f.code == "GR111"]
    assert (finding.path, finding.severity) == ("tables.requests.new", Severity.ERROR)
    assert finding.cells == ("requests.new.business",)
    assert "行留空：商业企业" in finding.message


def test_a_row_mixing_zeros_and_blanks_is_a_warning(tmp_path):
    path = skeleton(tmp_path, ("appeals.reconsideration",), draft=False)
    text = path.read_text(encoding="utf-8")
    written = re.sub(
        r"\nreconsideration = \{\}[^\n]*", "\nreconsideration = { upheld = 0, corrected = 0 }", text
    )
    path.write_text(written, "utf-8")
    result = govreport("check", path)
    found = findings_in(result.stdout)
    assert ("GR112", "提示", "tables.appeals.reconsideration") in found
    assert ("GR111", "错误", "tables.appeals.reconsideration") in found
    # the columns 其他结果 and 尚未审结 hold 0 in the other rows and a blank here
    assert ("GR112", "提示", "tables.appeals.reconsideration.other") in found
    assert ("GR112", "提示", "tables.appeals.reconsideration.pending") in found


def test_a_fresh_skeleton_checks_as_a_draft_and_filled_in_it_passes(tmp_path):
    folder = tmp_path / "fresh"
    govreport("new", folder, "--agency", "某市某局", "--year", "2023")
    result = govreport("check", folder)
    assert result.returncode == 0 and "[错误]" not in result.stdout
    assert "GR111" not in result.stdout  # an untouched table is GR105's, once per table
    result = govreport("check", skeleton(tmp_path, draft=False))
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith("通过：未发现问题。")


def test_totals_govreport_computes_are_not_blank(tmp_path):
    loaded = load(skeleton(tmp_path, draft=False))
    assert loaded.report.tables.cells["requests"]["new"].get("total") is None
    assert run_checks(loaded.report, loaded.registry) == []


def test_an_unpublished_table_is_a_note_in_every_format_and_not_a_blank(tmp_path):
    path = skeleton(tmp_path, tuple(f"active.{row.key}" for row in GB2021.table("active").rows()))
    text = path.read_text(encoding="utf-8").replace("\ndraft = true", "\n")
    path.write_text(text.replace("\n[tables]\n", '\n[tables]\nunpublished = ["active"]\n'), "utf-8")
    result = govreport("check", path)
    assert result.returncode == 0 and result.stdout.rstrip().endswith("通过：未发现问题。")
    out = tmp_path / "out"
    assert govreport("build", path, "--to", "md,html,docx", "-o", out).returncode == 0
    assert UNPUBLISHED_NOTE in (out / "r.md").read_text(encoding="utf-8")
    assert UNPUBLISHED_NOTE in (out / "r.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(out / "r.docx") as docx:
        assert UNPUBLISHED_NOTE in docx.read("word/document.xml").decode("utf-8")


def test_the_example_prints_its_unpublished_table_as_a_note_under_its_title(tmp_path):
    folder = tmp_path / "x"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("build"))
    assert govreport("build", folder, "-o", tmp_path / "out").returncode == 0
    markdown = (tmp_path / "out" / "x.md").read_text(encoding="utf-8")
    appendix = markdown[markdown.index("附：相关统计报表") :]
    assert f"**主动公开政府信息情况**\n\n{UNPUBLISHED_NOTE}" in appendix
    assert "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in appendix  # 表三 filled with 0s
    report = folder / "report.toml"
    report.write_text(
        report.read_text(encoding="utf-8").replace('unpublished = ["active"]\n', ""), "utf-8"
    )
    found = findings_in(govreport("check", folder).stdout)
    assert found == [("GR111", "错误", "tables.active")]  # an attached table left out entirely
