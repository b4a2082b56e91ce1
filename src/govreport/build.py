"""From a report to its document tree.

Heading numbers are computed here from the structure: top-level sections are numbered 一、,
sub-parts （一）, numbered items 1. and items inside items （1）. Each container restarts the
numbering of what it holds.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from . import numbering
from .document import Block, Document, Heading, Meta, Paragraph, Run
from .editions import Edition
from .errors import PluginError
from .model import Report, Section
from .placeholders import fill, placeholder_values
from .tables.reports import attached_tables, part_table

if TYPE_CHECKING:
    from .plugins import Registry


class BuildContext:
    """What a section kind's build function gets besides its data: text and numbering helpers."""

    def __init__(self, report: Report, registry: Registry) -> None:
        self.report = report
        self.registry = registry
        self._counters: list[Counter[str]] = [Counter()]
        self._item_depth = 0
        self._values = placeholder_values(report)

    @property
    def edition(self) -> Edition:
        """The edition the report follows, as the loader resolved it."""
        edition = self.report.edition_spec
        if edition is None:
            raise ValueError("a report made by hand has no resolved edition; use govreport.load")
        return edition

    def text(self, template: str) -> str:
        """Fill the placeholders of a piece of the author's prose."""
        return fill(template, self._values)

    def next_number(self, counter: str) -> int:
        """The next number of ``counter`` ("subpart", "item", …) in the current container."""
        self._counters[-1][counter] += 1
        return self._counters[-1][counter]

    @contextmanager
    def container(self) -> Iterator[None]:
        """Number what is built inside from 1 again."""
        self._counters.append(Counter())
        try:
            yield
        finally:
            self._counters.pop()

    def build(self, content: Iterable[object]) -> list[Block]:
        """Build a sequence of section-kind objects into blocks, in a container of their own."""
        with self.container():
            return [block for data in content for block in self._build_one(data)]

    def _build_one(self, data: object) -> Iterable[Block]:
        kind = self.registry.kind_of(data)
        action = f"section kind {kind.name!r}"
        with self.registry.running_item("govreport_section_kinds", kind, action) as call:
            blocks = call.collect(kind.build(data, self), "blocks")
        _check_blocks(blocks, self.registry.provider("govreport_section_kinds", kind), action)
        return blocks

    def subpart_heading(self, title: str) -> Heading:
        """A second-level heading （一）… with the next number."""
        number = numbering.subpart_number(self.next_number("subpart"))
        return Heading(2, number, self.text(title))

    def numbered_item(self, lead: str, text: str = "") -> Paragraph:
        """A numbered item: ``1.`` (``（1）`` inside another item), a bold lead and its text.

        Both are the author's templates: their placeholders are filled here.
        """
        if self._item_depth == 0:
            number = numbering.item_number(self.next_number("item"))
        else:
            number = numbering.subitem_number(self.next_number("subitem"))
        runs = [Run(number + self.text(lead), bold=True)]
        if text:
            runs.append(Run(self.text(text)))
        return Paragraph(tuple(runs))

    @contextmanager
    def inside_item(self) -> Iterator[None]:
        """Build the children of a numbered item: their items are numbered （1）."""
        self._item_depth += 1
        try:
            with self.container():
                yield
        finally:
            self._item_depth -= 1


def _check_blocks(blocks: list[object], plugin: str, action: str) -> None:
    """Refuse what a plugin built that is not a document block."""
    wrong = [block for block in blocks if not isinstance(block, Block)]
    if wrong:
        raise PluginError(plugin, f"{action} built {type(wrong[0]).__name__}, not a block")


def section_heading(section: Section, edition: Edition) -> str:
    part = edition.part(section.part) if section.part else None
    return section.title or (part.heading if part else "")


def section_list_name(section: Section, edition: Edition) -> str:
    """The name the preamble lists a section under."""
    part = edition.part(section.part) if section.part else None
    if section.listed_as:
        return section.listed_as
    return part.list_name if part else section_heading(section, edition)


def date_text(date: datetime.date) -> str:
    """成文日期 as GB/T 9704-2012 writes it: Arabic numerals, no leading zeros."""
    return f"{date.year}年{date.month}月{date.day}日"


def signoff_lines(report: Report, blocks: Sequence[Block]) -> tuple[str, ...]:
    """The 落款: the agency's name and the report's date, unless the blocks carry their own."""
    if any(isinstance(block, Paragraph) and block.role == "signoff" for block in blocks):
        return ()
    if report.date is None:
        return (report.agency.name,)
    return (report.agency.name, date_text(report.date))


def build_document(report: Report, registry: Registry) -> Document:
    """Turn a loaded report into the document tree every renderer consumes.

    ``registry`` holds the plugins whose section kinds and preamble build the report's parts;
    its edition and tables are those the loader resolved.
    """
    context = BuildContext(report, registry)
    edition = context.edition
    blocks: list[Block] = []
    if edition.preamble is not None:
        action = f"edition {edition.name!r} preamble"
        with registry.running_item("govreport_editions", edition, action) as call:
            preamble = call.collect(edition.preamble(report, context), "blocks")
        _check_blocks(preamble, registry.provider("govreport_editions", edition), action)
        blocks += preamble
    for number, section in enumerate(report.sections, start=1):
        heading = section_heading(section, edition)
        blocks.append(Heading(1, numbering.section_number(number), context.text(heading)))
        blocks += context.build(section.content)
        part = edition.part(section.part) if section.part else None
        if part is not None and part.table is not None:
            blocks += part_table(report, part.table)
    appendix = attached_tables(report) if edition.attaches_tables else []
    title = report.title or edition.title_template.format(
        agency=report.agency.name, year=report.year
    )
    meta = Meta(
        agency=report.agency.name,
        year=report.year,
        date=report.date,
        signoff=signoff_lines(report, blocks),
        draft=report.draft,
    )
    return Document(title=title, blocks=tuple(blocks), meta=meta, appendix=tuple(appendix))
