"""Which table quantity a key figure states: its ``cell``, else its well-known name.

A figure in ``[figures]`` is bound to the table when it says ``cell = "requests.new.total"``
(the row may be a group, meaning the sum of its rows). The well-known names below act as an
implicit ``cell`` — some (``applications_granted_or_partly``, ``lawsuits``) sum rows no single
cell path names. Name a figure otherwise, or give it a ``scope``, when it counts something else
(区政府办代表区政府受理… against a 全区 table).

==================================  ====================================================
figure name                         table quantity (总计 column of 表三; 表四 总计 unless named)
==================================  ====================================================
``applications_received``           表三 一、本年新收
``applications_brought_forward``    表三 二、上年结转
``applications_completed``          表三 （七）总计 (办结/答复)
``applications_carried_forward``    表三 四、结转下年度继续办理
``applications_granted``            表三 （一）予以公开
``applications_partly_granted``     表三 （二）部分公开
``applications_granted_or_partly``  表三 （一）+（二）
``applications_withheld``           表三 （三）不予公开, all eight rows
``applications_unavailable``        表三 （四）无法提供, all three rows
``applications_not_processed``      表三 （五）不予处理, all five rows
``applications_other_handling``     表三 （六）其他处理 (all its rows)
``reconsiderations``                表四 行政复议 总计
``reconsiderations_upheld``         表四 行政复议 结果维持 (also ``_corrected``, ``_other``,
                                    ``_pending``)
``lawsuits``                        表四 行政诉讼 总计 (未经复议直接起诉 + 复议后起诉)
``lawsuits_upheld``                 表四 行政诉讼 结果维持, both groups (also ``_corrected``,
                                    ``_other``, ``_pending``)
==================================  ====================================================

A figure written with 余 (``over = true``) only has to be no more than the table's number.
"""

from __future__ import annotations

from collections.abc import Iterator

from govreport import record
from govreport.figures import CellPathError, cell_places
from govreport.model import Figure, Report
from govreport.tables.totals import TableValues

from .reading import Place, rows_named, values


@record
class TableQuantity:
    """A quantity of a table the text may state: the sum of some rows in one column."""

    table: str
    rows: tuple[str, ...]
    column: str
    description: str


LAWSUITS = ("lawsuit_direct", "lawsuit_after_reconsideration")
_OUTCOMES = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
}

WELL_KNOWN: dict[str, TableQuantity] = {
    "applications_received": TableQuantity("requests", ("new",), "total", "一、本年新收（总计）"),
    "applications_brought_forward": TableQuantity(
        "requests", ("brought_forward",), "total", "二、上年结转（总计）"
    ),
    "applications_completed": TableQuantity("requests", ("total",), "total", "（七）总计"),
    "applications_carried_forward": TableQuantity(
        "requests", ("carried_forward",), "total", "四、结转下年度继续办理（总计）"
    ),
    "applications_granted": TableQuantity("requests", ("granted",), "total", "（一）予以公开"),
    "applications_partly_granted": TableQuantity(
        "requests", ("partly_granted",), "total", "（二）部分公开"
    ),
    "applications_granted_or_partly": TableQuantity(
        "requests", ("granted", "partly_granted"), "total", "（一）予以公开与（二）部分公开合计"
    ),
    "applications_withheld": TableQuantity(
        "requests", ("withheld",), "total", "（三）不予公开合计"
    ),
    "applications_unavailable": TableQuantity(
        "requests", ("unavailable",), "total", "（四）无法提供合计"
    ),
    "applications_not_processed": TableQuantity(
        "requests", ("not_processed",), "total", "（五）不予处理合计"
    ),
    "applications_other_handling": TableQuantity(
        "requests", ("other_handling",), "total", "（六）其他处理合计"
    ),
    "reconsiderations": TableQuantity("appeals", ("reconsideration",), "total", "行政复议总计"),
    "lawsuits": TableQuantity("appeals", LAWSUITS, "total", "行政诉讼总计"),
    **{
        f"reconsiderations_{key}": TableQuantity(
            "appeals", ("reconsideration",), key, f"行政复议{label}"
        )
        for key, label in _OUTCOMES.items()
    },
    **{
        f"lawsuits_{key}": TableQuantity("appeals", LAWSUITS, key, f"行政诉讼{label}")
        for key, label in _OUTCOMES.items()
    },
}


@record
class Binding:
    """The table cells a figure states, and how a message names them."""

    table: TableValues
    places: tuple[Place, ...]
    description: str
    cell: str | None
    """The cell path an author may write (None for a sum no single path names)."""

    @property
    def number(self) -> int | float | None:
        return self.table.total(list(self.places))


def quantity_binding(report: Report, quantity: TableQuantity) -> Binding | None:
    """A well-known quantity in the report's tables; None when its format has no such table."""
    table = values(report, quantity.table)
    if table is None:
        return None
    places = tuple(
        (row, quantity.column) for named in quantity.rows for row in rows_named(table.spec, named)
    )
    cell = f"{quantity.table}.{quantity.rows[0]}.{quantity.column}"
    return Binding(table, places, quantity.description, cell if len(quantity.rows) == 1 else None)


def cell_binding(report: Report, path: str) -> Binding | None:
    """The cells a cell path names; None when it names none (the loader has said so)."""
    try:
        table, places = cell_places(report, path)
    except CellPathError:
        return None
    row_key, column_key = places[0]
    row = table.spec.row(row_key)
    column = row.column(column_key) if row is not None else None
    label = column.label if column is not None else column_key
    if len(places) == 1 and row is not None:
        description = row.name if label in row.name else f"{row.name}（{label}）"
    else:
        description = f"“{path.split('.', 1)[1].rsplit('.', 1)[0]}”各行合计（{label}）"
    return Binding(table, tuple(places), description, path)


def binding(report: Report, name: str, figure: Figure) -> Binding | None:
    """What a figure states in the tables: its ``cell``, else its well-known name; not a ratio."""
    if figure.cell is not None:
        return cell_binding(report, figure.cell)
    quantity = WELL_KNOWN.get(name)
    if quantity is None or figure.ratio is not None:
        return None
    return quantity_binding(report, quantity)


def disagrees(figure: Figure, number: int | float) -> bool:
    """A typed figure differs from the table's number (a 余 figure: is more than it)."""
    assert figure.value is not None
    return figure.value > number if figure.over else figure.value != number


def disagreeing(report: Report, scoped: bool) -> Iterator[tuple[str, Figure, Binding, int | float]]:
    """``(name, figure, binding, table number)`` for each typed figure that differs from the
    cells it states: those with a ``scope`` when ``scoped``, else those without."""
    for name, figure in report.figures.items():
        if figure.value is None or (figure.scope is not None) != scoped:
            continue
        bound = binding(report, name, figure)
        number = bound.number if bound is not None else None
        if bound is not None and number is not None and disagrees(figure, number):
            yield name, figure, bound, number
