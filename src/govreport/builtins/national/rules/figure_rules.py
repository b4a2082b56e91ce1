"""GR605–GR608 — key figures of another scope, ratios and percentages, counts bound to nothing."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govreport.checks import Flag, Severity, rule
from govreport.figures import Number, digits_of, part_number, ratio_of, rounded
from govreport.model import Figure, Report
from govreport.numbering import number_text

from .bindings import WELL_KNOWN, binding, cell_binding, disagreeing, quantity_binding
from .reading import cell_key, shown, table_name

COUNT_UNITS = ("件", "宗", "起", "例")
"""Units of a count of applications or cases: a figure in them may state a table quantity."""

SMALLEST_HINTED = 10
"""Counts below this match some table number by chance too often to be hinted at."""

CLOSE = Decimal("0.05")
"""How near a count must be to a table quantity (a twentieth of it, at least 1) to be hinted at."""


@rule(
    "GR605",
    Severity.WARNING,
    "口径不同的关键数字与统计表不同时提示",
    basis="正文与统计表应一致（《中华人民共和国政府信息公开条例》第五十条）；统计口径不同的"
    "数字（本级与全区）可以不同，但应由人确认。",
)
def scoped_figures(report: Report) -> Iterator[Flag]:
    """A figure that states another scope than the table is compared, as a warning.

    Example:
        ```toml
        [figures.office_received]
        value = 17
        unit = "件"
        cell = "requests.new.total"
        scope = "区政府办代表区政府"
        # 表三 一、本年新收 (全区) is 20
        ```

        正文说区政府办代表区政府受理17件，全区表三为20件。Another scope: a person confirms it.

    Fix:
        确认两个数字各自的口径都对；口径其实相同的，删去 scope，不一致将作为错误报告。
        Confirm both numbers; if the scope is the same after all, remove ``scope``.
    """
    for name, figure, bound, number in disagreeing(report, scoped=True):
        yield Flag(
            f"figures.{name}",
            f"正文中的{{{name}}}为{figure}（{figure.scope}），{table_name(bound.table.spec)}"
            f"{bound.description}为{shown(number)}：统计口径不同，请确认两者都对。",
            tuple(cell_key(bound.table.spec, row, column) for row, column in bound.places),
        )


@rule(
    "GR606",
    Severity.INCONSISTENCY,
    "正文写出的比例与其两部分相符",
    basis="年度报告内容应准确；百分比按四舍五入保留所写的小数位。",
)
def ratios_match(report: Report) -> Iterator[Flag]:
    """A typed ratio (``value`` with ``ratio``) equals its parts' quotient, rounded half up.

    Example:
        ```toml
        [figures.withheld_share]
        value = 4.34
        unit = "%"
        ratio = ["applications_withheld", "requests.total.total"]
        # 35 ÷ 805 = 4.3478…% → 4.35%
        ```

        正文说占4.34%，35÷805四舍五入应为4.35%。The percentage is rounded wrongly.

    Fix:
        改正正文的比例；或不写 value，由两部分算出。
        Correct the percentage, or leave out ``value`` so it is computed.
    """
    for name, figure in report.figures.items():
        if figure.ratio is None or figure.value is None:
            continue
        try:
            exact = ratio_of(report, figure)
        except ZeroDivisionError:
            continue  # GR607 says so
        if exact is None:
            continue
        digits = digits_of(figure)
        expected = rounded(exact, digits)
        if expected == rounded(Decimal(repr(figure.value)), digits):
            continue
        (top, over, top_cells), (bottom, under, bottom_cells) = (
            _part(report, part) for part in figure.ratio
        )
        yield Flag(
            f"figures.{name}",
            f"正文中的{{{name}}}为{figure}，但{top}÷{bottom}＝{shown(over)}÷{shown(under)}"
            f"＝{_about(exact)}{figure.unit}，保留{digits}位小数应为{expected:f}{figure.unit}。",
            top_cells + bottom_cells,
        )


@rule(
    "GR607",
    Severity.ERROR,
    "正文引用的数字能从统计表得出",
    basis="正文中的数字应有着落：取自空白单元格、或分母为0的比例，在正文中无法写出。",
    missing_content=True,
)
def figures_can_be_worked_out(report: Report) -> Iterator[Flag]:
    """A figure taken from the tables has a number: its cells are filled in, a ratio's
    denominator is not 0.

    Example:
        ```toml
        [figures.granted_share]
        ratio = ["requests.granted.total", "requests.total.total"]
        unit = "%"
        # 表三 （七）总计 is 0
        ```

        比例的分母为0，无法计算。The ratio divides by 0.

    Fix:
        填写统计表；分母为0时删去这句比例。Fill in the table; drop a ratio of nothing.
    """
    for name, figure in report.figures.items():
        place = f"figures.{name}"
        if figure.value is None and figure.cell is not None:
            bound = binding(report, name, figure)
            if bound is not None and bound.number is None:
                yield Flag(
                    place,
                    f"{{{name}}}取自{table_name(bound.table.spec)}{bound.description}，"
                    "但该单元格空白，正文无法写出这个数字。",
                    tuple(cell_key(bound.table.spec, row, column) for row, column in bound.places),
                )
        if figure.ratio is None:
            continue
        parts = [_part(report, part) for part in figure.ratio]
        cells = parts[0][2] + parts[1][2]
        try:
            exact = ratio_of(report, figure)
        except ZeroDivisionError:
            yield Flag(place, f"{{{name}}}的分母{parts[1][0]}为0，无法计算比例。", cells)
            continue
        if exact is None:
            blank = "、".join(label for label, number, _ in parts if number is None)
            yield Flag(place, f"{{{name}}}的{blank}空白，无法计算比例。", cells)


@rule(
    "GR608",
    Severity.WARNING,
    "与统计表数字相同或相近、却未与之关联的计数",
    basis="正文与统计表应一致；只有关联到单元格的数字才能核对。",
)
def unbound_counts(report: Report) -> Iterator[Flag]:
    """A count (件, 宗, 起, 例) of 10 or more, bound to no cell, that equals or is close to
    (within 5%) a table quantity.

    Example:
        ```toml
        [figures]
        received = { value = 17, unit = "件" }
        # 表三 一、本年新收 总计 is 17
        ```

        {received}与表三一、本年新收相等，却没有关联，无法核对。The count is not checked.

    Fix:
        写 cell = "requests.new.total"（或用约定的名称，如 applications_received）；统计口径
        不同的，写 scope = "本级"。Bind it with ``cell``, or mark another scope with ``scope``.
    """
    for name, figure in report.figures.items():
        if not _unbound_count(name, figure):
            continue
        assert isinstance(figure.value, int)
        equal, close = [], []
        for known, quantity in WELL_KNOWN.items():
            bound = quantity_binding(report, quantity)
            number = bound.number if bound is not None else None
            if bound is None or not number:
                continue
            how = f'cell = "{bound.cell}"' if bound.cell else f"名称 {known}"
            named = f"{bound.description}{shown(number)}（{how}）"
            if number == figure.value:
                equal.append(named)
            elif abs(figure.value - number) <= max(1, CLOSE * Decimal(repr(number))):
                close.append(named)
        if equal:
            found = f"与统计表{'、'.join(equal)}相等"
        elif close:
            found = f"与统计表{'、'.join(close)}相近"
        else:
            continue
        yield Flag(
            f"figures.{name}",
            f"{{{name}}}为{figure}，{found}，但没有关联到统计表，无法核对。说的是同一个数的，"
            f'按括号写明关联；统计口径不同的，写 scope = "本级"（或所指的口径）。',
        )


def _unbound_count(name: str, figure: Figure) -> bool:
    """A whole count in a count unit, bound to nothing and not marked as another scope."""
    return (
        figure.unit in COUNT_UNITS
        and isinstance(figure.value, int)
        and figure.value >= SMALLEST_HINTED
        and figure.cell is None
        and figure.ratio is None
        and figure.scope is None
        and name not in WELL_KNOWN
    )


def _part(report: Report, part: str) -> tuple[str, Number | None, tuple[str, ...]]:
    """A ratio's part: how a message names it ("{applications_withheld}", "“…”表（七）总计"),
    its number (None when blank) and its cells."""
    number = part_number(report, part)
    if part in report.figures:
        return f"{{{part}}}", number, ()
    bound = cell_binding(report, part)
    assert bound is not None  # the loader checked the path
    spec = bound.table.spec
    cells = tuple(cell_key(spec, row, column) for row, column in bound.places)
    return f"{table_name(spec)}{bound.description}", number, cells


def _about(exact: Decimal) -> str:
    """An exact quotient shown to four decimals, with … when it runs on: 4.3478…"""
    short = rounded(exact, 4)
    return number_text(short) + ("…" if short != exact else "")
