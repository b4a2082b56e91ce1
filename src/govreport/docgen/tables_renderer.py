"""A renderer that prints a report's statistical tables as plain text: ``--to tables``."""

from __future__ import annotations

from govreport import Document, Renderer, Table, hookimpl


def table_lines(table: Table) -> list[str]:
    """The caption, then one line per row: the cells that start in it, indented as shown."""
    lines = [table.caption]
    for row in (*table.head, *table.body):
        lines.append(" | ".join("  " * cell.indent + cell.text for cell in row))
    return lines


def render_tables(document: Document) -> str:
    lines = [document.title]
    for block in (*document.blocks, *document.appendix):
        if isinstance(block, Table):
            lines += ["", *table_lines(block)]
    return "\n".join(lines) + "\n"


@hookimpl
def govreport_renderers() -> list[Renderer]:
    return [
        Renderer("tables", "tables.txt", render_tables, "统计表 the statistical tables as text")
    ]
