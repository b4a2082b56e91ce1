"""Reading the statistical tables of a published report: grids to ``[tables]`` data.

The grids are those our HTML renderer prints for the fixtures (turned into cell grids with lxml,
merged cells spread as a reader gives them), then altered the way real reports differ.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

import govreport
from govreport.importing.tables import read_cell, read_tables
from govreport.loader import structure_report
from govreport.readers import SourceDocument, SourceParagraph, SourceTable
from govreport.tables.cells import CellKind
from govreport.tables.spec import Column
from govreport.testing import plugin_registry

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

FIXTURES = Path(__file__).parent / "fixtures"
HUAIAN = FIXTURES / "huaian_2024" / "report.toml"
SHANGHAI = FIXTURES / "shanghai_2019" / "report.toml"

Grid = list[list[str]]


def _grid(table: Any) -> Grid:
    cells: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while (r, c) in cells:
                c += 1
            rows, cols = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
            for dr in range(rows):
                for dc in range(cols):
                    cells[r + dr, c + dc] = td.text_content().strip() if dr == dc == 0 else ""
            c += cols
    height = 1 + max(r for r, _ in cells)
    width = 1 + max(c for _, c in cells)
    return [[cells.get((r, c), "") for c in range(width)] for r in range(height)]


def printed_grids(path: Path) -> list[Grid]:
    """The statistical tables the HTML renderer prints for a report, as grids."""
    page = govreport.load(path).render("html")
    assert isinstance(page, str)
    return [_grid(table) for table in lxml_html.fromstring(page).iter("table")]


def document(*grids: Grid, between: str | None = None) -> SourceDocument:
    blocks: list[SourceTable | SourceParagraph] = []
    for number, grid in enumerate(grids, start=1):
        if blocks and between is not None:
            blocks.append(SourceParagraph(between, "第1页"))
        blocks.append(SourceTable(tuple(tuple(row) for row in grid), f"第{number}页"))
    return SourceDocument(tuple(blocks))


def truth(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["tables"]


@pytest.fixture(scope="module")
def registry():
    return plugin_registry()


@pytest.fixture(scope="module")
def huaian() -> list[Grid]:
    return printed_grids(HUAIAN)


def loads_cleanly(found, registry, edition: str = "gb2021", year: int = 2024) -> None:
    """The tables read load as a report file's ``[tables]``: no problem at all."""
    raw = {
        "edition": edition,
        "year": year,
        "agency": {"name": "某某局", "office": "某某局办公室"},
        "tables": found.tables,
    }
    report, _ = structure_report(raw, registry, "report.toml")
    assert report.tables is not None


def row_of(grid: Grid, label: str) -> int:
    return next(i for i, row in enumerate(grid) if any(cell == label for cell in row))


def places(found) -> list[str]:
    return [deviation["place"] for deviation in found.deviations]


def test_the_huaian_tables_read_back_cell_for_cell(huaian, registry):
    found = read_tables(document(*huaian), registry)
    assert found.format == "gb2021"
    expected = truth(HUAIAN)
    for key in ("active", "requests", "appeals"):
        assert found.tables[key] == expected[key]
    assert found.tables["compute_totals"] is False
    assert found.deviations == [] and found.notes == ()
    assert found.origins == {"active": "第1页", "requests": "第2页", "appeals": "第3页"}
    assert found.used == {0, 1, 2}
    loads_cleanly(found, registry)


def test_the_2019_shanghai_tables_read_back_as_gb2019(registry):
    found = read_tables(document(*printed_grids(SHANGHAI)), registry)
    assert found.format == "gb2019"
    expected = truth(SHANGHAI)
    for key in ("active", "requests", "appeals"):
        assert found.tables.get(key, {}) == expected.get(key, {}), key
    loads_cleanly(found, registry, "gb2019", 2019)


def test_labels_with_line_breaks_spaces_and_full_width_are_the_official_rows(huaian, registry):
    requests = [list(row) for row in huaian[1]]
    at = row_of(requests, "1.本机关不掌握相关政府信息")
    requests[at][2] = "１． 本机关不掌握\n相关政府 信息"
    at = row_of(requests, "一、本年新收政府信息公开申请数量")
    requests[at][0] = "一 、本年新收政府信息\n公开申请数量"
    found = read_tables(document(huaian[0], requests, huaian[2]), registry)
    assert found.tables["requests"] == truth(HUAIAN)["requests"]
    assert found.deviations == []


def test_a_typo_is_matched_and_kept_as_a_deviation(huaian, registry):
    requests = [list(row) for row in huaian[1]]
    requests[row_of(requests, "2.其他法律行政法规禁止公开")][2] = "2.其他法律行政止公开"
    found = read_tables(document(huaian[0], requests, huaian[2]), registry)
    assert found.tables["requests"] == truth(HUAIAN)["requests"]
    assert found.deviations == [
        {
            "place": "tables.requests.withheld.prohibited_by_law",
            "printed": "2.其他法律行政止公开",
            "expected": "2.其他法律行政法规禁止公开",
            "origin": "第2页",
        }
    ]
    loads_cleanly(found, registry)


def test_the_2019_wording_in_a_2021_table_is_matched_and_kept(huaian, registry):
    active = [list(row) for row in huaian[0]]
    active[row_of(active, "行政规范性文件")][0] = "规范性文件"
    found = read_tables(document(active, huaian[1], huaian[2]), registry)
    assert found.format == "gb2021"
    assert found.tables["active"] == truth(HUAIAN)["active"]
    assert [(d["place"], d["printed"], d["expected"]) for d in found.deviations] == [
        ("tables.active.normative_documents", "规范性文件", "行政规范性文件")
    ]


def test_a_single_2019_style_other_handling_row_goes_to_其他_with_a_note(huaian, registry):
    requests = [list(row) for row in huaian[1]]
    first = row_of(requests, "（六）其他处理")
    single = ["", "（六）其他处理", "", "181", "5", "0", "0", "1", "0", "187"]
    requests[first : first + 3] = [single]
    found = read_tables(document(huaian[0], requests, huaian[2]), registry)
    other = found.tables["requests"]["other_handling"]
    assert other == {
        "other": {
            "natural": 181,
            "business": 5,
            "research": 0,
            "nonprofit": 0,
            "legal": 1,
            "other": 0,
            "total": 187,
        }
    }
    assert places(found) == ["tables.requests.other_handling"]
    assert found.deviations[0]["printed"] == "（六）其他处理"
    assert [note.path for note in found.notes] == ["tables.requests.other_handling.other"]
    assert "3.其他" in found.notes[0].message
    loads_cleanly(found, registry)


def test_a_missing_column_is_a_deviation_and_its_cells_stay_blank(huaian, registry):
    requests = [row[:5] + row[6:] for row in huaian[1]]  # no 科研机构
    found = read_tables(document(huaian[0], requests, huaian[2]), registry)
    assert "research" not in found.tables["requests"]["new"]
    assert found.tables["requests"]["new"]["legal"] == 61
    assert found.deviations == [
        {"place": "tables.requests", "printed": "", "expected": "科研机构", "origin": "第2页"}
    ]
    assert any("科研机构" in note.message for note in found.notes)
    loads_cleanly(found, registry)


def test_an_extra_column_is_a_deviation_and_read_nowhere(huaian, registry):
    requests = [list(row) for row in huaian[1]]
    header = row_of(requests, "自然人")
    for index, row in enumerate(requests):
        row.append("备注" if index == header else ("" if index < header + 2 else "7"))
    found = read_tables(document(huaian[0], requests, huaian[2]), registry)
    assert found.tables["requests"] == truth(HUAIAN)["requests"]
    assert [(d["printed"], d["expected"]) for d in found.deviations] == [("备注", "")]
    loads_cleanly(found, registry)


def test_two_tables_in_one_grid_are_split(huaian, registry):
    width = max(len(huaian[1][0]), len(huaian[2][0]))
    both = [row + [""] * (width - len(row)) for row in huaian[1] + huaian[2]]
    found = read_tables(document(huaian[0], both), registry)
    expected = truth(HUAIAN)
    assert found.tables["requests"] == expected["requests"]
    assert found.tables["appeals"] == expected["appeals"]
    assert found.origins["requests"] == found.origins["appeals"] == "第2页"


def test_one_table_over_two_grids_is_joined(huaian, registry):
    requests = huaian[1]
    cut = row_of(requests, "（四）无法提供")
    top, bottom = requests[:cut], requests[cut:]
    found = read_tables(document(huaian[0], top, bottom, huaian[2], between="— 3 —"), registry)
    assert found.tables["requests"] == truth(HUAIAN)["requests"]
    assert found.origins["requests"] == "第2–3页"
    assert found.used == {0, 2, 4, 6}
    assert found.deviations == []


def test_a_cell_that_is_no_number_is_kept_as_a_deviation(huaian, registry):
    requests = [list(row) for row in huaian[1]]
    at = row_of(requests, "二、上年结转政府信息公开申请数量")
    requests[at][3] = "约30"
    requests[at][4] = ""
    requests[at][5] = "/"
    found = read_tables(document(huaian[0], requests, huaian[2]), registry)
    row = found.tables["requests"]["brought_forward"]
    assert "natural" not in row and "business" not in row and row["research"] == "/"
    assert found.deviations == [
        {
            "place": "tables.requests.brought_forward.natural",
            "printed": "约30",
            "expected": "整数或 /",
            "origin": "第2页",
        }
    ]
    assert [note.path for note in found.notes] == ["tables.requests.brought_forward.natural"]
    loads_cleanly(found, registry)


def test_a_document_without_statistical_tables_has_none(registry):
    index = [["索引号", "014289810/2025-00013"], ["发布机构", "淮安市人民政府办公室"]]
    found = read_tables(document(index), registry)
    assert found.format is None and found.tables == {} and found.used == frozenset()


@pytest.mark.parametrize(
    ("printed", "column", "unit", "cell"),
    [
        ("0", Column("n", "n"), None, (True, 0)),
        ("3,119", Column("n", "n"), None, (True, 3119)),
        ("", Column("n", "n"), None, (True, None)),
        ("／", Column("n", "n"), None, (True, "/")),
        ("1.5", Column("n", "n"), None, (False, None)),
        ("－3", Column("c", "c", CellKind.SIGNED), None, (True, -3)),
        ("-3", Column("n", "n"), None, (False, None)),
        ("96171.6万元", Column("a", "a", CellKind.AMOUNT, "万元"), None, (True, 96171.6)),
        ("96171.6", Column("a", "a", CellKind.AMOUNT, "万元"), None, (True, 96171.6)),
        ("12元", Column("a", "a", CellKind.AMOUNT, "万元"), None, (False, None)),
        (
            "251000元",
            Column("a", "a", CellKind.AMOUNT),
            None,
            (True, {"value": 251000, "unit": "元"}),
        ),
        (
            "25.1",
            Column("a", "a", CellKind.AMOUNT),
            "万元",
            (True, {"value": 25.1, "unit": "万元"}),
        ),
        ("25.1", Column("a", "a", CellKind.AMOUNT), None, (False, None)),
    ],
)
def test_cells_are_read_as_printed(printed, column, unit, cell):
    assert read_cell(printed, column, unit) == cell


def test_a_table_going_on_after_a_page_header_keeps_its_columns(huaian, registry):
    requests = huaian[1]
    cut = row_of(requests, "（四）无法提供")
    top, bottom = requests[:cut], requests[cut:]
    running_head = "淮安市人民政府2024年政府信息公开工作年度报告"
    found = read_tables(document(huaian[0], top, bottom, huaian[2], between=running_head), registry)
    assert found.tables["requests"] == truth(HUAIAN)["requests"]
    assert found.deviations == []


def test_blocks_of_表二_printed_as_separate_grids_make_one_table(huaian, registry):
    active = huaian[0]
    cut = row_of(active, "第二十条第（五）项")
    found = read_tables(document(active[:cut], active[cut:], between="（续表）"), registry)
    assert found.tables["active"] == truth(HUAIAN)["active"]
    assert found.origins["active"] == "第1–2页"
    assert found.deviations == []
