"""The line of a report file a place (``tables.requests.new.total``) is written on.

A light scan of the TOML text, not a parser: table headers (``[tables.requests]``,
``[[sections.content]]``, counted into ``sections[2].content[0]``) and the keys written at the
start of a line (dotted ones too: ``withheld.state_secret = {…}``). A place inside an inline
table or a multi-line value is given the line of the nearest key or table that holds it.
"""

from __future__ import annotations

import re

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|' + r"'[^']*'"
_KEY = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_KEY})\s*\]\]?\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(rf"^\s*({_KEY})\s*=")
_PART = re.compile(rf"{_BARE}|{_QUOTED}")
_INDEX = re.compile(r"\[(\d+)\]")


def _parts(key: str) -> list[str]:
    return [part.strip("\"'") for part in _PART.findall(key)]


def key_lines(text: str) -> dict[str, int]:
    """Each table's and key's place (``sections[1].content[0].text``) and its line (from 1)."""
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    """How many ``[[…]]`` entries each array of tables has had, by its place."""
    current = ""
    closing: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if closing is not None:  # inside a multi-line string
            if line.count(closing) % 2 == 1:
                closing = None
            continue
        header = _HEADER.match(line)
        if header:
            current = _place_of(_parts(header.group(2)), header.group(1) == "[[", counts)
            lines.setdefault(current, number)
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            place = ".".join(filter(None, [current, *_parts(assignment.group(1))]))
            lines.setdefault(place, number)
            value = line[assignment.end() :]
            for quotes in ('"""', "'''"):
                if value.count(quotes) % 2 == 1:
                    closing = quotes
    return lines


def _place_of(parts: list[str], array: bool, counts: dict[str, int]) -> str:
    """A header's place, each array of tables on the way given its current entry's index."""
    place = ""
    for depth, part in enumerate(parts):
        place = f"{place}.{part}" if place else part
        last = depth == len(parts) - 1
        if last and array:
            index = counts.get(place, 0)
            counts[place] = index + 1
            for key in [key for key in counts if key.startswith(f"{place}[{index - 1}]")]:
                del counts[key]  # the entries nested in the previous entry start again
            place = f"{place}[{index}]"
        elif place in counts:
            place = f"{place}[{counts[place] - 1}]"
    return place


def line_of(place: str, lines: dict[str, int]) -> int | None:
    """The line of ``place``, or of the nearest key or table holding it; None if none does."""
    place = place.strip()
    while place:
        if place in lines:
            return lines[place]
        cut = max(place.rfind("."), place.rfind("["))
        place = place[: max(cut, 0)]
    return None
