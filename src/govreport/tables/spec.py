"""The shape of a statistical table, as data: its rows, columns, header and totals.

A table is a tree of rows and labelled groups of rows; every row has its columns. A row's key is
stable and unique in its table (``withheld.state_secret``); a cell is named ``table.row.column``
(``requests.withheld.state_secret.natural``). How a table is drawn — the national format's merged
headers and row labels — is described by ``layout``, ``head`` and ``corner``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from .._records import record
from .cells import CellKind


@record
class Column:
    """A column of cells; ``unit`` is the unit the header states (amount columns)."""

    key: str
    label: str
    kind: CellKind = CellKind.COUNT
    unit: str | None = None


@record
class Row:
    """A row of cells; ``short`` names it in findings when the label is long."""

    key: str
    label: str
    columns: tuple[Column, ...]
    short: str | None = None

    @property
    def name(self) -> str:
        return self.short or self.label

    def column(self, key: str) -> Column | None:
        for column in self.columns:  # a loop, not next(…): read for every cell of a report
            if column.key == key:
                return column
        return None


@record
class Group:
    """A labelled group of rows: （三）不予公开 over its eight rows, a 第二十条 block.

    The keys of the rows inside share a prefix when the group has keys of its own
    (``withheld.state_secret``); a report file may write them nested under it.
    """

    label: str
    children: tuple[Row | Group, ...]


@record
class ColumnHead:
    """A header cell: a label over further header cells, or over one column (``key``)."""

    label: str
    children: tuple[ColumnHead, ...] = ()
    key: str | None = None


@record
class ColumnTotal:
    """In every row that has it, ``column`` is the sum of ``parts`` (表三's 总计 column)."""

    column: str
    parts: tuple[str, ...]


@record
class RowTotal:
    """In every column, row ``row`` is the sum of rows ``parts`` (表三's （七）总计)."""

    row: str
    parts: tuple[str, ...]


Layout = Literal["blocks", "matrix", "single_row"]
"""``blocks``: groups each with a header row of their own (表二); ``matrix``: one header over
row labels in a hierarchy (表三); ``single_row``: one row of cells under the header (表四)."""


@record
class TableSpec:
    """One statistical table of a format."""

    key: str
    title: str
    layout: Layout
    children: tuple[Row | Group, ...]
    head: tuple[ColumnHead, ...] = ()
    corner: str = ""
    column_totals: tuple[ColumnTotal, ...] = ()
    row_totals: tuple[RowTotal, ...] = ()

    def rows(self) -> Iterator[Row]:
        """Every row, in order."""
        yield from rows_of(self.children)

    def row(self, key: str) -> Row | None:
        return _index(self)[0].get(key)

    def rows_under(self, prefix: str) -> list[Row]:
        """The rows of a keyed group: ``withheld`` → its eight rows."""
        return list(_index(self)[1].get(prefix, ()))


_INDEX: dict[int, tuple[TableSpec, dict[str, Row], dict[str, list[Row]]]] = {}
"""Each table's rows by key and by every prefix of their keys (``withheld`` for
``withheld.state_secret``), by the table's id: the table is kept, so its id stays its own."""


def _index(spec: TableSpec) -> tuple[dict[str, Row], dict[str, list[Row]]]:
    entry = _INDEX.get(id(spec))
    if entry is None or entry[0] is not spec:
        if len(_INDEX) >= 256:  # tables made on the fly: keep the index small
            _INDEX.clear()
        by_key: dict[str, Row] = {}
        by_prefix: dict[str, list[Row]] = {}
        for row in spec.rows():
            by_key.setdefault(row.key, row)
            parts = row.key.split(".")
            for end in range(1, len(parts)):
                by_prefix.setdefault(".".join(parts[:end]), []).append(row)
        entry = _INDEX[id(spec)] = (spec, by_key, by_prefix)
    return entry[1], entry[2]


def rows_of(nodes: tuple[Row | Group, ...]) -> Iterator[Row]:
    """The rows in a tree of rows and groups, in order."""
    for node in nodes:
        if isinstance(node, Row):
            yield node
        else:
            yield from rows_of(node.children)


@record
class TableFormat:
    """A set of tables an edition's reports fill in: the 2019 or 2021 national format."""

    name: str
    description: str
    tables: tuple[TableSpec, ...]
    first_year: int
    """The first report year the format is for."""
    last_year: int | None = None
    """The last report year the format is for; None while it is current."""

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def table(self, key: str) -> TableSpec | None:
        return next((table for table in self.tables if table.key == key), None)
