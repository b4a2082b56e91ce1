"""From a published document to a report file: the mapping every reader shares.

A reader (:mod:`govreport.readers`) gives the paragraphs and tables as printed; this package
works out what they are — the agency and year from the title, the edition from the headings and
the tables' shape, which part each heading opens, which official row and column each printed
label is, which figures the text states — and writes the report file's data. What it is unsure
of becomes a :class:`Note` (a comment in the written file); what was printed but does not fit the
format is kept as a deviation under ``[source]``, never dropped.
"""

from __future__ import annotations

from typing import Any

from .._records import record


@record
class Note:
    """A spot of the written report file the mapping was unsure of, and why (for the clerk)."""

    path: str
    """The place in the report file, as in load problems: ``tables.requests.new.natural``."""
    message: str


@record
class Imported:
    """A report file's data made from a document, and the notes on it."""

    data: dict[str, Any]
    notes: tuple[Note, ...] = ()
