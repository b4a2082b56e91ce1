"""From a published document to a report file: the mapping every reader shares.

A reader (:mod:`govreport.readers`) gives the paragraphs and tables as printed; this package
works out what they are — the agency and year from the title, the edition from the headings and
the tables' shape, which part each heading opens, which official row and column each printed
label is, which figures the text states — and writes the report file's data. What it is unsure
of becomes a :class:`Note` (a comment in the written file); what was printed but does not fit the
format is kept as a deviation under ``[source]``, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..tables.reports import table_formats
from .results import Imported, Note

__all__ = ["Imported", "Note", "to_report_data"]

if TYPE_CHECKING:
    from ..plugins import Registry
    from ..readers import SourceDocument
    from ..tables.spec import TableFormat


def to_report_data(
    document: SourceDocument, registry: Registry, *, file_name: str, sha256: str, reader: str
) -> Imported:
    """The report file's data for a document: its tables and text mapped, and ``[source]``
    saying which file it came from, where each table was found and what did not fit."""
    # Loaded when a document is mapped: importing Note needs neither the loader nor the build.
    from ..readers import SourceParagraph
    from .tables import read_tables
    from .text import agency_and_year, find_title, read_text

    paragraphs = [block for block in document.blocks if isinstance(block, SourceParagraph)]
    title, _ = find_title(paragraphs, document.title)
    year = agency_and_year(title)[1] if title else None
    found = read_tables(document, registry, year)
    formats = table_formats(registry)
    table_format = formats.get(found.format) if found.format is not None else None
    text = read_text(
        document,
        registry,
        used=frozenset(found.used),
        table_format=found.format,
        holds=cells_held(found.tables, table_format),
    )
    data = dict(text.data)
    if found.tables:
        data["tables"] = found.tables
    source: dict[str, Any] = {"file": file_name, "sha256": sha256, "reader": reader}
    if found.origins:
        source["tables"] = dict(found.origins)
    deviations = [*map(_table_of, found.deviations), *text.deviations]
    if deviations:
        source["deviations"] = deviations
    data["source"] = source
    return Imported(data, (*found.notes, *text.notes))


def cells_held(
    tables: Mapping[str, Any], table_format: TableFormat | None
) -> Callable[[str], bool]:
    """Whether the tables found hold a cell ``table.row.column`` (the row may be a group):
    printed, in the format, not listed as unpublished."""
    unpublished = tables.get("unpublished", ()) if tables else ()

    def holds(cell: str) -> bool:
        table, row_key, column = cell.split(".")
        spec = table_format.table(table) if table_format is not None else None
        if spec is None or table not in tables or table in unpublished:
            return False
        named = spec.row(row_key)
        rows = [named] if named is not None else spec.rows_under(row_key)
        return bool(rows) and all(row.column(column) is not None for row in rows)

    return holds


def _table_of(deviation: Any) -> dict[str, Any]:
    """A deviation as the ``[[source.deviations]]`` table: a mapping already, or a record."""
    return dict(deviation) if isinstance(deviation, Mapping) else attrs.asdict(deviation)
