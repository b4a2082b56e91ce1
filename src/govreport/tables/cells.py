"""Table cells: a count, a signed change, an amount with its unit, or not applicable.

A blank cell is no cell at all: the author leaves its key out. Zero, blank and not applicable
("/") are three different things and are never turned into one another — a blank is shown empty,
"/" is shown as "/", and 0 as 0.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from typing import Any

from .._records import record
from ..numbering import number_text
from ..validators import MAX_COUNT

NOT_APPLICABLE_MARKS = ("/", "／")
"""What an author may write for "not applicable": the half- or full-width slash."""

AMOUNT_UNITS = ("元", "万元", "亿元")


class CellKind(enum.Enum):
    """What a column holds."""

    COUNT = "count"
    """A whole number from 0 up."""
    SIGNED = "signed"
    """A whole number that may be negative (the 2019 format's 本年增/减)."""
    AMOUNT = "amount"
    """A sum of money with its unit; decimals allowed."""


@record
class Amount:
    """A sum of money: 96171.6 万元, 251000 元."""

    value: int | float
    unit: str


@record
class NotApplicable:
    """The cell does not apply to this agency (written and shown as "/")."""

    def __str__(self) -> str:
        return "/"


NA = NotApplicable()

Cell = int | Amount | NotApplicable
"""A filled cell; a blank cell is ``None`` (absent)."""


def numeric(cell: Cell | None) -> int | float | None:
    """The number in a cell, or None for a blank or "/" cell."""
    if isinstance(cell, Amount):
        return cell.value
    if isinstance(cell, int):
        return cell
    return None


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{value!r}（true/false）"
    if isinstance(value, str):
        return f"{value!r}（文字）"
    if isinstance(value, float):
        return f"{value!r}（小数）"
    return repr(value)


def _count(value: Any, signed: bool) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        hint = ""
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            hint = f"；请去掉引号，写成 {value.strip()}"
        raise ValueError(
            f'应为整数，不适用的填 "/"，实际为 {_describe(value)}{hint}'
            "；要让这一格留空，就不写这个键"
        )
    if not signed and value < 0:
        raise ValueError(f"应为 0 或更大的数，实际为 {value}")
    if abs(value) > MAX_COUNT:
        raise ValueError(f"{value} 超出了实际可能的数量（最多 {MAX_COUNT:,}）")
    return value


def _amount(value: Any, unit: str | None) -> Amount:
    given_unit = unit
    if isinstance(value, Mapping):
        extra = sorted(set(value) - {"value", "unit"})
        if extra:
            raise ValueError(f"没有这个键 {extra[0]!r}；金额只有 value 和 unit 两项")
        if "value" not in value:
            raise ValueError('金额缺少 value，如 { value = 251000, unit = "元" }')
        if "unit" in value:
            given_unit = value["unit"]
            if given_unit not in AMOUNT_UNITS:
                units = "、".join(AMOUNT_UNITS)
                raise ValueError(f"没有这个单位 {given_unit!r}；请写 {units} 之一")
            if unit is not None and given_unit != unit:
                raise ValueError(f"这一列以{unit}计；请把金额从{given_unit}换算过来")
        value = value["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f'应为金额，不适用的填 "/"，实际为 {_describe(value)}')
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"应为 0 或更大的金额，实际为 {value}")
    if value > MAX_COUNT * 100:
        raise ValueError(f"{value} 超出了实际可能的金额")
    if given_unit is None:
        raise ValueError(
            "格式没有规定这一列的单位；请随金额写明，"
            f'如 {{ value = {number_text(value)}, unit = "元" }}'
        )
    return Amount(value, given_unit)


def structure_cell(value: Any, kind: CellKind, unit: str | None = None) -> Cell:
    """A cell from what the author wrote; raises ValueError with a message for the author.

    ``unit`` is the unit the format prints in the column's header, if any.
    """
    if isinstance(value, str) and value.strip() in NOT_APPLICABLE_MARKS:
        return NA
    if kind is CellKind.AMOUNT:
        return _amount(value, unit)
    return _count(value, signed=kind is CellKind.SIGNED)
