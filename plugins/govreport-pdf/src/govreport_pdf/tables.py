"""Tables found on the pages, as grids of printed texts, joined across page breaks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from govreport.readers import SourceTable

from .lines import NUMBERED, Char, join_lines, lines_of

T = TypeVar("T")

COLUMN_TOLERANCE = 0.03
"""How far apart (as a share of the table's width) two column edges may be and still be one."""

WIDTH_TOLERANCE = 0.05
"""How much a table's width may differ from the part on the page before to continue it."""

HEADER_ROWS = 3
"""How many of a table's first rows a continuation may repeat (and have dropped)."""


@dataclass
class PageTable:
    """A table as found on one page or, once continued, on several."""

    rows: list[list[str]]
    spans: list[list[int]]
    """How many rows the cell that starts at each position covers (0 where none starts)."""
    edges: list[float]
    """The left edge of each column, as a share of the table's width from its left side."""
    x0: float
    x1: float
    top: float
    first_page: int
    last_page: int

    @property
    def origin(self) -> str:
        if self.first_page == self.last_page:
            return f"第{self.first_page}页"
        return f"第{self.first_page}–{self.last_page}页"

    def source(self) -> SourceTable:
        return SourceTable(tuple(tuple(row) for row in self.rows), self.origin)


def cell_text(bbox: Sequence[float], chars: Sequence[Char]) -> str:
    """The text printed inside a cell, its lines joined."""
    x0, top, x1, bottom = bbox
    inside = [
        c
        for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]
    return join_lines(line.text for line in lines_of(inside))


def page_table(table: Any, chars: Sequence[Char], page: int) -> PageTable | None:
    """A pdfplumber table as a grid, or None when it is a frame around text (one column)."""
    rows = [row.cells for row in table.rows]
    width = max((len(cells) for cells in rows), default=0)
    if width < 2 or len(rows) < 2:
        return None
    x0, top, x1, _ = table.bbox
    span = (x1 - x0) or 1.0
    edges = []
    for column in range(width):
        lefts = [cells[column][0] for cells in rows if column < len(cells) and cells[column]]
        edges.append(((min(lefts) if lefts else x0) - x0) / span)
    grid = [
        [cell_text(cell, chars) if cell else "" for cell in cells] + [""] * (width - len(cells))
        for cells in rows
    ]
    tops = [min(cell[1] for cell in cells if cell) for cells in rows]
    spans = [
        [sum(1 for t in tops if cell and cell[1] - 1 <= t < cell[3] - 1) for cell in cells]
        + [0] * (width - len(cells))
        for cells in rows
    ]
    return PageTable(grid, spans, edges, x0, x1, top, page, page)


def _columns(edges: Sequence[float], merged: Sequence[float]) -> list[int] | None:
    """Where each column of a table falls among merged edges; None when two fall together."""
    places = [min(range(len(merged)), key=lambda i, e=e: abs(merged[i] - e)) for e in edges]
    if len(set(places)) != len(places):
        return None
    return places


def _merged_edges(first: Sequence[float], second: Sequence[float]) -> list[float]:
    merged: list[float] = []
    for edge in sorted([*first, *second]):
        if merged and edge - merged[-1] <= COLUMN_TOLERANCE:
            continue
        merged.append(edge)
    return merged


def continue_table(before: PageTable, after: PageTable) -> bool:
    """Join ``after`` (first on its page) to ``before`` (last on the page before) when it is the
    same table going on: as wide, its columns where the earlier part has them. A header row the
    continuation repeats is dropped. Returns whether they were joined."""
    width_before, width_after = before.x1 - before.x0, after.x1 - after.x0
    if abs(width_before - width_after) > WIDTH_TOLERANCE * max(width_before, width_after):
        return False
    merged = _merged_edges(before.edges, after.edges)
    old, new = _columns(before.edges, merged), _columns(after.edges, merged)
    if old is None or new is None:
        return False
    rows, spans = after.rows, after.spans
    while rows and any(rows[0]) and rows[0] in before.rows[:HEADER_ROWS]:
        rows, spans = rows[1:], spans[1:]
    width = len(merged)
    before.rows = [_spread(row, old, width, "") for row in before.rows]
    before.spans = [_spread(row, old, width, 0) for row in before.spans]
    rows = [_spread(row, new, width, "") for row in rows]
    spans = [_spread(row, new, width, 0) for row in spans]
    _join_split_cells(before, rows, spans)
    before.rows += rows
    before.spans += spans
    before.edges = merged
    before.last_page = after.last_page
    return True


def _spread(row: Sequence[T], places: Sequence[int], width: int, filler: T) -> list[T]:
    spread = [filler] * width
    for value, place in zip(row, places, strict=True):
        spread[place] = value
    return spread


def _join_split_cells(before: PageTable, rows: list[list[str]], spans: list[list[int]]) -> None:
    """Put back together a merged cell the page break cut in two ("（四）无" / "法提供").

    The part at the top of the new page is the rest of the cell that reaches the bottom of the
    page before when either part covers more than one row and the new part does not open a
    numbered item of its own.
    """
    if not rows or not before.rows:
        return
    last = len(before.rows) - 1
    for column, text in enumerate(rows[0]):
        if not text or NUMBERED.match(text):
            continue
        owners = [r for r in range(last + 1) if r + before.spans[r][column] - 1 == last]
        if not owners or not before.rows[owners[0]][column]:
            continue
        owner = owners[0]
        if owner < last or spans[0][column] > 1:
            before.rows[owner][column] += text
            rows[0][column] = ""
