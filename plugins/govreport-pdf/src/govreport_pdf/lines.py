"""Characters to printed lines, and lines to text, the way a reader of the page sees them.

PDF files hold no spaces between Chinese characters and digits: the gap a word processor leaves
there ("2024 年") is layout, not text, so a space is put only where the file has one or between
two Latin characters set apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Char = dict[str, Any]
"""A character as pdfplumber gives it: ``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size``."""

_SPACES = re.compile(r"\s+")

NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)"
)
"""Text that opens a numbered heading or item: 一、 （一） 1. （1）."""


@dataclass(frozen=True)
class Line:
    """One printed line of a page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def is_latin(char: str) -> bool:
    """Whether a character is set as Latin text (letters, digits, ASCII punctuation)."""
    return char.isascii() or unicodedata.east_asian_width(char) in ("Na", "H", "N")


def join_lines(parts: Iterable[str]) -> str:
    """Lines of one paragraph or cell as one text: Chinese lines meet without a space."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if text and is_latin(text[-1]) and is_latin(part[0]) and text[-1].isalnum():
            text += " "
        text += part
    return text


def text_of(chars: Sequence[Char]) -> str:
    """The text of characters on one line, left to right."""
    text = ""
    previous: Char | None = None
    for char in sorted(chars, key=lambda c: c["x0"]):
        glyph = char["text"]
        if previous is not None and text and not text.endswith(" ") and glyph != " ":
            gap = char["x0"] - previous["x1"]
            if gap > 0.3 * char["size"] and is_latin(text[-1]) and is_latin(glyph[:1] or " "):
                text += " "
        text += glyph
        previous = char
    return _SPACES.sub(" ", text).strip()


def lines_of(chars: Iterable[Char]) -> list[Line]:
    """Group characters into lines, top to bottom: characters whose vertical middles lie within
    half a character of each other share a line."""
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        if rows:
            last = rows[-1][-1]
            if abs(middle - (last["top"] + last["bottom"]) / 2) <= 0.5 * char["size"]:
                rows[-1].append(char)
                continue
        rows.append([char])
    result = []
    for row in rows:
        text = text_of(row)
        if text:
            result.append(
                Line(
                    text,
                    min(c["x0"] for c in row),
                    max(c["x1"] for c in row),
                    min(c["top"] for c in row),
                    max(c["bottom"] for c in row),
                    max(c["size"] for c in row),
                )
            )
    return result
