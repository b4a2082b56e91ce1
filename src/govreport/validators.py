"""attrs validators whose messages a report author understands.

They raise :class:`FieldValueError`, which names the field, so the loader can put the problem
at the field's place in the file.
"""

from __future__ import annotations

import datetime
import decimal
import math
import re
from collections.abc import Mapping
from typing import Any

import attrs

from .errors import shown
from .numbering import number_text


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
        raise FieldValueError(attribute.name, f"应为整数，实际为 {value!r}")
    if value < 0:
        raise FieldValueError(attribute.name, f"应为 0 或更大的数，实际为 {value}")
    if value > MAX_COUNT:
        raise FieldValueError(attribute.name, f"{value} 超出了实际可能的数量（最多 {MAX_COUNT:,}）")


def non_negative_number(
    instance: Any, attribute: attrs.Attribute, value: float | decimal.Decimal
) -> None:
    """An amount (an ``int``, ``float`` or ``Decimal``): a number from 0 up, decimals allowed."""
    if isinstance(value, bool) or not isinstance(value, (int, float, decimal.Decimal)):
        raise FieldValueError(attribute.name, f"应为数字，实际为 {value!r}")
    if not math.isfinite(value):
        raise FieldValueError(attribute.name, f"应为数字，实际为 {value}")
    if value < 0:
        shown_value = number_text(value)
        raise FieldValueError(attribute.name, f"应为 0 或更大的数，实际为 {shown_value}")
    if value > MAX_COUNT * 100:
        raise FieldValueError(attribute.name, f"{number_text(value)} 超出了实际可能的数值")


def not_blank(instance: Any, attribute: attrs.Attribute, value: str) -> None:
    """Text that must say something."""
    if not value.strip():
        raise FieldValueError(attribute.name, "不能为空")


def at_least_one(instance: Any, attribute: attrs.Attribute, value: tuple[Any, ...]) -> None:
    """A list that must hold something."""
    if not value:
        raise FieldValueError(attribute.name, "至少要有一项")


def report_year(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    """A report year under the 条例: 2008 (the first reports) up to 2100."""
    if isinstance(value, bool) or not 2008 <= value <= 2100:
        raise FieldValueError(attribute.name, f"应为报告年度，如 2019，实际为 {value!r}")


MAX_NAME_LENGTH = 200
"""Names and titles longer than this (in characters) are refused: the longest real agency name
or report title is well under a hundred, and Word cannot hold a title of more than 255."""

_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")
"""Line breaks (the other control characters are refused wherever text is, see the loader)."""
_NOT_IN_A_KEY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""Characters no document can hold, as the loader refuses them in values: checked in keys."""


def _one_line_problem(value: str) -> str | None:
    """What is wrong with ``value`` as one line of text, or None."""
    if _LINE_BREAK.search(value):
        return "必须写在一行内：请删去其中的换行"
    return None


def one_line(instance: Any, attribute: attrs.Attribute, value: str | None) -> None:
    """Text that must stay on one line (an address, a unit); None passes."""
    if value is not None and (problem := _one_line_problem(value)):
        raise FieldValueError(attribute.name, problem)


def a_name(instance: Any, attribute: attrs.Attribute, value: str | None) -> None:
    """A name or title: one line of at most MAX_NAME_LENGTH characters; None passes."""
    if value is None:
        return
    one_line(instance, attribute, value)
    if len(value) > MAX_NAME_LENGTH:
        raise FieldValueError(
            attribute.name,
            f"长 {len(value)} 个字，名称或标题最多 {MAX_NAME_LENGTH} 个字：{shown(value)}",
        )


def one_line_items(instance: Any, attribute: attrs.Attribute, value: tuple[str, ...]) -> None:
    """A list of one-line texts (telephone numbers)."""
    for index, item in enumerate(value):
        if problem := _one_line_problem(item):
            raise FieldValueError(f"{attribute.name}[{index}]", problem)


def one_line_values(instance: Any, attribute: attrs.Attribute, value: Mapping[str, str]) -> None:
    """A table of one-line texts (where each statistical table was found)."""
    for key, text in value.items():
        if problem := _one_line_problem(key) or _one_line_problem(text):
            raise FieldValueError(f"{attribute.name}.{shown(key)}", problem)


_HEX = frozenset("0123456789abcdefABCDEF")


def sha256_hex(instance: Any, attribute: attrs.Attribute, value: str) -> None:
    """A SHA-256 digest written as 64 hexadecimal digits."""
    if len(value) != 64 or not _HEX.issuperset(value):
        raise FieldValueError(attribute.name, "应为 64 位十六进制数字（文件的 SHA-256 摘要）")


def names_as_keys(instance: Any, attribute: attrs.Attribute, value: Mapping[str, Any]) -> None:
    """A table whose keys are names (the key figures): each key is a one-line name."""
    for key in value:
        problem = _one_line_problem(key)
        if problem is None and (bad := _NOT_IN_A_KEY.search(key)):
            problem = (
                f"含有控制字符 U+{ord(bad.group()):04X}，文档无法容纳；请删去"
                "（它常来自从其他程序复制的文字）"
            )
        if problem is None and len(key) > MAX_NAME_LENGTH:
            problem = f"最多 {MAX_NAME_LENGTH} 个字"
        if problem is not None:
            raise FieldValueError(f"{attribute.name}.{shown(key)}", f"名称{problem}")


def date_only(instance: Any, attribute: attrs.Attribute, value: datetime.date | None) -> None:
    """A calendar date, not a date and time; None passes."""
    if isinstance(value, datetime.datetime):
        raise FieldValueError(
            attribute.name,
            f"应为日期，如 2020-01-20，实际为日期和时间（{shown(str(value))}）；只写日期",
        )


def cell_path(instance: Any, attribute: attrs.Attribute, value: str | None) -> None:
    """A table cell named ``table.row.column`` (the loader checks that the table has it)."""
    if value is not None and (len(value.split(".")) < 3 or not all(value.split("."))):
        raise FieldValueError(
            attribute.name, f"“{shown(value)}”应写作 表.行.列，例如 requests.new.total"
        )


def ratio_parts(instance: Any, attribute: attrs.Attribute, value: tuple[str, ...] | None) -> None:
    """A ratio's two parts, numerator then denominator, each a figure name or a cell."""
    if value is None:
        return
    if len(value) != 2 or not all(part.strip() for part in value):
        raise FieldValueError(
            attribute.name,
            "应写两部分 [分子, 分母]，各为数字名称或统计表单元格，"
            '例如 ["applications_withheld", "requests.total.total"]',
        )


MAX_RATIO_DIGITS = 6


def ratio_digits(instance: Any, attribute: attrs.Attribute, value: int | None) -> None:
    """The decimals a ratio shows: 0 to MAX_RATIO_DIGITS, and only on a ratio."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldValueError(attribute.name, f"应为整数，而不是 {value!r}")
    if not 0 <= value <= MAX_RATIO_DIGITS:
        raise FieldValueError(attribute.name, f"应为 0 到 {MAX_RATIO_DIGITS}，而不是 {value}")
    if getattr(instance, "ratio", None) is None:
        raise FieldValueError(attribute.name, "只用于比例：请同时写 ratio = [分子, 分母]")
