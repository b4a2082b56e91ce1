"""The report file ``govreport import`` writes: the imported data as TOML, with a comment above
every spot the mapping was unsure of and a header saying where it was read from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import _toml_writer as toml
from . import Imported, Note

_HEADER_DEPTH = 3
"""Tables nested up to this deep get a header of their own (``[tables.requests.withheld]``);
deeper ones are written inline."""


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


def _is_array_of_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _headed(value: Any) -> bool:
    """Whether a table is set out under a header: it holds tables itself."""
    return _is_table(value) and any(
        _is_table(item) or _is_array_of_tables(item) for item in value.values()
    )


def _body(
    path: str, names: tuple[str, ...], data: dict[str, Any], top: bool
) -> Iterator[tuple[str, str]]:
    """``(path, line)`` for the keys of one table: its values first (as TOML asks), then its
    tables and arrays of tables in their order. Blank lines have the path ``""``."""
    depth = len(names)
    arrays = [k for k, v in data.items() if _is_array_of_tables(v) and depth < 2 and top]
    tables = [
        k
        for k, v in data.items()
        if k not in arrays and _is_table(v) and depth < _HEADER_DEPTH and (depth == 0 or _headed(v))
    ]
    for name, value in data.items():
        if name not in arrays and name not in tables:
            yield _join(path, name), toml.assignment(name, value)
    for name in data:
        if name in tables:
            yield "", ""
            yield _join(path, name), toml.header(*names, name)
            yield from _body(_join(path, name), (*names, name), data[name], top)
        elif name in arrays:
            for index, item in enumerate(data[name]):
                place = f"{_join(path, name)}[{index}]"
                yield "", ""
                yield place, toml.header(*names, name, array=True)
                yield from _body(place, (*names, name), item, top=False)


def _covers(line_path: str, note_path: str) -> bool:
    """Whether the line at ``line_path`` holds the place ``note_path`` names."""
    if not line_path:
        return False
    return note_path == line_path or note_path.startswith((f"{line_path}.", f"{line_path}["))


def report_text(imported: Imported, header: list[str]) -> str:
    """The report file for ``imported``: ``header`` as comments at the top, each note as a
    comment above the line holding its place (above the closest line that does, for a place
    inside an inline value; in the header for a place the file does not hold)."""
    lines = list(_body("", (), imported.data, top=True))
    placed: dict[int, list[Note]] = {}
    unplaced: list[Note] = []
    for note in imported.notes:
        holders = [i for i, (path, _) in enumerate(lines) if _covers(path, note.path)]
        if holders:
            best = max(holders, key=lambda i: len(lines[i][0]))
            placed.setdefault(best, []).append(note)
        else:
            unplaced.append(note)
    out = [toml.comment(text) for text in header]
    out += [toml.comment(f"请核对 {note.path}：{note.message}") for note in unplaced]
    out.append("")
    for index, (_, line) in enumerate(lines):
        out += [toml.comment(f"请核对：{note.message}") for note in placed.get(index, [])]
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
