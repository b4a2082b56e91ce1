"""``govreport compare LAST THIS``: last year's and this year's cells, and the prose repeated.

Cells are compared by their stable keys (``requests.new.natural``) as the built reports show
them, totals computed. Keys mean the same in every format, so reports in different formats
(2020 in gb2019, 2021 in gb2021) are compared on the cells the two formats share. Amounts are
compared in this year's unit.

A cell is flagged when it

- ``jump``: grew to more than :data:`JUMP_FACTOR` times last year's value or fell below
  1/:data:`JUMP_FACTOR` of it, unless both values are below :data:`JUMP_MIN`;
- ``blank``: had a number last year and is blank this year;
- ``not_applicable``: had a number last year and is "/" this year.

When either year's tables fail their own arithmetic (a total that is not the sum of its parts),
the comparison says so first, and every cell those failures involve is marked ``unreliable``
(with the year or years at fault): its change is not shown as a real one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from .. import numbering
from .._records import record
from ..build import build_document
from ..checks import Finding
from ..checks.run import run_checks
from ..loader import LoadedReport
from ..tables.cells import Amount, Cell, NotApplicable
from ..tables.spec import TableFormat
from ..tables.totals import TableValues
from .amounts import decimal, in_unit, plain_number
from .data import CellData, cell_data
from .identities import cells_of, table_problems
from .overlap import MIN_RUN_CHARS, CopiedText, ProseOverlap, prose_overlap

JUMP_FACTOR = 5
"""A value past this many times last year's, or below 1/JUMP_FACTOR of it, is flagged."""
JUMP_MIN = 10
"""Changes between values both below this (1 → 6) are too small to flag as jumps."""

FLAG_TEXT = {
    "blank": "上年有数字，本年空白",
    "not_applicable": "上年有数字，本年为“/”",
}
YEARS = {"last": "上年", "this": "本年"}


def _jump_text(change: CellChange) -> str:
    if change.change is not None and change.change > 0:
        return f"异常变动：超过上年的{JUMP_FACTOR}倍"
    return f"异常变动：不足上年的{numbering.chinese_numeral(JUMP_FACTOR)}分之一"


@record
class CellChange:
    """One cell in both years: the values, the change and what is flagged."""

    key: str
    label: str
    last: CellData
    this: CellData
    change: int | float | None
    percent: float | None
    unit: str | None
    flags: tuple[str, ...]
    unreliable: tuple[str, ...] = ()
    """``"last"``, ``"this"`` or both: the years whose tables fail an identity on this cell."""


@record
class Comparison:
    """Two years of a report compared."""

    last: LoadedReport
    this: LoadedReport
    cells: tuple[CellChange, ...]
    prose: ProseOverlap
    notes: tuple[str, ...]
    identities: dict[str, tuple[Finding, ...]] = attrs.Factory(dict)
    """``"last"`` / ``"this"`` → the inconsistencies found in that year's tables."""


def _cells(loaded: LoadedReport) -> tuple[TableFormat | None, dict[str, tuple[str, Cell | None]]]:
    """Every cell of a report's format by key, with its label (totals computed)."""
    report, table_format = loaded.report, loaded.table_format
    if table_format is None:
        return None, {}
    cells = {}
    for spec in table_format.tables:
        entries = report.tables.cells.get(spec.key) if report.tables is not None else None
        values = TableValues(spec, entries, compute=True)
        for row in spec.rows():
            for column in row.columns:
                label = f"{spec.title} · {row.name} · {column.label}"
                cells[f"{spec.key}.{row.key}.{column.key}"] = (
                    label,
                    values.cell(row.key, column.key),
                )
    return table_format, cells


def _number(cell: Cell | None, unit: str | None) -> Decimal | None:
    if isinstance(cell, Amount):
        return in_unit(cell, unit or cell.unit)
    if isinstance(cell, int):
        return decimal(cell)
    return None


def is_jump(last: Decimal, this: Decimal) -> bool:
    """Whether a change from ``last`` to ``this`` is abnormal (see :data:`JUMP_FACTOR`)."""
    if max(last, this) < JUMP_MIN:
        return False
    return this > last * JUMP_FACTOR or this * JUMP_FACTOR < last


def cell_change(key: str, label: str, last: Cell | None, this: Cell | None) -> CellChange:
    """Compare one cell; amounts in this year's unit (last year's when this year's is blank)."""
    amounts = [cell for cell in (this, last) if isinstance(cell, Amount)]
    unit = amounts[0].unit if amounts else None
    before, now = _number(last, unit), _number(this, unit)
    change = percent = None
    flags: list[str] = []
    if before is not None and now is not None:
        change = plain_number(now - before)
        if before:
            percent = round(float((now - before) / before * 100), 1)
        if is_jump(before, now):
            flags.append("jump")
    elif before is not None and this is None:
        flags.append("blank")
    elif before is not None and isinstance(this, NotApplicable):
        flags.append("not_applicable")
    return CellChange(
        key, label, cell_data(last), cell_data(this), change, percent, unit, tuple(flags)
    )


def _notes(last: LoadedReport, this: LoadedReport, formats: tuple, shared: int) -> list[str]:
    notes = []
    if this.report.year != last.report.year + 1:
        notes.append(f"两份报告不是相邻年度（{last.report.year}年度、{this.report.year}年度）。")
    if this.report.agency.name != last.report.agency.name:
        notes.append(
            f"两份报告的机关不同（{last.report.agency.name}、{this.report.agency.name}）。"
        )
    last_format, this_format = formats
    if last_format is not None and this_format is not None and last_format != this_format:
        notes.append(
            f"两年的统计表格式不同（{last_format.name} → {this_format.name}），"
            f"只对比两种格式共有的 {shared} 个单元格。"
        )
    return notes


def _identities(last: LoadedReport, this: LoadedReport) -> dict[str, tuple[Finding, ...]]:
    """Each year's inconsistencies in its own tables, for the years that have any."""
    found = {
        year: tuple(table_problems(run_checks(loaded.report, loaded.registry)))
        for year, loaded in (("last", last), ("this", this))
    }
    return {year: problems for year, problems in found.items() if problems}


def _identity_notes(comparison: Comparison) -> list[str]:
    notes = []
    for year, problems in comparison.identities.items():
        loaded = getattr(comparison, year)
        listed = "；".join(f"{f.code} {f.path}" for f in problems[:5])
        more = f"等 {len(problems)} 处" if len(problems) > 5 else ""
        notes.append(
            f"{YEARS[year]}报告（{loaded.report.year}年度）的统计表自身数字对不上（{listed}{more}），"
            "涉及这些单元格的变化不可靠，未作为真实变化列出。"
        )
    return notes


def compare(last: LoadedReport, this: LoadedReport) -> Comparison:
    """Compare this year's report with last year's, cell by cell and sentence by sentence."""
    last_format, last_cells = _cells(last)
    this_format, this_cells = _cells(this)
    identities = _identities(last, this)
    failing = {year: cells_of(problems) for year, problems in identities.items()}
    changes = tuple(
        attrs.evolve(
            cell_change(key, label, last_cells[key][1], cell),
            unreliable=tuple(year for year, cells in failing.items() if key in cells),
        )
        for key, (label, cell) in this_cells.items()
        if key in last_cells
    )
    prose = prose_overlap(
        build_document(last.report, last.registry), build_document(this.report, this.registry)
    )
    notes = _notes(last, this, (last_format, this_format), len(changes))
    return Comparison(last, this, changes, prose, tuple(notes), identities)


def _side(loaded: LoadedReport) -> dict[str, Any]:
    report, table_format = loaded.report, loaded.table_format
    return {
        "path": str(loaded.path),
        "year": report.year,
        "agency": report.agency.name,
        "edition": report.edition,
        "table_format": table_format.name if table_format is not None else None,
    }


def _copied_dict(copied: CopiedText) -> dict[str, Any]:
    return {"chars": copied.chars, "copied": copied.copied, "ratio": round(copied.ratio, 4)}


def as_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as data for tools (``--format json``)."""
    prose = comparison.prose
    return {
        "last": _side(comparison.last),
        "this": _side(comparison.this),
        "thresholds": {"jump_factor": JUMP_FACTOR, "jump_min": JUMP_MIN},
        "notes": list(comparison.notes),
        "identities": {
            year: [finding.as_dict() for finding in problems]
            for year, problems in comparison.identities.items()
        },
        "cells": [attrs.asdict(change) for change in comparison.cells],
        "prose": {
            "sentences": prose.total,
            "repeated": len(prose.repeated),
            "ratio": round(prose.ratio, 4),
            "repeated_sentences": list(prose.repeated),
            "copied_runs": {
                "min_chars": MIN_RUN_CHARS,
                **_copied_dict(prose.copied),
                "parts": [{"part": part.part, **_copied_dict(part)} for part in prose.parts],
            },
        },
    }


def _shown(data: CellData) -> str:
    if data is None:
        return "空白"
    if isinstance(data, dict):
        return f"{data['value']}{data['unit']}"
    return str(data)


def _change_text(change: CellChange) -> str:
    if change.change is None:
        return ""
    sign = "+" if change.change > 0 else ""
    text = f"，{sign}{change.change}{change.unit or ''}"
    if change.percent is not None:
        text += f"（{sign}{change.percent}%）"
    return text


def as_text(comparison: Comparison) -> str:
    """The comparison for people: changed and flagged cells, then the repeated prose."""
    last, this = comparison.last, comparison.this
    lines = [
        f"上年：{last.path}（{last.report.agency.name}，{last.report.year}年度）",
        f"本年：{this.path}（{this.report.agency.name}，{this.report.year}年度）",
        *(f"注意：{note}" for note in _identity_notes(comparison)),
        *(f"注意：{note}" for note in comparison.notes),
        "",
    ]
    shown = [c for c in comparison.cells if c.last is not None or c.this is not None]
    unreliable = [c for c in shown if c.last != c.this and c.unreliable]
    changed = [c for c in shown if c.last != c.this and not c.unreliable]
    flagged = [c for c in comparison.cells if c.flags and not c.unreliable]
    lines.append(
        f"统计表：{len(shown)} 个单元格有数字，{len(changed)} 个有变化，{len(flagged)} 个需要注意"
        + (f"，{len(unreliable)} 个变化不可靠。" if unreliable else "。")
    )
    for change in changed:
        mark = "  ⚠ " if change.flags else "    "
        text = f"{mark}{change.label}：{_shown(change.last)} → {_shown(change.this)}"
        text += _change_text(change)
        reasons = [_jump_text(change) if f == "jump" else FLAG_TEXT[f] for f in change.flags]
        lines.append(text + (f"  【{'；'.join(reasons)}】" if reasons else ""))
    same = len(shown) - len(changed) - len(unreliable)
    if same:
        lines.append(f"    其余 {same} 个单元格与上年相同。")
    if unreliable:
        lines.append("  变化不可靠（所在年度的统计表自身数字对不上，不能当作真实变化）：")
    for change in unreliable:
        years = "、".join(YEARS[year] for year in change.unreliable)
        lines.append(
            f"  ? {change.label}：{_shown(change.last)} → {_shown(change.this)}"
            f"  【不可靠：{years}统计表对不上】"
        )
    prose = comparison.prose
    lines += [
        "",
        f"正文：本年 {prose.total} 句中有 {len(prose.repeated)} 句与上年相同"
        f"（{prose.ratio:.1%}，数字不计）。",
    ]
    lines += [f"    {sentence}" for sentence in prose.repeated]
    copied = prose.copied
    lines += [
        "",
        f"连续 {MIN_RUN_CHARS} 字以上与上年相同的文字：占本年正文 {copied.ratio:.1%}"
        f"（{copied.copied}/{copied.chars} 字，数字不计）。",
    ]
    lines += [
        f"    {part.part or '（开头）'}：{part.ratio:.1%}（{part.copied}/{part.chars} 字）"
        for part in prose.parts
    ]
    return "\n".join(lines) + "\n"
