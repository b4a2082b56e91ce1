"""The Markdown renderer (built-in plugin): ``govreport build PATH --to md``.

Every piece of report text is escaped, so a ``*`` or ``|`` typed by an author shows as itself.
Tables become pipe tables; a merged header is flattened into one label per column
("法人或其他组织 / 商业企业").
"""

from __future__ import annotations

import re

from ..document import Block, Document, Heading, Paragraph, Table, TableCell, header_grid
from ..hookspecs import hookimpl
from . import Renderer

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def escape(text: str) -> str:
    """Escape Markdown syntax characters and fold line breaks into spaces."""
    return _SPECIAL.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))


def _paragraph(paragraph: Paragraph) -> str:
    parts = [f"**{escape(run.text)}**" if run.bold else escape(run.text) for run in paragraph.runs]
    return "".join(parts)


def _cell_text(cell: TableCell) -> str:
    return "　" * cell.indent + escape(cell.text)


def _table(table: Table) -> str:
    grid = header_grid(table)
    labels = []
    for column in range(table.column_count):
        names: list[str] = []
        for row in grid:
            text = row[column].text
            if text and text not in names:
                names.append(text)
        labels.append(" / ".join(escape(name) for name in names))
    lines = [f"**{escape(table.caption)}**", ""]
    lines.append("| " + " | ".join(labels) + " |")
    aligns = [cell.align for cell in table.body[-1]] if table.body else []
    lines.append("|" + "|".join("---:" if a == "right" else "---" for a in aligns) + "|")
    for row in table.body:
        lines.append("| " + " | ".join(_cell_text(cell) for cell in row) + " |")
    return "\n".join(lines)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        marks = "#" * (block.level + 1)
        return f"{marks} {escape(block.full_text)}"
    if isinstance(block, Table):
        return _table(block)
    return _paragraph(block)


def render(document: Document) -> str:
    """The whole document as Markdown text."""
    parts = [f"# {escape(document.title)}"]
    parts += [_block(block) for block in document.blocks]
    return "\n\n".join(parts) + "\n"


@hookimpl
def govreport_renderers() -> list[Renderer]:
    return [Renderer("md", "md", render, "Markdown")]
