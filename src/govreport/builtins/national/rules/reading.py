"""What the national rules read from a report: its prose with places, and table cells by name."""

from __future__ import annotations

from collections.abc import Iterator

from govreport import memoized
from govreport.editions import Edition
from govreport.model import Report, Section, nodes, walk
from govreport.numbering import number_text
from govreport.placeholders import fill, placeholder_values
from govreport.tables.reports import table_values
from govreport.tables.spec import TableSpec
from govreport.tables.totals import TableValues

Place = tuple[str, str]
"""A cell of one table: (row key, column key)."""


def prose(report: Report, sections: tuple[Section, ...] | None = None) -> Iterator[tuple[str, str]]:
    """``(path, text)`` for every piece of prose, placeholders filled in.

    ``sections`` limits it to those sections (paths keep their place in the report).
    """
    if sections is None:
        yield from memoized("prose", report, lambda: list(_prose(report, None)))
    else:
        yield from _prose(report, sections)


def _prose(report: Report, sections: tuple[Section, ...] | None) -> Iterator[tuple[str, str]]:
    values = placeholder_values(report)
    if sections is None:  # the report's own walk, shared with find() and the loader
        every = nodes(report)
        pieces = [node for node in every if node[0].startswith("introduction[")]
        pieces += [node for node in every if node[0].startswith("sections[")]
    else:
        pieces = []
        for index, section in enumerate(report.sections):
            if section in sections:
                pieces += walk(section, f"sections[{index}]")
    for path, value in pieces:
        if isinstance(value, str) and not path.endswith((".separator", ".part", ".kind")):
            yield path, fill(value, values)


def full_text(report: Report, sections: tuple[Section, ...] | None = None) -> str:
    return "\n".join(text for _, text in prose(report, sections))


def values(report: Report, key: str) -> TableValues | None:
    """A table with every total it can have (computed where the author left it blank)."""
    return memoized(f"values.{key}", report, lambda: table_values(report, key, compute=True))


def edition_of(report: Report) -> Edition:
    """The edition the report follows, as the loader resolved it."""
    edition = report.edition_spec
    if edition is None:
        raise ValueError(f"report of edition {report.edition!r} was not loaded")
    return edition


def cell_key(spec: TableSpec, row: str, column: str) -> str:
    """The stable name of a cell: ``requests.new.natural``."""
    return f"{spec.key}.{row}.{column}"


def shown(number: int | float | None) -> str:
    """A number for a message; a blank cell is "空白"."""
    return "空白" if number is None else number_text(number)


def related(table: TableValues, places: list[Place]) -> list[int | float] | None:
    """The numbers of cells checked together: None if all are blank, else blanks count as 0."""
    numbers = [table.number(row, column) for row, column in places]
    if all(number is None for number in numbers):
        return None
    return [0 if number is None else number for number in numbers]


def rows_named(spec: TableSpec, name: str) -> list[str]:
    """A row key, or the keys of the rows in the group of that name."""
    if spec.row(name) is not None:
        return [name]
    return [row.key for row in spec.rows_under(name)]


def table_name(spec: TableSpec) -> str:
    return f"“{spec.title}”表"
