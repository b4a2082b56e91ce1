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
_STRING = re.compile(_QUOTED)
_COMMENT = re.compile(r"#.*$")


def _parts(key: str) -> list[str]:
    return [part.strip("\"'") for part in _PART.findall(key)]


def key_lines(text: str) -> dict[str, int]:
    """Each table's and key's place (``sections[1].content[0].text``) and its line (from 1)."""
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    """How many ``[[…]]`` entries each array of tables has had, by its place."""
    current = ""
    closing: str | None = None
    array: tuple[str, int, int] | None = None
    """In a multi-line array: its place, the depth of brackets open and its items so far."""
    for number, line in enumerate(text.splitlines(), start=1):
        if closing is not None:  # inside a multi-line string
            if line.count(closing) % 2 == 1:
                closing = None
            continue
        if array is not None:
            array = _array_line(array, line, number, lines)
            continue
        header = _HEADER.match(line)
        if header:
            entry = header.group(1) == "[["
            current = _place_of(_parts(header.group(2)), entry, counts)
            steps = current.split(".")
            for end in range(1, len(steps) + 1):  # [tables.requests] opens tables too
                lines.setdefault(".".join(steps[:end]), number)
            if entry:  # the array itself is where its first entry is
                lines.setdefault(current[: current.rindex("[")], number)
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            parts = _parts(assignment.group(1))
            for end in range(1, len(parts) + 1):  # a dotted key opens each table on its way
                place = ".".join(filter(None, [current, *parts[:end]]))
                lines.setdefault(place, number)
            value = line[assignment.end() :]
            for quotes in ('"""', "'''"):
                if value.count(quotes) % 2 == 1:
                    closing = quotes
            depth = _depth(value)
            if closing is None and value.strip().startswith("[") and depth > 0:
                array = (place, depth, 0)
    return lines


def _depth(text: str) -> int:
    """How many more brackets a piece of a line opens than it closes (strings left out)."""
    bare = _COMMENT.sub("", _STRING.sub("", text))
    return bare.count("[") - bare.count("]")


def _array_line(
    array: tuple[str, int, int], line: str, number: int, lines: dict[str, int]
) -> tuple[str, int, int] | None:
    """One line of a multi-line array: an item starting at the array's own level is given
    its line (``content[2]``). Returns the array's state after the line, None once closed."""
    place, depth, items = array
    stripped = line.strip()
    if depth == 1 and stripped and not stripped.startswith(("]", "#")):
        lines.setdefault(f"{place}[{items}]", number)
        items += 1
    depth += _depth(line)
    return (place, depth, items) if depth > 0 else None


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
