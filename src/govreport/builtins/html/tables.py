"""Laying out a table for HTML: header scopes and the ``headers`` attribute of every data cell.

The national tables have headers three rows deep and row labels three columns wide, so each data
cell names its headers (``headers="…"``) instead of leaving them to ``scope`` alone. A body row
made only of header cells (表二's 第二十条第（五）项 block and its column labels) heads the columns
of the rows below it, in place of the table's ``<thead>``.
"""

from __future__ import annotations

from govreport import record
from govreport.document import Placed, Table, TableCell, place

MAX_INDENT = 4
"""Deeper indents are drawn as this one: the stylesheet has a class for each level up to it."""
MAX_LABELS = 3
"""Row labels up to this many columns wide stay in view on a phone (表三's are three wide)."""


@record
class CellView:
    """One cell as the template writes it."""

    tag: str
    text: str
    rowspan: int = 1
    colspan: int = 1
    scope: str | None = None
    id: str | None = None
    headers: str | None = None
    classes: str | None = None
    cell: str | None = None
    """A data cell's name (``data-cell``), by which findings and the live preview find it."""


@record
class TableView:
    """A table as the template writes it; ``id`` is unique within the page.

    ``caption`` is None when the heading just above says the same: that heading names the table.
    """

    id: str
    caption: str | None
    head: tuple[tuple[CellView, ...], ...]
    body: tuple[tuple[CellView, ...], ...]
    width: int = 0
    labels: int = 0
    """How many columns of row labels stay in view while the numbers scroll (0: none)."""

    @property
    def title_id(self) -> str:
        """The id of what names the table: its caption, or the heading that stands for it."""
        return f"{self.id}-caption"


Grid = list[list[Placed | None]]


def _place(rows: tuple[tuple[TableCell, ...], ...], width: int) -> tuple[list[list[Placed]], Grid]:
    """Where each cell starts, row by row, and a grid of which cell covers each position."""
    grid = place(rows, width)
    starts = [
        [p for c, p in enumerate(row) if p is not None and (p.row, p.column) == (r, c)]
        for r, row in enumerate(grid)
    ]
    return starts, grid


def _is_header(cell: TableCell) -> bool:
    """A header cell that says something; a blank corner is written as an empty data cell."""
    return cell.header and bool(cell.text.strip())


def _classes(cell: TableCell, *extra: str) -> str | None:
    names = list(extra)
    if cell.header and not _is_header(cell):
        names.append("gr-corner")
    if cell.align != "left":
        names.append(f"gr-{cell.align}")
    if cell.indent > 0:
        names.append(f"gr-i{min(cell.indent, MAX_INDENT)}")
    return " ".join(names) or None


class _Layout:
    """One table's cells placed on grids, with the ids of its header cells."""

    def __init__(self, table: Table, table_id: str) -> None:
        self.width = table.column_count
        self.id = table_id
        self.head, self.head_grid = _place(table.head, self.width)
        self.body, self.body_grid = _place(table.body, self.width)
        self.labels = self._label_columns()

    def _label_columns(self) -> int:
        """How many columns the row labels take: where the first number of a row starts."""
        starts = [
            min(c for _, c, cell in row if not cell.header)
            for row in self.body
            if row and not all(cell.header for _, _, cell in row)
        ]
        labels = min(starts, default=0)
        return labels if labels <= MAX_LABELS and labels < self.width else 0

    def label_classes(self, placed: Placed) -> tuple[str, ...]:
        """The classes that keep a cell of the label columns in view on a phone: ``gr-at<n>``
        says the column it starts in, ``gr-edge`` that it ends the labels."""
        _, column, cell = placed
        end = column + cell.colspan
        if end > self.labels:
            return ()
        edge = ("gr-edge",) if end == self.labels else ()
        return ("gr-sticky", f"gr-at{column}", *edge)

    def header_id(self, part: str, placed: Placed | None) -> str | None:
        """The id of the header cell covering a grid position (``part`` "h" or "b"), if any."""
        if placed is None or not _is_header(placed[2]):
            return None
        return f"{self.id}-{part}-{placed[0]}-{placed[1]}"

    def header(self, part: str, placed: Placed, scope: str, *extra: str) -> CellView:
        cell = placed[2]
        cell_id = self.header_id(part, placed)
        sticky = self.label_classes(placed)
        if cell_id is None:
            classes = _classes(cell, *sticky)
            return CellView("td", cell.text, cell.rowspan, cell.colspan, classes=classes)
        classes = _classes(cell, *extra, *sticky)
        return CellView("th", cell.text, cell.rowspan, cell.colspan, scope, cell_id, None, classes)

    def data(self, placed: Placed, column_heads: list[tuple[str, list[Placed | None]]]) -> CellView:
        """A data cell naming the column headers above it, then the row headers left of it."""
        r, c, cell = placed
        columns = range(c, min(c + cell.colspan, self.width))
        rows = range(r, min(r + cell.rowspan, len(self.body_grid)))
        ids = [self.header_id(part, line[k]) for k in columns for part, line in column_heads]
        ids += [self.header_id("b", self.body_grid[i][k]) for i in rows for k in range(c)]
        headers = " ".join(dict.fromkeys(i for i in ids if i)) or None
        return CellView(
            "td",
            cell.text,
            cell.rowspan,
            cell.colspan,
            headers=headers,
            classes=_classes(cell),
            cell=cell.name or None,
        )


def _column_scope(cell: TableCell) -> str:
    return "colgroup" if cell.colspan > 1 else "col"


def table_view(table: Table, number: int) -> TableView:
    """The layout of the ``number``-th table of a page."""
    layout = _Layout(table, f"gr-table-{number}")
    head = tuple(
        tuple(layout.header("h", placed, _column_scope(placed[2])) for placed in row)
        for row in layout.head
    )
    column_heads = [("h", line) for line in layout.head_grid]
    body, in_heading_run = [], False
    for row, line in zip(layout.body, layout.body_grid, strict=True):
        if row and all(cell.header for _, _, cell in row):
            if not in_heading_run:
                column_heads = []
            column_heads.append(("b", line))
            in_heading_run = True
            body.append(
                tuple(layout.header("b", p, _column_scope(p[2]), "gr-subhead") for p in row)
            )
            continue
        in_heading_run = False
        views = [
            layout.header("b", placed, "rowgroup" if placed[2].rowspan > 1 else "row")
            if placed[2].header
            else layout.data(placed, column_heads)
            for placed in row
        ]
        body.append(tuple(views))
    return TableView(layout.id, table.caption, head, tuple(body), layout.width, layout.labels)
