"""GR2xx (表三), GR3xx (表四), GR4xx (表二) — the arithmetic that holds each table together.

Relations are checked on the cells as shown: a total the author left out is computed, so it
agrees by construction; a total the author gave is compared with its parts. Within a relation a
blank cell counts as 0 unless every cell of it is blank (then there is nothing to check).
"""

from __future__ import annotations

from collections.abc import Iterator

from govreport.builtins.national.common import APPLICANT_PARTS
from govreport.checks import Flag, Severity, rule
from govreport.model import Report
from govreport.tables.spec import TableSpec
from govreport.tables.totals import TableValues

from .reading import Place, cell_key, related, shown, table_name, values

FORMATS = "国办公开办函〔2019〕60号、〔2021〕30号统一格式"


def _column_label(spec: TableSpec, column: str) -> str:
    for row in spec.rows():
        found = row.column(column)
        if found is not None:
            return found.label
    return column


def _cells(spec: TableSpec, places: list[Place]) -> tuple[str, ...]:
    return tuple(cell_key(spec, row, column) for row, column in places)


# 表三 ------------------------------------------------------------------------------------------


@rule(
    "GR201",
    Severity.INCONSISTENCY,
    "表三每一列：第一项加第二项之和等于第三项（七）总计加第四项之和",
    basis=f"{FORMATS}表三注明的勾稽关系：“本列数据的勾稽关系为：第一项加第二项之和，"
    "等于第三项加第四项之和”。",
)
def requests_balance(report: Report) -> Iterator[Flag]:
    """表三, every column: 一 + 二 = （七）总计 + 四.

    Example:
        ```toml
        [tables.requests]
        new = { natural = 10 }
        brought_forward = { natural = 2 }
        granted = { natural = 9 }
        carried_forward = { natural = 2 }
        ```

        自然人列：10 + 2 = 12，但（七）总计9加结转2为11。The column does not balance.

    Fix:
        核对新收、结转和各项办理结果，使每一列平衡。Check the figures until each column balances.
    """
    table = values(report, "requests")
    if table is None:
        return
    spec = table.spec
    for column in (*APPLICANT_PARTS, "total"):
        places = [(row, column) for row in ("new", "brought_forward", "total", "carried_forward")]
        numbers = related(table, places)
        if numbers is None:
            continue
        new, brought, done, carried = numbers
        if new + brought != done + carried:
            yield Flag(
                f"tables.requests.carried_forward.{column}",
                f"{table_name(spec)}“{_column_label(spec, column)}”列：一、本年新收（{shown(new)}）"
                f"加二、上年结转（{shown(brought)}）应等于（七）总计（{shown(done)}）加四、"
                f"结转下年度继续办理（{shown(carried)}），实际为{shown(new + brought)} ≠ "
                f"{shown(done + carried)}。",
                _cells(spec, places),
            )


def _row_sums(table: TableValues) -> Iterator[Flag]:
    """Totals the author gave in a total column (总计) that differ from the sum of the row."""
    spec = table.spec
    for total in spec.column_totals:
        names = "、".join(_column_label(spec, part) for part in total.parts)
        for row in spec.rows():
            if row.column(total.column) is None or table.entered(row.key, total.column) is None:
                continue
            parts = [(row.key, part) for part in total.parts]
            given, parts_sum = table.number(row.key, total.column), table.total(parts)
            if given is not None and parts_sum is not None and given != parts_sum:
                yield Flag(
                    f"tables.{spec.key}.{row.key}.{total.column}",
                    f"{table_name(spec)}“{row.name}”：{_column_label(spec, total.column)}"
                    f"（{shown(given)}）应等于{names}之和（{shown(parts_sum)}）。",
                    _cells(spec, [(row.key, total.column), *parts]),
                )


def _column_sums(table: TableValues) -> Iterator[Flag]:
    """Totals the author gave in a total row (（七）总计) that differ from the sum of the column."""
    spec = table.spec
    for total in spec.row_totals:
        total_row = spec.row(total.row)
        if total_row is None:
            continue
        for column in total_row.columns:
            if table.entered(total.row, column.key) is None:
                continue
            parts = [(part, column.key) for part in total.parts]
            given, parts_sum = table.number(total.row, column.key), table.total(parts)
            if given is not None and parts_sum is not None and given != parts_sum:
                yield Flag(
                    f"tables.{spec.key}.{total.row}.{column.key}",
                    f"{table_name(spec)}“{column.label}”列：{total_row.name}（{shown(given)}）"
                    f"应等于（一）至（六）各项之和（{shown(parts_sum)}）。",
                    _cells(spec, [(total.row, column.key), *parts]),
                )


@rule(
    "GR202",
    Severity.INCONSISTENCY,
    "表三每一列：（七）总计等于（一）至（六）各项之和",
    basis=f"{FORMATS}表三的结构：（七）总计是本年度办理结果（一）予以公开至（六）其他处理各项之和"
    "（（三）（四）（五）（六）按其各小项计）。",
)
def requests_results_total(report: Report) -> Iterator[Flag]:
    """表三, every column: （七）总计 is the sum of （一）–（六）.

    Example:
        ```toml
        [tables.requests]
        granted = { natural = 5 }
        partly_granted = { natural = 1 }
        total = { natural = 7 }
        ```

        （七）总计写了7，但各项之和是6。The given total is not the sum.

    Fix:
        改正（七）总计或各项；也可删去（七）总计由程序计算。
        Correct it, or leave it out to have it computed.
    """
    table = values(report, "requests")
    if table is not None:
        yield from _column_sums(table)


@rule(
    "GR203",
    Severity.INCONSISTENCY,
    "表三每一行：总计等于自然人与五类法人或其他组织之和",
    basis=f"{FORMATS}表三的结构：总计列是自然人和商业企业、科研机构、社会公益组织、法律服务机构、"
    "其他各列之和。",
)
def requests_row_total(report: Report) -> Iterator[Flag]:
    """表三, every row: 总计 is the sum of the six applicant columns.

    Example:
        ```toml
        [tables.requests]
        new = { natural = 821, business = 35, total = 850 }
        ```

        总计写了850，但自然人与商业企业之和是856。The row total is not the sum.

    Fix:
        改正总计或各列；也可删去 `total` 由程序计算。
        Correct it, or leave `total` out to have it computed.
    """
    table = values(report, "requests")
    if table is not None:
        yield from _row_sums(table)


def _blank_totals(report: Report, key: str) -> Iterator[Flag]:
    """Totals left blank (with ``compute_totals = false``) although their parts have figures."""
    if report.tables is None or report.tables.compute_totals:
        return
    table = values(report, key)
    if table is None:
        return
    spec = table.spec
    for row in spec.rows():
        for column in row.columns:
            if not table.is_computed(row.key, column.key):
                continue
            where = f"“{row.name}”行的“{column.label}”"
            yield Flag(
                f"tables.{key}.{row.key}.{column.key}",
                f"{table_name(spec)}{where}留空，无法核对；按各项计算应为"
                f"{shown(table.number(row.key, column.key))}。",
                (cell_key(spec, row.key, column.key),),
            )


@rule(
    "GR204",
    Severity.WARNING,
    "表三的总计不要留空",
    basis=f"{FORMATS}表三的总计列和（七）总计行；留空时无法核对各项之和。",
)
def requests_blank_totals(report: Report) -> Iterator[Flag]:
    """表三 totals are not left blank.

    Example:
        ```toml
        [tables]
        compute_totals = false

        [tables.requests]
        granted = { natural = 258, business = 12 }
        ```

        予以公开行的总计留空。The row's 总计 is blank.

    Fix:
        填写总计，或删去 `compute_totals = false` 由程序计算。Fill it in, or let it be computed.
    """
    yield from _blank_totals(report, "requests")


# 表四 ------------------------------------------------------------------------------------------


@rule(
    "GR301",
    Severity.INCONSISTENCY,
    "表四每组：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
    basis=f"{FORMATS}表四的结构：行政复议、未经复议直接起诉、复议后起诉各组的总计是四种结果之和。",
)
def appeals_totals(report: Report) -> Iterator[Flag]:
    """表四, each group: 总计 is the sum of the four outcomes.

    Example:
        ```toml
        [tables.appeals]
        reconsideration = { upheld = 10, corrected = 1, total = 0 }
        ```

        行政复议总计写了0，但各结果之和是11。The group total is not the sum.

    Fix:
        改正总计，或删去 `total` 由程序计算。Correct it, or leave `total` out.
    """
    table = values(report, "appeals")
    if table is not None:
        yield from _row_sums(table)


@rule(
    "GR302",
    Severity.WARNING,
    "表四的总计不要留空",
    basis=f"{FORMATS}表四各组的总计；留空时无法核对。",
)
def appeals_blank_totals(report: Report) -> Iterator[Flag]:
    """表四 totals are not left blank.

    Example:
        ```toml
        [tables]
        compute_totals = false

        [tables.appeals]
        reconsideration = { upheld = 5, pending = 2 }
        ```

        行政复议的总计留空。The group's 总计 is blank.

    Fix:
        填写总计，或删去 `compute_totals = false` 由程序计算。Fill it in, or let it be computed.
    """
    yield from _blank_totals(report, "appeals")


# 表二 ------------------------------------------------------------------------------------------


def _at_least(report: Report, larger: str, smaller: str, sentence: str) -> Iterator[Flag]:
    table = values(report, "active")
    if table is None:
        return
    spec = table.spec
    for row in spec.rows():
        if row.column(larger) is None or row.column(smaller) is None:
            continue
        big, small = table.number(row.key, larger), table.number(row.key, smaller)
        if big is not None and small is not None and big < small:
            yield Flag(
                f"tables.active.{row.key}.{larger}",
                f"{table_name(spec)}“{row.label}”：{_column_label(spec, larger)}（{shown(big)}）"
                f"小于{_column_label(spec, smaller)}（{shown(small)}），{sentence}",
                _cells(spec, [(row.key, larger), (row.key, smaller)]),
            )


@rule(
    "GR401",
    Severity.WARNING,
    "表二（2019年格式）：对外公开总数量不小于本年新公开数量",
    basis="国办公开办函〔2019〕60号表二第二十条第（一）项：对外公开总数量是累计数，包括本年新公开的。",
)
def published_total_covers_new(report: Report) -> Iterator[Flag]:
    """表二 (2019): 对外公开总数量 is at least 本年新公开数量.

    Example:
        ```toml
        [tables.active]
        rules = { made = 13, published = 13, total_published = 5 }
        ```

        对外公开总数量5小于本年新公开13。The cumulative total is below this year's.

    Fix:
        对外公开总数量是累计数，应包括本年新公开的。Make the cumulative total include this year's.
    """
    yield from _at_least(
        report, "total_published", "published", "累计数应包括本年新公开的，请核对。"
    )


@rule(
    "GR402",
    Severity.WARNING,
    "表二（2021年格式）：现行有效件数一般不小于本年制发件数",
    basis="国办公开办函〔2021〕30号表二第二十条第（一）项：本年制发的文件除当年即废止的以外都现行有效。",
)
def in_force_covers_issued(report: Report) -> Iterator[Flag]:
    """表二 (2021): 现行有效件数 is normally at least 本年制发件数.

    Example:
        ```toml
        [tables.active]
        rules = { issued = 3, repealed = 0, in_force = 1 }
        ```

        现行有效1件，但本年制发3件。Fewer in force than issued this year.

    Fix:
        核对现行有效件数是否包括本年制发的。Check that documents issued this year are counted.
    """
    yield from _at_least(
        report, "in_force", "issued", "除当年即废止的以外，本年制发的都应计入现行有效。"
    )
