"""The statistical tables of a published report: from printed grids to ``[tables]`` data.

Which format (gb2021, gb2019, a plugin's) is told by the labels only that format prints; which
table a grid is, by its header labels — a grid holding two tables is split, and a table continued
in the next grid (a page break) is joined. Rows are matched to the official rows by their labels,
tolerant of line breaks, spaces, full/half-width punctuation, numbering and small typos; columns
by their headers. Every cell is kept as printed. What does not fit the format — a reworded label,
a 2019-style single （六） row in a 2021 table, a missing or extra column, a cell that is not a
number — is kept as a deviation, and where the mapping is unsure it leaves a :class:`Note`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ..readers import SourceDocument, SourceParagraph, SourceTable
from ..tables.cells import AMOUNT_UNITS, NOT_APPLICABLE_MARKS, CellKind
from ..tables.reports import UNPUBLISHED_NOTE, table_formats
from ..tables.spec import Column, ColumnHead, Group, Row, TableFormat, TableSpec, rows_of
from ..validators import MAX_COUNT
from .results import Note

if TYPE_CHECKING:
    from ..plugins import Registry

MATCH = 0.6
"""The least similarity (difflib ratio of the normalised labels) for a label to be matched."""
SURE = 0.85
"""Below this similarity a matched label also gets a note: the clerk should look."""
LONGEST_LABEL = 120
"""Longer printed texts are compared by their beginning only (a label is never this long)."""

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．]?(?=\D))"
)
_NOTE = re.compile(r"[(（][^()（）]*[)）]")
_DROP = re.compile(r"[\s\u3000“”\"'‘’「」《》、，,。.．:：;；·]")
_UNITS = sorted(AMOUNT_UNITS, key=len, reverse=True)
"""The units, longest first: 万元 before 元."""
_UNIT = re.compile(r"单位[:：]?\s*(" + "|".join(_UNITS) + ")")
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@attrs.frozen
class FoundTables:
    """The tables found in a document, as a report file's ``[tables]`` and what goes with it."""

    format: str | None
    """The table format's name, or None when no statistical table was found."""
    tables: dict[str, Any]
    """The ``[tables]`` data: ``format``, ``compute_totals = False`` and a dict per table."""
    origins: dict[str, str]
    """Where each table was found, by table key (``第3–4页``)."""
    deviations: list[dict[str, str]]
    """What was printed but does not fit the format, in the ``[[source.deviations]]`` shape."""
    notes: tuple[Note, ...]
    used: frozenset[int]
    """The indexes of the document's blocks read as statistical tables."""


def normalised(label: str) -> str:
    """A label for comparing: full-width folded, numbering, spaces and punctuation dropped."""
    text = unicodedata.normalize("NFKC", label)
    text = re.sub(r"\s+", "", text)
    while True:
        shorter = _NUMBERING.sub("", text, count=1)
        if shorter == text:
            break
        text = shorter
    return _DROP.sub("", text)


def _bare(label: str) -> str:
    """A header without its notes in brackets: ``总计（本列…）`` → ``总计``."""
    return normalised(_NOTE.sub("", unicodedata.normalize("NFKC", label))) or normalised(label)


def similarity(printed: str, official: str) -> float:
    """How alike two labels are, 0 to 1, once normalised; 0 when they are too unlike to match."""
    a, b = normalised(printed[: LONGEST_LABEL * 2])[:LONGEST_LABEL], normalised(official)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MATCH or matcher.quick_ratio() < MATCH:
        return 0.0  # too unlike to be matched: not worth the full comparison
    return matcher.ratio()


# Which format and which table ----------------------------------------------------------------


def _head_labels(heads: tuple[ColumnHead, ...]) -> Iterator[str]:
    for head in heads:
        yield head.label
        yield from _head_labels(head.children)


def _group_labels(nodes: tuple[Row | Group, ...]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, Group):
            yield node.label
            yield from _group_labels(node.children)


def _labels(spec: TableSpec) -> set[str]:
    """Every label the table prints, normalised."""
    texts = [spec.title, spec.corner, *_head_labels(spec.head), *_group_labels(spec.children)]
    for row in spec.rows():
        texts += [row.label, *(column.label for column in row.columns)]
    return {normalised(text) for text in texts} - {""}


def _header_labels(spec: TableSpec) -> set[str]:
    """The labels that open a table or one of its blocks: title, corner, column headers."""
    texts = [spec.title, spec.corner, *_head_labels(spec.head)]
    if spec.layout == "blocks":
        texts += [node.label for node in spec.children if isinstance(node, Group)]
        texts += [column.label for row in spec.rows() for column in row.columns]
    return {_bare(text) for text in texts} - {""}


def _cell_texts(grids: Iterable[SourceTable]) -> set[str]:
    return {normalised(cell) for grid in grids for row in grid.rows for cell in row} - {""}


def choose_format(
    grids: list[SourceTable], formats: dict[str, TableFormat], year: int | None = None
) -> tuple[TableFormat | None, bool]:
    """The format whose own labels (those no other format prints) the grids print most, and
    whether the choice is sure (no tie; a tie goes to the format for the report's ``year``,
    then to the newer). None when the grids print no table label at all."""
    printed = _cell_texts(grids)
    labels = {name: set().union(*map(_labels, fmt.tables)) for name, fmt in formats.items()}
    if not any(printed & own for own in labels.values()):
        return None, True
    scores = []
    for name, own in labels.items():
        others = set().union(*(labels[other] for other in labels if other != name))
        for_year = year is not None and formats[name].covers(year)
        scores.append((len(printed & (own - others)), for_year, formats[name].first_year, name))
    scores.sort(reverse=True)
    sure = len(scores) < 2 or scores[0][:2] > scores[1][:2]
    return formats[scores[0][-1]], sure


def _opens(row: tuple[str, ...], table_format: TableFormat, current: str | None) -> str | None:
    """The table whose header a grid row prints, if it prints one (the current table's, when
    its header also has the row's labels: 总计 heads 表三's and 表四's columns)."""
    if any(_is_value(cell) for cell in row):
        return None
    texts = {_bare(cell) for cell in row} - {""}
    counts = {spec.key: len(texts & _header_labels(spec)) for spec in table_format.tables}
    if current is not None and counts.get(current):
        return current
    best = max(counts, key=lambda key: counts[key], default=None)
    return best if best is not None and counts[best] else None


@attrs.define
class _Segment:
    """The grid rows of one table, each with the origin of the grid it was printed in."""

    key: str
    rows: list[tuple[tuple[str, ...], str]] = attrs.Factory(list)
    blocks: list[int] = attrs.Factory(list)


def _joined_origin(origins: list[str]) -> str:
    """Where a table was found, over all its grids: ``第3页`` and ``第4页`` → ``第3–4页``."""
    unique = list(dict.fromkeys(origins))
    pages = [re.fullmatch(r"第(\d+)页", origin) for origin in unique]
    if len(unique) > 1 and all(pages):
        numbers = [int(page.group(1)) for page in pages if page]
        return f"第{min(numbers)}–{max(numbers)}页"
    return "、".join(unique)


def _row_table(row: tuple[str, ...], table_format: TableFormat) -> str | None:
    """The table whose official row label a grid row prints best (for a grid without header)."""
    best, best_score = None, MATCH
    labels = [cell for cell in row if normalised(cell) and not _is_value(cell)]
    for cell in labels[:3]:  # the row's label cells come first
        for spec in table_format.tables:
            for official in spec.rows():
                score = similarity(cell, official.label)
                if score > best_score:
                    best, best_score = spec.key, score
    return best


def _segments(document: SourceDocument, table_format: TableFormat) -> list[_Segment]:
    """The grid rows of each table, split where a grid holds more than one table and joined
    where a table goes on in the next grid."""
    segments: list[_Segment] = []
    current: _Segment | None = None
    for index, block in enumerate(document.blocks):
        if not isinstance(block, SourceTable):
            if normalised(block.text) and not _is_page_mark(block.text):
                current = None  # prose between two grids: the table does not go on
            continue
        for row in block.rows:
            key = _opens(row, table_format, current.key if current else None)
            if current is None and key is None and any(normalised(cell) for cell in row):
                key = _row_table(row, table_format)
            if key is not None and (current is None or key != current.key):
                current = _Segment(key)
                segments.append(current)
            if current is not None:
                current.rows.append((row, block.origin))
                if index not in current.blocks:
                    current.blocks.append(index)
    return segments


def _is_page_mark(text: str) -> bool:
    return re.fullmatch(r"[\s\-—–－第页0-9]*", text) is not None


# Cells -------------------------------------------------------------------------------------


def _is_value(text: str) -> bool:
    """Whether a printed cell holds a value (a number, "/", an amount) rather than a label."""
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if text in NOT_APPLICABLE_MARKS:
        return True
    for unit in _UNITS:
        text = text.removesuffix(unit)
    return _NUMBER.match(text) is not None


def read_cell(text: str, column: Column, header_unit: str | None) -> tuple[bool, Any]:
    """A printed cell as the loader takes it: ``(True, value)``, ``(True, None)`` for a blank,
    ``(False, None)`` when it is not a value of its column (kept as a deviation)."""
    printed = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if not printed:
        return True, None
    if printed in NOT_APPLICABLE_MARKS:
        return True, "/"
    unit = next((u for u in _UNITS if printed.endswith(u)), None)
    number = printed.removesuffix(unit) if unit else printed
    if not _NUMBER.match(number):
        return False, None
    number = number.replace(",", "")
    if abs(float(number)) > MAX_COUNT * (100 if column.kind is CellKind.AMOUNT else 1):
        return False, None
    if column.kind is not CellKind.AMOUNT:
        if unit or "." in number or (number.startswith("-") and column.kind is CellKind.COUNT):
            return False, None
        return True, int(number)
    value: int | float = float(number) if "." in number else int(number)
    unit = unit or header_unit
    if column.unit is not None:
        return (True, value) if unit in (None, column.unit) else (False, None)
    return (True, {"value": value, "unit": unit}) if unit else (False, None)


# Reading one table ---------------------------------------------------------------------------


@attrs.define
class _Reading:
    """What reading the tables gives, collected as it goes."""

    deviations: list[dict[str, str]] = attrs.Factory(list)
    notes: list[Note] = attrs.Factory(list)

    def deviate(self, place: str, printed: str, expected: str, origin: str) -> None:
        entry = {"place": place, "printed": printed, "expected": expected, "origin": origin}
        if entry not in self.deviations:
            self.deviations.append(entry)

    def note(self, path: str, message: str) -> None:
        if Note(path, message) not in self.notes:
            self.notes.append(Note(path, message))


def _put(rows: dict[str, Any], row_key: str, column: str, value: Any) -> None:
    """A cell into nested row dicts: ``withheld.state_secret`` under ``withheld``."""
    target = rows
    for part in row_key.split("."):
        target = target.setdefault(part, {})
    target[column] = value


def _best(printed: str, candidates: Iterable[tuple[str, Any]]) -> tuple[Any, str, float]:
    best: tuple[Any, str, float] = (None, "", 0.0)
    for label, item in candidates:
        score = similarity(printed, label)
        if score > best[2]:
            best = (item, label, score)
    return best


def _columns_of(header_rows: list[tuple[str, ...]]) -> dict[int, str]:
    """Per grid column, its lowest printed header text (merged cells hold "" where they
    extend)."""
    width = max(len(row) for row in header_rows)
    texts: dict[int, str] = {}
    for position in range(width):
        for row in reversed(header_rows):
            if position < len(row) and normalised(row[position]):
                texts[position] = row[position]
                break
    return texts


class _TableReader:
    """Reads the segments of one table into its cells: a table continued after prose (a page
    header between two grids) goes on under the columns found over its first part."""

    def __init__(self, spec: TableSpec, reading: _Reading) -> None:
        self.spec, self.reading = spec, reading
        self.cells: dict[str, Any] = {}
        self.seen: set[str] = set()
        self.origins: list[str] = []
        self.columns: dict[int, tuple[Column, str | None]] | None = None
        self.label_width = 1
        self.previous: Row | None = None
        self.headers = _header_labels(spec)
        self.groups = {normalised(label): label for label in _group_labels(spec.children)}

    def place(self, row_key: str = "", column: str = "") -> str:
        return ".".join(part for part in ("tables", self.spec.key, row_key, column) if part)

    def is_header(self, row: tuple[str, ...]) -> bool:
        """Whether a row prints column headers (and no value): header labels, perhaps beside
        an extra column's header."""
        texts = [cell for cell in row if normalised(cell)]
        if any(_is_value(cell) for cell in texts):
            return False
        return any(
            _bare(cell) in self.headers or "勾稽关系" in cell or _unit_of(cell) for cell in texts
        )

    def match_columns(
        self, texts: dict[int, str], columns: tuple[Column, ...], origin: str
    ) -> dict[int, tuple[Column, str | None]]:
        """Grid positions to the format's columns; a missing or extra column is a deviation."""
        found: dict[int, tuple[Column, str | None]] = {}
        labels = [(column.label, column) for column in columns]
        for position, text in texts.items():
            column, label, score = _best(_NOTE.sub("", text) or text, labels)
            if column is None or score < MATCH or any(c is column for c, _ in found.values()):
                self.reading.deviate(self.place(), text, "", origin)
                self.reading.note(self.place(), f"表中多出一列「{text}」，未读入（extra column）")
                continue
            found[position] = (column, _unit_of(text))
            if normalised(text) != normalised(label) and _bare(text) != _bare(label):
                self.reading.deviate(self.place(), text, label, origin)
        for column in columns:
            if not any(c is column for c, _ in found.values()):
                self.reading.deviate(self.place(), "", column.label, origin)
                self.reading.note(self.place(), f"表中没有「{column.label}」一列（missing column）")
        return found

    def match_row(
        self, label: str, group: str | None, after: Row | None, rows: list[Row]
    ) -> tuple[Row | None, float]:
        """The official row a printed label is; its group and the order break near ties."""
        order = {row.key: index for index, row in enumerate(rows)}
        best: tuple[Row | None, float, float] = (None, 0.0, 0.0)
        for row in rows:
            score = max(similarity(label, row.label), similarity(label, row.short or ""))
            bonus = 0.0
            if group is not None and row.key.startswith(group + "."):
                bonus += 0.05
            if after is not None and order[row.key] == order[after.key] + 1:
                bonus += 0.02
            if row.key in self.seen:
                bonus -= 0.1
            if score + bonus > best[1] + best[2]:
                best = (row, score, bonus)
        return (best[0], best[1]) if best[1] >= MATCH else (None, best[1])

    def record_row(self, row: Row, label: str, score: float, origin: str) -> None:
        place = self.place(row.key)
        if score < 1.0 and normalised(label) not in (
            normalised(row.label),
            normalised(row.short or ""),
        ):
            self.reading.deviate(place, label, row.label, origin)
            if score < SURE:
                self.reading.note(
                    place, f"印的行名「{label}」与格式的「{row.label}」不同，请核对是否为这一行"
                )
        self.seen.add(row.key)

    def read_cells(
        self,
        row: Row,
        grid_row: tuple[str, ...],
        columns: dict[int, tuple[Column, str | None]],
        origin: str,
    ) -> None:
        for position, (column, header_unit) in columns.items():
            own = row.column(column.key)
            text = grid_row[position] if position < len(grid_row) else ""
            if own is None:
                continue
            ok, value = read_cell(text, own, header_unit)
            place = self.place(row.key, own.key)
            if not ok:
                self.reading.deviate(place, text, _expected(own), origin)
                self.reading.note(place, f"这一格印的是「{text}」，不是{_expected(own)}，未读入")
            elif value is not None:
                _put(self.cells, row.key, own.key, value)

    @property
    def origin(self) -> str:
        return _joined_origin(self.origins)

    def read(self, segment: _Segment) -> None:
        self.origins += [origin for _, origin in segment.rows]
        layouts = {"matrix": self.read_matrix, "blocks": self.read_blocks}
        layouts.get(self.spec.layout, self.read_single)(segment.rows)

    def finish(self) -> dict[str, Any]:
        """The cells read; every official row never printed is a deviation."""
        for row in self.spec.rows():
            if row.key not in self.seen:
                self.reading.deviate(self.place(row.key), "", row.label, self.origin)
        return self.cells

    def read_matrix(self, rows: list[tuple[tuple[str, ...], str]]) -> None:
        start = 0
        while start < len(rows) and self.is_header(rows[start][0]):
            start += 1
        if start or self.columns is None:
            header = [row for row, _ in rows[:start]] or [()]
            texts = _columns_of(header)
            self.label_width = _label_width(rows[start:], texts)
            texts = {
                p: t for p, t in texts.items() if p >= self.label_width and "勾稽关系" not in t
            }
            self.columns = self.match_columns(texts, next(self.spec.rows()).columns, rows[0][1])
        columns, label_width = self.columns, self.label_width
        official = list(self.spec.rows())
        group = self.previous.key.rpartition(".")[0] or None if self.previous else None
        previous = self.previous
        for grid_row, origin in rows[start:]:
            labels = [cell for cell in grid_row[:label_width] if normalised(cell)]
            if not labels:
                continue
            for label in labels[:-1]:
                group = self.group_key(label) or group
            label = labels[-1]
            whole = self.group_key(label)
            if whole is not None and self.spec.rows_under(whole):
                if any(normalised(grid_row[p]) for p in columns if p < len(grid_row)):
                    self.single_row(whole, label, grid_row, columns, origin)
                group = whole
                continue
            row, score = self.match_row(label, group, previous, official)
            if row is None:
                self.unknown_row(label, origin)
                continue
            self.record_row(row, label, score, origin)
            self.read_cells(row, grid_row, columns, origin)
            previous = self.previous = row

    def group_key(self, label: str) -> str | None:
        """The key prefix of a keyed group a printed label names (``（三）不予公开`` →
        ``withheld``); None for a label that is no group, or a group without keys."""
        key = normalised(label)
        for name in self.groups:
            if name == key or (len(key) >= 4 and similarity(key, name) >= SURE):
                node_rows = [r for r in self.spec.rows() if _in_group(self.spec, name, r)]
                prefixes = {r.key.split(".")[0] for r in node_rows}
                if len(prefixes) == 1 and all("." in r.key for r in node_rows):
                    return prefixes.pop()
                return None
        return None

    def single_row(
        self,
        group: str,
        label: str,
        grid_row: tuple[str, ...],
        columns: dict[int, tuple[Column, str | None]],
        origin: str,
    ) -> None:
        """A group printed as one row (2019's （六）其他处理 in a 2021 table): its cells go to
        the group's last row, the catch-all (其他), and a note says so."""
        inner = self.spec.rows_under(group)
        target = inner[-1]
        expected = "；".join(row.label for row in inner)
        self.reading.deviate(self.place(group), label, expected, origin)
        self.reading.note(
            self.place(target.key),
            f"表中「{label}」只印了一行；按格式应分为 {expected}。"
            f"这一行的数字已填在「{target.label}」，请按实际情况分到各行",
        )
        self.read_cells(target, grid_row, columns, origin)
        for row in inner:
            self.seen.add(row.key)

    def unknown_row(self, label: str, origin: str) -> None:
        self.reading.deviate(self.place(), label, "", origin)
        self.reading.note(self.place(), f"表中的行「{label}」不是格式中的行，未读入")

    def read_blocks(self, rows: list[tuple[tuple[str, ...], str]]) -> None:
        official = list(self.spec.rows())
        for grid_row, origin in rows:
            texts = [cell for cell in grid_row if normalised(cell)]
            if not texts or (len(texts) == 1 and _bare(texts[0]) in self.headers):
                continue
            if self.is_header(grid_row):
                block_columns = self.block_columns(grid_row, self.previous, official)
                heads = {p: t for p, t in enumerate(grid_row) if p > 0 and normalised(t)}
                self.columns = self.match_columns(heads, block_columns, origin)
                continue
            label = next((text for text in texts if not _is_value(text)), "")
            if not label:
                continue
            row, score = self.match_row(label, None, self.previous, official)
            if row is None:
                self.unknown_row(label, origin)
                continue
            self.record_row(row, label, score, origin)
            self.read_cells(row, grid_row, self.columns or {}, origin)
            self.previous = row

    def block_columns(
        self, header: tuple[str, ...], previous: Row | None, official: list[Row]
    ) -> tuple[Column, ...]:
        """The columns of the block a header row opens: the block whose columns it prints
        best, the next block in order on a tie."""
        printed = {_bare(cell) for cell in header[1:]} - {""}
        start = official.index(previous) + 1 if previous in official else 0
        best: tuple[int, tuple[Column, ...]] = (-1, official[0].columns)
        for row in official[start:] + official[:start]:
            count = len(printed & {normalised(column.label) for column in row.columns})
            if count > best[0]:
                best = (count, row.columns)
        return best[1]

    def read_single(self, rows: list[tuple[tuple[str, ...], str]]) -> None:
        start = 0
        while start < len(rows) and self.is_header(rows[start][0]):
            start += 1
        header = [row for row, _ in rows[:start]]
        data = [(row, origin) for row, origin in rows[start:] if any(map(normalised, row))]
        if not header or not data:
            return
        grid_row, origin = data[0]
        heads = [(label, key) for key, label in _leaf_paths(self.spec.head)]
        found: set[str] = set()
        for position in _columns_of(header):
            path = "".join(_head_path(header, position))
            key, label, score = _best(path, heads)
            if key is None or score < MATCH or key in found:
                self.reading.deviate(self.place(), path, "", origin)
                continue
            found.add(key)
            row_key, column_key = key.rsplit(".", 1)
            row = self.spec.row(row_key)
            column = row.column(column_key) if row else None
            if row is not None and column is not None:
                self.seen.add(row.key)
                self.read_cells(row, grid_row, {position: (column, None)}, origin)
        for key, label in _leaf_paths(self.spec.head):
            if key not in found:
                self.reading.deviate(self.place(), "", label, origin)
                self.reading.note(self.place(), f"表中没有「{label}」一列（missing column）")


def _in_group(spec: TableSpec, name: str, row: Row) -> bool:
    def find(nodes: tuple[Row | Group, ...]) -> Group | None:
        for node in nodes:
            if isinstance(node, Group):
                if normalised(node.label) == name:
                    return node
                inner = find(node.children)
                if inner is not None:
                    return inner
        return None

    group = find(spec.children)
    return group is not None and row in list(rows_of(group.children))


def _leaf_paths(heads: tuple[ColumnHead, ...], above: str = "") -> list[tuple[str, str]]:
    """Every leaf header's key with the labels above it joined: ``行政复议结果维持``."""
    leaves: list[tuple[str, str]] = []
    for head in heads:
        if head.children:
            leaves += _leaf_paths(head.children, above + head.label)
        elif head.key:
            leaves.append((head.key, above + head.label))
    return leaves


def _head_path(header: list[tuple[str, ...]], position: int) -> list[str]:
    """The header texts over a grid column, a merged cell's text found left of it."""
    path = []
    for level, row in enumerate(header):
        text = ""
        for left in range(min(position, len(row) - 1), -1, -1):
            if normalised(row[left]):
                text = row[left]
                break
            if level == len(header) - 1:
                break
        if text and (not path or path[-1] != text):
            path.append(text)
    return path


def _label_width(rows: list[tuple[tuple[str, ...], str]], heads: dict[int, str]) -> int:
    """How many grid columns hold the row labels: those before the first headed data column."""
    data = [p for p, text in heads.items() if "勾稽关系" not in text]
    if data:
        return min(data)
    return max((next((p for p, c in enumerate(r) if _is_value(c)), 1) for r, _ in rows), default=1)


def _unit_of(header: str) -> str | None:
    found = _UNIT.search(unicodedata.normalize("NFKC", header))
    return found.group(1) if found else None


def _expected(column: Column) -> str:
    if column.kind is CellKind.AMOUNT:
        return f"金额（{column.unit}）" if column.unit else "金额"
    return "整数或 /"


# The front door ----------------------------------------------------------------------------


def _unpublished(
    document: SourceDocument, table_format: TableFormat, printed: set[str]
) -> dict[str, int]:
    """The tables a document says it did not publish — the note govreport prints in their place,
    after the heading or title naming the table — each with the index of its note."""
    notes: dict[str, int] = {}
    blocks = document.blocks
    for index in range(1, len(blocks)):
        note, before = blocks[index], blocks[index - 1]
        if not (isinstance(note, SourceParagraph) and isinstance(before, SourceParagraph)):
            continue
        if normalised(note.text) != normalised(UNPUBLISHED_NOTE):
            continue
        named = _bare(before.text)
        for spec in table_format.tables:
            if spec.key not in printed and spec.key not in notes and _bare(spec.title) in named:
                notes[spec.key] = index
                break
    return notes


def read_tables(
    document: SourceDocument, registry: Registry, year: int | None = None
) -> FoundTables:
    """The statistical tables a document prints, read against the format they follow (the one
    for the report's ``year`` when their labels fit two formats alike)."""
    grids = [block for block in document.blocks if isinstance(block, SourceTable)]
    table_format, sure = choose_format(grids, table_formats(registry), year)
    if table_format is None:
        return FoundTables(None, {}, {}, [], (), frozenset())
    reading = _Reading()
    if not sure:
        reading.note(
            "tables.format",
            f"表格的样式不能确定属于哪一种格式，按 {table_format.name} 读入，请核对",
        )
    tables: dict[str, Any] = {"format": table_format.name, "compute_totals": False}
    origins: dict[str, str] = {}
    used: set[int] = set()
    readers: dict[str, _TableReader] = {}
    for segment in _segments(document, table_format):
        spec = table_format.table(segment.key)
        if spec is not None:
            readers.setdefault(spec.key, _TableReader(spec, reading)).read(segment)
            used.update(segment.blocks)
    for spec in table_format.tables:  # in the format's order
        if spec.key in readers:
            tables[spec.key] = readers[spec.key].finish()
            origins[spec.key] = readers[spec.key].origin
    unpublished = _unpublished(document, table_format, set(readers))
    if unpublished:
        tables["unpublished"] = list(unpublished)
        used.update(unpublished.values())
    return FoundTables(
        table_format.name,
        tables,
        origins,
        reading.deviations,
        tuple(reading.notes),
        frozenset(used),
    )
