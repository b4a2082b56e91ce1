"""``govreport new``: a report file with every part and table of an edition, still to be filled in.

Every part of the edition is a ``[[sections]]`` entry with a comment saying what it must contain
(the part's guidance); every table of the edition's format is written out row by row with its
cells blank (``new = {}``) and comments naming the rows and columns, so the author sees every key
and writes the figures in. Optional keys of the model are shown commented out with an example.

With last year's report (``--from``) the agency, key figures, title, plugins, output settings and
narrative are carried over with the year moved on: ``{year}`` moves by itself, and the literal
years of last year's prose are replaced (last year → ``{year}``, the year after → ``{next_year}``)
and listed in the file's header so the author can check them. Last year's 四、结转下年度继续办理
becomes this year's 二、上年结转, and (2019 format) last year's 上一年项目数量 plus 本年增/减
becomes this year's 上一年项目数量.

The file written always loads; ``govreport check`` then lists what is still to be filled in.
"""

from __future__ import annotations

import datetime
import os
import re
import typing
from pathlib import Path
from typing import Any

import attrs

from .. import _toml_writer as toml_writer
from .. import numbering
from .._atomic import write_atomic
from .._records import record
from ..editions import Edition, Part
from ..errors import GovreportError
from ..loader import REPORT_FILE, LoadedReport, parse_toml, structure_report
from ..model import Agency, Report
from ..plugins import Registry
from ..tables.cells import CellKind, numeric
from ..tables.reports import table_formats
from ..tables.spec import Group, Row, TableFormat, TableSpec
from ..tables.totals import TableValues
from .data import cell_data, report_data

DEFAULT_EDITION = "gb2021"
GOVERNMENT_SUFFIX = "人民政府"
"""An agency whose name ends so is a people's government (``kind = "government"``)."""

CELL_NOTE = (
    '统计表：不写的单元格是空白（未填写），0 表示没有，"/" 表示不适用，三者不同；'
    "没有的请填 0，不要留空。",
    "总计（total）可以不填，由程序计算；填了的，程序核对。",
)


def default_year(today: datetime.date | None = None) -> int:
    """The year a report written now is about: last year (reports are due in January)."""
    return (today or datetime.date.today()).year - 1


def _chinese_doc(doc: str) -> str:
    """The Chinese sentence a field's bilingual doc starts with."""
    head, mark, _ = doc.partition("。")
    return head + mark


def _optional_lines(cls: type, present: set[str]) -> list[str]:
    """Commented-out optional keys of an attrs class, each with its example and doc."""
    hints = typing.get_type_hints(cls)
    lines = []
    for field in attrs.fields(cls):
        if field.default is attrs.NOTHING or field.name in present:
            continue
        example = field.metadata.get("example")
        if example is None and typing.get_origin(hints[field.name]) is typing.Literal:
            example = typing.get_args(hints[field.name])[0]
        if example is None:
            continue
        doc = _chinese_doc(field.metadata.get("doc", ""))
        lines.append(toml_writer.comment(toml_writer.assignment(field.name, example, doc)))
    return lines


def _figures_example() -> list[str]:
    """``[figures]`` commented out, with the model's example."""
    field = attrs.fields(Report).figures
    doc = _chinese_doc(field.metadata["doc"])
    lines = [toml_writer.comment(f"{toml_writer.header('figures')}  {toml_writer.comment(doc)}")]
    examples = field.metadata["example"].items()
    lines += [toml_writer.comment(toml_writer.assignment(k, v)) for k, v in examples]
    return lines


PLUGINS_NOTE = (
    "插件文件须在本报告的文件夹中，请从去年的文件夹复制。"
    "Plugin files must be in this report's folder: copy them from last year's."
)
"""Said beside the plugins carried from last year: they run only from the report's own folder."""

DRAFT_NOTE = "草稿：检查时待填写的内容只作提示；填完后删去这一行"

# Choosing the edition, format and agency -------------------------------------------------------


@record
class Start:
    """What a new report starts from."""

    edition: Edition
    year: int
    table_format: TableFormat | None
    agency: dict[str, Any]
    last: LoadedReport | None = None
    notes: tuple[str, ...] = ()
    """Sentences for the file's header: what was carried over or changed."""


def _edition(registry: Registry, name: str) -> Edition:
    edition = registry.editions.get(name)
    if edition is None:
        known = "、".join(sorted(registry.editions))
        raise GovreportError(f"没有版本 {name!r}；可用的版本：{known}")
    return edition


def _format_for(registry: Registry, year: int) -> TableFormat | None:
    return next((f for f in table_formats(registry).values() if f.covers(year)), None)


def _edition_for_year(registry: Registry, edition: Edition, year: int) -> tuple[Edition, tuple]:
    """Last year's edition, or the one with the same parts whose tables are for ``year``."""
    if edition.tables is None or edition.tables.covers(year):
        return edition, ()
    parts = [part.key for part in edition.parts]
    for other in registry.editions.values():
        fits = other.tables is not None and other.tables.covers(year)
        if fits and [part.key for part in other.parts] == parts:
            note = f"{year}年度适用 {other.name} 格式（上年为 {edition.name}）。"
            return other, (note,)
    return edition, ()


def plan(
    registry: Registry,
    edition: str | None = None,
    year: int | None = None,
    agency: str | None = None,
    last: LoadedReport | None = None,
) -> Start:
    """Decide the edition, year, table format and agency of a new report."""
    if last is None:
        if not agency:
            raise GovreportError("请用 --agency 写明机关名称，或用 --from 指定上年的报告")
        year = year or default_year()
        chosen = _edition(registry, edition or DEFAULT_EDITION)
        kind = "government" if agency.endswith(GOVERNMENT_SUFFIX) else "department"
        agency_data = {"name": agency, "office": f"{agency}办公室", "kind": kind}
        table_format = chosen.tables
        return Start(chosen, year, table_format, agency_data, None, ())
    previous = last.report
    year = year or previous.year + 1
    chosen, notes = _edition(registry, edition or previous.edition), ()
    if edition is None:
        chosen, notes = _edition_for_year(registry, chosen, year)
    table_format = chosen.tables
    if chosen.tables is None and previous.tables is not None:
        table_format = _format_for(registry, year) or previous.table_format
    agency_data = report_data(previous, last.registry)["agency"]
    if agency:
        agency_data = {**agency_data, "name": agency}
    return Start(chosen, year, table_format, agency_data, last, notes)


# Carrying last year's text over ----------------------------------------------------------------


def _move_years(data: Any, path: str, last_year: int, moved: list[str]) -> Any:
    """Last year's prose with its literal years moved on; ``moved`` collects the places."""
    if isinstance(data, str):
        pattern = re.compile(rf"(?<!\d)({last_year}|{last_year + 1})(?=年)")
        new = pattern.sub(
            lambda m: "{year}" if m.group(1) == str(last_year) else "{next_year}", data
        )
        if new != data:
            moved.append(path)
        return new
    if isinstance(data, list):
        return [_move_years(item, f"{path}[{i}]", last_year, moved) for i, item in enumerate(data)]
    if isinstance(data, dict):
        return {
            key: item if key == "kind" else _move_years(item, f"{path}.{key}", last_year, moved)
            for key, item in data.items()
        }
    return data


def _arrange(
    sections: list[dict[str, Any]], edition: Edition
) -> tuple[list[tuple[Part | None, dict[str, Any]]], list[str]]:
    """Last year's sections in this edition's order; sections of its own stay where they were.

    Returns the sections (with the part each fills) and the headings of sections dropped
    because this edition has no such part.
    """
    by_part: dict[str, dict[str, Any]] = {}
    own: dict[str | None, list[dict[str, Any]]] = {}
    dropped: list[str] = []
    after: str | None = None
    for section in sections:
        key = section.get("part")
        if key is None:
            own.setdefault(after, []).append(section)
        elif edition.part(key) is None:
            dropped.append(section.get("title") or key)
        else:
            by_part[key] = section
            after = key
    arranged: list[tuple[Part | None, dict[str, Any]]] = [(None, s) for s in own.get(None, [])]
    for part in edition.parts:
        arranged.append((part, by_part.get(part.key, {"part": part.key})))
        arranged += [(None, s) for s in own.get(part.key, [])]
    return arranged, dropped


# Tables ----------------------------------------------------------------------------------------


def carried_cells(last: Report, table_format: TableFormat) -> dict[str, Any]:
    """This year's cells that follow from last year's tables, by table key.

    表三 二、上年结转 = last year's 四、结转下年度继续办理 (every column, totals computed);
    (2019 format, both years) 上一年项目数量 = last year's 上一年项目数量 + 本年增/减.
    """
    last_format = last.table_format
    if last.tables is None or last_format is None:
        return {}
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    requests, last_requests = table_format.table("requests"), last_format.table("requests")
    if requests is not None and last_requests is not None:
        values = TableValues(last_requests, last.tables.cells.get("requests"), compute=True)
        row = requests.row("brought_forward")
        carried = {
            column.key: cell
            for column in (row.columns if row else ())
            if (cell := values.cell("carried_forward", column.key)) is not None
        }
        if carried:
            cells.setdefault("requests", {})["brought_forward"] = carried
    active = table_format.table("active")
    if active is not None and last_format.name == table_format.name:
        values = TableValues(active, last.tables.cells.get("active"), compute=True)
        for row in active.rows():
            if row.column("previous") is None or row.column("change") is None:
                continue
            before = numeric(values.cell(row.key, "previous"))
            change = numeric(values.cell(row.key, "change"))
            if before is not None and change is not None and before + change >= 0:
                cells.setdefault("active", {})[row.key] = {"previous": before + change}
    return cells


def _column_note(spec: TableSpec, row: Row) -> str:
    totals = {total.column for total in spec.column_totals}
    names = []
    for column in row.columns:
        name = f"{column.key} {column.label}"
        if column.key in totals:
            name += "（可不填）"
        elif column.kind is CellKind.AMOUNT and column.unit is None:
            name += '（写明单位：{ value = 251000, unit = "元" }）'
        elif column.kind is CellKind.AMOUNT:
            name += "（可有小数）"
        elif column.kind is CellKind.SIGNED:
            name += "（减少写负数）"
        names.append(name)
    return toml_writer.comment("列：" + " · ".join(names))


def _row_lines(
    spec: TableSpec, nodes: tuple[Row | Group, ...], cells: dict[str, Any], state: dict[str, Any]
) -> list[str]:
    totals = {total.row for total in spec.row_totals}
    lines: list[str] = []
    for node in nodes:
        if isinstance(node, Group):
            lines.append(toml_writer.comment(node.label))
            lines += _row_lines(spec, node.children, cells, state)
            continue
        if node.columns != state.get("columns"):
            lines.append(_column_note(spec, node))
            state["columns"] = node.columns
        value = {column: cell_data(cell) for column, cell in cells.get(node.key, {}).items()}
        note = "（可不填，由程序计算）" if node.key in totals else ""
        name = tuple(node.key.split("."))
        lines.append(toml_writer.assignment(name, value, f"{node.label}{note}"))
    return lines


def _tables_lines(start: Start, carried: dict[str, dict[str, Any]]) -> list[str]:
    table_format = start.table_format
    if table_format is None:
        return []
    lines = ["", *map(toml_writer.comment, CELL_NOTE), toml_writer.header("tables")]
    if start.edition.tables is None:
        lines.append(toml_writer.assignment("format", table_format.name, table_format.description))
    for spec in table_format.tables:
        lines += ["", toml_writer.comment(spec.title), toml_writer.header("tables", spec.key)]
        lines += _row_lines(spec, spec.children, carried.get(spec.key, {}), {})
    return lines


# The file --------------------------------------------------------------------------------------


def _part_lines(number: int, part: Part | None, section: dict[str, Any]) -> list[str]:
    heading = section.get("title") or (part.heading if part else "")
    lines = ["", toml_writer.comment(f"{numbering.section_number(number)}{heading}")]
    if part is not None and part.guidance:
        lines.append(toml_writer.comment(f"要求：{part.guidance}"))
    if part is not None and part.table is not None:
        where = toml_writer.header("tables", part.table)
        lines.append(toml_writer.comment(f"统计表写在下面的 {where} 中；本部分可以不写文字。"))
    lines.append(toml_writer.header("sections", array=True))
    for key, value in section.items():
        if key != "content":
            lines.append(toml_writer.assignment(key, value))
    if "content" in section or part is None or part.table is None:
        lines.append(toml_writer.assignment("content", section.get("content", [])))
    return lines


def _header(start: Start, carried: Carried, brought_forward: bool) -> list[str]:
    edition = start.edition
    lines = [
        f"由 govreport new 生成：{edition.description}。",
        "按注释逐项填写后运行 govreport check：它列出还没有填写的部分和统计表。",
    ]
    last = start.last
    if last is None:
        return lines
    lines.append(
        f"以上年的报告 {last.path}（{last.report.year}年度）为底稿：机关信息、关键数字和正文"
        "沿用上年，请逐段改写为本年度的情况；{year} 自动为本年度。"
    )
    if brought_forward:
        lines.append("上年的“结转下年度继续办理”已填入本年的“上年结转”。")
    if "figures" in carried.values:
        lines.append("[figures] 中的数字是上年的，请改为本年的数字。")
    if carried.moved:
        y = last.report.year
        lines.append(
            f"正文中的“{y}年”已改为 {{year}}年、“{y + 1}年”已改为 {{next_year}}年，"
            "请核对是否有应保留原年份的（如法规的修订年份）："
        )
        lines += [f"  {place}" for place in carried.moved]
    if carried.dropped:
        names = "、".join(carried.dropped)
        lines.append(f"上年的这些部分在 {edition.name} 中没有对应部分，未沿用：{names}")
    return lines


@attrs.define
class Carried:
    """What a new report takes over from last year's: values by key, and what was changed."""

    values: dict[str, Any] = attrs.field(factory=dict)
    sections: list[tuple[Part | None, dict[str, Any]]] = attrs.field(factory=list)
    moved: list[str] = attrs.field(factory=list)
    """Places whose literal years were moved on."""
    dropped: list[str] = attrs.field(factory=list)
    """Last year's sections this edition has no part for."""


def carry_over(start: Start, folder: Path) -> Carried:
    """Last year's title, plugins, introduction, figures, output settings and sections."""
    carried = Carried()
    last = start.last
    sections: list[dict[str, Any]] = []
    if last is not None:
        data = report_data(last.report, last.registry)
        if "title" in data:  # not a template: the title is shown as written
            carried.values["title"] = data["title"].replace(str(last.report.year), str(start.year))
        if "plugins" in data:
            carried.values["plugins"] = data["plugins"]
        if "introduction" in data:
            carried.values["introduction"] = _move_years(
                data["introduction"], "introduction", last.report.year, carried.moved
            )
        for key in ("figures", "output"):
            if key in data:
                carried.values[key] = data[key]
        sections = _move_years(
            data.get("sections", []), "sections", last.report.year, carried.moved
        )
    carried.sections, carried.dropped = _arrange(sections, start.edition)
    return carried


def skeleton_text(
    start: Start,
    registry: Registry,
    folder: Path,
    cells: dict[str, dict[str, dict[str, Any]]] | None = None,
    header: list[str] | None = None,
) -> str:
    """The text of a new report file in ``folder``.

    ``cells`` fills the tables (by default: what follows from last year's); ``header`` replaces
    the sentences under the title that say how the file was made (each becomes a comment line).
    """
    carried = carry_over(start, folder)
    last = start.last
    if cells is None:
        cells = {}
        if last is not None and start.table_format is not None:
            cells = carried_cells(last.report, start.table_format)
    if header is None:
        header = _header(start, carried, "brought_forward" in cells.get("requests", {}))
    title = start.edition.title_template.format(agency=start.agency["name"], year=start.year)
    lines = [toml_writer.comment(text) for text in [title, *header, *start.notes]]
    lines += [
        "",
        toml_writer.assignment("edition", start.edition.name),
        toml_writer.assignment("year", start.year),
        toml_writer.assignment("draft", True, DRAFT_NOTE),
    ]
    values = carried.values
    lines += [
        toml_writer.assignment(k, values[k], PLUGINS_NOTE if k == "plugins" else "")
        for k in ("title", "plugins", "introduction")
        if k in values
    ]
    lines += _optional_lines(Report, {*values, "figures", "draft"})  # figures: a table of its own
    lines += ["", toml_writer.header("agency")]
    lines += [toml_writer.assignment(key, value) for key, value in start.agency.items()]
    lines += _optional_lines(Agency, set(start.agency))
    if "figures" in values:
        lines += ["", toml_writer.header("figures")]
        lines += [toml_writer.assignment(k, v) for k, v in values["figures"].items()]
    else:
        lines += ["", *_figures_example()]
    for number, (part, section) in enumerate(carried.sections, start=1):
        lines += _part_lines(number, part, section)
    lines += _tables_lines(start, cells)
    for name, options in values.get("output", {}).items():
        lines += ["", toml_writer.header("output", name)]
        lines += [toml_writer.assignment(k, v) for k, v in options.items()]
    return "\n".join(lines) + "\n"


def create(
    folder: Path,
    registry: Registry,
    edition: str | None = None,
    year: int | None = None,
    agency: str | None = None,
    last: LoadedReport | None = None,
) -> Path:
    """Write ``folder/report.toml`` for a new report; refuses to overwrite one."""
    target = folder / REPORT_FILE
    if os.path.lexists(target):
        raise GovreportError(f"{target} 已经存在，不会覆盖；请换一个文件夹，或先移走它")
    if os.path.lexists(folder) and not folder.is_dir():
        raise GovreportError(f"{folder} 不是文件夹")
    start = plan(registry, edition, year, agency, last)
    text = skeleton_text(start, registry, folder)
    _must_load(text, registry if last is None else last.registry, target)
    write_atomic(target, text.encode("utf-8"))
    return target


def _must_load(text: str, registry: Registry, target: Path) -> None:
    """The new file loads: a year out of range, say, is refused before anything is written."""
    structure_report(parse_toml(text, str(target)), registry, str(target))
