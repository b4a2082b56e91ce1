"""What a key figure stands for: a number typed, a table cell, or a ratio of two numbers.

A cell is named ``table.row.column`` (``requests.new.total``); the row may be a group of rows
(``withheld``), meaning the sum of its rows. A figure bound to a cell without a ``value`` is the
table's number, so the text cannot disagree with the table. A ratio is computed from two parts,
each a figure name or a cell, and rounded half up (in :class:`~decimal.Decimal`) to its digits.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation, localcontext
from typing import TYPE_CHECKING

from ._memo import memoized
from .errors import shown
from .numbering import number_text
from .suggest import closest
from .tables.reports import table_values

if TYPE_CHECKING:
    from .model import Figure, Report
    from .tables.totals import TableValues

Number = int | float | Decimal

PERCENT_UNITS = ("%", "％")
"""Units that make a ratio a percentage (the quotient times 100)."""

RATIO_DIGITS = 1
"""Decimals a computed ratio shows unless the figure gives ``digits``."""

MAX_SHOWN_DIGITS = 20
"""The most decimals a typed value is compared to (a float such as 1e-300 shows more)."""

BLANK_TEXT = "（未填）"
"""What the text shows for a figure whose table cells are blank."""

NO_RATIO_TEXT = "（无法计算）"
"""What the text shows for a ratio whose parts are blank or whose denominator is 0."""


class CellPathError(ValueError):
    """A cell path that names no cell of the report's tables; the message lists the names."""


def table(report: Report, key: str) -> TableValues | None:
    """A table with every total it can have (computed where the author left it blank)."""
    return memoized(f"values.{key}", report, lambda: table_values(report, key, compute=True))


def cell_places(report: Report, path: str) -> tuple[TableValues, list[tuple[str, str]]]:
    """The table and the cells (row, column) a cell path names; raises :class:`CellPathError`."""
    parts = path.split(".")
    table_format = report.table_format
    if table_format is None:
        raise CellPathError(f"“{path}”：本报告没有统计表，不能引用单元格")
    tables = [spec.key for spec in table_format.tables]
    if len(parts) < 3:
        raise CellPathError(
            f"“{path}”应写作 表.行.列，例如 requests.new.total（表：{'、'.join(tables)}）"
        )
    values = table(report, parts[0])
    if values is None:
        raise CellPathError(f"没有“{parts[0]}”表{_hint(parts[0], tables)}")
    spec = values.spec
    row, column = ".".join(parts[1:-1]), parts[-1]
    rows = [spec.row(row)] if spec.row(row) is not None else spec.rows_under(row)
    if not rows:
        keys = [r.key for r in spec.rows()]
        groups = sorted({key.rsplit(".", 1)[0] for key in keys if "." in key})
        raise CellPathError(f"“{spec.title}”表没有“{row}”行{_hint(row, keys + groups)}")
    for named in rows:
        if named is not None and named.column(column) is None:
            columns = [c.key for c in named.columns]
            raise CellPathError(
                f"“{spec.title}”表的“{named.key}”行没有“{column}”列{_hint(column, columns)}"
            )
    return values, [(named.key, column) for named in rows if named is not None]


def _hint(word: str, names: list[str]) -> str:
    close = closest(word, names)
    return f"，是否想写“{close}”？" if close else f"；可用：{'、'.join(names)}"


def cell_number(report: Report, path: str) -> int | float | None:
    """The number a cell path names (a group's sum); None when its cells are all blank."""
    values, places = cell_places(report, path)
    return values.total(places)


def part_number(report: Report, part: str) -> Number | None:
    """A ratio's part: a figure of the report, else a cell path."""
    if part in report.figures:
        return figure_number(report, part)
    return cell_number(report, part)


def ratio_of(report: Report, figure: Figure) -> Decimal | None:
    """A ratio figure's exact quotient (times 100 for a percentage); None when a part is blank.

    Raises :class:`ZeroDivisionError` when the denominator is 0.
    """
    assert figure.ratio is not None
    numerator, denominator = (part_number(report, part) for part in figure.ratio)
    if numerator is None or denominator is None:
        return None
    if denominator == 0:
        raise ZeroDivisionError(figure.ratio[1])
    scale = 100 if figure.unit in PERCENT_UNITS else 1
    try:
        return _decimal(numerator) * scale / _decimal(denominator)
    except (DivisionByZero, InvalidOperation) as error:
        raise ZeroDivisionError(figure.ratio[1]) from error


def digits_of(figure: Figure) -> int:
    """The decimals a figure shows: ``digits`` if given, else as many as its value is typed
    with (4.34 → 2), else :data:`RATIO_DIGITS`."""
    if figure.digits is not None:
        return figure.digits
    if figure.value is not None:
        exponent = _decimal(figure.value).as_tuple().exponent
        return min(MAX_SHOWN_DIGITS, max(0, -int(exponent)))
    return RATIO_DIGITS


def rounded(number: Decimal, digits: int) -> Decimal:
    """``number`` rounded half up to ``digits`` decimals: 4.3478 → 4.35 (two)."""
    with localcontext() as context:
        context.prec = 60  # enough for any count times 100 to MAX_SHOWN_DIGITS decimals
        return number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def figure_number(report: Report, name: str) -> Number | None:
    """The number a figure states: its value, else its cell's, else its ratio rounded.

    None when it cannot be worked out (blank cells, a denominator of 0).
    """
    figure = report.figures[name]
    if figure.value is not None:
        return figure.value
    if figure.cell is not None:
        return cell_number(report, figure.cell)
    if figure.ratio is not None:
        try:
            exact = ratio_of(report, figure)
        except ZeroDivisionError:
            return None
        return None if exact is None else rounded(exact, digits_of(figure))
    return None


def figure_text(report: Report, name: str) -> str:
    """A figure as the text shows it: "998条", "457余条", "33.9%"."""
    figure = report.figures[name]
    number = figure_number(report, name)
    if number is None:
        return NO_RATIO_TEXT if figure.ratio is not None else BLANK_TEXT
    return figure.text(number)


def cell_text(report: Report, path: str) -> str:
    """A ``{tables.…}`` placeholder as the text shows it: the cell's number, no unit."""
    number = cell_number(report, path)
    return BLANK_TEXT if number is None else number_text(number)


def _decimal(number: Number) -> Decimal:
    return number if isinstance(number, Decimal) else Decimal(repr(number))


def reference_problems(report: Report) -> Iterator[tuple[str, str]]:
    """``(location, message)`` for every figure's cell or ratio part that names nothing."""
    for name, figure in report.figures.items():
        place = f"figures.{shown(name)}"
        if figure.cell is not None:
            try:
                cell_places(report, figure.cell)
            except CellPathError as error:
                yield f"{place}.cell", str(error)
        for index, part in enumerate(figure.ratio or ()):
            if part in report.figures:
                if part == name or report.figures[part].ratio is not None:
                    yield (
                        f"{place}.ratio[{index}]",
                        f"“{shown(part)}”本身是比例，不能再作比例的一部分；请写统计表单元格或普通数字",
                    )
                continue
            if "." not in part:
                others = [n for n in report.figures if n != name]
                known = f"（{'、'.join(others)}）" if others else ""
                yield (
                    f"{place}.ratio[{index}]",
                    f"没有名为“{shown(part)}”的数字；可写 [figures] 中的名称{known}"
                    "或统计表单元格 表.行.列",
                )
                continue
            try:
                cell_places(report, part)
            except CellPathError as error:
                yield f"{place}.ratio[{index}]", str(error)
