"""Headings as printed: their numbering (一、 （一）) and which part of an edition each opens.

Published headings are often reworded ("政府信息公开工作存在的主要问题及改进情况" for the 2021
format's "存在的主要问题及改进情况"), so a heading is matched to a part by likeness, not
equality, once width, spaces and punctuation are set aside.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from ..editions import Edition, Part
from ..readers import SourceParagraph

MAX_HEADING_CHARS = 40
"""A numbered paragraph longer than this is prose (一、… opening a list), not a heading."""

PART_LIKENESS = 0.6
"""How alike (0–1) a printed heading and a part's heading must be to open that part."""

_TOP = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.+)$", re.S)
_SUB = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(.+)$", re.S)
_IGNORED = re.compile(r"[\s，,。.、；;：:（）()“”\"‘’'《》〈〉·\-—_]")
_DIGITS = "一二三四五六七八九"


def normal(text: str) -> str:
    """``text`` as compared: full width folded to half width, no spaces or punctuation."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text))


def numeral_value(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23."""
    if "十" not in numeral:
        return _DIGITS.index(numeral) + 1 if numeral in _DIGITS else 0
    tens, _, ones = numeral.partition("十")
    value = (_DIGITS.index(tens) + 1 if tens else 1) * 10
    return value + (_DIGITS.index(ones) + 1 if ones in _DIGITS and ones else 0)


def numbered(paragraph: SourceParagraph) -> tuple[int, int, str] | None:
    """``(level, number, text)`` for a heading 一、… (level 2) or （一）… (level 3, maybe with
    its first paragraph after a 。); else None.

    A level the file marks (``heading_level``) counts even without a number (number 0).
    """
    text = paragraph.text.strip()
    for level, pattern in ((2, _TOP), (3, _SUB)):
        match = pattern.match(text)
        # （一） may run into its text: "（一）主动公开情况。全年……" (the caller splits it)
        heading = text.partition("。")[0] if level == 3 else text
        if match and len(heading) <= MAX_HEADING_CHARS:
            return level, numeral_value(match.group(1)), match.group(2).strip()
    if paragraph.heading_level in (2, 3) and text:
        match = (_TOP if paragraph.heading_level == 2 else _SUB).match(text)
        title = match.group(2).strip() if match else text
        return paragraph.heading_level, numeral_value(match.group(1)) if match else 0, title
    return None


def likeness(printed: str, part: Part) -> float:
    """How alike a printed heading is to a part's heading or listed name: 1.0 when equal."""
    shown = normal(printed)
    best = 0.0
    for name in (part.heading, part.list_name):
        official = normal(name)
        if not shown or not official:
            continue
        if shown == official:
            return 1.0
        shorter, longer = sorted((len(shown), len(official)))
        if (shown in official or official in shown) and shorter >= 0.4 * longer:
            best = max(best, 0.9)
        best = max(best, SequenceMatcher(None, shown, official).ratio())
    return best


def assign_parts(titles: list[str], edition: Edition) -> list[tuple[Part | None, float]]:
    """Each printed heading's part (each part once, in the order printed) and its likeness."""
    taken: set[str] = set()
    assigned: list[tuple[Part | None, float]] = []
    for title in titles:
        scored = [(likeness(title, part), part) for part in edition.parts if part.key not in taken]
        score, part = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        if part is None or score < PART_LIKENESS:
            assigned.append((None, 0.0))
            continue
        taken.add(part.key)
        assigned.append((part, score))
    return assigned


def exact(title: str, part: Part) -> bool:
    """The printed heading is the part's own heading (as the edition would print it)."""
    return normal(title) == normal(part.heading)
