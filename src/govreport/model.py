"""The report as data: agency metadata, the edition it follows, key figures and its sections.

Every class is a frozen attrs class; the loader structures a report file into them with cattrs.
The content of a section is a sequence of *section kind* objects (paragraphs, numbered items,
plugin-defined data such as a commerce bureau's project pre-review), each an attrs instance of the
class its kind registered.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import attrs

from .validators import non_negative_number, not_blank, report_year


@attrs.frozen
class LocalRegulation:
    """A local regulation the report cites beside the national 条例, with its short name."""

    name: str = attrs.field(validator=not_blank)
    short: str = attrs.field(default="规定", validator=not_blank)


@attrs.frozen
class Agency:
    """Who publishes the report and how readers reach them."""

    name: str = attrs.field(validator=not_blank)
    office: str = attrs.field(validator=not_blank)
    website: str | None = None
    address: str | None = None
    postcode: str | None = None
    phones: tuple[str, ...] = ()
    local_regulation: LocalRegulation | None = None


@attrs.frozen
class Figure:
    """A key figure quoted in the prose as ``{name}``: 998 items, 457余条, 1.5万元.

    ``over`` marks an approximate figure written with 余 ("457余条").
    """

    value: int | float = attrs.field(validator=non_negative_number)
    unit: str = ""
    over: bool = False

    def __str__(self) -> str:
        value = f"{self.value:g}" if isinstance(self.value, float) else str(self.value)
        return f"{value}{'余' if self.over else ''}{self.unit}"


Content = tuple[Any, ...]
"""Section content: each entry structured by its ``kind``; a plain string is a paragraph."""


@attrs.frozen
class Section:
    """A top-level section (一、…): its place in the edition, its heading and its content.

    ``part`` names the edition's part this section fills; ``title`` and ``listed_as`` override the
    part's heading and the name the preamble lists it under.
    """

    part: str | None = None
    title: str | None = None
    listed_as: str | None = None
    content: Content = ()


@attrs.frozen
class Report:
    """A whole annual report as its author wrote it."""

    edition: str = attrs.field(validator=not_blank)
    year: int = attrs.field(validator=report_year)
    agency: Agency
    sections: tuple[Section, ...] = ()
    title: str | None = None
    date: datetime.date | None = None
    figures: dict[str, Figure] = attrs.field(factory=dict)
    plugins: tuple[str, ...] = ()
    output: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    """Renderer options by format name: the ``[output.docx]`` table and its like."""


def walk(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Yield ``(path, value)`` for obj and every attrs object, list item and mapping value in it.

    Paths read as in the report file: ``sections[0].content[2].passed``.
    """
    yield path, obj
    if attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            child = getattr(obj, field.name)
            yield from walk(child, f"{path}.{field.name}" if path else field.name)
    elif isinstance(obj, (tuple, list)):
        for index, child in enumerate(obj):
            yield from walk(child, f"{path}[{index}]")
    elif isinstance(obj, dict):
        for key, child in obj.items():
            yield from walk(child, f"{path}.{key}" if path else str(key))


def find(report: Report, kind: type) -> Iterator[tuple[str, Any]]:
    """Yield ``(path, obj)`` for every object of type ``kind`` anywhere in the report."""
    for path, obj in walk(report):
        if isinstance(obj, kind):
            yield path, obj
