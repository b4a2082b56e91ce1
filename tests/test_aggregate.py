"""``govreport aggregate``: many reports' tables summed cell by cell into one report file."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportfiles import run_cli
from workflowdata import FORMATS, HUAIAN_2024, department, table_cells

from govreport import load
from govreport.loader import structure_report
from govreport.model import Agency, Report, Tables
from govreport.plugins import shared_registry
from govreport.tables.cells import NA, Amount
from govreport.workflow.aggregate import sum_cells, sum_tables
from govreport.workflow.data import shown_cells

REGISTRY = shared_registry()


@pytest.fixture
def three(tmp_path):
    return [department(tmp_path, name, n) for name, n in (("甲局", 1), ("乙局", 2), ("丙局", 5))]


def summed(capsys, out, *paths, extra=()):
    return run_cli(capsys, "aggregate", *paths, "-o", out, "--agency", "某市人民政府", *extra)


def test_aggregate_of_three_reports_is_the_cell_wise_sum(capsys, tmp_path, three):
    code, out, err = summed(capsys, tmp_path / "city", *three)
    assert code == 0, err
    target = tmp_path / "city" / "report.toml"
    assert out.strip() == str(target)
    result = load(target)
    cells = shown_cells(result.report)
    inputs = [shown_cells(load(p).report) for p in three]
    for key, value in cells.items():
        parts = [cells_of[key] for cells_of in inputs]
        numbers = [p for p in parts if isinstance(p, int)]
        if numbers:
            assert value == sum(numbers), key
        elif "/" in parts:
            assert value == "/", key
        elif all(isinstance(p, dict) for p in parts):
            assert value == {"value": sum(p["value"] for p in parts), "unit": "万元"}, key
        else:
            assert value is None, key
    assert cells["requests.new.natural"] == 3 * (1 + 2 + 5)
    assert cells["requests.new.total"] == 4 * (1 + 2 + 5)
    assert cells["active.fees.amount"] == {"value": 8.75, "unit": "万元"}
    assert cells["active.rules.in_force"] == "/"
    assert result.report.agency.name == "某市人民政府" and result.report.year == 2024


def test_the_output_records_its_inputs_and_checks_clean_in_its_tables(capsys, tmp_path, three):
    summed(capsys, tmp_path / "city.toml", *three)
    text = (tmp_path / "city.toml").read_text(encoding="utf-8")
    assert "由 govreport aggregate 汇总 3 份2024年度报告" in text
    assert all(f"#   {path}（" in text for path in three)
    _, out, _ = run_cli(capsys, "check", tmp_path / "city.toml")
    # the tables are consistent; only the parts still to be written are flagged
    assert "GR2" not in out and "GR3" not in out and "GR105" not in out


def test_the_order_of_the_inputs_does_not_matter(capsys, tmp_path, three):
    tables = []
    for number, order in enumerate(itertools.permutations(three)):
        summed(capsys, tmp_path / f"out{number}.toml", *order)
        tables.append(load(tmp_path / f"out{number}.toml").report.tables)
    assert all(table == tables[0] for table in tables)


def test_mixed_years_or_editions_are_refused(capsys, tmp_path, three):
    older = department(tmp_path, "旧局", 1, year=2023)
    code, _, err = summed(capsys, tmp_path / "out", *three, older)
    assert code == 2 and "同一年度" in err and "2023年度" in err
    assert not (tmp_path / "out").exists()
    trial = department(tmp_path, "试行局", 1, year=2020, edition="gb2019")
    code, _, err = summed(capsys, tmp_path / "out", older, trial)
    assert code == 2 and "gb2019" in err


def test_an_input_that_fails_stops_the_run_unless_keep_going(capsys, tmp_path, three):
    broken = tmp_path / "broken" / "report.toml"
    broken.parent.mkdir()
    text = three[0].read_text(encoding="utf-8").replace("carried_forward = { natural = 1 }", "")
    text = text.replace('name = "甲局"', 'name = "丁局"')
    broken.write_text(text, encoding="utf-8")  # 表三 no longer balances
    missing = tmp_path / "missing"
    code, _, err = summed(capsys, tmp_path / "out", *three, broken, missing)
    assert (
        code == 2 and "GR201" in err and "没有这个文件或文件夹" in err and "没有写入任何文件" in err
    )
    assert not (tmp_path / "out").exists()
    code, _, err = summed(capsys, tmp_path / "out", *three, broken, missing, extra=["--keep-going"])
    assert code == 0
    text = (tmp_path / "out" / "report.toml").read_text(encoding="utf-8")
    assert "未汇总" in text and str(broken.parent) in text and str(missing) in text


def test_the_same_report_is_summed_once(capsys, tmp_path, three):
    code, _, err = summed(capsys, tmp_path / "out", *three, three[0].parent)
    assert code == 2 and "同一份报告" in err


def test_an_existing_output_is_not_overwritten_without_force(capsys, tmp_path, three):
    summed(capsys, tmp_path / "out.toml", *three)
    code, _, err = summed(capsys, tmp_path / "out.toml", *three)
    assert code == 2 and "--force" in err
    code, _, _ = summed(capsys, tmp_path / "out.toml", *three, extra=["--force"])
    assert code == 0


def test_a_copy_of_a_report_is_refused_naming_both_files(capsys, tmp_path):
    copy = tmp_path / "copy" / "report.toml"
    copy.parent.mkdir()
    copy.write_text(HUAIAN_2024.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = summed(capsys, tmp_path / "out.toml", HUAIAN_2024, copy)
    assert code == 2 and not (tmp_path / "out.toml").exists()
    assert str(copy) in err and str(HUAIAN_2024) in err and "同一机关" in err
    code, _, err = summed(capsys, tmp_path / "out.toml", HUAIAN_2024, copy, extra=["--keep-going"])
    assert code == 0 and str(copy) in err
    cells = load(tmp_path / "out.toml").report.tables.cells
    assert cells["requests"]["total"]["total"] == 3050  # summed once, not twice
    text = (tmp_path / "out.toml").read_text(encoding="utf-8")
    assert "未汇总" in text and f"#   {copy}" in text


def test_a_report_whose_prose_disagrees_with_its_tables_is_summed(capsys, tmp_path, three):
    """Text against tables (GR601) is about the prose: the tables still add up and are summed."""
    text = three[0].read_text(encoding="utf-8")
    figure = '[figures]\napplications_received = { value = 17, unit = "件" }\n\n'
    three[0].write_text(text.replace("[tables.requests]", figure + "[tables.requests]"), "utf-8")
    code, out, _ = run_cli(capsys, "check", three[0])
    codes = set(re.findall(r"\b(?:GR|COM)\d{3}\b", out))
    assert code == 1 and "GR601" in codes and codes <= {"GR601", "GR111", "GR112"}  # and blanks
    code, _, err = summed(capsys, tmp_path / "out.toml", *three)
    assert code == 0, err
    cells = load(tmp_path / "out.toml").report.tables.cells
    assert cells["requests"]["new"]["natural"] == 3 * (1 + 2 + 5)


@pytest.mark.parametrize(
    ("cells", "total"),
    [
        ([None, None], None),
        ([None, 3], 3),
        ([NA, NA], NA),
        ([NA, None], NA),
        ([NA, 4, 1], 5),
        ([Amount(251000, "元"), Amount(5, "万元")], Amount(30.1, "万元")),
        ([Amount(1.5, "元"), Amount(2, "元")], Amount(3.5, "元")),
        ([Amount(0.1, "万元"), Amount(0.2, "万元")], Amount(0.3, "万元")),
    ],
)
def test_sum_cells(cells, total):
    assert sum_cells(cells) == total


def test_a_not_applicable_cell_summed_with_numbers_is_noted(tmp_path):
    reports = [
        Report("gb2021", 2024, Agency("a", "b"), tables=Tables("gb2021", cells=cells))
        for cells in ({"active": {"rules": {"issued": NA}}}, {"active": {"rules": {"issued": 2}}})
    ]
    cells, notes = sum_tables(reports, FORMATS["gb2021"])
    assert cells["active"]["rules"]["issued"] == 2
    assert notes and notes[0].startswith("active.rules.issued：1 份报告填“/”")


# Properties ------------------------------------------------------------------------------------


def as_report(raw_tables, edition):
    data = {
        "edition": edition,
        "year": 2020 if edition == "gb2019" else 2024,
        "agency": {"name": "某局", "office": "某局办公室"},
        "tables": raw_tables,
    }
    report, _ = structure_report(data, REGISTRY, "generated.toml")
    return report


def wrap(cells, edition):
    return Report(edition, 2024, Agency("汇总", "汇总"), tables=Tables(edition, cells=cells))


@st.composite
def three_reports(draw):
    edition = draw(st.sampled_from(["gb2019", "gb2021"]))
    tables = st.lists(table_cells(FORMATS[edition]), min_size=3, max_size=3)
    return edition, [as_report(raw, edition) for raw in draw(tables)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=three_reports())
def test_aggregate_is_commutative_and_associative(generated):
    edition, (a, b, c) = generated
    table_format = FORMATS[edition]

    def total(*reports):
        return sum_tables(list(reports), table_format)[0]

    assert total(a, b) == total(b, a)
    assert total(a, b, c) == total(c, a, b) == total(b, c, a)
    left = total(wrap(total(a, b), edition), c)
    right = total(a, wrap(total(b, c), edition))
    assert left == right == total(a, b, c)
