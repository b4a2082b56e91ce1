"""The Markdown renderer (built-in plugin): ``govreport build PATH --to md``.

Every piece of report text is escaped, so a ``*`` or ``|`` typed by an author shows as itself.
Tables become pipe tables; a merged header is flattened into one label per column
("法人或其他组织 / 商业企业"), and row labels in a hierarchy become one indented label column: a
label spanning several rows (（三）不予公开) gets a row of its own above them. Blank cells are
empty and not-applicable cells "/". A caption that repeats the heading just above is left out.
The sign-off (落款) lines follow the last block as paragraphs of their own, before the appendix.
A draft starts with a quoted line saying it is a draft (草稿).
"""

from __future__ import annotations

import re

from govreport.document import (
    DRAFT_NOTICE,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
    TableCell,
    place,
)
from govreport.hookspecs import hookimpl
from govreport.renderers import Renderer

_SPECIAL = re.compile(r"([\\`*_\[\]>|#~])")


def escape(text: str) -> str:
    """Escape Markdown syntax and fold line breaks into spaces.

    ``&`` and ``<`` become character references, which every Markdown reader honours; the other
    syntax characters get a backslash.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _SPECIAL.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))


_BLOCK_START = re.compile(r"^(?:[-+=]|\d+(?=[.)]))")
_LEADING_SPACE = re.compile(r"^[ \t]+")


def escape_start(markdown: str) -> str:
    """Keep a paragraph a paragraph: escape what would open a list, a rule or a code block.

    "- x", "+ x", "2019. x" and "---" get a backslash; leading spaces and tabs become character
    references, so four of them do not start a code block.
    """
    markdown = _LEADING_SPACE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), markdown)
    if markdown.startswith("&#"):
        return markdown
    match = _BLOCK_START.match(markdown)
    if match is None:
        return markdown
    end = match.end()
    if markdown[0].isdigit():
        return markdown[:end] + "\\" + markdown[end:]
    return "\\" + markdown


def _paragraph(paragraph: Paragraph) -> str:
    parts = [f"**{escape(run.text)}**" if run.bold else escape(run.text) for run in paragraph.runs]
    return escape_start("".join(parts))


_ALIGN = {"left": "---", "center": ":---:", "right": "---:"}

Slot = tuple[TableCell, bool] | None
"""A grid position: the cell covering it and whether the cell starts there."""


def _grid(rows: tuple[tuple[TableCell, ...], ...], width: int) -> list[list[Slot]]:
    return [
        [(p.cell, (p.row, p.column) == (r, c)) if p else None for c, p in enumerate(row)]
        for r, row in enumerate(place(rows, width))
    ]


def _label_width(grid: list[list[Slot]]) -> int:
    """How many leading columns hold row labels (header cells) in every data row."""
    widths = []
    for row in grid:
        if any(slot is not None and not slot[0].header for slot in row):
            count = 0
            while count < len(row) and row[count] is not None and row[count][0].header:
                count += 1
            widths.append(count)
    return min(widths, default=0)


def _text(cell: TableCell, bold: bool = False) -> str:
    text = escape(cell.text)
    if bold and text:
        text = f"**{text}**"
    return "　" * cell.indent + text


def _head_labels(table: Table, width: int, labels: int) -> tuple[list[str], list[list[str]]]:
    """Column labels from the head, and full-width head rows (block titles) to show as rows."""
    banners = [row for row in table.head if len(row) == 1 and row[0].colspan == width]
    head = tuple(row for row in table.head if row not in banners)
    grid = _grid(head, width)
    groups = ([range(labels)] if labels else []) + [range(c, c + 1) for c in range(labels, width)]
    names = []
    for columns in groups:
        texts: list[str] = []
        for row in grid:
            for column in columns:
                slot = row[column]
                if slot is not None and slot[0].text and slot[0].text not in texts:
                    texts.append(slot[0].text)
        names.append(" / ".join(escape(text) for text in texts))
    return names, [[_text(row[0], bold=True)] for row in banners]


def _body_rows(grid: list[list[Slot]], labels: int) -> list[list[str]]:
    """Pipe-table rows: a group label that spans rows gets a row of its own, indented."""
    lines: list[list[str]] = []
    for row in grid:
        all_header = all(slot is None or slot[0].header for slot in row)
        starts = [slot[0] for slot in row[:labels] if slot is not None and slot[1]]
        for group in starts[:-1]:
            lines.append([_text(group)])
        label = [_text(starts[-1], bold=all_header) if starts else ""] if labels else []
        data = [
            _text(slot[0], bold=all_header) if slot is not None and slot[1] else ""
            for slot in row[labels:]
        ]
        lines.append(label + data)
    return lines


def _table(table: Table, caption: bool) -> str:
    width = table.column_count
    grid = _grid(table.body, width)
    labels = _label_width(grid)
    names, banners = _head_labels(table, width, labels)
    count = len(names)
    lines = [f"**{escape(table.caption)}**", ""] if caption else []
    lines.append("| " + " | ".join(names) + " |")
    last = grid[-1] if grid else []
    aligns = (["left"] if labels else []) + [
        slot[0].align if slot is not None else "left" for slot in last[labels:]
    ]
    lines.append("|" + "|".join(_ALIGN[align] for align in aligns[:count]) + "|")
    for cells in banners + _body_rows(grid, labels):
        cells = cells + [""] * (count - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _block(block: Block, previous: Block | None) -> str:
    if isinstance(block, Heading):
        marks = "#" * (block.level + 1)
        return f"{marks} {escape(block.full_text)}"
    if isinstance(block, Table):
        named_above = isinstance(previous, Heading) and previous.text == block.caption
        return _table(block, caption=not named_above)
    return _paragraph(block)


def render(document: Document) -> str:
    """The whole document as Markdown text."""
    parts = [f"> **{escape(DRAFT_NOTICE)}**"] if document.meta.draft else []
    parts.append(f"# {escape(document.title)}")
    previous: Block | None = None
    for block in (*document.blocks, *document.signoff_paragraphs, *document.appendix):
        parts.append(_block(block, previous))
        previous = block
    return "\n\n".join(parts) + "\n"


@hookimpl
def govreport_renderers() -> list[Renderer]:
    return [Renderer("md", "md", render, "Markdown")]
