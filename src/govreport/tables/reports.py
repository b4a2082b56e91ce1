"""The tables of a report: which format they follow, their values and the blocks they build."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Block, Heading, Paragraph, Run
from .spec import TableFormat
from .totals import TableValues

if TYPE_CHECKING:
    from ..model import Report
    from ..plugins import Registry

ATTACHMENTS_HEADING = "附：相关统计报表"
UNPUBLISHED_NOTE = "（本表数据未随报告公布。）"
"""Shown in place of a table the report lists in ``[tables] unpublished``."""


def table_formats(registry: Registry) -> dict[str, TableFormat]:
    """The table formats the loaded editions define, by name."""
    return {e.tables.name: e.tables for e in registry.editions.values() if e.tables is not None}


def table_values(report: Report, key: str, compute: bool | None = None) -> TableValues | None:
    """One table's values; totals computed as the report says unless ``compute`` is given.

    None when the report's format (resolved when it was loaded) has no such table.
    """
    table_format = report.table_format
    spec = table_format.table(key) if table_format is not None else None
    if spec is None:
        return None
    tables = report.tables
    entries = tables.cells.get(key) if tables is not None else None
    if compute is None:
        compute = tables.compute_totals if tables is not None else True
    return TableValues(spec, entries, compute)


def part_table(report: Report, key: str, titled: bool = False) -> list[Block]:
    """The table a part shows, under the part's heading (blank cells if not filled in).

    A table the report did not publish is a note instead, after its title when ``titled``
    (in the appendix, where no part heading names it).
    """
    from .layout import draw_table  # drawing is for builds only: ``check`` never loads it

    values = table_values(report, key)
    if values is None:
        return []
    if report.tables is not None and key in report.tables.unpublished:
        note = Paragraph((Run(UNPUBLISHED_NOTE),))
        return [Paragraph((Run(values.spec.title, bold=True),)), note] if titled else [note]
    return [draw_table(values.spec, values, values.spec.title)]


def attached_tables(report: Report) -> list[Block]:
    """Every table of the report's format, after the last part (附表)."""
    table_format = report.table_format
    if report.tables is None or table_format is None:
        return []
    blocks: list[Block] = [Heading(1, "", ATTACHMENTS_HEADING)]
    for spec in table_format.tables:
        blocks += part_table(report, spec.key, titled=True)
    return blocks
