"""An HTML ``<table>`` as a grid of printed texts, its ``rowspan``/``colspan`` laid out.

A merged cell's text stands in the first position it covers; the other positions hold ``""``.
Rows left wholly blank (Word's hidden sizing rows) and columns blank from top to bottom (left
by stray ``colspan``s) are dropped. One ``<table>`` that holds several statistical tables one
after the other (表二 then 表三) is cut where a row opens the next one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import html

from govreport.readers import DocumentError

MAX_SPAN = 1000
"""The widest ``colspan`` and tallest ``rowspan`` taken as written; larger ones are cut to it."""

Grid = list[list[str]]

_OPENERS = (
    ("表二", re.compile(r"第二十条第[（(]一[）)]项")),
    ("表三", re.compile(r"申请人情况|本列数据的勾稽关系")),
    ("表四", re.compile(r"行政复议.*行政诉讼|行政诉讼.*行政复议")),
)


def rows_of(table: html.HtmlElement) -> Iterator[html.HtmlElement]:
    """The table's own rows (in ``thead``/``tbody``/``tfoot`` or directly), not a nested table's."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if row.tag == "tr")


def _span(cell: html.HtmlElement, name: str) -> int:
    try:
        value = int(str(cell.get(name, "1")).strip() or "1")
    except ValueError:
        return 1
    return min(max(value, 1), MAX_SPAN)


def grid_of(
    table: html.HtmlElement, text_of: Callable[[html.HtmlElement], str], max_cells: int
) -> Grid:
    """The table's grid; :class:`DocumentError` when it would hold more than ``max_cells``."""
    rows = list(rows_of(table))
    placed: dict[tuple[int, int], str] = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in placed:
                c += 1
            rowspan = min(_span(cell, "rowspan"), len(rows) - r)
            colspan = _span(cell, "colspan")
            if len(placed) + rowspan * colspan > max_cells:
                raise DocumentError(f"网页中的表格过大（超过 {max_cells} 格），不像一份年度报告。")
            for dr in range(rowspan):
                for dc in range(colspan):
                    placed[(r + dr, c + dc)] = ""
            placed[(r, c)] = text_of(cell)
            c += colspan
            width = max(width, c)
    grid = [[placed.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    return trimmed(grid)


def trimmed(grid: Grid) -> Grid:
    """The grid without wholly blank rows and wholly blank columns."""
    grid = [row for row in grid if any(row)]
    if not grid:
        return grid
    keep = [c for c in range(len(grid[0])) if any(row[c] for row in grid)]
    return [[row[c] for c in keep] for row in grid]


def _opens(row: list[str]) -> str | None:
    joined = "".join(row).replace(" ", "")
    return next((name for name, pattern in _OPENERS if pattern.search(joined)), None)


def split(grid: Grid) -> list[tuple[int, int, Grid]]:
    """The grid cut where a row opens another statistical table: (first row, last row, part),
    the rows counted from 1."""
    starts = [0]
    current = _opens(grid[0]) if grid else None
    for r, row in enumerate(grid[1:], start=1):
        opened = _opens(row)
        if opened and opened != current:
            starts.append(r)
            current = opened
    bounds = zip(starts, [*starts[1:], len(grid)], strict=True)
    return [(start + 1, end, trimmed(grid[start:end])) for start, end in bounds]


def looks_statistical(grid: Grid) -> bool:
    """Whether the grid is one of a report's statistical tables (or several of them)."""
    text = "".join("".join(row) for row in grid).replace(" ", "")
    return any(pattern.search(text) for _, pattern in _OPENERS) or any(
        word in text for word in ("本年新收", "结转下年度", "本年制发件数", "处理决定数量")
    )
