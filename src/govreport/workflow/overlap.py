"""How much of a report's prose repeats last year's, sentence by sentence.

Assessors name copied text (内容雷同) as a common fault. Sentences are compared after masking
numbers, so "2019年公开998条" and "2020年公开1024条" count as the same sentence: the words were
carried over and only the figures changed.

A part rewritten around long copied phrases has few identical sentences, so copied text is also
measured by characters: the share of this year's characters that sit in runs of
:data:`MIN_RUN_CHARS` or more characters found in last year's prose (numbers masked, each
number counting as one character), per part and in total.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._records import record
from ..document import Document, Heading, Paragraph

_SENTENCE_END = re.compile(r"(?<=[。；！？])")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")
MIN_SENTENCE_CHARS = 8
"""Sentences shorter than this ("无。", "全部及时答复。") are too common to count as copied."""
MIN_RUN_CHARS = 15
"""A run of this many characters found in last year's prose counts as copied."""


def sentences(document: Document) -> Iterator[str]:
    """The document's paragraph sentences, in order (headings and tables left out)."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            for sentence in _SENTENCE_END.split(block.text):
                if sentence.strip():
                    yield sentence.strip()


def masked(sentence: str) -> str:
    """A sentence with every number replaced by #, and no white space."""
    return _SPACE.sub("", _NUMBER.sub("#", sentence))


def part_paragraphs(document: Document) -> dict[str, list[str]]:
    """The document's paragraphs (masked) by part: the text of its numbered top-level heading,
    "" for what comes before the first."""
    parts: dict[str, list[str]] = {}
    part = ""
    for block in document.blocks:
        if isinstance(block, Heading) and block.level == 1:
            part = f"{block.number}{block.text}"
        elif isinstance(block, Paragraph) and block.text.strip():
            parts.setdefault(part, []).append(masked(block.text))
    return parts


def _runs(text: str) -> Iterator[str]:
    """Every run of MIN_RUN_CHARS characters in text."""
    return (text[i : i + MIN_RUN_CHARS] for i in range(len(text) - MIN_RUN_CHARS + 1))


def copied_chars(text: str, earlier: set[str]) -> int:
    """How many of text's characters sit in a run of MIN_RUN_CHARS or more found in last
    year's prose, given ``earlier``: the set of every such run of last year's paragraphs."""
    covered_to = copied = 0
    for start, run in enumerate(_runs(text)):
        if run in earlier:
            end = start + MIN_RUN_CHARS
            copied += end - max(start, covered_to)
            covered_to = end
    return copied


@record
class CopiedText:
    """One part's characters, and how many of them sit in runs copied from last year."""

    part: str
    chars: int
    copied: int

    @property
    def ratio(self) -> float:
        return self.copied / self.chars if self.chars else 0.0


@record
class ProseOverlap:
    """The share of this year's sentences that repeat last year's, and which they are; and the
    characters copied in long runs, per part."""

    total: int
    repeated: tuple[str, ...]
    parts: tuple[CopiedText, ...] = ()

    @property
    def ratio(self) -> float:
        return len(self.repeated) / self.total if self.total else 0.0

    @property
    def copied(self) -> CopiedText:
        """The whole report's characters and those copied in long runs."""
        chars = sum(part.chars for part in self.parts)
        return CopiedText("", chars, sum(part.copied for part in self.parts))


def copied_by_part(last: Document, this: Document) -> tuple[CopiedText, ...]:
    """This year's characters per part, and those in runs copied from last year's prose."""
    earlier = {
        run
        for paragraphs in part_paragraphs(last).values()
        for paragraph in paragraphs
        for run in _runs(paragraph)
    }
    return tuple(
        CopiedText(
            part,
            sum(len(paragraph) for paragraph in paragraphs),
            sum(copied_chars(paragraph, earlier) for paragraph in paragraphs),
        )
        for part, paragraphs in part_paragraphs(this).items()
    )


def prose_overlap(last: Document, this: Document) -> ProseOverlap:
    """Compare this year's sentences with last year's after masking numbers, and measure the
    characters copied in long runs."""
    earlier = {masked(s) for s in sentences(last) if len(masked(s)) >= MIN_SENTENCE_CHARS}
    counted = [s for s in sentences(this) if len(masked(s)) >= MIN_SENTENCE_CHARS]
    repeated = tuple(s for s in counted if masked(s) in earlier)
    return ProseOverlap(len(counted), repeated, copied_by_part(last, this))
