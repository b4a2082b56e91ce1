"""The report as data: agency metadata, the edition it follows, key figures, its sections and
its statistical tables.

Every class is a frozen attrs class; the loader structures a report file into them with cattrs.
The content of a section is a sequence of *section kind* objects (paragraphs, numbered items,
plugin-defined data such as a commerce bureau's project pre-review), each an attrs instance of the
class its kind registered.
"""

from __future__ import annotations

import datetime
import functools
import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

import attrs

from ._memo import memoized
from ._records import record
from .editions import Edition
from .numbering import number_text
from .tables.cells import Cell
from .tables.spec import TableFormat
from .validators import (
    FieldValueError,
    a_name,
    cell_path,
    date_only,
    names_as_keys,
    non_negative_number,
    not_blank,
    one_line,
    one_line_items,
    one_line_values,
    ratio_digits,
    ratio_parts,
    report_year,
    sha256_hex,
)

REPORT_FILE = "report.toml"
"""The file a report folder holds: ``govreport check 2023/`` reads ``2023/report.toml``."""


@record
class LocalRegulation:
    """A local regulation the report cites beside the national 条例, with its short name."""

    name: str = attrs.field(
        validator=[not_blank, a_name],
        metadata={
            "doc": "规定的全称。The regulation's full name.",
            "example": "新余市政府信息公开规定",
        },
    )
    short: str = attrs.field(
        default="规定",
        validator=[not_blank, a_name],
        metadata={"doc": "正文中引用的简称（《规定》）。The short name the text cites it by."},
    )


AgencyKind = Literal["government", "department"]
"""``government``: a people's government at any level (各级人民政府), whose report must also give
the results of 工作考核、社会评议和责任追究 (条例第五十条); ``department``: any other agency."""


@record
class Agency:
    """Who publishes the report and how readers reach them."""

    name: str = attrs.field(
        validator=[not_blank, a_name],
        metadata={"doc": "机关名称，用于标题和正文。The agency's name.", "example": "新余市商务局"},
    )
    office: str = attrs.field(
        validator=[not_blank, a_name],
        metadata={
            "doc": "编制报告、受理咨询的机构。The office that compiles the report and answers "
            "questions about it.",
            "example": "新余市商务局办公室",
        },
    )
    kind: AgencyKind = attrs.field(
        default="department",
        validator=attrs.validators.in_(("government", "department")),
        metadata={
            "doc": "`government`：各级人民政府（须报告工作考核、社会评议和责任追究结果）；"
            "`department`：其他机关。A people's government, or any other agency."
        },
    )
    website: str | None = attrs.field(
        default=None,
        validator=one_line,
        metadata={
            "doc": "可下载报告的网站。Where the report can be downloaded.",
            "example": "http://swj.xinyu.gov.cn/",
        },
    )
    address: str | None = attrs.field(
        default=None,
        validator=one_line,
        metadata={"doc": "联系地址。Postal address.", "example": "江西省新余市仙来中大道165号"},
    )
    postcode: str | None = attrs.field(
        default=None,
        validator=one_line,
        metadata={"doc": "邮编（写成文本）。Postcode, as text.", "example": "338025"},
    )
    phones: tuple[str, ...] = attrs.field(
        default=(),
        validator=one_line_items,
        metadata={"doc": "联系电话。Contact telephone numbers.", "example": ["0790-6441411"]},
    )
    local_regulation: LocalRegulation | None = attrs.field(
        default=None,
        metadata={"doc": "与《条例》并列引用的地方规定。A local regulation cited beside the 条例."},
    )


@record
class Figure:
    """A key figure quoted in the prose as ``{name}``: 998 items, 457余条, 1.5万元, 33.9%.

    ``over`` marks an approximate figure written with 余 ("457余条"). ``cell`` binds it to the
    table cell it states (without ``value`` it *is* that cell's number); ``scope`` says it counts
    another scope than the table; ``ratio`` makes it the ratio of two parts, computed or checked.
    """

    value: int | float | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(non_negative_number),
        metadata={
            "doc": "数值，0 或以上；有 `cell` 或 `ratio` 时可省略，由统计表算出。The number, 0 "
            "or more; may be left out with `cell` or `ratio`, which then give it.",
            "example": 998,
        },
    )
    unit: str = attrs.field(
        default="",
        validator=one_line,
        metadata={"doc": "紧跟数值的单位。The unit after the number.", "example": "条"},
    )
    over: bool = attrs.field(
        default=False,
        metadata={"doc": "约数，写作“457余条”。An approximate figure, written with 余."},
    )
    cell: str | None = attrs.field(
        default=None,
        validator=[one_line, cell_path],
        metadata={
            "doc": "本数字所说的统计表单元格：`表.行.列`，行可以是一组行（如 `withheld`，"
            "其各行之和）。不写 `value` 时即取该单元格的数；写了则与之核对。"
            "The table cell the figure states, `table.row.column` (a row may be a group: "
            "the sum of its rows); without `value` the figure is that cell's number, "
            "with it the two are compared.",
            "example": "requests.new.total",
        },
    )
    scope: str | None = attrs.field(
        default=None,
        validator=[one_line, a_name],
        metadata={
            "doc": "数字的统计口径与统计表不同时写明口径，如“本级”“区政府办代表区政府”："
            "与表不同只作提示。The scope the figure counts when it is not the table's; a "
            "difference from the table is then only a warning.",
            "example": "本级",
        },
    )
    ratio: tuple[str, ...] | None = attrs.field(
        default=None,
        validator=ratio_parts,
        metadata={
            "doc": "比例：[分子, 分母]，各为数字名称或单元格；单位为 % 时乘以100。不写 `value` "
            "时算出并写入正文，写了则核对（四舍五入到所写的小数位）。A ratio of two parts, "
            "each a figure name or a cell (times 100 when the unit is %); computed, or checked "
            "against `value` rounded half up to the decimals it shows.",
            "example": ["applications_withheld", "requests.total.total"],
        },
    )
    digits: int | None = attrs.field(
        default=None,
        validator=ratio_digits,
        metadata={
            "doc": "比例保留的小数位数（0–6）；不写时按 `value` 所写的位数，没有 `value` 时为1。"
            "Decimals of a ratio (0-6); by default as many as `value` shows, else 1.",
            "example": 1,
        },
    )

    def __attrs_post_init__(self) -> None:
        if self.value is None and self.cell is None and self.ratio is None:
            raise FieldValueError(
                "value", "需要数值 value，或用 cell 指明统计表单元格、用 ratio 指明比例的两部分"
            )
        if self.cell is not None and self.ratio is not None:
            raise FieldValueError("ratio", "一个数字不能同时有 cell 和 ratio，请只留一个")

    def text(self, number: int | float | Decimal) -> str:
        """The figure as the text writes it, stating ``number``: "998条", "457余条", "33.9%"."""
        shown = f"{number:f}" if self.ratio is not None and isinstance(number, Decimal) else None
        return f"{shown or number_text(number)}{'余' if self.over else ''}{self.unit}"

    def __str__(self) -> str:
        return self.text(self.value) if self.value is not None else ""


Content = tuple[Any, ...]
"""Section content: each entry structured by its ``kind``; a plain string is a paragraph."""


@record
class Section:
    """A top-level section (一、…): its place in the edition, its heading and its content.

    ``part`` names the edition's part this section fills; ``title`` and ``listed_as`` override the
    part's heading and the name the preamble lists it under.
    """

    part: str | None = attrs.field(
        default=None,
        metadata={
            "doc": "本节对应的版本部分的键；标题来自版本。The key of the edition's part this "
            "section fills; the heading comes from the edition.",
            "example": "active",
        },
    )
    title: str | None = attrs.field(
        default=None,
        validator=a_name,
        metadata={
            "doc": "自拟标题（没有 `part` 时必填）。A heading of the section's own (required "
            "without a `part`).",
            "example": "口岸建设信息公开情况",
        },
    )
    listed_as: str | None = attrs.field(
        default=None,
        validator=a_name,
        metadata={"doc": "导语中列举本部分时使用的名称。The name the preamble lists it under."},
    )
    content: Content = attrs.field(
        default=(), metadata={"doc": "本节的内容。The section's content."}
    )


@record
class Tables:
    """The statistical tables: ``cells[table][row][column]``, as the author entered them.

    A blank cell is absent. ``format`` names the table format (``gb2019``, ``gb2021``); with
    ``compute_totals`` false, totals the author left blank stay blank (as when transcribing a
    published report) instead of being computed. ``unpublished`` names the tables whose figures
    the report did not publish: they show their heading and a note instead of an empty grid, and
    their cells are not blanks to fill in. Keys: see :mod:`govreport.tables`.
    """

    format: str
    compute_totals: bool = True
    cells: dict[str, dict[str, dict[str, Cell]]] = attrs.field(factory=dict)
    unpublished: tuple[str, ...] = ()


@record
class Deviation:
    """Something a published report printed that does not fit the format, kept as printed."""

    place: str = attrs.field(
        validator=[not_blank, one_line],
        metadata={
            "doc": "在报告文件中的位置：单元格、表或部分。The place in the report file: a cell, "
            "a table or a section.",
            "example": "tables.requests.withheld.law_forbidden",
        },
    )
    printed: str = attrs.field(
        default="",
        validator=one_line,
        metadata={
            "doc": "原文所印（缺少的为空）。What was printed (empty when something is missing).",
            "example": "其他法律行政止公开",
        },
    )
    expected: str = attrs.field(
        default="",
        validator=one_line,
        metadata={
            "doc": "格式在此处的写法（多出的为空）。What the format has there (empty for "
            "something extra).",
            "example": "其他法律行政法规禁止公开",
        },
    )
    origin: str = attrs.field(
        default="",
        validator=one_line,
        metadata={"doc": "在原文件中的位置。Where it was found in the file.", "example": "第3页"},
    )


@record
class Source:
    """The published document a report file was imported from, and what did not fit."""

    file: str = attrs.field(
        validator=[not_blank, a_name],
        metadata={
            "doc": "原文件的名称（不含路径）。The file's name, without its folder.",
            "example": "huaian-2024.pdf",
        },
    )
    sha256: str = attrs.field(
        validator=sha256_hex,
        metadata={"doc": "原文件的 SHA-256 摘要。The file's SHA-256 digest."},
    )
    reader: str = attrs.field(
        validator=[not_blank, a_name],
        metadata={"doc": "读取它的读取器。The reader that read it.", "example": "pdf"},
    )
    tables: dict[str, str] = attrs.field(
        factory=dict,
        validator=one_line_values,
        metadata={
            "doc": "每张统计表在原文件中的位置。Where each statistical table was found.",
            "example": {"requests": "第3–4页"},
        },
    )
    deviations: tuple[Deviation, ...] = attrs.field(
        default=(),
        metadata={
            "doc": "原文所印与格式不符之处，照原样保留；`check` 逐条提示（GR701）。What was "
            "printed but does not fit the format, kept as printed; `check` lists each (GR701).",
        },
    )


@record
class Report:
    """A whole annual report as its author wrote it."""

    edition: str = attrs.field(
        validator=not_blank,
        metadata={
            "doc": "报告遵循的版本（格式），见“版本与统计表”。The edition (format) the report "
            "follows; see Editions and tables.",
            "example": "gb2021",
        },
    )
    year: int = attrs.field(
        validator=report_year,
        metadata={"doc": "报告年度。The year reported on.", "example": 2019},
    )
    agency: Agency = attrs.field(
        metadata={"doc": "发布报告的机关。The agency publishing the report."}
    )
    sections: tuple[Section, ...] = attrs.field(
        default=(),
        metadata={"doc": "正文各部分（一、二、……），按顺序。The sections 一、二、… in order."},
    )
    title: str | None = attrs.field(
        default=None,
        validator=a_name,
        metadata={
            "doc": "报告标题；不写时由版本从机关名称和年度生成。The title; the edition makes "
            "one from the agency and year when left out.",
            "example": "新余市商务局2019年度政府信息公开工作报告",
        },
    )
    date: datetime.date | None = attrs.field(
        default=None,
        validator=date_only,
        metadata={
            "doc": "成文日期（落款）。The date the report is signed.",
            "example": datetime.date(2020, 1, 20),
        },
    )
    figures: dict[str, Figure] = attrs.field(
        factory=dict,
        validator=names_as_keys,
        metadata={
            "doc": "正文中以 `{名称}` 引用的关键数字。Key figures quoted in the text as `{name}`.",
            "example": {"published": {"value": 998, "unit": "条"}},
        },
    )
    introduction: Content = ()
    """The author's opening paragraphs, before 一、 (after any preamble the edition generates)."""
    tables: Tables | None = None
    draft: bool = attrs.field(
        default=False,
        metadata={
            "doc": "草稿：尚待填写的部分和统计表只作为提示列出；完成后删去。A draft still being "
            "filled in: what is missing is listed as warnings; remove it when the report is done.",
            "example": True,
        },
    )
    plugins: tuple[str, ...] = attrs.field(
        default=(),
        metadata={
            "doc": "报告自带的插件模块，在报告的文件夹中；只在加 --allow-local-plugins 时运行。"
            "Plugin modules of the report's own, inside its folder; they run only with "
            "--allow-local-plugins.",
            "example": ["house_plugin.py"],
        },
    )
    source: Source | None = attrs.field(
        default=None,
        metadata={
            "doc": "从已发布的文件导入时，原文件及不符合格式之处（`govreport import` 写入）。"
            "The published file the report was imported from, and what did not fit "
            "(written by `govreport import`).",
        },
    )
    output: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    """Renderer options by format name: the ``[output.docx]`` table and its like."""
    edition_spec: Edition | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """The :class:`~govreport.Edition` that ``edition`` names, resolved when the report was
    loaded (None only for a report built by hand, not loaded)."""
    table_format: TableFormat | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """The :class:`~govreport.TableFormat` its tables follow, resolved when the report was
    loaded: the one ``[tables]`` names, else its edition's; None when it has none."""


def resolve(report: Report, edition: Edition | None, table_format: TableFormat | None) -> None:
    """Attach what the loader resolved to a report it has just structured (only the loader
    calls this: a report is otherwise never changed)."""
    object.__setattr__(report, "edition_spec", edition)
    object.__setattr__(report, "table_format", table_format)


def authored_fields(cls: type) -> tuple[attrs.Attribute, ...]:
    """The fields of an attrs class that a report file holds: not those the loader resolves."""
    return tuple(field for field in attrs.fields(cls) if field.init)


def walk(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Yield ``(path, value)`` for obj and every attrs object, list item and mapping value in it,
    each object before what it holds.

    Paths read as in the report file: ``sections[0].content[2].passed``.
    """
    return iter(_walked(obj, path))


SCALARS = frozenset({str, int, float, bool, type(None), datetime.date})
"""Types walk never looks inside (most of a report's values)."""


@functools.lru_cache(maxsize=1024)
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of an attrs class, None for any other type (walk's hot path)."""
    return tuple(field.name for field in authored_fields(cls)) if attrs.has(cls) else None


def nodes(report: Report) -> list[tuple[str, Any]]:
    """What :func:`walk` yields for the report, as a list made once in a memo scope."""
    return memoized("walk", report, lambda: _walked(report))


def _walked(obj: Any, path: str = "", into: list[tuple[str, Any]] | None = None) -> list:
    """:func:`walk`'s answer as a list, made without a generator (the warm check's hot path).

    Recursive: a report is bounded (structured from data nested at most a dozen deep).
    """
    found = [] if into is None else into
    found.append((path, obj))
    kind = type(obj)
    if kind in SCALARS:
        return found
    names = _field_names(kind)
    if names is not None:
        prefix = f"{path}." if path else ""
        children = [(prefix + name, getattr(obj, name)) for name in names]
    elif isinstance(obj, (tuple, list)):
        children = [(f"{path}[{index}]", child) for index, child in enumerate(obj)]
    elif isinstance(obj, dict):
        prefix = f"{path}." if path else ""
        children = [(prefix + str(key), child) for key, child in obj.items()]
    else:
        return found
    for place, child in children:
        if type(child) in SCALARS:
            found.append((place, child))
        else:
            _walked(child, place, found)
    return found


def find(report: Report, kind: type) -> Iterator[tuple[str, Any]]:
    """Yield ``(path, obj)`` for every object of type ``kind`` anywhere in the report."""
    yield from nodes_of(report, kind)


def nodes_of(report: Report, kind: type) -> list[tuple[str, Any]]:
    """``(path, obj)`` for every object of type ``kind`` in the report, in :func:`walk`'s order."""
    found: dict[type, list[tuple[str, Any]]] = memoized("find", report, dict)
    if kind not in found:
        by_type = nodes_by_type(report)
        matching = [nodes for each, nodes in by_type.items() if issubclass(each, kind)]
        if len(matching) == 1:
            found[kind] = [(path, obj) for _, path, obj in matching[0]]
        else:
            found[kind] = [(path, obj) for _, path, obj in sorted(itertools.chain(*matching))]
    return found[kind]


def nodes_by_type(report: Report) -> dict[type, list[tuple[int, str, Any]]]:
    """Every node of the report by its type, each with its place in :func:`walk`'s order
    (made once in a memo scope)."""
    return memoized("types", report, lambda: _by_type(report))


def _by_type(report: Report) -> dict[type, list[tuple[int, str, Any]]]:
    by_type: dict[type, list[tuple[int, str, Any]]] = {}
    for position, (path, obj) in enumerate(nodes(report)):
        by_type.setdefault(type(obj), []).append((position, path, obj))
    return by_type
