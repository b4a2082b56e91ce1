"""GR5xx — this year's tables against last year's (``govreport check PATH --previous LAST``).

Every rule here does nothing unless the previous year's report is given. When the report given
is not of the year before, only GR504 speaks: comparing other years' figures would only add
findings that mean nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from govreport.builtins.national.common import APPLICANT_PARTS, APPLICANTS
from govreport.checks import Flag, Severity, rule
from govreport.model import Report
from govreport.tables.spec import TableSpec

from .reading import cell_key, related, shown, table_name, values

APPLICANT_LABELS = {column.key: column.label for column in APPLICANTS}


def last_year(report: Report, previous: Report | None) -> Report | None:
    """``previous`` when it is the report of the year before ``report``'s, else None."""
    if previous is not None and previous.year == report.year - 1:
        return previous
    return None


@rule(
    "GR501",
    Severity.INCONSISTENCY,
    "本年“二、上年结转”等于上年“四、结转下年度继续办理”",
    basis="表三“二、上年结转政府信息公开申请数量”即上一年度表三“四、结转下年度继续办理”的数量。",
)
def carried_over(report: Report, previous: Report | None) -> Iterator[Flag]:
    """This year's 二、上年结转 equals last year's 四、结转下年度继续办理.

    Example:
        ```toml
        # this year
        brought_forward = { natural = 34 }
        # last year (--previous)
        carried_forward = { natural = 103 }
        ```

        本年上年结转34，上年报告结转103。The carried-over figures differ.

    Fix:
        按上年报告的“结转下年度继续办理”填写。Copy last year's carried-forward figures.
    """
    previous = last_year(report, previous)
    if previous is None:
        return
    this, last = values(report, "requests"), values(previous, "requests")
    if this is None or last is None:
        return
    spec = this.spec
    for column in (*APPLICANT_PARTS, "total"):
        now, before = this.number("brought_forward", column), last.number("carried_forward", column)
        if (now is None and before is None) or (now or 0) == (before or 0):
            continue
        label = APPLICANT_LABELS[column]
        yield Flag(
            f"tables.requests.brought_forward.{column}",
            f"{table_name(spec)}“{label}”列：二、上年结转为{shown(now)}，但{previous.year}年报告的"
            f"四、结转下年度继续办理为{shown(before)}，两者应相等。",
            (cell_key(spec, "brought_forward", column),),
        )


def _same_format(report: Report, previous: Report, name: str) -> bool:
    return (
        report.tables is not None
        and previous.tables is not None
        and report.tables.format == name
        and previous.tables.format == name
    )


def _label(spec: TableSpec, row: str) -> str:
    found = spec.row(row)
    return found.label if found is not None else row


@rule(
    "GR502",
    Severity.WARNING,
    "现行有效件数等于上年现行有效件数加本年制发件数减本年废止件数（2021年格式）",
    basis="国办公开办函〔2021〕30号表二第二十条第（一）项的含义；修订文件的计法各地不一，只作提示。",
)
def documents_in_force(report: Report, previous: Report | None) -> Iterator[Flag]:
    """表二 (2021): 现行有效 = last year's + 本年制发 − 本年废止.

    Example:
        ```toml
        # last year: rules = { in_force = 10 }
        [tables.active]
        rules = { issued = 1, repealed = 0, in_force = 12 }
        ```

        10 + 1 − 0 = 11，但填了12。The count in force does not follow.

    Fix:
        核对现行有效件数；修订文件计法不同的，在正文说明。
        Check it, or explain how amendments are counted.
    """
    previous = last_year(report, previous)
    if previous is None or not _same_format(report, previous, "gb2021"):
        return
    this, last = values(report, "active"), values(previous, "active")
    if this is None or last is None:
        return
    spec = this.spec
    for row in ("rules", "normative_documents"):
        numbers = related(this, [(row, "issued"), (row, "repealed"), (row, "in_force")])
        before = last.number(row, "in_force")
        if numbers is None or before is None:
            continue
        issued, repealed, in_force = numbers
        expected = before + issued - repealed
        if in_force != expected:
            label = _label(spec, row)
            yield Flag(
                f"tables.active.{row}.in_force",
                f"{table_name(spec)}“{label}”：现行有效件数为{shown(in_force)}，按上年现行有效"
                f"{shown(before)}件加本年制发{shown(issued)}件减本年废止{shown(repealed)}件应为"
                f"{shown(expected)}，请核对（文件修订的计法不同时可说明）。",
                tuple(cell_key(spec, row, c) for c in ("in_force", "issued", "repealed")),
            )


ITEM_ROWS = ("licensing", "other_services", "penalties", "coercion", "fees")


@rule(
    "GR503",
    Severity.WARNING,
    "上一年项目数量等于上年的上一年项目数量加本年增/减（2019年格式）",
    basis="国办公开办函〔2019〕60号表二第二十条第（五）（六）（八）项：上一年项目数量加本年增/减，"
    "即下一年度的上一年项目数量。",
)
def item_counts(report: Report, previous: Report | None) -> Iterator[Flag]:
    """表二 (2019): 上一年项目数量 follows last year's figure and change.

    Example:
        ```toml
        # last year: licensing = { previous = 5, change = 2 }
        [tables.active]
        licensing = { previous = 5 }
        ```

        上年5项加增减2应为7，但填了5。The count does not follow last year's.

    Fix:
        按上年的上一年项目数量加本年增/减填写。Carry last year's count plus its change.
    """
    previous = last_year(report, previous)
    if previous is None or not _same_format(report, previous, "gb2019"):
        return
    this, last = values(report, "active"), values(previous, "active")
    if this is None or last is None:
        return
    spec = this.spec
    for row in ITEM_ROWS:
        now = this.number(row, "previous")
        before = related(last, [(row, "previous"), (row, "change")])
        if now is None or before is None or now == sum(before):
            continue
        label = _label(spec, row)
        yield Flag(
            f"tables.active.{row}.previous",
            f"{table_name(spec)}“{label}”：上一年项目数量为{shown(now)}，但上年报告为"
            f"{shown(before[0])}、本年增/减{shown(before[1])}，应为{shown(sum(before))}。",
            (cell_key(spec, row, "previous"),),
        )


@rule(
    "GR504",
    Severity.WARNING,
    "用于对比的上年报告应是上一年度的",
    basis="跨年度核对只在相邻两个年度的报告之间有意义。",
)
def previous_is_last_year(report: Report, previous: Report | None) -> Iterator[Flag]:
    """The report given with --previous is last year's.

    Example:
        ```toml
        # govreport check 2024 --previous 2022
        ```

        用2022年度报告核对2024年度报告。The previous report is two years back.
        此时其他跨年度规则（GR501—GR503）不运行，只有本条提示。
        The other cross-year rules do not run then; only this one speaks.

    Fix:
        用上一年度的报告作 `--previous`。Pass last year's report.
    """
    if previous is not None and previous.year != report.year - 1:
        yield Flag(
            "year",
            f"用于对比的报告是{previous.year}年度的，本报告是{report.year}年度的；"
            f"跨年度核对应使用{report.year - 1}年度的报告。",
        )
