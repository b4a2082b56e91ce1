"""How a report writes numbers: figures exactly as the author typed them (:func:`number_text`),
Chinese numerals, the official heading numbers (一、 （一） 1. （1）) and enumerators (一是)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal

_DIGITS = "零一二三四五六七八九"
MAX_NUMERAL = 99
"""The largest number :func:`chinese_numeral` writes (九十九); the loader bounds the lists
numbered with it, so whatever loads can be built."""


def number_text(value: int | float | Decimal) -> str:
    """A number as a published report writes it: 447228, 96171.6, 1234567.5 — never 1e+06.

    A ``Decimal`` (a section kind's exact amount) is written the same way: 12.50 as 12.5.
    """
    if isinstance(value, int):
        return str(value)
    if value == 0:  # -0.0 too: a report has no negative zero
        return "0"
    from decimal import Decimal  # only decimals need it: a check of counts does not

    text = format(value if isinstance(value, Decimal) else Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def chinese_numeral(n: int) -> str:
    """Write 1 ≤ n ≤ 99 as a Chinese numeral: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五."""
    if not 1 <= n <= MAX_NUMERAL:
        raise ValueError(f"chinese_numeral takes 1..{MAX_NUMERAL}, got {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def section_number(n: int) -> str:
    """First-level heading number: 一、"""
    return f"{chinese_numeral(n)}、"


def subpart_number(n: int) -> str:
    """Second-level heading number: （一）"""
    return f"（{chinese_numeral(n)}）"


def item_number(n: int) -> str:
    """Third-level number: 1."""
    return f"{n}."


def subitem_number(n: int) -> str:
    """Fourth-level number: （1）"""
    return f"（{n}）"


def enumerator(n: int) -> str:
    """The word that opens the n-th point of an enumeration: 一是, 二是, …"""
    return f"{chinese_numeral(n)}是"
