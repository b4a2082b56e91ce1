"""Reading the ``[tables]`` part of a report file against a table format.

Every problem is collected with its place under ``[tables]`` (``requests.new.natural``); an
unknown table, row or column key gets a "did you mean". Rows of a group may be written nested or
with TOML's dotted keys — ``withheld.state_secret = { natural = 14 }``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import Problem
from ..suggest import closest
from .cells import Cell, structure_cell
from .spec import Row, TableFormat, TableSpec

SETTINGS = ("format", "compute_totals", "unpublished")


class TableProblems(ValueError):
    """The problems found in ``[tables]``, each placed relative to it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def _hint(key: str, known: list[str]) -> str:
    close = closest(key, known)
    return f"；是不是 {close!r}？" if close else f"；可用的有：{', '.join(known)}"


def _got(value: object) -> str:
    return f"实际为 {value!r}"


def structure_tables(
    raw: Mapping[str, Any], table_format: TableFormat
) -> tuple[dict[str, dict[str, dict[str, Cell]]], bool, tuple[str, ...]]:
    """The cells a report file gives, its ``compute_totals`` and its ``unpublished`` tables;
    raises TableProblems listing every problem. (The loader makes the model's ``Tables`` of
    them: the model imports this package, so this package does not import the model.)"""
    problems: list[Problem] = []
    compute = raw.get("compute_totals", True)
    if not isinstance(compute, bool):
        problems.append(Problem("compute_totals", f"应为 true 或 false，{_got(compute)}"))
        compute = True
    cells: dict[str, dict[str, dict[str, Cell]]] = {}
    known = [table.key for table in table_format.tables]
    for key, value in raw.items():
        if key in SETTINGS:
            continue
        spec = table_format.table(key)
        if spec is None:
            message = f"{table_format.name} 格式没有表 {key!r}"
            problems.append(Problem(key, message + _hint(key, known + list(SETTINGS))))
        elif not isinstance(value, Mapping):
            problems.append(Problem(key, f"应为由各行组成的表，{_got(value)}"))
        else:
            rows: dict[str, dict[str, Cell]] = {}
            _read_rows(spec, value, "", key, rows, problems)
            cells[key] = rows
    unpublished = _unpublished(raw.get("unpublished", []), table_format, cells, problems)
    if problems:
        raise TableProblems(problems)
    return cells, compute, unpublished


def _unpublished(
    value: Any,
    table_format: TableFormat,
    cells: Mapping[str, Mapping[str, Any]],
    problems: list[Problem],
) -> tuple[str, ...]:
    """The tables ``unpublished`` names: keys of the format's tables, none of them filled in."""
    known = [table.key for table in table_format.tables]
    if not isinstance(value, list) or not all(isinstance(key, str) for key in value):
        example = f'unpublished = ["{known[0]}"]' if known else "unpublished = []"
        expected = f"应为统计表键的列表，如 {example}（expected a list of table keys）"
        problems.append(Problem("unpublished", f"{expected}，{_got(value)}"))
        return ()
    keys: list[str] = []
    for index, key in enumerate(value):
        place = f"unpublished[{index}]"
        if table_format.table(key) is None:
            message = f"{table_format.name} 格式没有统计表 {key!r}（no such table）"
            problems.append(Problem(place, message + _hint(key, known)))
        elif any(cells.get(key, {}).values()):
            problems.append(
                Problem(
                    place,
                    f"统计表 {key!r} 标为未公布，但 [tables.{key}] 填写了数字；"
                    f"请删去其中一处（a table marked unpublished has figures）",
                )
            )
        elif key not in keys:
            keys.append(key)
    return tuple(keys)


def _level(spec: TableSpec, prefix: str) -> list[str]:
    """The keys one may write at this level: row keys and group keys below ``prefix``."""
    names: list[str] = []
    for row in spec.rows():
        if row.key.startswith(prefix):
            head = row.key[len(prefix) :].split(".")[0]
            if head not in names:
                names.append(head)
    return names


def _read_rows(
    spec: TableSpec,
    raw: Mapping[str, Any],
    prefix: str,
    path: str,
    rows: dict[str, dict[str, Cell]],
    problems: list[Problem],
) -> None:
    for key, value in raw.items():
        full, place = prefix + key, f"{path}.{key}"
        row = spec.row(full)
        if row is not None:
            rows[full] = _read_row(row, value, place, problems)
        elif spec.rows_under(full):
            if isinstance(value, Mapping):
                _read_rows(spec, value, full + ".", place, rows, problems)
            else:
                inner = _level(spec, full + ".")
                problems.append(
                    Problem(
                        place, f"{full!r} 是一组行（{', '.join(inner)}），应分行填写，{_got(value)}"
                    )
                )
        else:
            problems.append(Problem(place, _unknown_row(spec, key, prefix)))


def _unknown_row(spec: TableSpec, key: str, prefix: str) -> str:
    known = _level(spec, prefix)
    columns = {column.key for row in spec.rows() for column in row.columns}
    if prefix and key in columns:
        group = prefix.rstrip(".")
        return (
            f"{group!r} 在这一格式中有自己的各行（{', '.join(known)}）；"
            f"请把数字填在其中一行，如 {group}.{known[0]} = {{ {key} = … }}"
        )
    where = f"{prefix.rstrip('.')!r} 中" if prefix else f"表 {spec.key!r} 中"
    return f"{where}没有行 {key!r}" + _hint(key, known)


def _read_row(row: Row, raw: Any, path: str, problems: list[Problem]) -> dict[str, Cell]:
    if not isinstance(raw, Mapping):
        example = f"{{ {row.columns[0].key} = 3 }}"
        problems.append(Problem(path, f"应为这一行的各格，如 {example}，{_got(raw)}"))
        return {}
    cells: dict[str, Cell] = {}
    for key, value in raw.items():
        column = row.column(key)
        if column is None:
            known = [column.key for column in row.columns]
            problems.append(Problem(f"{path}.{key}", f"没有列 {key!r}" + _hint(key, known)))
            continue
        try:
            cells[key] = structure_cell(value, column.kind, column.unit)
        except ValueError as error:
            problems.append(Problem(f"{path}.{key}", str(error)))
    return cells
