"""attrs validators whose messages a report author understands.

They raise :class:`FieldValueError`, which names the field, so the loader can put the problem
at the field's place in the file.
"""

from __future__ import annotations

import math
from typing import Any

import attrs


class FieldValueError(ValueError):
    """A field's value is out of range; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


MAX_COUNT = 100_000_000
"""Counts above this are refused as typing mistakes (no agency handles a hundred million items)."""


def non_negative(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    """A count: a whole number from 0 to MAX_COUNT."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldValueError(attribute.name, f"expected a whole number, got {value!r}")
    if value < 0:
        raise FieldValueError(attribute.name, f"expected a count of 0 or more, got {value}")
    if value > MAX_COUNT:
        raise FieldValueError(
            attribute.name, f"{value} is larger than any real count (at most {MAX_COUNT:,})"
        )


def non_negative_number(instance: Any, attribute: attrs.Attribute, value: float) -> None:
    """An amount: a number from 0 up, decimals allowed."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FieldValueError(attribute.name, f"expected a number, got {value!r}")
    if not math.isfinite(value):
        raise FieldValueError(attribute.name, f"expected a number, got {value}")
    if value < 0:
        raise FieldValueError(attribute.name, f"expected a number of 0 or more, got {value}")
    if value > MAX_COUNT * 100:
        raise FieldValueError(attribute.name, f"{value} is larger than any real figure")


def not_blank(instance: Any, attribute: attrs.Attribute, value: str) -> None:
    """Text that must say something."""
    if not value.strip():
        raise FieldValueError(attribute.name, "must not be empty")


def at_least_one(instance: Any, attribute: attrs.Attribute, value: tuple[Any, ...]) -> None:
    """A list that must hold something."""
    if not value:
        raise FieldValueError(attribute.name, "needs at least one entry")


def report_year(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    """A report year under the 条例: 2008 (the first reports) up to 2100."""
    if isinstance(value, bool) or not 2008 <= value <= 2100:
        raise FieldValueError(attribute.name, f"expected a report year such as 2019, got {value!r}")
