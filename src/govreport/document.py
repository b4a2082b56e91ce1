"""The document tree: what section kinds build and what renderers consume.

A renderer sees nothing but the document: its title, its blocks, its appendix and its
:class:`Meta` (who issues it, when, and the sign-off). Numbers, computed figures, totals and the
date of the sign-off are already resolved to text here, so every renderer shows the same words.
"""

from __future__ import annotations

import datetime
import re
from typing import Literal, NamedTuple

from ._records import record


@record
class Run:
    """A stretch of text with one emphasis."""

    text: str
    bold: bool = False


@record
class Heading:
    """A numbered heading: level 1 is 一、, level 2 is （一）."""

    level: int
    number: str
    text: str

    @property
    def full_text(self) -> str:
        return self.number + self.text


ParagraphRole = Literal["body", "signoff"]


@record
class Paragraph:
    """A paragraph of runs; ``signoff`` paragraphs (agency and date at the end) align right."""

    runs: tuple[Run, ...]
    role: ParagraphRole = "body"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


CellAlign = Literal["left", "center", "right"]


@record
class TableCell:
    """One cell; header cells may span rows and columns as the national format draws them."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    align: CellAlign = "left"
    indent: int = 0
    name: str = ""
    """A data cell's name as findings give it (``requests.new.natural``); empty for others."""


@record
class Table:
    """A table with header rows (merged cells allowed) and body rows.

    ``head`` and ``body`` hold only the cells that start in each row, as HTML does: a cell that a
    cell above spans over is not repeated.
    """

    key: str
    caption: str
    head: tuple[tuple[TableCell, ...], ...]
    body: tuple[tuple[TableCell, ...], ...]

    @property
    def column_count(self) -> int:
        return sum(cell.colspan for cell in self.head[0]) if self.head else len(self.body[0])


Block = Heading | Paragraph | Table


DRAFT_MARK = "草稿"
"""The mark every output of a draft carries (a header, a watermark)."""
DRAFT_NOTICE = "草稿：本报告尚未定稿，不得作为正式报告发布。"
"""The sentence that says so at the top of a draft."""


@record
class Meta:
    """What a document says about itself besides its text, as pandoc's ``Meta``."""

    agency: str
    """The issuing agency's name."""
    year: int
    """The year the report covers."""
    date: datetime.date | None = None
    """The date the report is signed (成文日期), when the report gives one."""
    lang: str = "zh-CN"
    signoff: tuple[str, ...] = ()
    """The sign-off (落款) lines after the last block: the agency's name, then the date if
    there is one. Empty when the blocks carry a sign-off of their own."""
    draft: bool = False
    """The report is a draft (``draft = true``): every output marks it as one (草稿), so it
    cannot be taken for the final report."""


@record
class Document:
    """A whole report, ready to render: everything any output shows is here."""

    title: str
    blocks: tuple[Block, ...]
    meta: Meta
    appendix: tuple[Block, ...] = ()
    """Attachments (附表) after the end of the report and its sign-off (落款)."""

    @property
    def signoff_paragraphs(self) -> tuple[Paragraph, ...]:
        """``meta.signoff`` as ``signoff`` paragraphs, to show after the blocks."""
        return tuple(Paragraph((Run(line),), role="signoff") for line in self.meta.signoff)


class Placed(NamedTuple):
    """A cell and the grid row and column where it starts."""

    row: int
    column: int
    cell: TableCell


_KEPT_WHOLE = re.compile(r"\d+(?:-\d+)+")
"""Digits joined by hyphens: a telephone number such as 0790-6441411."""


def whole_numbers(text: str) -> list[tuple[str, bool]]:
    """``text`` in pieces, each saying whether it must stay on one line.

    A telephone number (digits joined by hyphens, 0790-6441411) is one piece that a renderer keeps
    whole, so that a line never ends at its hyphen.
    """
    pieces, start = [], 0
    for match in _KEPT_WHOLE.finditer(text):
        if match.start() > start:
            pieces.append((text[start : match.start()], False))
        pieces.append((match.group(), True))
        start = match.end()
    if start < len(text):
        pieces.append((text[start:], False))
    return pieces


def place(rows: tuple[tuple[TableCell, ...], ...], width: int) -> list[list[Placed | None]]:
    """Lay rows of cells (each row holding only the cells that start in it) on a grid.

    Every position holds the cell covering it, with where that cell starts, so a merged cell
    appears in each position it spans; positions no cell covers hold None.
    """
    grid: list[list[Placed | None]] = [[None] * width for _ in rows]
    for row_index, row in enumerate(rows):
        column = 0
        for cell in row:
            while column < width and grid[row_index][column] is not None:
                column += 1
            start = Placed(row_index, column, cell)
            for r in range(row_index, min(row_index + cell.rowspan, len(rows))):
                for c in range(column, min(column + cell.colspan, width)):
                    grid[r][c] = start
            column += cell.colspan
    return grid


def header_grid(table: Table) -> list[list[TableCell]]:
    """The header rows as a full grid: a merged cell appears in every position it covers."""
    grid = place(table.head, table.column_count)
    return [[slot.cell if slot else TableCell("") for slot in row] for row in grid]
