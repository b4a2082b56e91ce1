"""Printed lines to paragraphs: page furniture dropped, wrapped lines joined.

A published report's lines wrap mid-word and its paragraphs run on across pages. A line goes on
the paragraph before it unless that paragraph's last line stops short of the right margin, the
line is indented, it opens a numbered heading (一、 （一） 1. （1）) after a finished sentence, or
the two are centred (a title) or set in different sizes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from govreport.readers import SourceParagraph

from .lines import NUMBERED, Line, join_lines

PAGE_NUMBER = re.compile(
    r"^(?:[-—–－‐―~]+\s*\d{1,4}\s*[-—–－‐―~]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|(?:Page|page)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
"""A line that is only a page number: ``- 3 -``, ``— 3 —``, ``-3-``, ``第3页``, ``3/6``."""

BARE_NUMBER = re.compile(r"^\d{1,4}$")
MARGIN = 0.1
"""The share of a page's height at its top and bottom where running headers and footers sit."""

SENTENCE_END = tuple("。！？；：!?;:")


@dataclass(frozen=True)
class PageLine:
    """A line with the page it is printed on."""

    line: Line
    page: int
    height: float


def _normal(text: str) -> str:
    return re.sub(r"\d+", "#", text.replace(" ", ""))


def furniture(lines: Sequence[PageLine], pages: int) -> set[int]:
    """The positions of lines that are page numbers, running headers or footers."""
    found = set()
    in_margin = [
        i
        for i, item in enumerate(lines)
        if item.line.top < MARGIN * item.height or item.line.bottom > (1 - MARGIN) * item.height
    ]
    repeated = Counter(_normal(lines[i].line.text) for i in in_margin)
    for i, item in enumerate(lines):
        text = item.line.text
        if PAGE_NUMBER.match(text) or (
            i in in_margin
            and (BARE_NUMBER.match(text) or (pages >= 3 and 2 * repeated[_normal(text)] >= pages))
        ):
            found.add(i)
    return found


def _mode(values: Iterable[float]) -> float:
    counts = Counter(round(value) for value in values)
    return float(counts.most_common(1)[0][0]) if counts else 0.0


def _high(values: Iterable[float]) -> float:
    """The value nine in ten of them stay within: the right margin full lines reach, untouched
    by a rare line running past it."""
    ordered = sorted(values)
    return ordered[int(0.9 * (len(ordered) - 1))] if ordered else 0.0


@dataclass(frozen=True)
class Layout:
    """The body text's margins and size: the left margin and size most lines have, and the right
    margin the longest lines reach (most lines of a report of short paragraphs stop short)."""

    left: float
    right: float
    size: float

    @classmethod
    def of(cls, lines: Sequence[Line]) -> Layout:
        return cls(
            _mode(line.x0 for line in lines),
            _high(line.x1 for line in lines),
            _mode(line.size for line in lines) or 12.0,
        )

    def centred(self, line: Line) -> bool:
        before, after = line.x0 - self.left, self.right - line.x1
        return before > 2 * self.size and after > 2 * self.size and abs(before - after) < self.size

    def is_title(self, line: Line) -> bool:
        """A centred line set larger than the body text: the report's title."""
        return self.centred(line) and line.size >= 1.2 * self.size

    def continues(self, last: Line, line: Line) -> bool:
        """Whether ``line`` goes on the paragraph whose last line is ``last``."""
        if self.centred(last) or self.centred(line):
            return self.centred(last) and self.centred(line) and abs(last.size - line.size) < 1
        if abs(last.size - line.size) >= 1:
            return False
        if last.x1 < self.right - self.size or line.x0 > self.left + 0.8 * self.size:
            return False
        return not (NUMBERED.match(line.text) and last.text.endswith(SENTENCE_END))


def paragraphs(lines: Sequence[PageLine], layout: Layout) -> list[SourceParagraph]:
    """Join consecutive lines (no table between them) into paragraphs."""
    groups: list[list[PageLine]] = []
    for item in lines:
        if groups and layout.continues(groups[-1][-1].line, item.line):
            groups[-1].append(item)
        else:
            groups.append([item])
    return [
        SourceParagraph(
            join_lines(item.line.text for item in group),
            f"第{group[0].page}页",
            1 if layout.is_title(group[0].line) else None,
        )
        for group in groups
    ]
