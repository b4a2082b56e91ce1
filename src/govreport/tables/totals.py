"""A table's cells as the author entered them, with the totals the author left out computed.

A total is the sum of its parts; blank and "/" parts count as nothing, and a total whose parts are
all blank stays blank. A total the author gave is kept as given (the checks compare it with the
sum), so every figure is entered once and nothing typed is overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from .cells import Cell, numeric
from .spec import TableSpec

Entries = Mapping[str, Mapping[str, Cell]]
"""Row key → column key → cell, as the author entered them."""
_NO_CELLS: Mapping[str, Cell] = {}


class TableValues:
    """The cells of one table; ``compute`` fills in the totals the author left blank."""

    def __init__(self, spec: TableSpec, entries: Entries | None, compute: bool = True) -> None:
        self.spec = spec
        self.entries: Entries = entries or {}
        self.compute = compute
        self.cell = cache(self._cell)
        # The first total that names a column or row wins, as the format lists them.
        self._column_totals = {t.column: t for t in reversed(spec.column_totals)}
        self._row_totals = {t.row: t for t in reversed(spec.row_totals)}

    def entered(self, row: str, column: str) -> Cell | None:
        """The cell as the author wrote it; None when left blank."""
        return self.entries.get(row, _NO_CELLS).get(column)

    def is_computed(self, row: str, column: str) -> bool:
        """Whether the cell shows a total the author did not write."""
        return self.entered(row, column) is None and self.cell(row, column) is not None

    def _cell(self, row: str, column: str) -> Cell | None:
        """The cell as shown: entered, else (with ``compute``) the total of its parts."""
        given = self.entered(row, column)
        if given is not None or not self.compute:
            return given
        column_total = self._column_totals.get(column)
        if column_total is not None:
            return self.total([(row, part) for part in column_total.parts])
        row_total = self._row_totals.get(row)
        if row_total is not None:
            return self.total([(part, column) for part in row_total.parts])
        return None

    def number(self, row: str, column: str) -> int | float | None:
        """The number a cell shows; None when blank or "/"."""
        return numeric(self.cell(row, column))

    def total(self, places: list[tuple[str, str]]) -> int | float | None:
        """The sum of several cells as shown; None when all are blank or "/"."""
        cell = self.cell
        known = [n for n in (numeric(cell(row, column)) for row, column in places) if n is not None]
        return sum(known) if known else None
