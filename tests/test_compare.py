"""``govreport compare LAST THIS``: cell by cell, with flags, and the prose repeated."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from reportfiles import run_cli
from workflowdata import HUAIAN_2024, SHANGHAI_2019, huaian_2023

from govreport import load
from govreport.tables.cells import NA, Amount
from govreport.workflow.compare import JUMP_FACTOR, JUMP_MIN, cell_change, compare, is_jump


@pytest.fixture
def huaian(tmp_path):
    return load(huaian_2023(tmp_path)), load(HUAIAN_2024)


def by_key(comparison):
    return {change.key: change for change in comparison.cells}


def test_compare_gives_each_cells_change_and_percentage(huaian):
    cells = by_key(compare(*huaian))
    new = cells["requests.new.natural"]
    assert (new.last, new.this, new.change, new.percent, new.flags) == (2800, 3001, 201, 7.2, ())
    total = cells["requests.new.total"]
    assert (total.last, total.this, total.change) == (2918, 3119, 201)
    brought = cells["requests.brought_forward.natural"]
    assert (brought.last, brought.this, brought.change, brought.percent) == (34, 34, 0, 0.0)
    fees = cells["active.fees.amount"]
    assert fees.last == {"value": 90000, "unit": "万元"} and fees.unit == "万元"
    assert fees.change == 6171.6 and fees.percent == 6.9


def test_an_abnormal_jump_is_flagged(huaian):
    licensing = by_key(compare(*huaian))["active.licensing.decisions"]
    assert (licensing.last, licensing.this) == (50000, 447228)
    assert licensing.flags == ("jump",)


def test_only_the_unusual_cells_are_flagged(huaian):
    flagged = [change.key for change in compare(*huaian).cells if change.flags]
    assert flagged == ["active.licensing.decisions"]


def test_repeated_prose_is_counted_sentence_by_sentence_with_numbers_masked(huaian):
    prose = compare(*huaian).prose
    # every sentence but the one about fees is last year's (the years differ, which is masked)
    assert prose.total - len(prose.repeated) == 1
    assert prose.ratio > 0.8
    assert not any("信息处理费" in sentence for sentence in prose.repeated)


@pytest.mark.parametrize(
    ("last", "this", "jump"),
    [
        (10, 51, True),
        (10, 50, False),
        (100, 19, True),
        (100, 20, False),
        (0, 100, True),
        (1, 6, False),
        (0, 0, False),
    ],
)
def test_jump_thresholds(last, this, jump):
    assert (JUMP_FACTOR, JUMP_MIN) == (5, 10)
    assert is_jump(Decimal(last), Decimal(this)) is jump


def test_a_number_that_became_blank_or_not_applicable_is_flagged():
    assert cell_change("k", "k", 5, None).flags == ("blank",)
    assert cell_change("k", "k", 5, NA).flags == ("not_applicable",)
    assert cell_change("k", "k", None, 5).flags == ()
    assert cell_change("k", "k", NA, None).flags == ()


def test_amounts_in_different_units_are_compared_in_this_years_unit():
    change = cell_change("k", "k", Amount(251000, "元"), Amount(30, "万元"))
    assert (change.change, change.unit, change.percent) == (4.9, "万元", 19.5)


def test_reports_in_different_formats_are_compared_on_the_cells_they_share():
    comparison = compare(load(SHANGHAI_2019), load(HUAIAN_2024))
    keys = {change.key for change in comparison.cells}
    assert "requests.new.natural" in keys and "appeals.reconsideration.total" in keys
    assert (
        not {"active.rules.made", "active.rules.issued", "requests.other_handling.natural"} & keys
    )
    assert not any(k.startswith("requests.other_handling") for k in keys)
    notes = " ".join(comparison.notes)
    assert "gb2019 → gb2021" in notes and "不是相邻年度" in notes and "机关不同" in notes


def test_cli_text_is_for_people(capsys, huaian):
    code, out, _ = run_cli(capsys, "compare", huaian[0].path, huaian[1].path)
    assert code == 0
    assert (
        "收到和处理政府信息公开申请情况 · 一、本年新收 · 自然人：2800 → 3001，+201（+7.2%）" in out
    )
    assert "异常变动：超过上年的5倍" in out
    assert "正文：本年" in out and "与上年相同" in out


def test_cli_json_is_for_tools(capsys, huaian):
    code, out, _ = run_cli(capsys, "compare", huaian[0].path, huaian[1].path, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["thresholds"] == {"jump_factor": 5, "jump_min": 10}
    assert (data["last"]["year"], data["this"]["year"]) == (2023, 2024)
    cell = next(c for c in data["cells"] if c["key"] == "requests.new.natural")
    assert cell["change"] == 201 and cell["flags"] == []
    assert data["prose"]["sentences"] >= data["prose"]["repeated"] > 0


def test_cli_compare_with_a_missing_report_exits_2(capsys, tmp_path):
    code, _, err = run_cli(capsys, "compare", tmp_path / "nothing", HUAIAN_2024)
    assert code == 2 and "没有这个文件或文件夹" in err
