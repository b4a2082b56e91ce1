"""``govreport export``: the report's data as JSON, which loads back to the same report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from reportfiles import run_cli, write_report
from workflowdata import EXAMPLE, HUAIAN_2024, REGISTRY, SHANGHAI_2019, report_data, structured

from govreport import ReportError, load
from govreport.loader import LoadedReport
from govreport.workflow.export import export_data, export_json

REPORTS = [EXAMPLE, HUAIAN_2024, SHANGHAI_2019]


def round_trip(loaded: LoadedReport, folder: Path) -> tuple[LoadedReport, str]:
    text = export_json(loaded)
    path = folder / "report.json"
    path.write_text(text, encoding="utf-8")
    return load(path), text


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.parent.name)
def test_export_load_export_is_identical(path, tmp_path):
    loaded = load(path)
    again, text = round_trip(loaded, tmp_path)
    assert again.report == loaded.report
    assert export_json(again) == text


def test_the_json_has_the_keys_of_the_report_file_and_the_computed_cells():
    data = json.loads(export_json(load(HUAIAN_2024)))
    assert data["edition"] == "gb2021" and data["year"] == 2024
    assert data["agency"]["name"] == "淮安市人民政府"
    assert data["sections"][0]["part"] == "overview"
    requests = data["tables"]["requests"]
    assert data["tables"]["format"] == "gb2021"
    assert requests["new"]["natural"] == 3001
    assert requests["withheld"]["state_secret"] == {
        "natural": 2,
        "business": 0,
        "research": 0,
        "nonprofit": 0,
        "legal": 0,
        "other": 0,
        "total": 2,
    }
    assert data["tables"]["active"]["fees"]["amount"] == {"value": 96171.6, "unit": "万元"}
    computed = data["computed"]
    assert computed["title"] == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert computed["cells"]["requests.total.total"] == 3050
    assert computed["cells"]["requests.withheld.state_secret.natural"] == 2


def test_computed_cells_cover_every_cell_and_keep_blank_and_not_applicable(tmp_path):
    path = write_report(
        tmp_path,
        """\
        edition = "gb2021"
        year = 2022
        [agency]
        name = "某局"
        office = "某局办公室"
        [tables.active]
        rules = { issued = "/" }
        [tables.requests]
        new = { natural = 3, business = 1 }
        """,
    )
    cells = export_data(load(path))["computed"]["cells"]
    table_format = REGISTRY.editions["gb2021"].tables
    keys = [
        f"{spec.key}.{row.key}.{column.key}"
        for spec in table_format.tables
        for row in spec.rows()
        for column in row.columns
    ]
    assert list(cells) == keys
    assert cells["requests.new.total"] == 4  # computed
    assert cells["active.rules.issued"] == "/"
    assert cells["active.rules.repealed"] is None  # blank stays blank, never 0
    assert cells["requests.granted.natural"] is None


def test_a_date_is_text_in_json_and_a_date_again_when_loaded(tmp_path):
    path = write_report(
        tmp_path,
        """\
        edition = "gb2021"
        year = 2022
        date = 2023-01-20
        [agency]
        name = "某局"
        office = "某局办公室"
        """,
    )
    loaded = load(path)
    assert json.loads(export_json(loaded))["date"] == "2023-01-20"
    again, _ = round_trip(loaded, tmp_path)
    assert again.report.date == loaded.report.date


def _problems(path: Path) -> list[str]:
    with pytest.raises(ReportError) as error:
        load(path)
    return [str(problem) for problem in error.value.problems]


def test_json_is_read_as_strictly_as_toml(tmp_path):
    toml = write_report(
        tmp_path,
        """\
        edition = "gb2021"
        year = "2022"
        [agency]
        nmae = "某局"
        office = "某局办公室"
        [tables.requests]
        new = { natural = "12" }
        """,
    )
    data = {
        "edition": "gb2021",
        "year": "2022",
        "agency": {"nmae": "某局", "office": "某局办公室"},
        "tables": {"requests": {"new": {"natural": "12"}}},
    }
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _problems(path) == _problems(toml)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"year": 2022, "year": 2023}', "出现了两次"),
        ('{"year": NaN}', "不是报告能容纳的数字"),
        ("[1, 2]", "最外层应为 JSON 对象"),
        ("{", "不是有效的 JSON 文件"),
        ("", "文件是空的"),
    ],
)
def test_damaged_json_is_a_clean_error(tmp_path, text, message):
    path = tmp_path / "report.json"
    path.write_text(text, encoding="utf-8")
    assert any(message in problem for problem in _problems(path))


def test_a_date_that_is_not_a_date_is_refused(tmp_path):
    data = json.loads(export_json(load(HUAIAN_2024)))
    data["date"] = "2023-13-01"
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert any(problem.startswith("date:") for problem in _problems(path))


def test_cli_writes_the_json_to_a_file_or_prints_it(capsys, tmp_path):
    target = tmp_path / "out" / "huaian.json"
    code, out, _ = run_cli(capsys, "export", HUAIAN_2024, "--to", "json", "-o", target)
    assert code == 0 and out.strip() == str(target)
    code, out, _ = run_cli(capsys, "export", HUAIAN_2024)
    assert code == 0 and out == target.read_text(encoding="utf-8")


def test_cli_export_of_an_unusable_report_exits_2(capsys, tmp_path):
    code, _, err = run_cli(capsys, "export", tmp_path / "missing")
    assert code == 2 and "没有这个文件或文件夹" in err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=report_data())
def test_any_report_round_trips_through_json(data):
    import tempfile

    report = structured(data)
    loaded = LoadedReport(report, REGISTRY, Path("generated.toml"))
    with tempfile.TemporaryDirectory() as folder:
        again, text = round_trip(loaded, Path(folder))
    assert again.report == report
    assert export_json(again) == text
