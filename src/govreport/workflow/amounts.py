"""Sums of money in 元, 万元 and 亿元, converted exactly (decimal arithmetic, not floats)."""

from __future__ import annotations

from decimal import Decimal

from ..tables.cells import Amount

UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
COMMON_UNIT = "万元"
"""The unit amounts in different units are brought to (the unit of the 2021 format's 收费金额)."""


def decimal(value: int | float) -> Decimal:
    """A number as the decimal it was written as (96171.6, not 96171.600000000005…)."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def in_unit(amount: Amount, unit: str) -> Decimal:
    """An amount's value in ``unit``."""
    return decimal(amount.value) * UNIT_FACTORS[amount.unit] / UNIT_FACTORS[unit]


def plain_number(value: Decimal) -> int | float:
    """A whole number as int, anything else as float."""
    return int(value) if value == value.to_integral_value() else float(value)
