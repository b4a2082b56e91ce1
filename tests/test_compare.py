"""``govreport compare LAST THIS``: cell by cell, with flags, and the prose repeated."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from reportfiles import run_cli
from workflowdata import HUAIAN_2024, SHANGHAI_2019, department, huaian_2023

from govreport import load
from govreport.tables.cells import NA, Amount
from govreport.workflow.compare import JUMP_FACTOR, JUMP_MIN, cell_change, compare, is_jump
from govreport.workflow.overlap import copied_chars


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
    assert (brought.last, brought.this, brought.change, brought.percent) == (166, 34, -132, -79.5)
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


def _failing_2023(tmp_path):
    """淮安 2023 whose 表四 行政复议 总计 is 0 while its parts sum to 351."""
    path = huaian_2023(tmp_path)
    text = path.read_text(encoding="utf-8")
    old = "pending = 37, total = 351 }"
    assert old in text
    path.write_text(text.replace(old, "pending = 37, total = 0 }"), encoding="utf-8")
    return path


def test_last_years_failing_identity_is_said_first_and_its_changes_are_unreliable(capsys, tmp_path):
    last = _failing_2023(tmp_path)
    code, out, _ = run_cli(capsys, "compare", last, HUAIAN_2024)
    assert code == 0
    lines = out.splitlines()
    first_note = next(line for line in lines if line.startswith("注意："))
    assert "上年报告（2023年度）的统计表自身数字对不上" in first_note and "GR301" in first_note
    total = "政府信息公开行政复议、行政诉讼情况 · 行政复议 · 总计：0 → 351"
    shown = [line for line in lines if total in line]
    assert len(shown) == 1 and "不可靠" in shown[0] and "⚠" not in shown[0]
    assert "+351" not in shown[0]  # not shown as a real change
    assert lines.index(shown[0]) > lines.index(next(ln for ln in lines if "变化不可靠（" in ln))

    code, out, _ = run_cli(capsys, "compare", last, HUAIAN_2024, "--format", "json")
    data = json.loads(out)
    assert [f["code"] for f in data["identities"]["last"]] == ["GR301"]
    assert "this" not in data["identities"]
    cells = {cell["key"]: cell for cell in data["cells"]}
    assert cells["appeals.reconsideration.total"]["unreliable"] == ["last"]
    assert cells["appeals.reconsideration.upheld"]["unreliable"] == ["last"]
    assert cells["requests.new.natural"]["unreliable"] == []


def test_this_years_failing_identity_marks_its_cells_too(tmp_path):
    this = compare(load(HUAIAN_2024), load(_failing_2023(tmp_path)))
    total = by_key(this)["appeals.reconsideration.total"]
    assert total.unreliable == ("this",) and list(this.identities) == ["this"]


def test_consistent_years_have_no_unreliable_cells(huaian):
    comparison = compare(*huaian)
    assert comparison.identities == {} and not any(c.unreliable for c in comparison.cells)


# Copied prose in long runs ---------------------------------------------------------------------

A = "坚持以公开为常态不公开为例外原则全面推进"  # 20 characters
B = "进一步规范依申请公开办理流程和答复"  # 17
C = "加强对工作人员的业务培训力度"  # 14: too short to count
FILLER = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"  # characters last year never uses


def _filler(n: int, start: int) -> str:
    return "".join(FILLER[(start + i) % len(FILLER)] for i in range(n))


def _with_problems(tmp_path, year: int, problems: str):
    folder = tmp_path / str(year)
    folder.mkdir()
    path = department(folder, "甲局", 1, year=year)
    text = path.read_text(encoding="utf-8")
    old = 'content = ["工作人员业务能力有待提高，下一步将加强培训。"]'
    assert old in text
    path.write_text(text.replace(old, f'content = ["{problems}"]'), encoding="utf-8")
    return path


def test_copied_runs_of_15_characters_are_counted_per_part_and_in_total(capsys, tmp_path):
    # last year holds A, B and C apart; this year rewrites the part around them
    last = _with_problems(tmp_path, 2023, f"{A}。{B}。还要{C}。")
    this_text = _filler(25, 0) + A + _filler(20, 3) + B + _filler(4, 7) + C
    assert len(this_text) == 100
    this = _with_problems(tmp_path, 2024, this_text)
    comparison = compare(load(last), load(this))
    parts = {part.part: part for part in comparison.prose.parts}
    problems = parts["五、存在的主要问题及改进情况"]
    assert (problems.chars, problems.copied, problems.ratio) == (100, 37, 0.37)
    assert not any("存在的主要问题" in sentence for sentence in comparison.prose.repeated)
    overview = parts["一、总体情况"]
    assert overview.copied == overview.chars > 0  # unchanged
    whole = comparison.prose.copied
    assert whole.chars == sum(p.chars for p in parts.values())
    assert whole.copied == sum(p.copied for p in parts.values())

    code, out, _ = run_cli(capsys, "compare", last, this, "--format", "json")
    assert code == 0
    runs = json.loads(out)["prose"]["copied_runs"]
    assert runs["min_chars"] == 15
    assert {"part": "五、存在的主要问题及改进情况", "chars": 100, "copied": 37, "ratio": 0.37} in (
        runs["parts"]
    )
    _, out, _ = run_cli(capsys, "compare", last, this)
    assert "    五、存在的主要问题及改进情况：37.0%（37/100 字）" in out.splitlines()


@pytest.mark.parametrize(
    ("text", "copied"),
    [
        ("", 0),
        ("甲" * 14, 0),
        (A[:14] + "甲", 0),
        (A[:15], 15),
        ("甲" + A + "乙", 20),
        (A + "甲" + A, 40),
        (A + A, 40),
    ],
)
def test_copied_chars(text, copied):
    earlier = {A[i : i + 15] for i in range(len(A) - 14)} | {(A + A)[i : i + 15] for i in range(21)}
    assert copied_chars(text, earlier) == copied


def test_copied_runs_in_two_long_reports_are_measured():
    import random

    chars = [chr(0x4E00 + i) for i in range(3000)]
    rng = random.Random(16)
    last = "".join(rng.choice(chars) for _ in range(20_000))
    this = "".join(last[i : i + 40] if i % 3 else rng.choice(chars) * 40 for i in range(500))
    earlier = {last[i : i + 15] for i in range(len(last) - 14)}
    copied = copied_chars(this, earlier)
    assert 0.6 < copied / len(this) < 0.7
