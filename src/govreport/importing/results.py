"""What the mapping gives: a report file's data and the notes on it."""

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
