"""``govreport new``: a report file with every part and table still to be filled in."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from reportfiles import run_cli
from workflowdata import EXAMPLE, HUAIAN_2024, REGISTRY, SHANGHAI_2019, report_data, structured

from govreport import _toml_writer as toml_writer
from govreport import load, run_checks
from govreport.workflow.data import report_data as plain_report

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def new(capsys, *args) -> tuple[int, str, str]:
    return run_cli(capsys, "new", *args)


def codes(path: Path, previous: Path | None = None) -> list[str]:
    loaded = load(path)
    last = load(previous).report if previous else None
    return sorted(f.code for f in run_checks(loaded.report, loaded.registry, previous=last))


def test_new_writes_every_part_and_every_table_row_blank(capsys, tmp_path):
    code, out, _ = new(capsys, tmp_path / "r", "--agency", "某市某局", "--year", "2023")
    assert code == 0 and out.strip() == str(tmp_path / "r" / "report.toml")
    loaded = load(tmp_path / "r")
    report = loaded.report
    edition = REGISTRY.editions["gb2021"]
    assert (report.edition, report.year, report.agency.name) == ("gb2021", 2023, "某市某局")
    assert [section.part for section in report.sections] == [part.key for part in edition.parts]
    for spec in edition.tables.tables:
        rows = report.tables.cells[spec.key]
        assert list(rows) == [row.key for row in spec.rows()]
        assert all(cells == {} for cells in rows.values())  # blank, never 0
    text = (tmp_path / "r" / "report.toml").read_text(encoding="utf-8")
    for spec in edition.tables.tables:
        for row in spec.rows():
            assert f"\n{row.key} = {{}}  # {row.label}" in text
            assert all(column.key in text for column in row.columns)
    assert edition.parts[0].guidance in text


def test_check_lists_what_is_still_to_be_filled_in(capsys, tmp_path):
    new(capsys, tmp_path / "r", "--agency", "某市某局", "--year", "2023")
    found = codes(tmp_path / "r")
    # empty narrative parts (GR102), unfilled tables (GR105), and warnings about content
    assert found.count("GR102") == 3 and found.count("GR105") == 3
    assert set(found) <= {"GR102", "GR105", "GR108", "GR109"}
    code, out, _ = run_cli(capsys, "check", tmp_path / "r")
    # the skeleton is a draft: what is still to be filled in is listed as warnings
    assert code == 0 and "没有填写这张表" in out
    assert "[错误]" not in out and "GR102 [提示]" in out
    assert out.rstrip().endswith("填写完成后删去 draft = true，再检查一次。")


def test_the_same_gaps_are_errors_once_the_draft_line_is_removed(capsys, tmp_path):
    new(capsys, tmp_path / "r", "--agency", "某市某局", "--year", "2023")
    report = tmp_path / "r" / "report.toml"
    text = report.read_text(encoding="utf-8")
    assert "\ndraft = true" in text
    report.write_text(text.replace("\ndraft = true", "\n"), encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", tmp_path / "r")
    assert code == 1 and "GR102 [错误]" in out


FILLED = {
    'part = "overview"\ncontent = []': 'part = "overview"\ncontent = ["本局在主动公开、依申请公开、'
    '政府信息管理、平台建设、监督保障等方面依法开展工作。"]',
    'part = "problems"\ncontent = []': 'part = "problems"\ncontent = ["培训不足，下一步加强培训。"]',
    'part = "other"\ncontent = []': 'part = "other"\ncontent = ["本年度未收取信息处理费。"]',
    "normative_documents = {}": "normative_documents = { issued = 2, repealed = 0, in_force = 12 }",
    "licensing = {}": "licensing = { decisions = 30 }",
    "\nnew = {}": "\nnew = { natural = 5, business = 1, research = 0, nonprofit = 0, legal = 0, other = 0 }",
    "\ngranted = {}": "\ngranted = { natural = 4, business = 1, research = 0, nonprofit = 0, legal = 0, other = 0 }",
    "unavailable.not_held = {}": "unavailable.not_held = { natural = 1, business = 0, research = 0, nonprofit = 0, legal = 0, other = 0 }",
    "reconsideration = {}": "reconsideration = { upheld = 1, corrected = 0, other = 0, pending = 0 }",
}
"""What the test writes in; every other cell of the skeleton is then filled with 0."""


def zero_every_blank_cell(text: str) -> str:
    """Each row still written ``row = {}`` gets a 0 in every column but its 总计 (the totals
    are computed: the （七）总计 row is left as it is)."""
    edition = REGISTRY.editions["gb2021"]
    for spec in edition.tables.tables:
        totals = {total.column for total in spec.column_totals}
        total_rows = {total.row for total in spec.row_totals}
        for row in spec.rows():
            if row.key in total_rows:
                continue
            columns = [column.key for column in row.columns if column.key not in totals]
            zeros = ", ".join(f"{column} = 0" for column in columns)
            text = re.sub(rf"\n{re.escape(row.key)} = \{{\}}", f"\n{row.key} = {{ {zeros} }}", text)
    return text


def test_new_then_fill_in_then_check_is_clean(capsys, tmp_path):
    new(capsys, tmp_path / "r", "--agency", "某市某局", "--year", "2023")
    path = tmp_path / "r" / "report.toml"
    text = path.read_text(encoding="utf-8")
    for blank, filled in FILLED.items():
        assert blank in text, blank
        text = text.replace(blank, filled)
    text = zero_every_blank_cell(text)
    for filled in FILLED.values():
        assert filled in text
    path.write_text(text, encoding="utf-8")
    assert codes(path) == []
    code, out, _ = run_cli(capsys, "check", path)
    assert code == 0, out
    path.write_text(text.replace("\ndraft = true", "\n"), encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", path)
    assert code == 0 and out.rstrip().endswith("通过：未发现问题。"), out


def test_new_refuses_to_overwrite_a_report(capsys, tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "report.toml").write_text("# mine\n", encoding="utf-8")
    code, _, err = new(capsys, folder, "--agency", "某局")
    assert code == 2 and "不会覆盖" in err
    assert (folder / "report.toml").read_text(encoding="utf-8") == "# mine\n"


def test_new_needs_an_agency_or_last_year(capsys, tmp_path):
    code, _, err = new(capsys, tmp_path / "r")
    assert code == 2 and "--agency" in err
    code, _, err = new(capsys, tmp_path / "r", "--agency", "某局", "--edition", "gb2030")
    assert code == 2 and "gb2021" in err


def test_a_government_is_recognised_by_its_name(capsys, tmp_path):
    new(capsys, tmp_path / "r", "--agency", "某县人民政府")
    assert load(tmp_path / "r").report.agency.kind == "government"


def test_new_from_last_year_carries_metadata_narrative_and_carried_forward(capsys, tmp_path):
    code, _, _ = new(capsys, tmp_path / "r", "--from", HUAIAN_2024)
    assert code == 0
    last, this = load(HUAIAN_2024).report, load(tmp_path / "r").report
    assert this.year == 2025 and this.edition == "gb2021"
    assert this.agency == last.agency and this.figures == last.figures
    assert [s.part for s in this.sections] == [s.part for s in last.sections]
    assert this.sections[0].content[2:] == last.sections[0].content[2:]
    carried = last.tables.cells["requests"]["carried_forward"]
    assert this.tables.cells["requests"]["brought_forward"] == carried
    assert this.tables.cells["requests"]["new"] == {}
    assert "GR501" not in codes(tmp_path / "r", previous=HUAIAN_2024)


def test_new_from_last_year_moves_literal_years_and_lists_them(capsys, tmp_path):
    new(capsys, tmp_path / "r", "--from", HUAIAN_2024)
    this = load(tmp_path / "r").report
    assert "统计期限自{year}年1月1日至{year}年12月31日" in this.introduction[0].text
    text = (tmp_path / "r" / "report.toml").read_text(encoding="utf-8")
    assert "#   introduction[0]" in text and "#   sections[5].content[0]" in text


def test_new_from_a_2019_report_keeps_2019_tables_in_2020_and_switches_in_2021(capsys, tmp_path):
    new(capsys, tmp_path / "a", "--from", SHANGHAI_2019)
    report = load(tmp_path / "a").report
    assert (report.year, report.edition) == (2020, "gb2019")
    # 2019 format: last year's 上一年项目数量 + 本年增/减 becomes this year's 上一年项目数量
    assert report.tables.cells["active"]["licensing"] == {"previous": 0}
    assert report.tables.cells["requests"]["brought_forward"] == {"natural": 72, "total": 72}
    new(capsys, tmp_path / "b", "--from", SHANGHAI_2019, "--year", "2021")
    assert load(tmp_path / "b").report.edition == "gb2021"
    assert "gb2021 格式" in (tmp_path / "b" / "report.toml").read_text(encoding="utf-8")
    new(capsys, tmp_path / "c", "--from", SHANGHAI_2019, "--edition", "gb2019", "--agency", "某局")
    report = load(tmp_path / "c").report
    assert (report.edition, report.year, report.agency.name) == ("gb2019", 2020, "某局")


def test_new_from_the_example_keeps_its_plugin_sections_and_attached_tables(capsys, tmp_path):
    code, _, _ = new(capsys, tmp_path / "r", "--from", EXAMPLE)
    assert code == 0
    last, this = load(EXAMPLE).report, load(tmp_path / "r").report
    assert this.tables.format == "gb2019" and this.year == 2020
    assert [s.part for s in this.sections] == [s.part for s in last.sections]
    kinds = [[type(entry) for entry in s.content] for s in this.sections]
    assert kinds == [[type(entry) for entry in s.content] for s in last.sections]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=report_data())
def test_the_toml_writer_round_trips_any_content(data):
    plain = plain_report(structured(data), REGISTRY)
    for section in plain.get("sections", []):
        written = toml_writer.assignment("content", section.get("content", []))
        assert tomllib.loads(written)["content"] == section.get("content", [])


@pytest.mark.parametrize("value", ["a\x7fb", 'quote " and \\ backslash', "line\nbreak", "键.名"])
def test_the_toml_writer_escapes_what_toml_needs(value):
    assert tomllib.loads(toml_writer.assignment(value, value)) == {value: value}


def test_plugins_carried_from_last_year_keep_their_names_and_say_where_they_must_be(
    capsys, tmp_path, allow_local_plugins
):
    last = tmp_path / "2019"
    last.mkdir()
    (last / "house.py").write_text("# a plugin providing nothing\n", encoding="utf-8")
    text = SHANGHAI_2019.read_text(encoding="utf-8")
    (last / "report.toml").write_text('plugins = ["house.py"]\n' + text, encoding="utf-8")
    code, _, err = new(capsys, tmp_path / "2020", "--from", last)
    assert code == 0, err
    written = (tmp_path / "2020" / "report.toml").read_text(encoding="utf-8")
    assert tomllib.loads(written)["plugins"] == ["house.py"]
    assert "请从去年的文件夹复制" in written
    code, _, err = run_cli(capsys, "check", tmp_path / "2020")
    assert code == 2 and "）中没有这个文件" in err
    (tmp_path / "2020" / "house.py").write_bytes((last / "house.py").read_bytes())
    assert run_cli(capsys, "check", tmp_path / "2020")[0] in (0, 1)
