"""GR111, GR112 — blank cells in the national tables: a blank is "not filled in", not 0.

The national format asks for a number in every cell of 表二, 表三 and 表四 ("没有的请填 0"). A
cell counts as blank when it shows nothing: a total govreport computes from its parts is not
blank, "/" (not applicable) is not blank, and a cell the format does not have (表二's 行政事业性收费
has no 处理决定数量) is not a cell at all. Tables listed in ``[tables] unpublished`` are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks import Flag, Severity, rule
from govreport.model import Report
from govreport.tables.cells import numeric
from govreport.tables.spec import Row
from govreport.tables.totals import TableValues

from .reading import cell_key, edition_of, table_name, values

NATIONAL_FORMATS = ("gb2019", "gb2021")
FILL_IN = "没有的请填 0，不适用的填“/”，不要留空"


def _shown_in_a_part(report: Report, key: str) -> bool:
    """Whether a part of the report shows the table (GR105 then speaks for a table left out)."""
    edition = edition_of(report)
    parts = (edition.part(section.part) for section in report.sections if section.part)
    return any(part is not None and part.table == key for part in parts)


def _tables(report: Report) -> Iterator[TableValues]:
    """The national tables the report publishes, each with some figure in it."""
    tables, table_format = report.tables, report.table_format
    if tables is None or table_format is None or table_format.name not in NATIONAL_FORMATS:
        return
    for spec in table_format.tables:
        table = values(report, spec.key)
        if spec.key in tables.unpublished or table is None:
            continue
        if any(tables.cells.get(spec.key, {}).values()) or not _shown_in_a_part(report, spec.key):
            yield table


def _blanks(table: TableValues, row: Row) -> list[str]:
    """The keys of the row's columns that show nothing."""
    return [column.key for column in row.columns if table.cell(row.key, column.key) is None]


def _zero(table: TableValues, row: str, column: str) -> bool:
    return numeric(table.entered(row, column)) == 0


def _labels(row: Row, keys: list[str]) -> str:
    return "、".join(column.label for column in row.columns if column.key in keys)


@rule(
    "GR111",
    Severity.ERROR,
    "统计表的单元格不要留空",
    basis="国办公开办函〔2019〕60号、〔2021〕30号统一格式的统计表每一格都要填写数字；"
    "没有的填0（govreport new 生成的报告写明“没有的请填 0，不要留空”）。空白是未填写，不是0。",
    missing_content=True,
)
def no_blank_cells(report: Report) -> Iterator[Flag]:
    """Every cell of the national tables holds a number, 0 or "/": one finding per row.

    Example:
        ```toml
        [tables.requests]
        new = { natural = 3, business = 1 }
        # …the other rows left out
        ```

        “（一）予以公开”行留空：自然人、商业企业……The row is blank.

    Fix:
        没有的填 0，不适用的填 "/"；报告未公布某张表的，在 `[tables]` 中写
        `unpublished = ["active"]`。Write 0 where there was none, "/" where it does not apply;
        list a table the report did not publish in `unpublished`.
    """
    for table in _tables(report):
        spec = table.spec
        rows = list(spec.rows())
        blank = {row.key: _blanks(table, row) for row in rows}
        if all(len(blank[row.key]) == len(row.columns) for row in rows):
            cells = tuple(cell_key(spec, row.key, key) for row in rows for key in blank[row.key])
            yield Flag(
                f"tables.{spec.key}",
                f"{table_name(spec)}整张留空。{FILL_IN}；报告未公布这张表的，请在 [tables] 中写 "
                f'unpublished = ["{spec.key}"]。',
                cells,
            )
            continue
        for row in rows:
            keys = blank[row.key]
            if not keys:
                continue
            which = "整行留空" if len(keys) == len(row.columns) else f"行留空：{_labels(row, keys)}"
            yield Flag(
                f"tables.{spec.key}.{row.key}",
                f"{table_name(spec)}“{row.name}”{which}。{FILL_IN}。",
                tuple(cell_key(spec, row.key, column) for column in keys),
            )


@rule(
    "GR112",
    Severity.WARNING,
    "统计表同一行或同一列不要既有0又有空白",
    basis="统一格式的统计表中，0 表示没有，空白表示未填写；同一行或同一列两者混用，"
    "空白处多半是漏填或应为0。",
)
def zeros_beside_blanks(report: Report) -> Iterator[Flag]:
    """A row or column that has printed 0s and blank cells: once per row and once per column.

    Example:
        ```toml
        [tables.appeals]
        reconsideration = { upheld = 0, corrected = 0 }
        ```

        “行政复议”行既有0又有空白（其他结果、尚未审结）。The row mixes 0s and blanks.

    Fix:
        把空白改为 0（没有）或 "/"（不适用），或填写实际数字。Write 0, "/" or the figure.
    """
    for table in _tables(report):
        spec = table.spec
        rows = list(spec.rows())
        for row in rows:
            keys = _blanks(table, row)
            if keys and any(_zero(table, row.key, column.key) for column in row.columns):
                yield Flag(
                    f"tables.{spec.key}.{row.key}",
                    f"{table_name(spec)}“{row.name}”行既有0又有空白（{_labels(row, keys)}）："
                    "0 表示没有，空白表示未填写，请核对空白处。",
                    tuple(cell_key(spec, row.key, column) for column in keys),
                )
        labels: dict[str, str] = {}  # each column's label as its last row has it
        having: dict[str, list[Row]] = {}  # the rows that have each column
        for row in rows:
            for each in row.columns:
                labels[each.key] = each.label
                having.setdefault(each.key, []).append(row)
        for column, label in labels.items():
            blank = [row for row in having[column] if table.cell(row.key, column) is None]
            if blank and any(_zero(table, row.key, column) for row in having[column]):
                yield Flag(
                    f"tables.{spec.key}.{blank[0].key}.{column}",
                    f"{table_name(spec)}“{label}”列既有0又有空白（{len(blank)}行留空）："
                    "0 表示没有，空白表示未填写，请核对空白处。",
                    tuple(cell_key(spec, row.key, column) for row in blank),
                )
