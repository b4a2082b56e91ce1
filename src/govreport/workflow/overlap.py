"""How much of a report's prose repeats last year's, sentence by sentence.

Assessors name copied text (内容雷同) as a common fault. Sentences are compared after masking
numbers, so "2019年公开998条" and "2020年公开1024条" count as the same sentence: the words were
carried over and only the figures changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._records import record
from ..document import Document, Paragraph

_SENTENCE_END = re.compile(r"(?<=[。；！？])")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")
MIN_SENTENCE_CHARS = 8
"""Sentences shorter than this ("无。", "全部及时答复。") are too common to count as copied."""


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


@record
class ProseOverlap:
    """The share of this year's sentences that repeat last year's, and which they are."""

    total: int
    repeated: tuple[str, ...]

    @property
    def ratio(self) -> float:
        return len(self.repeated) / self.total if self.total else 0.0


def prose_overlap(last: Document, this: Document) -> ProseOverlap:
    """Compare this year's sentences with last year's after masking numbers."""
    earlier = {masked(s) for s in sentences(last) if len(masked(s)) >= MIN_SENTENCE_CHARS}
    counted = [s for s in sentences(this) if len(masked(s)) >= MIN_SENTENCE_CHARS]
    repeated = tuple(s for s in counted if masked(s) in earlier)
    return ProseOverlap(total=len(counted), repeated=repeated)
