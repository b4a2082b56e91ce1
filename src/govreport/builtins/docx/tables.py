"""Tables in the official layout, written as table XML directly (fast for large tables).

Merged cells follow the block exactly: ``colspan`` becomes ``w:gridSpan``, ``rowspan`` a
``w:vMerge`` that restarts in the cell's first row and continues below. Header rows repeat on
every page a table crosses (``w:tblHeader``), no row splits across pages, cells are centred
vertically, and label columns get the width their text needs before number columns share the rest.
"""

from __future__ import annotations

import itertools
import re

from govreport import record
from govreport.document import Table, TableCell, place

from .ooxml import paragraph, run, tag, text_width, twips
from .styles import TABLE_HEADING, TABLE_TEXT

CELL_MARGIN_PT = 2.0
"""Space left and right of a cell's text."""
ROW_HEIGHT_LINES = 1.9
"""Rows are at least this many lines of table text high."""
MIN_LABEL_EMS = 3.0
"""A label column is never narrower than three characters: "（三）" stays on one line."""
MIN_NUMBER_EMS = 2.5
COMFORTABLE_NUMBER_EMS = 4.0
"""Number columns grow to this first when there is room, so headings wrap less."""
_NUMBER = re.compile(r"[-+]?[\d,]*\.?\d*%?|/")


@record
class Slot:
    """A cell's place in one grid row: where it starts, and whether it continues one above."""

    column: int
    cell: TableCell
    continues: bool


def layout(rows: tuple[tuple[TableCell, ...], ...], width: int) -> list[list[Slot]]:
    """Place the cells of rows (only those starting in each row) on a grid ``width`` wide.

    A cell spanning rows also gets a continuing slot in each row below it, within ``rows``.
    """
    return [
        [
            Slot(c, p.cell, continues=p.row != r)
            for c, p in enumerate(row)
            if p is not None and p.column == c
        ]
        for r, row in enumerate(place(rows, width))
    ]


def _is_number_column(body: list[list[Slot]], column: int) -> bool:
    """Whether every one-column cell starting in ``column`` holds a number, "/" or nothing."""
    return all(
        _NUMBER.fullmatch(slot.cell.text.strip())
        for row in body
        for slot in row
        if slot.column == column and slot.cell.colspan == 1 and not slot.continues
    )


def column_widths(
    body: list[list[Slot]], width: int, total_pt: float, size_pt: float
) -> list[float]:
    """The widths in points of ``width`` columns, adding up to ``total_pt``.

    Label columns ask for their longest one-column label (a label spanning rows may take two
    lines); number columns for their longest number. Spare room goes to number columns up to a
    comfortable width, then to all in proportion; when room is short, labels wrap first.
    """
    numbers = [_is_number_column(body, column) for column in range(width)]
    needs = [MIN_NUMBER_EMS if number else MIN_LABEL_EMS for number in numbers]
    for row in body:
        for slot in row:
            cell = slot.cell
            if slot.continues or cell.colspan != 1:
                continue
            lines = 2 if cell.rowspan > 1 else 1
            ems = (cell.indent + text_width(cell.text, narrow=0.6)) / lines + 0.5
            needs[slot.column] = max(needs[slot.column], ems)
    margin = 2 * CELL_MARGIN_PT
    widths = [need * size_pt + margin for need in needs]
    spare = total_pt - sum(widths)
    number_columns = [column for column in range(width) if numbers[column]]
    if spare > 0 and number_columns:
        comfortable = COMFORTABLE_NUMBER_EMS * size_pt + margin
        lacking = [max(comfortable - widths[c], 0) for c in number_columns]
        grant = min(1.0, spare / sum(lacking)) if sum(lacking) else 0.0
        for column, lack in zip(number_columns, lacking, strict=True):
            widths[column] += lack * grant
    elif spare < 0:
        labels = [column for column in range(width) if not numbers[column]]
        floor = MIN_LABEL_EMS * size_pt + margin
        shrinkable = sum(max(widths[c] - floor, 0) for c in labels)
        cut = min(1.0, -spare / shrinkable) if shrinkable else 0.0
        for column in labels:
            widths[column] -= max(widths[column] - floor, 0) * cut
    scale = total_pt / sum(widths)
    return [w * scale for w in widths]


def _cell(slot: Slot, widths: list[int], header: bool, size_pt: float) -> str:
    cell = slot.cell
    span = cell.colspan
    properties = tag("tcW", w=sum(widths[slot.column : slot.column + span]), type="dxa")
    if span > 1:
        properties += tag("gridSpan", val=span)
    if slot.continues:
        properties += tag("vMerge")
    elif cell.rowspan > 1:
        properties += tag("vMerge", val="restart")
    properties += tag("vAlign", val="center")
    if slot.continues:
        content = paragraph(TABLE_TEXT, "")
    elif header or cell.header:
        content = paragraph(TABLE_HEADING, run(cell.text))
    else:
        indent = tag("ind", left=twips(cell.indent * size_pt)) if cell.indent else ""
        content = paragraph(TABLE_TEXT, run(cell.text), indent + tag("jc", val=cell.align))
    return tag("tc", tag("tcPr", properties) + content)


def _rows(rows: list[list[Slot]], widths: list[int], header: bool, size_pt: float) -> str:
    row_properties = tag("cantSplit") + tag(
        "trHeight", val=twips(ROW_HEIGHT_LINES * size_pt), hRule="atLeast"
    )
    if header:
        row_properties += tag("tblHeader")
    parts = []
    for slots in rows:
        cells = [_cell(slot, widths, header, size_pt) for slot in slots]
        covered = sum(slot.cell.colspan for slot in slots)
        if covered < len(widths):
            filler = Slot(covered, TableCell("", colspan=len(widths) - covered), False)
            cells.append(_cell(filler, widths, header, size_pt))
        parts.append(tag("tr", tag("trPr", row_properties) + "".join(cells)))
    return "".join(parts)


def _in_twips(widths: list[float]) -> list[int]:
    """Widths in whole twips that add up to the rounded total."""
    edges = [0]
    for width in widths:
        edges.append(edges[-1] + width)
    return [twips(right) - twips(left) for left, right in itertools.pairwise(edges)]


_BORDERS = tag(
    "tblBorders",
    "".join(
        tag(side, val="single", sz=4, space=0, color="000000")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    ),
)


def table_xml(table: Table, total_pt: float, size_pt: float) -> str:
    """The ``w:tbl`` for a table block, ``total_pt`` wide."""
    width = table.column_count
    head = layout(table.head, width)
    body = layout(table.body, width)
    widths = _in_twips(column_widths(body, width, total_pt, size_pt))
    margin = twips(CELL_MARGIN_PT)
    properties = tag(
        "tblPr",
        tag("tblW", w=sum(widths), type="dxa")
        + tag("jc", val="center")
        + _BORDERS
        + tag("tblLayout", type="fixed")
        + tag("tblCellMar", tag("left", w=margin, type="dxa") + tag("right", w=margin, type="dxa"))
        + tag("tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=1, lastColumn=0),
    )
    grid = tag("tblGrid", "".join(tag("gridCol", w=w) for w in widths))
    return tag(
        "tbl",
        properties
        + grid
        + _rows(head, widths, True, size_pt)
        + _rows(body, widths, False, size_pt),
    )
