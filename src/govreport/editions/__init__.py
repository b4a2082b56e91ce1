"""Editions: the formats a report can follow, as data.

An edition lists the parts a report must have, in order, with their official headings, and may
generate text that precedes them (the preamble) from the report's metadata. It names the table
format its reports fill in (``tables``) and the part each table is shown in (``Part.table``), or
attaches the report's tables after the last part (``attaches_tables``, the 附表 of older reports).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .._records import record

if TYPE_CHECKING:
    from ..build import BuildContext
    from ..document import Block
    from ..model import Agency, Report
    from ..tables.spec import TableFormat


@record
class Part:
    """One part of an edition.

    ``heading`` is the section heading; ``listed_as`` is the name the preamble's list of parts
    uses, which real reports often word differently from the heading.
    """

    key: str
    heading: str
    listed_as: str | None = None
    required: bool = True
    guidance: str = ""
    table: str | None = None
    """The key of the statistical table shown at the end of this part (``requests``)."""

    @property
    def list_name(self) -> str:
        return self.listed_as or self.heading


Preamble = Callable[["Report", "BuildContext"], Iterable["Block"]]


@record
class Edition:
    """A report format: its parts in order, its title and its generated preamble."""

    name: str
    description: str
    parts: tuple[Part, ...]
    title_template: str = "{agency}{year}年政府信息公开工作年度报告"
    preamble: Preamble | None = None
    tables: TableFormat | None = None
    """The table format of this edition's reports; None when each report names its own."""
    attaches_tables: bool = False
    """Whether the report's tables follow the last part as attachments (附表)."""

    def part(self, key: str) -> Part | None:
        return next((part for part in self.parts if part.key == key), None)


def contact_sentence(agency: Agency) -> str:
    """Where to download the report and whom to ask, from what the metadata gives: the sentence
    that ends the preamble of the eight-part and the national editions alike."""
    sentences = []
    if agency.website:
        sentences.append(f"本年度报告可在{agency.name}网站（{agency.website}）下载。")
    details = []
    if agency.address:
        details.append(f"地址：{agency.address}")
    if agency.postcode:
        details.append(f"邮编：{agency.postcode}")
    if agency.phones:
        details.append(f"联系电话：{'、'.join(agency.phones)}")
    contact = f"（{'，'.join(details)}）" if details else ""
    sentences.append(f"如对本报告有任何疑问，请与{agency.office}取得联系{contact}。")
    return "".join(sentences)
