"""The seed report's sentences, and a comparison that survives punctuation style.

The seed (`../shared/reference/xinyu-commerce-2019-report.txt`, or `tests/data/` when the shared
folder is absent) mixes half- and full-width punctuation and writes （一） as ㈠ and "1、" beside
"1.". Both sides are normalised the same way before comparing: full-width punctuation, official
numbering, no white space, no invisible word joiners (the .docx holds a telephone number's hyphen
to its digits with them) and no Markdown markup.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_CANDIDATES = (
    ROOT.parent / "shared" / "reference" / "xinyu-commerce-2019-report.txt",
    ROOT / "tests" / "data" / "xinyu-commerce-2019-report.txt",
)

_HALF_TO_FULL = str.maketrans(",():;!?", "，（）：；！？")
_CIRCLED = {chr(0x3220 + i): f"（{'一二三四五六七八九十'[i]}）" for i in range(10)}
_ITEM_NUMBER = re.compile(r"(?m)^(\d+)、")
_MARKUP = re.compile(r"\*\*|^#+ ", re.MULTILINE)


def seed_text() -> str:
    for candidate in SEED_CANDIDATES:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError("seed report not found in: " + ", ".join(map(str, SEED_CANDIDATES)))


def normalise(text: str) -> str:
    """One form for comparison: full-width punctuation, （一）, "1.", no spaces or markup."""
    text = _MARKUP.sub("", text)
    text = _ITEM_NUMBER.sub(r"\1.", text)
    for circled, plain in _CIRCLED.items():
        text = text.replace(circled, plain)
    text = text.translate(_HALF_TO_FULL)
    return re.sub(r"[\s\u2060]+", "", text)


def sentences(text: str) -> list[str]:
    """Split normalised text into sentences at 。；！？ and at line ends of the original."""
    pieces = []
    for line in text.splitlines():
        pieces += [s for s in re.split(r"(?<=[。；！？])", normalise(line)) if s]
    return pieces


def missing_or_out_of_order(rendered: str) -> list[str]:
    """The seed sentences not found in ``rendered`` in the seed's order (empty when all are)."""
    haystack = normalise(rendered)
    position, problems = 0, []
    for sentence in sentences(seed_text()):
        found = haystack.find(sentence, position)
        if found < 0:
            problems.append(sentence)
        else:
            position = found + len(sentence)
    return problems
