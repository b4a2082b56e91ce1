"""Drawing a table as the national format does: merged headers and row labels in a hierarchy.

- ``matrix`` (表三): the corner cell (3 columns × 3 header rows) holds the 勾稽关系 note;
  申请人情况 spans the seven data columns, 法人或其他组织 five of them; row labels take three
  columns — 三、本年度办理结果 spans its rows, （三）不予公开 its eight, and so on.
- ``blocks`` (表二): each 第二十条 block has a title row and a header row of its own; the first
  block's two rows are the table's head, the others are header rows inside the body.
- ``single_row`` (表四): 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉) over one row of cells.

Blank cells are empty, not-applicable cells "/", and an amount whose column header gives no unit
shows its unit ("251000元").
"""

from __future__ import annotations

from ..document import Table, TableCell
from ..numbering import number_text
from .cells import Amount, Cell, NotApplicable, numeric
from .spec import Column, ColumnHead, Group, Row, TableSpec, rows_of
from .totals import TableValues


def cell_text(cell: Cell | None, column: Column | None) -> str:
    """What a cell shows: "" when blank, "/" when not applicable, else its number."""
    if cell is None:
        return ""
    if isinstance(cell, NotApplicable):
        return "/"
    if isinstance(cell, Amount):
        unit = "" if column is not None and column.unit == cell.unit else cell.unit
        return number_text(cell.value) + unit
    return number_text(cell)


def _head(label: str, rowspan: int = 1, colspan: int = 1) -> TableCell:
    return TableCell(label, rowspan, colspan, header=True, align="center")


def _label(label: str, rowspan: int = 1, colspan: int = 1, indent: int = 0) -> TableCell:
    return TableCell(label, rowspan, colspan, header=True, indent=indent)


def _data(values: TableValues, row: Row, column_key: str, colspan: int = 1) -> TableCell:
    """A data cell: numbers right-aligned so their digits line up, "/" centred."""
    column = row.column(column_key)
    cell = values.cell(row.key, column_key) if column else None
    align = "right" if numeric(cell) is not None else "center"
    text = cell_text(cell, column) if column else ""
    name = f"{values.spec.key}.{row.key}.{column_key}" if column else ""
    return TableCell(text, colspan=colspan, align=align, name=name)


def _leaves(heads: tuple[ColumnHead, ...]) -> list[str]:
    keys: list[str] = []
    for head in heads:
        keys += _leaves(head.children) if head.children else [head.key or ""]
    return keys


def _depth(nodes: tuple[ColumnHead, ...] | tuple[Row | Group, ...]) -> int:
    deepest = 0
    for node in nodes:
        children = getattr(node, "children", ())
        deepest = max(deepest, 1 + (_depth(children) if children else 0))
    return deepest


def _head_rows(heads: tuple[ColumnHead, ...]) -> list[list[TableCell]]:
    depth = _depth(heads)
    rows: list[list[TableCell]] = [[] for _ in range(depth)]

    def place(nodes: tuple[ColumnHead, ...], level: int) -> None:
        for node in nodes:
            if node.children:
                rows[level].append(_head(node.label, colspan=len(_leaves(node.children))))
                place(node.children, level + 1)
            else:
                rows[level].append(_head(node.label, rowspan=depth - level))

    place(heads, 0)
    return rows


def _label_rows(nodes: tuple[Row | Group, ...], level: int, width: int) -> list[list[TableCell]]:
    """Per leaf row, the label cells that start in it (groups span their rows)."""
    rows: list[list[TableCell]] = []
    for node in nodes:
        if isinstance(node, Row):
            rows.append([_label(node.label, colspan=width - level, indent=level)])
        else:
            inner = _label_rows(node.children, level + 1, width)
            inner[0] = [_label(node.label, rowspan=len(inner), indent=level), *inner[0]]
            rows += inner
    return rows


def _matrix(spec: TableSpec, values: TableValues) -> tuple[list, list]:
    width = _depth(spec.children)
    head = _head_rows(spec.head)
    head[0].insert(0, _head(spec.corner, rowspan=len(head), colspan=width))
    keys = _leaves(spec.head)
    labels = _label_rows(spec.children, 0, width)
    body = [
        [*label, *(_data(values, row, key) for key in keys)]
        for label, row in zip(labels, spec.rows(), strict=True)
    ]
    return head, body


def _blocks(spec: TableSpec, values: TableValues) -> tuple[list, list]:
    width = 1 + max(len(row.columns) for row in spec.rows())
    rows: list[list[TableCell]] = []
    for block in spec.children:
        block_rows = list(rows_of((block,)))
        columns = block_rows[0].columns
        spans = [1] * (len(columns) - 1) + [width - len(columns)]
        title = block.label if isinstance(block, Group) else ""
        rows.append([_head(title, colspan=width)])
        heads = (_head(c.label, colspan=span) for c, span in zip(columns, spans, strict=True))
        rows.append([_head(spec.corner), *heads])
        for row in block_rows:
            cells = (
                _data(values, row, c.key, span) for c, span in zip(columns, spans, strict=True)
            )
            rows.append([_label(row.label), *cells])
    return rows[:2], rows[2:]


def _single_row(spec: TableSpec, values: TableValues) -> tuple[list, list]:
    cells = []
    for key in _leaves(spec.head):
        row_key, column_key = key.rsplit(".", 1)
        row = spec.row(row_key)
        cells.append(_data(values, row, column_key) if row else TableCell(""))
    return _head_rows(spec.head), [cells]


_LAYOUTS = {"matrix": _matrix, "blocks": _blocks, "single_row": _single_row}


def draw_table(spec: TableSpec, values: TableValues, caption: str) -> Table:
    """The document table for ``spec`` filled with ``values``."""
    head, body = _LAYOUTS[spec.layout](spec, values)
    return Table(
        key=spec.key,
        caption=caption,
        head=tuple(tuple(row) for row in head),
        body=tuple(tuple(row) for row in body),
    )
