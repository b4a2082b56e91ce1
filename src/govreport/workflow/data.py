"""A report as plain data: the keys and values of its report file.

The one shape that ``export`` writes as JSON and ``new`` and ``aggregate`` write as TOML, so each
loads back to the same report. A key whose value is its default is left out, as an author would
leave it out; a paragraph that is only text is a plain string. Table rows are nested by their
group (``withheld.state_secret`` → ``{"withheld": {"state_secret": …}}``), as TOML reads dotted
keys, in the order of the format.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..model import Report, Tables, authored_fields
from ..plugins import Registry
from ..sections import SectionKind
from ..tables.cells import Amount, Cell, NotApplicable
from ..tables.spec import TableFormat, TableSpec
from ..tables.totals import TableValues

CellData = int | float | str | dict[str, Any] | None
"""A cell as data: a number, ``"/"``, ``{"value": …, "unit": …}`` for an amount, None when blank."""

NOT_APPLICABLE = "/"
PARAGRAPH = "paragraph"


def cell_data(cell: Cell | None) -> CellData:
    """A cell as the report file writes it; None for a blank cell."""
    if isinstance(cell, NotApplicable):
        return NOT_APPLICABLE
    if isinstance(cell, Amount):
        return {"value": cell.value, "unit": cell.unit}
    return cell


def _default(field: attrs.Attribute) -> Any:
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return default.factory()
    return default


def _plain(value: Any, table_format: TableFormat | None, kinds: dict[type, SectionKind]) -> Any:
    if isinstance(value, Tables) and table_format is not None:
        return tables_data(value, table_format)
    if attrs.has(type(value)):
        fields = {
            field.name: _plain(getattr(value, field.name), table_format, kinds)
            for field in authored_fields(type(value))
            if getattr(value, field.name) != _default(field)
        }
        kind = kinds.get(type(value))
        if kind is None:
            return fields
        if kind.name == PARAGRAPH and set(fields) <= {"text"}:
            return fields.get("text", "")
        return {"kind": kind.name, **fields}
    if isinstance(value, (tuple, list)):
        return [_plain(item, table_format, kinds) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item, table_format, kinds) for key, item in value.items()}
    return value


def report_data(report: Report, registry: Registry) -> dict[str, Any]:
    """The report's data with the keys of its report file (dates stay ``datetime.date``).

    ``registry`` names the section kinds of its content; its tables follow the format the
    loader resolved.
    """
    kinds = {kind.data_type: kind for kind in registry.section_kinds.values()}
    return _plain(report, report.table_format, kinds)


def _nested(rows: dict[str, Any], key: str, value: Any) -> None:
    *groups, last = key.split(".")
    for group in groups:
        rows = rows.setdefault(group, {})
    rows[last] = value


def table_rows(spec: TableSpec, entries: dict[str, dict[str, Cell]]) -> dict[str, Any]:
    """One table's rows as data, nested by group, in the order of the format."""
    rows: dict[str, Any] = {}
    for row in spec.rows():
        if row.key in entries:
            cells = entries[row.key]
            data = {c.key: cell_data(cells[c.key]) for c in row.columns if c.key in cells}
            _nested(rows, row.key, data)
    return rows


def tables_data(tables: Tables, table_format: TableFormat) -> dict[str, Any]:
    """``[tables]`` as data: its format, ``compute_totals`` when false, the tables it did not
    publish, and every table's rows."""
    data: dict[str, Any] = {"format": tables.format}
    if not tables.compute_totals:
        data["compute_totals"] = False
    if tables.unpublished:
        data["unpublished"] = list(tables.unpublished)
    for spec in table_format.tables:
        if spec.key in tables.cells:
            data[spec.key] = table_rows(spec, tables.cells[spec.key])
    return data


def shown_cells(report: Report, compute: bool | None = None) -> dict[str, CellData]:
    """Every cell of the report's table format by its stable key (``requests.new.natural``).

    The cells as the built report shows them: entered figures, and totals computed where the
    author left them blank (unless ``compute_totals = false``; ``compute`` overrides it).
    Blank cells are None. Empty when the report has no table format.
    """
    table_format = report.table_format
    if table_format is None:
        return {}
    tables = report.tables
    if compute is None:
        compute = tables.compute_totals if tables is not None else True
    cells: dict[str, CellData] = {}
    for spec in table_format.tables:
        entries = tables.cells.get(spec.key) if tables is not None else None
        values = TableValues(spec, entries, compute)
        for row in spec.rows():
            for column in row.columns:
                key = f"{spec.key}.{row.key}.{column.key}"
                cells[key] = cell_data(values.cell(row.key, column.key))
    return cells
