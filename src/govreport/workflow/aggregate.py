"""``govreport aggregate REPORT… -o OUT``: many agencies' tables summed into one report file.

A government office sums its departments' tables (表二, 表三, 表四) into its own report. The
inputs must be of one edition, one table format and one year. Each cell is summed over the
inputs as their reports show it (totals computed where an input left them blank):

- blank + blank = blank; blank + n = n;
- "/" + "/" = "/"; "/" + blank = "/"; "/" + n = n (the cells where this happened are noted in
  the output, since an agency said the row does not apply to it);
- amounts in one unit keep it; amounts in different units are converted exactly to
  :data:`~.amounts.COMMON_UNIT` (万元).

Totals are written as the sums of the inputs' totals, so the output's check compares them with
the summed parts. An input is left out when it cannot be loaded, or its tables do not add up
(its check finds inconsistencies in the tables). Nothing else blocks a roll-up: findings about the
prose (text against tables, GR601) and cells left blank do not make the tables unusable to sum.
The same agency's report for the same year given twice (the same file, or a copy) is summed
once: the later one is left out as a failure naming the earlier.
The output is a report of the edition with every part to be written and its tables filled in;
its header lists the reports summed and those left out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from .._atomic import write_atomic
from .._records import record
from ..checks import Finding
from ..checks.run import run_checks
from ..errors import GovreportError, ReportError
from ..loader import (
    REPORT_FILE,
    LoadedReport,
    load,
    parse_toml,
    resolve_report_path,
    structure_report,
)
from ..model import Report
from ..tables.cells import Amount, Cell, NotApplicable
from ..tables.spec import TableFormat
from ..tables.totals import TableValues
from .amounts import COMMON_UNIT, in_unit, plain_number
from .identities import table_problems
from .new_report import plan, skeleton_text

Cells = dict[str, dict[str, dict[str, Cell]]]
"""Table key → row key → column key → cell."""


@record
class Failure:
    """An input left out, and why."""

    path: str
    reason: str


def sum_cells(cells: Iterable[Cell | None]) -> Cell | None:
    """The sum of one cell over several reports (see the module's rules)."""
    cells = list(cells)
    amounts = [cell for cell in cells if isinstance(cell, Amount)]
    counts = [cell for cell in cells if isinstance(cell, int)]
    if amounts:
        units = {amount.unit for amount in amounts}
        unit = units.pop() if len(units) == 1 else COMMON_UNIT
        return Amount(plain_number(sum(in_unit(amount, unit) for amount in amounts)), unit)
    if counts:
        return sum(counts)
    if any(isinstance(cell, NotApplicable) for cell in cells):
        return NotApplicable()
    return None


def sum_tables(reports: Sequence[Report], table_format: TableFormat) -> tuple[Cells, list[str]]:
    """Every cell of ``table_format`` summed over the reports, and notes on "/" + n cells."""
    summed: Cells = {}
    notes: list[str] = []
    for spec in table_format.tables:
        tables = [
            TableValues(spec, r.tables.cells.get(spec.key) if r.tables else None, compute=True)
            for r in reports
        ]
        rows: dict[str, dict[str, Cell]] = {}
        for row in spec.rows():
            for column in row.columns:
                cells = [table.cell(row.key, column.key) for table in tables]
                total = sum_cells(cells)
                if total is None:
                    continue
                rows.setdefault(row.key, {})[column.key] = total
                marked = sum(isinstance(cell, NotApplicable) for cell in cells)
                if marked and not isinstance(total, NotApplicable):
                    notes.append(
                        f"{spec.key}.{row.key}.{column.key}：{marked} 份报告填“/”（不适用），"
                        "按其他报告的数字合计"
                    )
        if rows:
            summed[spec.key] = rows
    return summed, notes


def _duplicate(report: LoadedReport, path: str, seen: dict[object, str]) -> str | None:
    """Why ``report`` repeats an input already read, or None; remembers it otherwise."""
    where = report.path.resolve()
    agency = (report.report.agency.name, report.report.year)
    if where in seen:
        return f"与 {seen[where]} 是同一份报告，只汇总一次"
    if agency in seen:
        return (
            f"与 {seen[agency]} 是同一机关（{agency[0]}）同一年度（{agency[1]}年度）的报告，"
            "同一机关只汇总一次；请只保留其中一份"
        )
    seen[where] = seen[agency] = path
    return None


def read_inputs(paths: Sequence[str]) -> tuple[list[LoadedReport], list[Failure]]:
    """Load and check every input; those that cannot be summed are failures."""
    loaded: list[LoadedReport] = []
    failures: list[Failure] = []
    seen: dict[object, str] = {}
    for path in paths:
        try:
            report = load(path)
        except (ReportError, GovreportError) as error:
            failures.append(Failure(path, str(error)))
            continue
        repeated = _duplicate(report, path, seen)
        if repeated:
            failures.append(Failure(path, repeated))
            continue
        problems = table_problems(run_checks(report.report, report.registry))
        if problems:
            listed = "；".join(f"{f.code} {f.path}" for f in problems[:5])
            more = f"等 {len(problems)} 个" if len(problems) > 5 else ""
            failures.append(Failure(path, f"统计表数字不能相互对上：{listed}{more}"))
            continue
        loaded.append(report)
    return loaded, failures


def _kind_of(loaded: LoadedReport) -> tuple[str, str | None, int]:
    table_format = loaded.table_format
    name = table_format.name if table_format is not None else None
    return loaded.report.edition, name, loaded.report.year


def refuse_mixed(reports: Sequence[LoadedReport]) -> None:
    """Raise unless every report has one edition, one table format and one year."""
    kinds = {_kind_of(loaded) for loaded in reports}
    if len(kinds) > 1:
        lines = [
            f"  {loaded.path}：{year}年度，版本 {edition}，统计表 {name or '无'}"
            for loaded in reports
            for edition, name, year in [_kind_of(loaded)]
        ]
        raise GovreportError(
            "只能汇总同一年度、同一版本和同一统计表格式的报告：\n" + "\n".join(lines)
        )
    if next(iter(kinds))[1] is None:
        raise GovreportError("这些报告没有统计表，无从汇总")


def _header(
    reports: Sequence[LoadedReport], failures: Sequence[Failure], notes: list[str]
) -> list[str]:
    """The header's sentences (the writer makes each a comment line)."""
    first = reports[0].report
    lines = [
        f"由 govreport aggregate 汇总 {len(reports)} 份{first.year}年度报告"
        f"（{first.edition}）的统计表；各部分的正文需要另行撰写。",
        "汇总的报告：",
        *(f"  {loaded.path}（{loaded.report.agency.name}）" for loaded in reports),
    ]
    if failures:
        lines.append("未汇总（无法使用、统计表数字对不上或重复）：")
        lines += [f"  {failure.path}" for failure in failures]
    if notes:
        lines.append("注：")
        lines += [f"  {note}" for note in notes]
    return lines


def rollup_text(
    reports: Sequence[LoadedReport], failures: Sequence[Failure], agency: str, folder: Path
) -> str:
    """The text of the report file holding the reports' summed tables."""
    first = reports[0]
    start = plan(first.registry, first.report.edition, first.report.year, agency)
    table_format = first.table_format
    start = attrs.evolve(start, table_format=table_format)
    cells, notes = sum_tables([loaded.report for loaded in reports], table_format)
    header = _header(reports, failures, notes)
    return skeleton_text(start, first.registry, folder, cells, header)


@record
class Rollup:
    """What ``aggregate`` did: the file written (if any), the inputs and the output's problems."""

    target: Path
    summed: tuple[LoadedReport, ...]
    failures: tuple[Failure, ...]
    problems: tuple[Finding, ...] = ()
    """Errors and inconsistencies the check finds in the summed tables."""
    written: bool = False


def output_path(out: Path) -> Path:
    """``OUT`` itself when it names a ``.toml`` file, else ``OUT/report.toml``."""
    return out if out.suffix == ".toml" else out / REPORT_FILE


def refuse_over_inputs(target: Path, paths: Sequence[str]) -> None:
    """The output never replaces one of the reports to sum (``--force`` or not)."""
    if not os.path.lexists(target):
        return
    for path in paths:
        try:
            same = os.path.samefile(target, resolve_report_path(path))
        except (GovreportError, OSError):
            continue
        if same:
            raise GovreportError(f"{target} 是要汇总的报告之一，不会覆盖；请换一个输出位置")


def aggregate(
    paths: Sequence[str], out: Path, agency: str, keep_going: bool = False, force: bool = False
) -> Rollup:
    """Sum the reports' tables into ``out``; nothing is written while an input fails, unless
    ``keep_going`` (then the others are summed and the failures listed in the file)."""
    target = output_path(out)
    if os.path.lexists(target) and not force:
        raise GovreportError(f"{target} 已经存在，不会覆盖；要覆盖请加 --force")
    refuse_over_inputs(target, paths)
    reports, failures = read_inputs(paths)
    if failures and not keep_going:
        return Rollup(target, tuple(reports), tuple(failures))
    if not reports:
        raise GovreportError("没有可以汇总的报告")
    refuse_mixed(reports)
    text = rollup_text(reports, failures, agency, target.parent)
    registry = reports[0].registry
    report, _ = structure_report(parse_toml(text, str(target)), registry, str(target))
    problems = table_problems(run_checks(report, registry))
    write_atomic(target, text.encode("utf-8"))
    return Rollup(target, tuple(reports), tuple(failures), tuple(problems), written=True)
