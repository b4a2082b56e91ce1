"""Readers turn a published report — a portal page, a Word file, a PDF — into a source document.

A reader does one job: it finds the report's paragraphs and tables in the file, in reading order,
each with the place it was found (``第3页``, ``第12段``), and hands them over as printed. It does
not interpret them: which part a heading opens, which official row a printed label is, which
figures the text states — that mapping is the same for every reader and lives in
:mod:`govreport.importing`.

A plugin adds a reader by returning :class:`Reader` objects from ``govreport_readers()``. Its
``read`` function receives the file's bytes (already read, size-limited and hashed by govreport)
and returns a :class:`SourceDocument`; for a file it cannot read — not a document of its kind,
damaged, encrypted, a decompression bomb — it raises :class:`DocumentError` with a message for
the clerk (in Chinese), never anything else.
"""

from __future__ import annotations

from collections.abc import Callable

from .._records import record


class DocumentError(ValueError):
    """The file is not a document the reader can read; the message says why, for the clerk."""


@record
class SourceParagraph:
    """A paragraph as printed: its lines joined, runs of spaces collapsed, nothing else changed.

    ``heading_level`` is set only when the file itself marks the paragraph as a heading (an
    ``<h2>``, a Word heading style): 1 for the report's title, 2 for 一、, 3 for （一）. Most
    published reports mark nothing; their headings are recognised by their numbering.
    """

    text: str
    origin: str
    """Where it was found, for messages: ``第2页``, ``第14段``, ``<p>第40个``."""
    heading_level: int | None = None


@record
class SourceTable:
    """A table as a grid of printed texts, every row as wide as the widest.

    A merged cell's text stands in the first position it covers (top left); the other positions
    it covers hold ``""``. A cell's text is kept as printed ("0", "", "/", "96171.6万元"), its
    lines joined. A table that continues across a page break is one table.
    """

    rows: tuple[tuple[str, ...], ...]
    origin: str
    """Where it was found: ``第3页``, ``第3–4页``, ``<table>第2个``."""


Block = SourceParagraph | SourceTable


@record
class SourceDocument:
    """What a reader found in a file: its blocks in reading order."""

    blocks: tuple[Block, ...]
    title: str | None = None
    """A title the container gives besides the text (an HTML ``<title>``, a .docx's title
    property), when there is one; the mapping prefers a title found in the text."""


@record
class Reader:
    """A kind of file govreport can import: ``govreport import x.pdf`` picks it by suffix."""

    name: str
    suffixes: tuple[str, ...]
    """Lower-case file suffixes with their dot: ``(".html", ".htm")``."""
    read: Callable[[bytes], SourceDocument]
    media_types: tuple[str, ...] = ()
    description: str = ""
